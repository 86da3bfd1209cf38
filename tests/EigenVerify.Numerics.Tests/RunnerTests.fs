module EigenVerify.Numerics.Tests.RunnerTests

open System
open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Numerics

let q (s: string) = Rational.parse s

/// ½λx² in one variable.
let parabola (lambda: string) = Quadratic([ q lambda ], [], [ Rational.zero ])

let runWith (rule: string) (spec: LossSpec) (values: (string * float) list) (start: float[]) =
    let m = Catalog.load rule
    let c = Session.Loss spec
    let step = (Session m).Step spec
    let theta = Array.append (m.Params |> List.map (fun p -> values |> List.find (fst >> (=) p.Name) |> snd) |> Array.ofList) (Array.create c.Loss.Dimension 1.0)
    let outcome, k, final = Runner.iterate { Runner.defaults with Confirmations = 0 } step theta start
    m, c, theta, outcome, k, final

[<Fact>]
let ``gradient descent on ½λx² converges with rho = |1 − αλ| below 2/α and diverges above`` () =
    let m, c, theta, outcome, _, final = runWith "gd" (parabola "1") [ "alpha", 0.5 ] [| 1.3 |]
    Assert.Equal(Converged, outcome)
    Assert.True(abs final.[0] < 1e-10)
    let _, jac = Tangent.evaluate m c theta final
    // exact: 1 − 0.5·1
    Assert.Equal(0.5, Spectrum.spectralRadius jac, 14)
    let _, _, _, outcome2, k2, _ = runWith "gd" (parabola "1") [ "alpha", 2.5 ] [| 1.3 |]
    Assert.Equal(Diverged, outcome2)
    // |1 − 2.5| = 1.5 per step: 1.3·1.5^k passes 10⁶ after about 34 steps
    Assert.InRange(k2, 30, 40)

[<Fact>]
let ``heavy ball's rho on a quadratic is the largest root modulus of z² − (1 + β − αλ)z + β`` () =
    let alpha, beta, lambda = 0.2, 0.6, 3.0
    let m, c, theta, outcome, _, final = runWith "heavy-ball" (parabola "3") [ "alpha", alpha; "beta", beta ] [| 0.9; -0.4 |]
    Assert.Equal(Converged, outcome)
    let _, jac = Tangent.evaluate m c theta final
    let b = 1.0 + beta - alpha * lambda
    let disc = b * b - 4.0 * beta
    let expected = if disc < 0.0 then sqrt beta else (abs b + sqrt disc) / 2.0
    // a 2×2 eigenproblem: rounding of order 1e-15
    Assert.Equal(expected, Spectrum.spectralRadius jac, 12)

[<Fact>]
let ``a run started exactly at the saddle of −½x² stays there although rho = 1 + α > 1`` () =
    let m, c, theta, outcome, k, final = runWith "gd" (parabola "-1") [ "alpha", 0.1 ] [| 0.0 |]
    Assert.Equal(Converged, outcome)
    Assert.Equal(Runner.defaults.Patience, k)
    Assert.Equal(0.0, final.[0])
    let _, jac = Tangent.evaluate m c theta final
    Assert.Equal(1.1, Spectrum.spectralRadius jac, 14)
    // the same loss from any other start leaves the saddle
    let _, _, _, outcome2, _, _ = runWith "gd" (parabola "-1") [ "alpha", 0.1 ] [| 1e-9 |]
    Assert.Equal(Diverged, outcome2)

[<Fact>]
let ``the confirming kick moves a run off a fixed point it only seemed to converge to`` () =
    let m = Catalog.load "gd"
    let spec = parabola "-1"
    let step = (Session m).Step spec
    let theta = [| 0.1; 1.0 |]
    // started exactly at the saddle: without confirmation it "converges" there, with it it leaves
    let plain, _, _ = Runner.iterate { Runner.defaults with Confirmations = 0 } step theta [| 0.0 |]
    Assert.Equal(Converged, plain)
    let confirmed, _, _ = Runner.iterate Runner.defaults step theta [| 0.0 |]
    Assert.Equal(Diverged, confirmed)
    // at a minimum the kick is harmless: the run converges again, to the same point
    let outcome, _, final = Runner.iterate Runner.defaults ((Session m).Step(parabola "1")) [| 0.5; 1.0 |] [| 0.3 |]
    Assert.Equal(Converged, outcome)
    Assert.True(abs final.[0] < 1e-10)

[<Fact>]
let ``USAM converges to a non-critical fixed point of the double well x⁴/4 − x²/2 with a large radius`` () =
    // fixed points with y = x + ρf'(x) = 1, x ≠ 1: ρx² + ρx + 1 = 0, so x = (−ρ − √(ρ² − 4ρ))/(2ρ)
    let rho, alpha = 5.0, 0.1
    let xStar = (-rho - sqrt (rho * rho - 4.0 * rho)) / (2.0 * rho)
    let spec = Coercive([ q "1/4" ], [ { Coefficient = q "-1/2"; Exponents = [ 2 ] } ])
    let m, c, theta, outcome, _, final = runWith "usam" spec [ "alpha", alpha; "rho", rho ] [| xStar + 0.01 |]
    Assert.Equal(Converged, outcome)
    // linear convergence to 1e-12 steps: the limit to 1e-9
    Assert.Equal(xStar, final.[0], 9)
    let g = CompiledLoss.gradientAt c final
    Assert.True(abs g.[0] > 0.1, "a non-critical point: f'(x̄) is far from 0")
    let y = final.[0] + rho * g.[0]
    Assert.Equal(1.0, y, 9)
    let _, jac = Tangent.evaluate m c theta final
    // Jac G = 1 − α f''(y)(1 + ρ f''(x̄)), f'' = 3x² − 1
    let expected = abs (1.0 - alpha * (3.0 * y * y - 1.0) * (1.0 + rho * (3.0 * final.[0] ** 2.0 - 1.0)))
    Assert.Equal(expected, Spectrum.spectralRadius jac, 9)
    Assert.True(Spectrum.spectralRadius jac <= 1.0)

