module EigenVerify.Filtering.Tests.Helpers

open EigenVerify.Algebra
open EigenVerify.Filtering

let r (s: string) = Rational.parse s
let q (n: int) (d: int) = Rational.ofFraction n d

/// Dense polynomial from rational text coefficients, lowest degree first.
let poly (cs: string list) = cs |> List.map r |> Array.ofList |> FieldPoly.trim Field.rational

let mulAll (ps: Rational[] list) = ps |> List.fold QPoly.mul (QPoly.constant Rational.one)

/// λ as a polynomial in λ, and constants.
let lam = [| Rational.zero; Rational.one |]
let c (x: Rational) = QPoly.constant x

/// Product of polynomials in z whose coefficients are polynomials in λ.
let zMul (a: Rational[][]) (b: Rational[][]) =
    let res = Array.create (a.Length + b.Length - 1) QPoly.zero
    for i in 0 .. a.Length - 1 do
        for j in 0 .. b.Length - 1 do
            res.[i + j] <- QPoly.add res.[i + j] (QPoly.mul a.[i] b.[j])
    res

let charPoly (coeffs: Rational[][]) =
    match LambdaCharPoly.create coeffs with
    | Ok p -> p
    | Error e -> failwith e

let regionOf (coeffs: Rational[][]) =
    match ExactRegion.compute (charPoly coeffs) with
    | Ok reg -> reg
    | Error e -> failwith e

let alg (x: Rational) = Algebraic.ofRational x

/// The single real root of `p` inside (lo, hi), as an exact algebraic number.
let rootIn (p: Rational[]) (lo: Rational) (hi: Rational) =
    Algebraic.realRoots p
    |> List.filter (fun a -> Algebraic.compare a (alg lo) > 0 && Algebraic.compare a (alg hi) < 0)
    |> List.exactlyOne

let closed (x: AlgebraicNumber) = Some { Value = x; Closed = true }

let interval lo hi = { Lower = closed lo; Upper = closed hi }

/// z² − (1 + β − a(λ)) z + β: heavy ball with a(λ) in place of αλ.
let heavyBallWith (beta: Rational) (a: Rational[]) =
    [| c beta; QPoly.sub a (c (Rational.one + beta)); c Rational.one |]
