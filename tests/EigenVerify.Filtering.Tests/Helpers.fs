module EigenVerify.Filtering.Tests.Helpers

open EigenVerify.Algebra
open EigenVerify.Filtering

let r (s: string) = Rational.parse s
let q (n: int) (d: int) = Rational.ofFraction n d

/// A polynomial from rational text coefficients, lowest degree first.
let poly (cs: string list) = cs |> List.map r |> Poly.ofCoeffs

let mulAll (ps: Poly list) = ps |> List.fold (*) Poly.one

/// λ as a polynomial in λ, and constants.
let lam = Poly.x
let c (x: Rational) = Poly.constant x

/// Product of polynomials in z whose coefficients are polynomials in λ.
let zMul (a: Poly[]) (b: Poly[]) =
    let res = Array.create (a.Length + b.Length - 1) Poly.zero
    for i in 0 .. a.Length - 1 do
        for j in 0 .. b.Length - 1 do
            res.[i + j] <- res.[i + j] + a.[i] * b.[j]
    res

let regionOf (coeffs: Poly[]) =
    match ExactRegion.ofCoefficients coeffs with
    | Ok reg -> reg
    | Error e -> failwith e

let alg (x: Rational) = AlgebraicNumber.ofRational x

/// The single real root of `p` inside (lo, hi), as an exact algebraic number.
let rootIn (p: Poly) (lo: Rational) (hi: Rational) =
    AlgebraicNumber.realRoots p
    |> List.filter (fun a -> AlgebraicNumber.compare a (alg lo) > 0 && AlgebraicNumber.compare a (alg hi) < 0)
    |> List.exactlyOne

let closed (x: AlgebraicNumber) = Some { Value = x; Closed = true }

let interval lo hi = { Lower = closed lo; Upper = closed hi }

/// z² − (1 + β − a(λ)) z + β: heavy ball with a(λ) in place of αλ.
let heavyBallWith (beta: Rational) (a: Poly) =
    [| c beta; a - c (Rational.one + beta); c Rational.one |]
