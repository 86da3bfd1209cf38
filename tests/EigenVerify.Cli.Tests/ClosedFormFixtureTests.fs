/// The closed forms of rules of degree 3 to 5 as `region --rule` prints them, against the exact
/// region at many rational points (including next to exclusive ends).
module EigenVerify.Cli.Tests.ClosedFormFixtureTests

open System
open System.IO
open System.Text.Json
open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Cli.Tests.CliRunner

let private r (s: string) = Rational.parse s
let private q (n: int) (d: int) = Rational.ofFraction n d
let private alg (x: Rational) = AlgebraicNumber.ofRational x

let private fixture (name: string) = Path.Combine(AppContext.BaseDirectory, "fixtures", name + ".rule")

let private model (name: string) = Rule.parseOrRaise (File.ReadAllText(fixture name))

/// `region --rule F --format json` in-process: the closed form as printed, read back as a filter
/// statement of the rule (so the test checks what a user gets, not the library's data).
let private printedClosedForm (name: string) =
    let code, out, err = run [ "region"; "--rule"; fixture name; "--format"; "json" ]
    Assert.True((code = 0), err)
    let json = JsonDocument.Parse(out).RootElement
    let text = json.GetProperty("closedForm").GetString()
    Assert.False(String.IsNullOrEmpty text, name + ": no closed form printed")
    match Rule.parseFilter (model name) text with
    | Ok f -> json, f
    | Error e -> failwithf "%s: the printed closed form '%s' does not read back: %O" name text e

/// The exact region at θ from `region --rule F --params ...` would print the same as this: the
/// library's exact decision (the closed form plays no part in it).
let private exactAt (m: OptimizerModel) (theta: Map<string, Rational>) =
    match RuleAnalysis.linearize m |> Result.bind (fun s -> RuleAnalysis.exactRegionAt s theta) with
    | Ok r -> r
    | Error e -> failwith e

/// Rational points of the domain: seeded random ones and, per parameter, values within 10⁻⁷ of
/// every end (the slices next to exclusive ends are where a wrongly dropped condition hides).
let private testPoints (m: OptimizerModel) =
    let near (d: ParamDomain) =
        let tiny = q 1 10000000
        [ match d.Lower with
          | Some b -> yield (if b.Inclusive then b.Value else b.Value + tiny)
          | None -> ()
          match d.Upper with
          | Some b -> yield (if b.Inclusive then b.Value else b.Value - tiny)
          | None -> yield r "1000" ]
    let random = HyperparameterPoints.points 11 30 m.Params
    let edges =
        [ for d in m.Params do
              for x in near d do
                  for basis in random |> List.truncate 4 -> basis |> Map.add d.Name x ]
    random @ edges

let private agrees (name: string) =
    let m = model name
    let _, filter = printedClosedForm name
    for theta in testPoints m do
        let exact = exactAt m theta
        Assert.True(Region.equal exact (FilterRegion.regionAt theta filter), sprintf "%s at %A: exact %A" name theta exact)

[<Fact>]
let ``two-lag heavy ball (degree 3): the printed closed form is the exact region everywhere tested`` () = agrees "two-lag-heavy-ball"

[<Fact>]
let ``triple momentum: the printed closed form is the exact region everywhere tested`` () = agrees "triple-momentum"

[<Fact>]
let ``Nesterov with lookahead: the printed closed form is the exact region everywhere tested`` () = agrees "nesterov-lookahead"

[<Fact>]
let ``delayed gradient tau = 2, 3, 4 (degrees 3, 4, 5): the printed closed form is the exact region everywhere tested`` () =
    for tau in 2 .. 4 do
        agrees (sprintf "delayed-gradient-%d" tau)

/// 2 sin(π/(2(2τ+1))) is the root near its float value of: τ = 1: t − 1; τ = 2: t² + t − 1
/// ((√5 − 1)/2); τ = 3: t³ − t² − 2t + 1 (2 sin(π/14) = −2 cos(4π/7)); τ = 4: t³ − 3t + 1
/// (2 sin(π/18) = 2 cos(4π/9)).
let private minimal =
    Map.ofList [ 1, [ "-1"; "1" ]; 2, [ "-1"; "1"; "1" ]; 3, [ "1"; "-2"; "-1"; "1" ]; 4, [ "1"; "-3"; "0"; "1" ] ]

