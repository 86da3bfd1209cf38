namespace EigenVerify.Filtering

open System
open System.Globalization
open EigenVerify.Algebra

/// The few operations on real algebraic numbers that regions need, on the dense coefficient
/// arrays used in this project (one place that knows how `Poly` and `AlgebraicNumber` are called).
[<RequireQualifiedAccess>]
module Algebraic =

    let toPoly (a: Rational[]) = Poly.ofCoeffs (List.ofArray a)
    let ofPoly (p: Poly) = Poly.coeffs p

    /// Distinct real roots, ascending; the polynomial must be nonzero.
    let realRoots (a: Rational[]) : AlgebraicNumber list = AlgebraicNumber.realRoots (toPoly a) |> List.ofSeq

    let signAt (a: Rational[]) (x: AlgebraicNumber) = AlgebraicNumber.signAt (toPoly a) x
    let compare (a: AlgebraicNumber) (b: AlgebraicNumber) = AlgebraicNumber.compare a b
    let ofRational (x: Rational) = AlgebraicNumber.ofRational x
    let tryRational (x: AlgebraicNumber) = AlgebraicNumber.tryRational x
    let rationalBetween (a: AlgebraicNumber) (b: AlgebraicNumber) = AlgebraicNumber.rationalBetween a b
    let definingPolynomial (x: AlgebraicNumber) = ofPoly (AlgebraicNumber.definingPoly x)

    /// "38", "95/7", "-10+10*sqrt(5)", or "root(…, [lo, hi])" beyond degree 2.
    let toText (x: AlgebraicNumber) = AlgebraicNumber.toString x
    let toLatex (x: AlgebraicNumber) = AlgebraicNumber.toLatex x

    /// The nearest double, from 20 certified significant digits (so at least 15 are correct).
    let toFloat (x: AlgebraicNumber) =
        match tryRational x with
        | Some r when r.IsZero -> 0.0
        | _ -> Double.Parse(AlgebraicNumber.toDecimal 20 x, CultureInfo.InvariantCulture)