[<Fact>]
let ``a converged run is analysed: critical, Hessian eigenvalues, and their place in the exact region`` () =
    let m = Catalog.load "heavy-ball"
    let session = Session m
    let spec = Quadratic([ q "1"; q "4" ], [ [ q "1"; q "2" ] ], [ q "1/2"; q "-1" ])
    let case =
        { Spec = spec
          ParamDraws = [ q "1/2"; q "1/2" ]
          PrecondDraws = [ q "1/2"; q "1/2" ]
          Start = [ [ q "1"; q "1" ]; [ q "0"; q "0" ] ] }
    let r = Runner.run Runner.defaults session case
    Assert.Equal(Converged, r.Outcome)
    let a = r.Analysis.Value
    Assert.True a.Critical
    Assert.Equal(1.0, a.Eigenvalues.[0], 10)
    Assert.Equal(4.0, a.Eigenvalues.[1], 10)
    match a.Region with
    | Some(Ok region) ->
        // the paper's heavy-ball region at these exact hyperparameters: [0, 2(1 + β)/α]
        let alpha = r.Params.["alpha"]
        let beta = r.Params.["beta"]
        let upper = Rational.ofInt 2 * (Rational.one + beta) / alpha
        Assert.True(Region.contains upper region)
        Assert.False(Region.contains (upper + q "1/1000") region)
        Assert.True(Region.contains Rational.zero region)
        Assert.False(Region.contains (q "-1/1000") region)
        Assert.True(a.RegionDistances |> Array.forall ((=) 0.0))
        // ρ(M(λ)) from the exact characteristic polynomial z² − (1 + β − αλ)z + β
        let af, bf = Rational.toFloat alpha, Rational.toFloat beta
        for l, rhoM in Array.zip a.Eigenvalues a.ModelRhos do
            let b = 1.0 + bf - af * l
            let disc = b * b - 4.0 * bf
            let expected = if disc < 0.0 then sqrt bf else (abs b + sqrt disc) / 2.0
            Assert.Equal(expected, rhoM, 10)
    | other -> failwithf "expected an exact region, got %A" other
    Assert.Empty(RunProperties.violations r)

[<Fact>]
let ``an eigenvalue outside the region and a rho above one are reported as violations`` () =
    let region = { Intervals = [ { Lower = Some { Value = AlgebraicNumber.ofRational Rational.zero; Closed = true }; Upper = Some { Value = AlgebraicNumber.ofRational (q "2"); Closed = true } } ]; Points = [] }
    let analysis =
        { GradientNorm = 0.0
          Critical = true
          Rho = 1.01
          Eigenvalues = [| 1.0; 2.5 |]
          Region = Some(Ok region)
          RegionDistances = [| RegionAt.distance region 1.0; RegionAt.distance region 2.5 |]
          ModelRhos = [| 0.5; 1.5 |] }
    Assert.Equal(0.5, analysis.RegionDistances.[1], 15)
    let r =
        { Case = { Spec = parabola "1"; ParamDraws = []; PrecondDraws = []; Start = [] }
          Params = Map.empty
          Outcome = Converged
          Iterations = 1
          Final = [||]
          Analysis = Some analysis }
    let v = RunProperties.violations r
    Assert.Equal(2, v.Length)
    Assert.StartsWith("(a)", v.[0])
    Assert.StartsWith("(b)", v.[1])
    Assert.Empty(RunProperties.violations { r with Analysis = Some { analysis with Rho = 1.0 + 0.5 * RunProperties.rhoTolerance; Eigenvalues = [| 1.0; 2.0 |]; RegionDistances = [| 0.0; 0.0 |] } })
    // just outside the region but with the linearization's roots inside 1 + tolerance: passes
    Assert.Empty(RunProperties.violations { r with Analysis = Some { analysis with Rho = 1.0; RegionDistances = [| 0.0; 0.5 |]; ModelRhos = [| 0.5; 1.0 + 0.5 * RunProperties.rhoTolerance |] } })

[<Fact>]
let ``property (b) detects a wrong region: heavy-ball limits fall outside gradient descent's region`` () =
    // heavy ball converges at λ up to 2(1 + β)/α, gradient descent only up to 2/α: judged
    // against gd's exact region, some converged heavy-ball runs must fail
    let hb = Catalog.load "heavy-ball"
    let gdRule =
        match RuleAnalysis.linearize (Catalog.load "gd") with
        | Ok s -> s
        | Error e -> failwith e
    let session = Session hb
    let cases = FsCheck.FSharp.Gen.sampleWithSeed (FsCheck.Rnd 5UL) 10 150 (RunCase.caseGen 2 2 Families.quadratic)
    let outside =
        cases
        |> Array.map (Runner.run Runner.defaults session)
        |> Array.filter (fun r -> r.Analysis |> Option.exists (fun a -> a.Critical))
        |> Array.filter (fun r ->
            match RuleAnalysis.exactRegionAt gdRule (Map.ofList [ "alpha", r.Params.["alpha"] ]) with
            | Ok region -> r.Analysis.Value.Eigenvalues |> Array.exists (fun l -> RegionAt.distance region l > RunProperties.regionTolerance * (1.0 + abs l))
            | Error e -> failwith e)
    Assert.NotEmpty(outside)