[<Fact>]
let ``delayed gradient: the printed region is 0 <= alpha*lambda <= 2 sin(pi/(2(2 tau + 1))) exactly`` () =
    for tau in 1 .. 4 do
        let name = sprintf "delayed-gradient-%d" tau
        let _, filter = printedClosedForm name
        for alpha in [ q 1 1; q 3 7 ] do
            let region = FilterRegion.regionAt (Map.ofList [ "alpha", alpha ]) filter
            let i = List.exactlyOne region.Intervals
            Assert.Empty(region.Points)
            Assert.Equal(0, AlgebraicNumber.compare i.Lower.Value.Value (alg Rational.zero))
            Assert.True(i.Lower.Value.Closed && i.Upper.Value.Closed)
            // α·upper is a root of the minimal polynomial, and the one within 10⁻⁹ of
            // 2 sin(π/(2(2τ+1))): the roots of these polynomials are more than 0.3 apart, so
            // the window (far wider than double rounding, far narrower than the gaps) picks it
            let scaled =
                minimal.[tau] |> List.mapi (fun k c -> r c * Rational.pow k alpha) |> Poly.ofCoeffs |> AlgebraicNumber.realRoots
            let bound = 2.0 * Math.Sin(Math.PI / float (2 * (2 * tau + 1)))
            let window = q 1 1000000000
            let target =
                scaled
                |> List.filter (fun x ->
                    let ax = AlgebraicNumber.toFloat x * Rational.toFloat alpha
                    abs (ax - bound) < 1e-6)
            let upper = i.Upper.Value.Value
            Assert.Contains(target, fun x -> AlgebraicNumber.compare x upper = 0)
            let b = Rational.parse (bound.ToString("R", Globalization.CultureInfo.InvariantCulture))
            let lo, hi = b - window, b + window
            Assert.True(AlgebraicNumber.compare upper (alg (lo / alpha)) > 0 && AlgebraicNumber.compare upper (alg (hi / alpha)) < 0)

[<Fact>]
let ``Nesterov below beta = -1/3 keeps p(0) <= 1: at alpha = 1/10, beta = -6667/20000 the region ends at 266670/6667`` () =
    // the regression: a closed form without 1 − β + αβλ ≥ 0 ends at 2(1 + β)/(α(1 + 2β)) ≈ 40.003
    let json, filter = printedClosedForm "nesterov-wide"
    let theta = Map.ofList [ "alpha", q 1 10; "beta", q -6667 20000 ]
    let printed = FilterRegion.regionAt theta filter
    let exact = exactAt (model "nesterov-wide") theta
    Assert.True(Region.equal exact printed)
    let i = List.exactlyOne printed.Intervals
    // by hand: the binding condition 1 − β + αβλ ≥ 0 gives λ ≤ (1 − β)/(−αβ) = 266670/6667
    Assert.Equal(0, AlgebraicNumber.compare i.Upper.Value.Value (alg (q 266670 6667)))
    Assert.True(q 266670 6667 < q 40003 1000)
    Assert.Contains("1 - beta + alpha*beta*lambda >= 0", json.GetProperty("conditions").EnumerateArray() |> Seq.map (fun e -> e.GetString()))
    // and it is kept with an exact witness, not by default
    let keptLines = json.GetProperty("kept").EnumerateArray() |> Seq.map (fun e -> e.GetString()) |> List.ofSeq
    Assert.Contains(keptLines, fun l -> l.StartsWith "p(0) <= 1 kept: not implied by the others")

[<Fact>]
let ``Nesterov on -1/3 < beta < 1: the closed form is exact next to the excluded end`` () =
    // there p(0) <= 1 is implied (the p(−1) bound is the smaller one exactly when β ≥ −1/3), so
    // whether it is printed or not, the region must be exact in the slice next to −1/3
    let domains =
        [ { Name = "alpha"; Lower = Some { Value = Rational.zero; Inclusive = false }; Upper = None }
          { Name = "beta"; Lower = Some { Value = q -1 3; Inclusive = false }; Upper = Some { Value = Rational.one; Inclusive = false } } ]
    let m = model "nesterov-wide"
    let s =
        match RuleAnalysis.linearize m with
        | Ok s -> s
        | Error e -> failwith e
    match ClosedForm.derive None domains s.Variable s.CharPoly with
    | Error e -> failwith e
    | Ok cf ->
        for beta in [ q -33333 100000; q -333334 1000000 + q 1 10000000; q -1 3 + q 1 1000000000 ] do
            let theta = Map.ofList [ "alpha", q 1 10; "beta", beta ]
            Assert.True(Region.equal (exactAt m theta) (ClosedForm.regionAt s.Variable cf.Conditions theta), sprintf "beta = %O" beta)
