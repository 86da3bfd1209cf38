module EigenVerify.Filtering.Tests.SpectralRadiusTests

open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.RateOracles

let private radiusOf (cs: int list) = ok (SpectralRadius.ofPolynomial (Poly.ofInts cs))

[<Property(MaxTest = 200)>]
let ``the exact spectral radius matches MathNet's roots on random integer polynomials`` (coefficients: int list) (lead: NonZeroInt) =
    let cs = (coefficients |> List.truncate 4 |> List.map (fun c -> c % 6)) @ [ lead.Get % 4 + (if lead.Get % 4 = 0 then 1 else 0) ]
    let p = Poly.ofInts cs

    Poly.degree p < 1
    || (let exact = ok (SpectralRadius.ofPolynomial p)
        let numeric = numericRadius (Poly.coeffs (Poly.monic p) |> Array.map Rational.toFloat)
        // A root of multiplicity m moves by about δ^(1/m) when the companion matrix is perturbed
        // by δ ≈ 1e-15 (rounding): up to 1e-4 for the quadruple roots degree 4 allows, so 1e-3
        // relative leaves a margin while still catching any wrong root or wrong modulus.
        abs (toFloat exact.Radius - numeric) <= 1e-3 * (1.0 + numeric))

[<Property(MaxTest = 100)>]
let ``a dominant rational root gives exactly its absolute value`` (t: int) (a: int) (b: int) =
    // p = (z − t/3)(z² + c₁z + c₀) with |c₀| ≤ 1/2 and |c₁| ≤ 1/2 (so |c₁| ≤ 1 + c₀: Jury's test puts
    // both roots of the quadratic in the unit disk) and |t/3| ≥ 4/3 > 1: ρ = |t/3| exactly.
    let m = (t % 20 + 20) % 20
    let t = Rational.ofFraction (if m < 4 then 4 + m else m) 3 * (if t < 0 then -Rational.one else Rational.one)
    let c0 = Rational.ofFraction (a % 11) 20
    let c1 = Rational.ofFraction (b % 11) 20
    let p = Poly.ofCoeffs [ -t; Rational.one ] * Poly.ofCoeffs [ c0; c1; Rational.one ]
    let result = ok (SpectralRadius.ofPolynomial p)
    AlgebraicNumber.tryRational result.Radius = Some(Rational.abs t)
    && result.RealRootsOnCircle = [ AlgebraicNumber.ofRational t ]

[<Fact>]
let ``a complex pair z = (1 +- i)/2 has radius sqrt(1/2) and no real root on its circle`` () =
    // z² − z + 1/2 = (z − 1/2)² + 1/4: roots 1/2 ± i/2, |z|² = 1/4 + 1/4 = 1/2.
    let result = ok (SpectralRadius.ofPolynomial (Poly.ofCoeffs [ r "1/2"; r "-1"; r "1" ]))
    Assert.Equal("1/2", text result.RadiusSquared)
    Assert.Equal("1/2*sqrt(2)", text result.Radius)
    Assert.Empty(result.RealRootsOnCircle)

[<Fact>]
let ``zero and multiple roots are handled exactly`` () =
    let zero = radiusOf [ 0; 0; 0; 1 ]
    Assert.Equal("0", text zero.Radius)
    Assert.Equal<string list>([ "0" ], zero.RealRootsOnCircle |> List.map text)
    // (z − 1/2)²(z + 1/2) = z³ − z²/2 − z/4 + 1/8, times 8
    let repeated = radiusOf [ 1; -2; -4; 8 ]
    Assert.Equal("1/2", text repeated.Radius)
    Assert.Equal<string list>([ "-1/2"; "1/2" ], repeated.RealRootsOnCircle |> List.map text)
    // z² + 1: ±i on the unit circle
    let onCircle = radiusOf [ 1; 0; 1 ]
    Assert.Equal("1", text onCircle.Radius)
    Assert.Empty(onCircle.RealRootsOnCircle)

[<Fact>]
let ``heavy ball at an algebraic eigenvalue: the double root -sqrt(beta) and a complex pair`` () =
    // p = z² − (1 + β − αλ)z + β with α = 1/10, β = 9/10. Its discriminant (1.9 − λ/10)² − 3.6
    // vanishes at λ = 19 ± 6√10, roots of λ² − 38λ + 1; at 19 + 6√10, 1 + β − αλ = −2√β, so
    // p = (z + √β)²: ρ = √(9/10) = 3√10/10 with the real root −3√10/10 on the circle.
    let family = catalogFamily "heavy-ball" [ "alpha", "1/10"; "beta", "9/10" ]
    let lambda = AlgebraicNumber.realRoots (Poly.ofInts [ 1; -38; 1 ]) |> Seq.last
    let atDouble = SpectralRadius.atAlgebraic family lambda
    Assert.Equal("3/10*sqrt(10)", text atDouble.Radius)
    Assert.Equal<string list>([ "-3/10*sqrt(10)" ], atDouble.RealRootsOnCircle |> List.map text)
    // at λ = √2 the discriminant is negative: complex roots with |z|² = β
    let atSqrt2 = SpectralRadius.atAlgebraic family (AlgebraicNumber.realRoots (Poly.ofInts [ -2; 0; 1 ]) |> Seq.last)
    Assert.Equal("9/10", text atSqrt2.RadiusSquared)
    Assert.Empty(atSqrt2.RealRootsOnCircle)
    // the rational path agrees at a rational point of the complex stretch
    Assert.Equal("9/10", text (SpectralRadius.at family (r "5")).RadiusSquared)

