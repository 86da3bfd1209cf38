/// Shared pieces of the rate, radius and tuning tests: catalog families at given values and the
/// numeric oracle (MathNet's polynomial roots, from companion-matrix eigenvalues).
module EigenVerify.Filtering.Tests.RateOracles

open System
open System.IO
open MathNet.Numerics
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

let r (s: string) = Rational.parse s

let ok (x: Result<'a, string>) =
    match x with
    | Ok v -> v
    | Error e -> failwith e

/// The rule's p(z, v; θ) with the given values substituted, and the name of v.
let charPolyAt (m: OptimizerModel) (values: (string * string) list) =
    let p, v = ok (ExactMachinery.charPoly m)
    MPoly.substitute (values |> List.map (fun (k, x) -> k, r x) |> Map.ofList) p, v

let familyOf (m: OptimizerModel) (values: (string * string) list) =
    let p, v = charPolyAt m values
    ok (SpectralRadius.family v p)

let catalogFamily (name: string) (values: (string * string) list) = familyOf (Catalog.load name) values

/// The QHM rule of the test fixtures.
let qhm =
    let text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "qhm.rule"))

    match Rule.parse text with
    | Ok m -> m
    | Error e -> failwithf "fixture qhm.rule: %O" e

/// max |root| of the polynomial with these coefficients (lowest degree first), in double.
let numericRadius (coeffs: float[]) =
    let n = coeffs.Length - 1

    if n = 1 then
        abs coeffs.[0]
    else
        FindRoots.Polynomial(coeffs) |> Array.map (fun z -> z.Magnitude) |> Array.max

/// ρ(p(·, v)) in double for the family at a rational v.
let numericRadiusAt (p: MPoly) (variable: string) (v: Rational) =
    MPoly.substitute (Map.ofList [ variable, v ]) p
    |> MPoly.coeffsIn "z"
    |> Array.map (fun c -> Rational.toFloat (MPoly.eval Map.empty c))
    |> numericRadius

/// The numeric worst case over n + 1 equally spaced rational points of [lo, hi].
let numericWorstCase (p: MPoly) (variable: string) (lo: Rational) (hi: Rational) (n: int) =
    [ 0..n ]
    |> List.map (fun i -> numericRadiusAt p variable (lo + (hi - lo) * Rational.ofFraction i n))
    |> List.max

let toFloat (a: AlgebraicNumber) = AlgebraicNumber.toFloat a
let text (a: AlgebraicNumber) = AlgebraicNumber.toString a
let alg (x: Rational) = AlgebraicNumber.ofRational x
