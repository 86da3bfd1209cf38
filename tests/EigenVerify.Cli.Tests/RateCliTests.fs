/// The `rate`, `tune`, `plot`, `region --radius`, `region --stochastic`, `prove --radius` and
/// `prove --stochastic` commands, in-process, against hand derivations, textbook formulas and
/// numeric root scans.
module EigenVerify.Cli.Tests.RateCliTests

open System
open System.IO
open System.Text.Json
open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.TestSupport
open EigenVerify.Filtering.Tests.RateOracles
open EigenVerify.Cli.Tests.CliRunner
open EigenVerify.Cli.Tests.SolverFacts

let private json (args: string list) =
    let code, out, err = run args
    Assert.True((code = 0), err)
    JsonDocument.Parse(out).RootElement

let private exact (e: JsonElement) (field: string) = e.GetProperty(field).GetProperty("exact").GetString()

let private withTempFile (text: string) (f: string -> unit) =
    use dir = new TempDir()
    let path = dir.File "curvatures.txt"
    File.WriteAllText(path, text)
    f path

[<Fact>]
let ``rate at one eigenvalue is exact: heavy ball by hand`` () =
    // α = 1/10, β = 9/10, λ = 1: p = z² − 9/5 z + 9/10 has discriminant 81/25 − 18/5 < 0, so the
    // roots are a conjugate pair of modulus √(9/10) = 3√10/10
    let at1 = json [ "rate"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=9/10"; "--lambda"; "1"; "--format"; "json" ]
    Assert.Equal("3/10*sqrt(10)", exact at1 "rate")
    Assert.Equal("9/10", exact at1 "rateSquared")
    Assert.Equal("complex pair", at1.GetProperty("dominant").GetString())
    // the certified digits of 3√10/10 = 0.94868329805051379959…
    Assert.Equal("0.94868329805051379959", at1.GetProperty("rate").GetProperty("digits").GetString())
    // λ = 38, the region's upper end 2(1 + β)/α: p = z² + 19/10·0·z… p(−1) = 1 + (19/10 − 38/10) + 9/10 = 0,
    // so −1 is a root and the other is 9/10 / (−1) = −9/10: ρ = 1 with the real root −1
    let at38 = json [ "rate"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=9/10"; "--lambda"; "38"; "--format"; "json" ]
    Assert.Equal("1", exact at38 "rate")
    Assert.Equal("real", at38.GetProperty("dominant").GetString())
    Assert.Equal("-1", at38.GetProperty("realRootsOnCircle").[0].GetProperty("exact").GetString())

[<Fact>]
let ``worst-case rate over a spectrum agrees with the textbook plateau and with a numeric root scan`` () =
    // the textbook heavy ball on [1, 100]: α = 4/121, β = 81/121 gives ρ = √β = 9/11 on all of [1, 100]
    let hb = json [ "rate"; "--optimizer"; "heavy-ball"; "--params"; "alpha=4/121,beta=81/121"; "--spectrum"; "1..100"; "--format"; "json" ]
    Assert.Equal("9/11", exact hb "rate")
    let attained = hb.GetProperty("attainedAt").GetProperty("intervals")
    Assert.Equal(1, attained.GetArrayLength())
    Assert.Equal("1", attained.[0].GetProperty("lower").GetProperty("exact").GetString())
    Assert.Equal("100", attained.[0].GetProperty("upper").GetProperty("exact").GetString())
    // USAM at α = 1/100, ρ = 1/20 on [1, 30]: against MathNet's roots on 3000 grid points. ρ(λ) =
    // |1 − α λ(1 + ρλ)| is Lipschitz with constant α(1 + 2ρ·30) = 4/100 there, so the grid (step
    // 29/3000) is within 4e-4 of the true maximum, and a grid point cannot exceed it.
    let m = Catalog.load "usam"
    let usam = json [ "rate"; "--optimizer"; "usam"; "--params"; "alpha=1/100,rho=1/20"; "--spectrum"; "1..30"; "--format"; "json" ]
    let rate = usam.GetProperty("rate").GetProperty("approx").GetDouble()
    let p, v = charPolyAt m [ "alpha", "1/100"; "rho", "1/20" ]
    let scan = numericWorstCase p v (r "1") (r "30") 3000
    Assert.InRange(rate - scan, -1e-12, 4e-4)
    // by hand: 1 − λ(1 + λ/20)/100 at λ = 30 is 1 − 75/100 = 1/4; at λ = 1: 1 − 21/2000 = 1979/2000, the max
    Assert.Equal("1979/2000", exact usam "rate")

[<Fact>]
let ``tune finds the textbook gradient descent and heavy ball optima, with the default box stated`` () =
    // gradient descent: α* = 2/(μ + L) = 2/101, rate (κ − 1)/(κ + 1) = 99/101
    let gd = json [ "tune"; "--optimizer"; "gd"; "--spectrum"; "1..100"; "--free"; "alpha"; "--format"; "json" ]
    Assert.Equal("2/101", gd.GetProperty("parameters").GetProperty("alpha").GetProperty("exact").GetString())
    Assert.Equal("99/101", exact gd "rate")
    Assert.Equal("exact", gd.GetProperty("certificate").GetProperty("kind").GetString())
    // the default box of α ends at 2/L = 1/50: beyond it λ = L has |1 − αL| > 1
    let box = gd.GetProperty("box").[0]
    Assert.Equal("1/50", box.GetProperty("max").GetString())
    Assert.True(box.GetProperty("default").GetBoolean())
    // heavy ball: α* = 4/(√L + √μ)² = 4/121, β* = ((√κ − 1)/(√κ + 1))² = 81/121, rate 9/11
    let hb = json [ "tune"; "--optimizer"; "heavy-ball"; "--spectrum"; "1..100"; "--free"; "alpha,beta"; "--format"; "json" ]
    Assert.Equal("4/121", hb.GetProperty("parameters").GetProperty("alpha").GetProperty("exact").GetString())
    Assert.Equal("81/121", hb.GetProperty("parameters").GetProperty("beta").GetProperty("exact").GetString())
    Assert.Equal("9/11", exact hb "rate")
    let cert = hb.GetProperty("certificate")
    Assert.Equal("epsilon", cert.GetProperty("kind").GetString())
    // the certified level lies in [9/11 − ε, 9/11) with ε the default 1/1000
    let level = Rational.parse (cert.GetProperty("level").GetString())
    Assert.True(level < r "9/11" && level >= r "9/11" - r "1/1000")
    // α's default upper end: β = 1 allows α up to 4/L = 1/25 at λ = L (p(−1) = 4 − αL ≥ 0)
    Assert.Equal("1/25", hb.GetProperty("box").[0].GetProperty("max").GetString())

[<Fact>]
let ``tune at fixed rho reproduces the USAM optimum derived by hand, and --box overrides the default`` () =
    // USAM is gradient descent on s(λ) = λ(1 + λ/20), increasing on [1, 100]: α* = 2/(s(1) + s(100)) = 40/12021
    let usam = json [ "tune"; "--optimizer"; "usam"; "--spectrum"; "1..100"; "--free"; "alpha"; "--fixed"; "rho=1/20"; "--box"; "alpha=0..1/100"; "--format"; "json" ]
    Assert.Equal("40/12021", usam.GetProperty("parameters").GetProperty("alpha").GetProperty("exact").GetString())
    Assert.Equal("3993/4007", exact usam "rate")
    let box = usam.GetProperty("box").[0]
    Assert.Equal("1/100", box.GetProperty("max").GetString())
    Assert.False(box.GetProperty("default").GetBoolean())

[<Fact>]
let ``region --radius gives the exact radius-r region and its closed form`` () =
    // heavy ball α = 1/10, β = 9/10, r = 19/20: p(r) ≥ 0 ⟺ λ ≥ 1/38 and p(−r) ≥ 0 ⟺ λ ≤ 1443/38
    // (p(±r) = r² ∓ (19/10 − λ/10) r + 9/10, linear in λ), and β = 9/10 ≤ r² = 361/400 holds
    let g = json [ "region"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=9/10"; "--radius"; "19/20"; "--format"; "json" ]
    Assert.Equal("19/20", g.GetProperty("radius").GetString())
    let i = g.GetProperty("intervals").[0]
    Assert.Equal("1/38", i.GetProperty("lower").GetProperty("exact").GetString())
    Assert.Equal("1443/38", i.GetProperty("upper").GetProperty("exact").GetString())
    // r = 9/10 < √β: the product of the roots is β, so some root has modulus ≥ √β > r: empty
    let empty = json [ "region"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=9/10"; "--radius"; "9/10"; "--format"; "json" ]
    Assert.Equal(0, empty.GetProperty("intervals").GetArrayLength())
    // the closed form's three conditions, and its last one is r² − β
    let cf = json [ "region"; "--optimizer"; "heavy-ball"; "--radius"; "19/20"; "--format"; "json" ]
    let conditions = cf.GetProperty("conditions")
    Assert.Equal(3, conditions.GetArrayLength())
    Assert.Equal("361/400 - beta >= 0", conditions.[2].GetProperty("condition").GetString())

[<Fact>]
let ``region --stochastic matches the gradient descent formula derived by hand`` () =
    // GD: E[(1 − αa)²] = (1 − αλ)² + α²σ² ≤ 1 ⟺ (λ − 10)² ≤ 100 − σ² at α = 1/10, with
    // σ² = p·s² = 121/3996 · 75 = 3025/1332 (B = 32, n = 1000); 100 − σ² = 130175/1332 and
    // √(130175/1332) = (5/222)√192659
    let g = json [ "region"; "--optimizer"; "gd"; "--stochastic"; "--params"; "alpha=1/10"; "--batch"; "32"; "--samples"; "1000"; "--spread"; "75"; "--format"; "json" ]
    let model = g.GetProperty("model")
    Assert.Equal("121/3996", model.GetProperty("factor").GetString())
    Assert.Equal("3025/1332", model.GetProperty("batchVariance").GetString())
    let i = g.GetProperty("intervals").[0]
    Assert.Equal("10-5/222*sqrt(192659)", i.GetProperty("lower").GetProperty("exact").GetString())
    Assert.Equal("10+5/222*sqrt(192659)", i.GetProperty("upper").GetProperty("exact").GetString())

[<Fact>]
let ``region --stochastic with a curvature list uses the list's exact moments`` () =
    // curvatures 1, 3 with B = 1 of n = 2: a_B is 1 or 3, mean 2, variance 1; GD at α = 1/2:
    // E[(1 − a/2)²] = (1 − λ/2)² + 1/4 ≤ 1 ⟺ |λ − 2| ≤ √3 (the list is shifted to mean λ)
    withTempFile "# two samples\n1, 3\n" (fun path ->
        let g = json [ "region"; "--optimizer"; "gd"; "--stochastic"; "--params"; "alpha=1/2"; "--batch"; "1"; "--curvatures"; path; "--format"; "json" ]
        Assert.Equal("1", g.GetProperty("model").GetProperty("batchVariance").GetString())
        Assert.Equal(2, g.GetProperty("model").GetProperty("curvatureCount").GetInt32())
        let i = g.GetProperty("intervals").[0]
        Assert.Equal("2-sqrt(3)", i.GetProperty("lower").GetProperty("exact").GetString())
        Assert.Equal("2+sqrt(3)", i.GetProperty("upper").GetProperty("exact").GetString())
        Assert.True(g.GetProperty("listMeanInside").GetBoolean()))

[<Fact>]
let ``the stochastic closed form of gradient descent is the hand-derived condition`` () =
    let g = json [ "region"; "--optimizer"; "gd"; "--stochastic"; "--format"; "json" ]
    // 1 − (1 − αλ)² − α²σ² = 2αλ − α²λ² − α²σ² ≥ 0
    Assert.Equal("sigma2 >= 0 and -alpha^2*lambda^2 - alpha^2*sigma2 + 2*alpha*lambda >= 0", g.GetProperty("closedForm").GetString())

[<Fact>]
let ``bad rate, tune and region inputs are one error line with exit code 2`` () =
    let hb = [ "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=9/10" ]
    assertBadInput ([ "rate" ] @ hb @ [ "--lambda"; "1"; "--spectrum"; "1..2" ]) "not both"
    assertBadInput ([ "rate" ] @ hb) "give --lambda"
    assertBadInput ([ "rate" ] @ hb @ [ "--spectrum"; "100..1" ]) "--spectrum: the interval 100..1 is empty"
    assertBadInput ([ "rate" ] @ hb @ [ "--lambda"; "x" ]) "--lambda: 'x' is not an exact number"
    assertBadInput [ "rate"; "--optimizer"; "heavy-ball"; "--lambda"; "1" ] "--params is required"
    assertBadInput [ "tune"; "--optimizer"; "heavy-ball"; "--spectrum"; "1..100"; "--free"; "gamma" ] "unknown hyperparameter 'gamma'"
    assertBadInput [ "tune"; "--optimizer"; "heavy-ball"; "--spectrum"; "1..100"; "--free"; "alpha" ] "give a value to beta"
    assertBadInput [ "tune"; "--optimizer"; "heavy-ball"; "--spectrum"; "1..100"; "--free"; "alpha"; "--fixed"; "beta=1/2"; "--box"; "beta=0..1" ] "'beta' is not a free hyperparameter"
    assertBadInput [ "tune"; "--optimizer"; "gd"; "--spectrum"; "1..100"; "--free"; "alpha"; "--epsilon"; "0" ] "--epsilon must be positive"
    assertBadInput ([ "region" ] @ hb @ [ "--radius"; "0" ]) "--radius must be positive"
    assertBadInput ([ "region" ] @ hb @ [ "--radius"; "1/2"; "--stochastic" ]) "not both"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--stochastic"; "--batch"; "2" ] "give --spread"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--stochastic"; "--batch"; "20"; "--samples"; "10"; "--spread"; "1" ] "the batch size B must be between 1"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--batch"; "2" ] "need --stochastic"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--stochastic"; "--batch"; "2" ] "need --params"
    // a rule of degree 2 in λ needs the curvatures' higher moments, which a variance does not fix
    assertBadInput [ "region"; "--optimizer"; "usam"; "--params"; "alpha=1/10,rho=1/20"; "--stochastic"; "--batch"; "2"; "--samples"; "10"; "--spread"; "1" ] "give the list of per-sample curvatures"
    withTempFile "1\n2\n3/x\n" (fun path ->
        assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--stochastic"; "--batch"; "1"; "--curvatures"; path ] (path + ":3: '3/x' is not an exact number"))
    assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--stochastic"; "--batch"; "1"; "--curvatures"; "/nonexistent/c.txt" ] "no such file"

let private withTempDir (f: string -> unit) =
    use dir = new TempDir()
    f dir.Path

[<Fact>]
let ``plot writes each figure as PNG or SVG and leaves no temporary file`` () =
    withTempDir (fun dir ->
        let csv = Path.Combine(dir, "meansquare-points.csv")
        File.WriteAllText(csv, "optimizer,lambda_max,sigma2\ngd,5,10\nheavy-ball,3,3\n")
        let cases =
            [ [ "--kind"; "rate"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=9/10"; "--range"; "-5..45"; "--radius"; "19/20" ], "rate.png"
              [ "--kind"; "catalog" ], "catalog.svg"
              [ "--kind"; "stability"; "--optimizer"; "usam"; "--x"; "lambda=-40..20"; "--y"; "rho=0..1/5"; "--params"; "alpha=1/10" ], "usam.png"
              [ "--kind"; "meansquare"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--range"; "0..20"; "--points"; csv ], "ms.png" ]
        for args, file in cases do
            let path = Path.Combine(dir, file)
            let code, out, err = run ([ "plot" ] @ args @ [ "--out"; path ])
            Assert.True((code = 0), err)
            Assert.Equal(sprintf "wrote %s" path, out.Trim())
            let bytes = File.ReadAllBytes path
            if file.EndsWith ".png" then
                // the PNG signature: 0x89 'P' 'N' 'G'
                Assert.Equal<byte[]>([| 0x89uy; 0x50uy; 0x4Euy; 0x47uy |], Array.sub bytes 0 4)
            else
                Assert.Contains("<svg", Text.Encoding.UTF8.GetString bytes)
        let names = Directory.GetFiles dir |> Array.map Path.GetFileName |> Array.sort
        Assert.Equal<string[]>([| "catalog.svg"; "meansquare-points.csv"; "ms.png"; "rate.png"; "usam.png" |], names))

[<Fact>]
let ``bad plot inputs are one error line with exit code 2 and write nothing`` () =
    withTempDir (fun dir ->
        let png = Path.Combine(dir, "x.png")
        assertBadInput [ "plot"; "--kind"; "catalog"; "--out"; Path.Combine(dir, "x.jpg") ] "must end in .png or .svg"
        assertBadInput [ "plot"; "--kind"; "pie"; "--out"; png ] "unknown plot 'pie'"
        assertBadInput [ "plot"; "--kind"; "rate"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--out"; png ] "needs --range"
        assertBadInput [ "plot"; "--kind"; "stability"; "--optimizer"; "heavy-ball"; "--x"; "alpha=0..1"; "--y"; "beta=0..1"; "--out"; png ] "give lambda"
        assertBadInput [ "plot"; "--kind"; "stability"; "--optimizer"; "heavy-ball"; "--x"; "gamma=0..1"; "--y"; "beta=0..1"; "--params"; "lambda=1"; "--out"; png ] "unknown axis 'gamma'"
        assertBadInput [ "plot"; "--kind"; "rate"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--range"; "0..1"; "--out"; Path.Combine(dir, "missing", "x.png") ] "does not exist"
        let csv = Path.Combine(dir, "points.csv")
        File.WriteAllText(csv, "optimizer,lambda_max,sigma2\ngd,5,ten\n")
        assertBadInput [ "plot"; "--kind"; "meansquare"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--range"; "0..20"; "--points"; csv; "--out"; png ] (csv + ":2: 'ten' is not a number")
        Assert.Equal<string[]>([| "points.csv" |], Directory.GetFiles dir |> Array.map Path.GetFileName))

[<Fact>]
let ``prove --radius and --stochastic write their certificates to the output folder, one file per direction`` () =
    withTempDir (fun dir ->
        let code, out, err = run [ "prove"; "--optimizer"; "heavy-ball"; "--radius"; "19/20"; "--out"; dir ]
        Assert.True((code = 0), err)
        Assert.Equal(sprintf "wrote 2 certificates to %s (check them with --check)" (Path.Combine(dir, "heavy-ball")), out.Trim())
        let sound = File.ReadAllText(Path.Combine(dir, "heavy-ball", "radius-19-20.sound.smt2"))
        // the disk of radius 19/20: x² + y² compared with r·r
        Assert.Contains("(> (+ (* x x) (* y y)) (* (/ 19 20) (/ 19 20)))", sound)
        let code, _, err = run [ "prove"; "--optimizer"; "gd"; "--stochastic"; "--out"; dir ]
        Assert.True((code = 0), err)
        let names = Directory.GetFiles(Path.Combine(dir, "gd")) |> Array.map Path.GetFileName |> Array.sort
        Assert.Equal<string[]>(
            [| "mean-square.charpoly.smt2"; "mean-square.complete.smt2"; "mean-square.lifting.smt2"; "mean-square.sound.smt2" |],
            names
        ))

[<SolverFact>]
let ``prove --check proves the radius and mean-square certificates with z3`` () =
    withTempDir (fun dir ->
        for args in
            [ [ "--optimizer"; "heavy-ball"; "--radius"; "19/20" ]
              [ "--optimizer"; "heavy-ball"; "--radius"; "11/10"; "--params"; "alpha=1/10,beta=9/10" ]
              [ "--optimizer"; "gd"; "--stochastic" ]
              [ "--optimizer"; "heavy-ball"; "--stochastic"; "--params"; "alpha=1/10,beta=9/10" ] ] do
            let code, out, err = run ([ "prove" ] @ args @ [ "--out"; dir; "--check" ])
            Assert.True((code = 0), sprintf "%A: %s%s" args out err)
            Assert.DoesNotContain("timeout", out))

[<Fact>]
let ``bad prove --radius and --stochastic inputs are one error line with exit code 2`` () =
    assertBadInput [ "prove"; "--optimizer"; "gd"; "--radius"; "1/2"; "--stochastic" ] "not both"
    assertBadInput [ "prove"; "--all"; "--radius"; "1/2" ] "--all and --claim do not apply"
    assertBadInput [ "prove"; "--optimizer"; "usam"; "--stochastic" ] "usam has degree 2 in lambda"
    assertBadInput [ "prove"; "--optimizer"; "gd"; "--radius"; "0" ] "--radius must be positive"

[<Fact>]
let ``tune says when its optimum sits on a face of the searched box, and refuses a box outside a relation`` () =
    // p(z) = z² − (1 + β₁ − αλ(1 + β₂))z + β₁(1 − αλ) at α = 1/100, β₂ = 1/4 on [1, 100]: the
    // worst-case rate falls as β₁ grows to 1/5 (checked exactly in the tuning tests), so the
    // optimum over [0, 1/5] is the face β₁ = 1/5
    use tmp = new TempDir()
    let rule =
        ruleFile tmp "tied.rule" "optimizer tied\nparams alpha > 0, 0 < beta1 < beta2 < 1\nstate x, v\nv' = beta1*v + grad(x)\nx' = x - alpha*(beta2*v' + grad(x))\n"
    let tune box = run [ "tune"; "--rule"; rule; "--spectrum"; "1..100"; "--free"; "beta1"; "--fixed"; "alpha=1/100,beta2=1/4"; "--box"; box ]
    let code, out, err = tune "beta1=1/100..1/5"
    Assert.True((code = 0), err)
    Assert.Contains("beta1* = 1/5 = ", out)
    Assert.Contains("(on the box's face beta1 = 1/5)", out)
    // the declared beta1 < beta2 = 1/4 fails at the box's end 1/2: refused with that point
    let code, _, err = tune "beta1=1/100..1/2"
    Assert.Equal(2, code)
    Assert.Contains("the relation beta1 < beta2 fails at beta1 = 1/2 (with alpha = 1/100, beta2 = 1/4)", err)