[<Property(MaxTest = 40)>]
let ``at algebraic eigenvalues the radius matches MathNet's roots`` (a: int) (b: PositiveInt) =
    // λ = a/7 + √(b/5), a root of (λ − a/7)² − b/5, for Nesterov at α = 1/10, β = 9/10
    let family = catalogFamily "nesterov" [ "alpha", "1/10"; "beta", "9/10" ]
    let c = Rational.ofFraction (a % 60) 7
    let d = Rational.ofFraction (b.Get % 40 + 1) 5
    let lambda = AlgebraicNumber.realRoots (Poly.ofCoeffs [ c * c - d; Rational.ofInt -2 * c; Rational.one ]) |> Seq.last
    let exact = toFloat (SpectralRadius.atAlgebraic family lambda).Radius
    let l = toFloat lambda
    // p = z² − 1.9(1 − l/10)z + 0.9(1 − l/10) in double
    let numeric = numericRadius [| 0.9 * (1.0 - l / 10.0); -1.9 * (1.0 - l / 10.0); 1.0 |]
    // a double root is the worst case: a rounding of 1e-16 in the coefficients moves it by 1e-8
    abs (exact - numeric) <= 1e-6 * (1.0 + numeric)

[<Fact>]
let ``polynomials without roots and families with a free hyperparameter are refused`` () =
    match SpectralRadius.ofPolynomial (Poly.constant (r "3")) with
    | Error e -> Assert.Contains("degree 0", e)
    | Ok _ -> failwith "a constant has no spectral radius"
    let p, v = charPolyAt (EigenVerify.Symbolic.Catalog.load "heavy-ball") [ "alpha", "1/10" ]
    match SpectralRadius.family v p with
    | Error e -> Assert.Contains("beta", e)
    | Ok _ -> failwith "beta has no value"
    match SpectralRadius.family "lambda" (MPoly.scale (r "2") (MPoly.var "z") - MPoly.var "lambda") with
    | Error e -> Assert.Contains("not monic", e)
    | Ok _ -> failwith "2z − λ is not monic"

[<Fact>]
let ``a rule with a denominator has its rate at exact values, and the divisor still guards its domain`` () =
    // x' = x − α/(1 − β)·∇f: M = 1 − αλ/(1 − β), so by hand ρ = |1 − αλ/(1 − β)|;
    // at α = 1/10, β = 1/2, λ = 3: |1 − 3/5| = 2/5, and at λ = 15: |1 − 3| = 2
    let parse text =
        match EigenVerify.Symbolic.Rule.parse text with
        | Ok m -> m
        | Error e -> failwithf "%O" e
    let m = parse "optimizer damped\nparams alpha > 0, 0 <= beta < 1\nstate x\nx' = x - alpha/(1 - beta)*grad(x)\n"
    // the symbolic p is not monic (its leading coefficient is D = β − 1), so the symbolic path refuses
    Assert.True(Result.isError (ExactMachinery.charPoly m))
    let values = Map.ofList [ "alpha", r "1/10"; "beta", r "1/2" ]
    let p, v = ok (ExactMachinery.charPolyAt m values)
    Assert.Equal("lambda", v)
    // monic: z − 1 + λ/5
    let z, lambda = MPoly.var "z", MPoly.var "lambda"
    Assert.Equal(z - MPoly.one + MPoly.scale (r "1/5") lambda, p)
    let family = ok (SpectralRadius.family v p)
    Assert.Equal(Some(r "2/5"), AlgebraicNumber.tryRational (SpectralRadius.at family (r "3")).Radius)
    Assert.Equal(Some(r "2"), AlgebraicNumber.tryRational (SpectralRadius.at family (r "15")).Radius)
    // a missing value is refused, not guessed
    Assert.True(Result.isError (ExactMachinery.charPolyAt m (Map.ofList [ "alpha", r "1/10" ])))
    // a divisor that can vanish on the declared domain is refused with its position
    let bad = parse "optimizer bad\nparams alpha > 0, 0 <= beta <= 1\nstate x\nx' = x - alpha/(1 - beta)*grad(x)\n"
    match ExactMachinery.charPolyAt bad values with
    | Error e -> Assert.StartsWith("4:", e)
    | Ok _ -> failwith "expected the undefined denominator to be refused"
