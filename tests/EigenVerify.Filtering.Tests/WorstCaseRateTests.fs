module EigenVerify.Filtering.Tests.WorstCaseRateTests

open Xunit
open FsCheck
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.RateOracles

let private worst (family: RateFamily) lo hi = ok (WorstCaseRate.compute family (r lo) (r hi))

let private pointsOf (reg: Region) = reg.Points |> List.map text
let private intervalsOf (reg: Region) =
    reg.Intervals |> List.map (fun i -> text i.Lower.Value.Value, text i.Upper.Value.Value)

[<Property(MaxTest = 60)>]
let ``gradient descent's worst case is max(|1 - alpha*mu|, |1 - alpha*L|)`` (a: PositiveInt) (m: int) (width: PositiveInt) =
    // ρ(λ) = |1 − αλ| is convex in λ, so its maximum over [μ, L] is at an end (textbook).
    let alpha = Rational.ofFraction (a.Get % 30 + 1) 20
    let mu = Rational.ofFraction (m % 50) 7
    let l = mu + Rational.ofFraction (width.Get % 50 + 1) 3
    let result = ok (WorstCaseRate.compute (familyOf (Catalog.load "gd") [ "alpha", string alpha ]) mu l)
    let expected = Rational.max (Rational.abs (Rational.one - alpha * mu)) (Rational.abs (Rational.one - alpha * l))
    AlgebraicNumber.tryRational result.Rate = Some expected

[<Fact>]
let ``heavy ball at its optimal tuning has the plateau sqrt(beta) over the whole spectrum`` () =
    // α = 4/(√L + √μ)² = 4/121, β = ((√κ − 1)/(√κ + 1))² = 81/121 for μ = 1, L = 100: the
    // discriminant (1 + β − αλ)² − 4β vanishes at λ = 1 and λ = 100 and is negative between,
    // where both roots have |z|² = β.
    let result = worst (catalogFamily "heavy-ball" [ "alpha", "4/121"; "beta", "81/121" ]) "1" "100"
    Assert.Equal("9/11", text result.Rate)
    Assert.Equal<(string * string) list>([ "1", "100" ], intervalsOf result.AttainedAt)
    Assert.Empty(result.AttainedAt.Points)

[<Fact>]
let ``Nesterov's worst case on [1/2, 12] derived by hand`` () =
    // p = z² − (1 + β)c z + βc with c = 1 − αλ, α = 1/10, β = 9/10. The roots are complex when
    // 3.61c² < 3.6c, i.e. for 0 < c < 360/361 (λ in (10/361, 10)), where ρ² = βc decreases in λ:
    // at λ = 1/2, ρ² = 0.9·0.95 = 171/200. At λ = 10 (c = 0) p = z², ρ = 0. On (10, 12] c < 0 and
    // the roots are real with ρ = (1.9|c| + √(3.61c² − 3.6c))/2, largest at λ = 12 (c = −1/5):
    // (0.38 + √0.8644)/2 ≈ 0.6549 < √0.855 ≈ 0.9247. So the worst case is √(171/200) = 3√38/20
    // at λ = 1/2 only.
    let result = worst (catalogFamily "nesterov" [ "alpha", "1/10"; "beta", "9/10" ]) "1/2" "12"
    Assert.Equal("171/200", text result.RateSquared)
    Assert.Equal("3/20*sqrt(38)", text result.Rate)
    Assert.Equal<string list>([ "1/2" ], pointsOf result.AttainedAt)
    Assert.Empty(result.AttainedAt.Intervals)
    // λ = 10 (ρ = 0) is among the candidates
    let ten = result.Candidates |> List.find (fun c -> text c.At = "10")
    Assert.Equal("0", text ten.RateSquared)

[<Fact>]
let ``a branch change at an algebraic eigenvalue is a candidate with its exact value`` () =
    // heavy ball α = 1/10, β = 9/10 on [30, 40]: complex roots (ρ² = 9/10) up to λ = 19 + 6√10,
    // real roots after; at λ = 40, p = z² + 2.1z + 0.9 = (z + 0.6)(z + 1.5), so ρ = 3/2 there.
    let result = worst (catalogFamily "heavy-ball" [ "alpha", "1/10"; "beta", "9/10" ]) "30" "40"
    Assert.Equal("3/2", text result.Rate)
    Assert.Equal<string list>([ "40" ], pointsOf result.AttainedAt)
    let meet = result.Candidates |> List.find (fun c -> List.contains BranchesMeet c.Reasons && c.Reasons.Length = 1)
    Assert.Equal("19+6*sqrt(10)", text meet.At)
    Assert.Equal("9/10", text meet.RateSquared)

/// Catalog rules (and the QHM fixture) at random hyperparameters and spectra.
let private scenario (pick: int) (a: int) (b: int) (c: int) =
    let alpha = string (Rational.ofFraction (abs a % 19 + 1) 40)
    let beta = string (Rational.ofFraction (abs b % 10) 10)
    let rho = string (Rational.ofFraction (abs b % 7 + 1) 20)
    let nu = string (Rational.ofFraction (abs c % 11) 10)
    match abs pick % 8 with
    | 0 -> Catalog.load "gd", [ "alpha", alpha ]
    | 1 -> Catalog.load "heavy-ball", [ "alpha", alpha; "beta", beta ]
    | 2 -> Catalog.load "nesterov", [ "alpha", alpha; "beta", beta ]
    | 3 -> Catalog.load "usam", [ "alpha", alpha; "rho", rho ]
    | 4 -> Catalog.load "usam-hb", [ "alpha", alpha; "beta", beta; "rho", rho ]
    | 5 -> Catalog.load "two-step-usam", [ "alpha", alpha; "rho", rho ]
    | 6 -> Catalog.load "usam-nesterov", [ "alpha", alpha; "beta", beta; "rho", rho ]
    | _ -> qhm, [ "alpha", alpha; "beta", beta; "nu", nu ]

[<Property(MaxTest = 40)>]
let ``no eigenvalue on a fine grid beats the exact worst case, and it is attained`` (pick: int) (a: int) (b: int) (c: int) (lo: int) (width: PositiveInt) =
    let m, values = scenario pick a b c
    let p, v = charPolyAt m values
    let mu = Rational.ofFraction (lo % 40) 4
    let l = mu + Rational.ofFraction (width.Get % 60 + 1) 3
    let result = ok (WorstCaseRate.compute (ok (SpectralRadius.family v p)) mu l)
    let exact = toFloat result.Rate
    let grid = numericWorstCase p v mu l 400
    // Rounding moves a root by at most ~1e-8 (a double root: √1e-16), far below 1e-6.
    let bounded = grid <= exact + 1e-6 * (1.0 + exact)
    // at every maximizer (the double nearest an algebraic one: ρ moves by at most √1e-16 · scale
    // there, even at a double root) the numeric radius matches the exact value
    let attained =
        result.AttainedAt.Points @ (result.AttainedAt.Intervals |> List.map (fun i -> i.Lower.Value.Value))
        |> List.map (fun x -> Rational.parse ((toFloat x).ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
        |> List.forall (fun x -> abs (numericRadiusAt p v x - exact) <= 1e-6 * (1.0 + exact))
    bounded && attained

[<Fact>]
let ``an empty spectrum is refused`` () =
    match WorstCaseRate.compute (catalogFamily "gd" [ "alpha", "1/10" ]) (r "2") (r "1") with
    | Error e -> Assert.Contains("empty", e)
    | Ok _ -> failwith "[2, 1] is empty"
