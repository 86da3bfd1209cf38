/// The generic dense polynomials and the critical polynomials, checked against the fraction-free
/// integer algorithms behind `Poly`, textbook definitions and hand derivations.
module EigenVerify.Algebra.Tests.DensePolyTests

open Xunit
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Algebra.Tests.Oracles

let private p (cs: int list) = Poly.ofInts cs
let private f = Field.rational
let private arr (x: Poly) = Poly.coeffs x
let private ofArr (a: Rational[]) = Poly.ofCoeffs (List.ofArray a)

[<Property(MaxTest = 100)>]
let ``Euclid over Q gives the monic gcd of the subresultant algorithm over Z`` (a: int list) (b: int list) (c: int list) =
    let a, b, c = p (List.truncate 5 a), p (List.truncate 5 b), p (List.truncate 4 c)
    ofArr (DensePoly.gcd f (arr (a * c)) (arr (b * c))) = Poly.gcd (a * c) (b * c)

[<Property(MaxTest = 100)>]
let ``the resultant by remainder sequences is the Sylvester determinant`` (a: int list) (b: int list) =
    let a, b = p (List.truncate 7 a), p (List.truncate 7 b)
    DensePoly.resultant f (arr a) (arr b) = sylvesterResultant a b

[<Property(MaxTest = 100)>]
let ``an inverse modulo a coprime polynomial multiplies to one`` (a: int list) (m: int list) =
    let a, m = p (List.truncate 5 a), p (List.truncate 5 m)
    // only coprime pairs with a modulus of positive degree have an inverse
    Poly.degree m < 1 || Poly.degree (Poly.gcd a m) <> 0
    || (let s = ofArr (DensePoly.inverseMod f (arr a) (arr m))
        snd (Poly.divRem (s * a - Poly.one) m) = Poly.zero)

[<Fact>]
let ``resultants over Q(x) are polynomials in x when the inputs are`` () =
    // Res_z(z² − x, 2z) = lc(2z)^2 · (z² − x at the root z = 0 of 2z) = 4·(−x)
    let ff = FractionField.field
    let a = [| FractionField.ofPoly (-Poly.x); FractionField.ofPoly Poly.zero; FractionField.ofPoly Poly.one |]
    let b = [| FractionField.ofPoly Poly.zero; FractionField.ofPoly (Poly.constant (r 2)) |]
    Assert.Equal(Some(Poly.scale (r -4) Poly.x), FractionField.tryPolynomial (DensePoly.resultant ff (DensePoly.trim ff a) (DensePoly.trim ff b)))

/// Determinant by the Leibniz formula: an independent oracle for Bareiss elimination.
let rec private leibniz (m: Rational[][]) =
    let n = m.Length

    if n = 1 then
        m.[0].[0]
    else
        [ 0 .. n - 1 ]
        |> List.fold
            (fun acc j ->
                let minor = Array.init (n - 1) (fun i -> Array.init (n - 1) (fun k -> m.[i + 1].[if k < j then k else k + 1]))
                let term = m.[0].[j] * leibniz minor
                if j % 2 = 0 then acc + term else acc - term)
            Rational.Zero

[<Property(MaxTest = 100)>]
let ``fraction-free determinants of rational matrices match the Leibniz expansion`` (entries: (int * int) list) =
    // small entries with zeros among them, so that pivots vanish and rows must be swapped
    let entries = Array.ofList (entries @ List.replicate 16 (0, 1))
    let m = Array.init 4 (fun i -> Array.init 4 (fun j -> let a, b = entries.[4 * i + j] in q (a % 4) (1 + abs b % 5)))
    CriticalPolynomial.determinant m = leibniz m

[<Property(MaxTest = 60)>]
let ``the critical polynomial is the resultant of p and its reversal at points between the interpolation nodes`` (entries: int list) (k: int) =
    // a monic family of degree 1 … 4 in z with coefficients of degree ≤ 2 in λ; the subresultant
    // resultant over ℤ at non-integer λ is an independent oracle for the interpolated D
    let k = 1 + abs k % 4
    let entries = Array.ofList (entries @ List.replicate (3 * k) 0)
    let family = Array.init (k + 1) (fun i -> if i = k then Poly.one else Poly.ofInts [ for j in 0 .. 2 -> entries.[3 * i + j] % 4 ])
    let d = UnitDisk.criticalPolynomial family
    [ q 1 3; q -7 2; q 5 11 ]
    |> List.forall (fun x ->
        let p = family |> Array.map (Poly.eval x)
        Poly.eval x d = Poly.resultant (Poly.ofCoeffs (List.ofArray p)) (Poly.ofCoeffs (List.rev (List.ofArray p))))

[<Fact>]
let ``the critical polynomial of gradient descent is alpha*lambda*(2 - alpha*lambda)`` () =
    // p = z − 1 + αλ, p* = 1 + (αλ − 1) z, D = p*(1 − αλ) = 1 − (1 − αλ)² = αλ(2 − αλ), α = 1/10
    let d = UnitDisk.criticalPolynomial [| Poly.ofCoeffs [ r -1; q 1 10 ]; Poly.one |]
    Assert.Equal(Poly.ofCoeffs [ r 0; q 1 5; q -1 100 ], d)

[<Fact>]
let ``a family that is not monic in z is refused`` () =
    Assert.Throws<System.ArgumentException>(fun () -> UnitDisk.criticalPolynomial [| Poly.one; Poly.constant (r 2) |] |> ignore) |> ignore
