module EigenVerify.Algebra.Tests.PolyMatrixTests

open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Algebra.Tests.Oracles

let private lam, alpha = MPoly.var "lambda", MPoly.var "alpha"
let private c (n: int) = MPoly.constant (r n)

/// Cofactor expansion along the first row: the textbook definition, k! products.
let rec private cofactorDet (a: MPoly[,]) : MPoly =
    let n = Array2D.length1 a
    if n = 0 then
        MPoly.one
    else
        [ 0 .. n - 1 ]
        |> List.fold
            (fun acc col ->
                let minor = Array2D.init (n - 1) (n - 1) (fun i j -> a.[i + 1, (if j < col then j else j + 1)])
                let term = a.[0, col] * cofactorDet minor
                if col % 2 = 0 then acc + term else acc - term)
            MPoly.zero

/// A k×k matrix whose entries are small polynomials in λ and α, from FsCheck integers; zero
/// entries are frequent so that pivots vanish and sparse patterns occur.
let private matrixOf (k: int) (raw: int list) =
    let pick i = if raw.IsEmpty then 0 else raw.[i % raw.Length]
    Array2D.init k k (fun i j ->
        let t = 3 * (i * k + j)
        let a, b, d = pick t % 4, pick (t + 1) % 3, pick (t + 2) % 2
        if (i + j + pick t) % 3 = 0 then MPoly.zero else c a + c b * lam + c d * alpha * lam)

[<Property(MaxTest = 60)>]
let ``the characteristic polynomial equals det(zI - A) by cofactor expansion`` (size: int) (raw: int list) =
    let k = 1 + abs size % 5
    let a = matrixOf k raw
    let z = MPoly.var "z"
    let expected = cofactorDet (Array2D.init k k (fun i j -> (if i = j then z else MPoly.zero) - a.[i, j]))
    MPoly.isZero (PolyMatrix.characteristicPolynomial "z" a - expected)

[<Property(MaxTest = 60)>]
let ``the determinant at rational points equals Gaussian elimination over Q`` (size: int) (raw: int list) (l: int) (al: int) =
    let k = 1 + abs size % 6
    let a = matrixOf k raw
    let at = Map.ofList [ "lambda", q l 3; "alpha", q al 5 ]
    PolyMatrix.determinant a |> MPoly.eval at = determinant (Array2D.map (MPoly.eval at) a)

[<Fact>]
let ``Cayley-Hamilton: a dense 7x7 matrix satisfies its characteristic polynomial`` () =
    // an integer matrix with no zero entry, so no step of the algorithm is skipped
    let k = 7
    let m = Array2D.init k k (fun i j -> r (((i + 2) * (j + 3) * 7 + i - j) % 11 - 5))
    let coeffs = PolyMatrix.characteristicCoefficients (Array2D.map MPoly.constant m)
    Assert.Equal(k + 1, coeffs.Length)
    Assert.Equal(MPoly.one, coeffs.[k])
    let mul (a: Rational[,]) (b: Rational[,]) =
        Array2D.init k k (fun i j -> Seq.sum [ for t in 0 .. k - 1 -> a.[i, t] * b.[t, j] ])
    let mutable power = Array2D.init k k (fun i j -> if i = j then Rational.one else Rational.zero)
    let mutable total = Array2D.create k k Rational.zero
    for i in 0 .. k do
        let ci = (MPoly.tryConstant coeffs.[i]).Value
        total <- Array2D.init k k (fun a b -> total.[a, b] + ci * power.[a, b])
        power <- mul power m
    Assert.True(total |> Seq.cast<Rational> |> Seq.forall (fun x -> x.IsZero), "p(A) should be the zero matrix")

[<Fact>]
let ``a companion matrix gives back the polynomial it was built from`` () =
    // z^4 - (1 + alpha*lambda) z^3 + 2 z - lambda: last row of the companion matrix holds −c_i
    let cs = [| -lam; c 2; MPoly.zero; -(c 1 + alpha * lam) |]
    let k = cs.Length
    let a = Array2D.init k k (fun i j -> if i < k - 1 then (if j = i + 1 then MPoly.one else MPoly.zero) else -cs.[j])
    let expected = MPoly.ofCoeffsIn "z" (List.ofArray (Array.append cs [| MPoly.one |]))
    Assert.Equal(expected, PolyMatrix.characteristicPolynomial "z" a)

[<Fact>]
let ``non-square matrices and a variable that occurs in the matrix are refused`` () =
    Assert.Throws<System.ArgumentException>(fun () -> PolyMatrix.determinant (Array2D.create 2 3 MPoly.one) |> ignore) |> ignore
    let withZ = Array2D.create 2 2 (MPoly.var "z")
    let e = Assert.Throws<System.ArgumentException>(fun () -> PolyMatrix.characteristicPolynomial "z" withZ |> ignore)
    Assert.Contains("'z'", e.Message)
    Assert.Equal(MPoly.one, PolyMatrix.determinant (Array2D.create 0 0 MPoly.zero))
