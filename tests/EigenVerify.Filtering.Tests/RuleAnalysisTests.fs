module EigenVerify.Filtering.Tests.RuleAnalysisTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.Helpers

let private regionFor name (values: (string * string) list) =
    match RuleAnalysis.region (Catalog.load name) (values |> List.map (fun (k, x) -> k, r x)) with
    | Ok(Exact e) -> e
    | other -> failwithf "%s: %A" name other

let private texts (reg: Region) =
    (reg.Intervals
     |> List.map (fun i ->
         let b (x: Bound option) = x |> Option.map (fun b -> AlgebraicNumber.toString b.Value) |> Option.defaultValue "inf"
         b i.Lower + ".." + b i.Upper)),
    reg.Points |> List.map AlgebraicNumber.toString

[<Fact>]
let ``catalog rules give the issue's acceptance regions`` () =
    let ab = [ "alpha", "1/10"; "beta", "9/10" ]
    let ar = [ "alpha", "1/10"; "rho", "1/20" ]
    Assert.Equal((["0..20"], []), texts (regionFor "gd" [ "alpha", "1/10" ]).Region)
    Assert.Equal((["0..38"], []), texts (regionFor "heavy-ball" ab).Region)
    Assert.Equal((["0..95/7"], []), texts (regionFor "nesterov" ab).Region)
    Assert.Equal((["-10-10*sqrt(5)..-20"; "0..-10+10*sqrt(5)"], []), texts (regionFor "usam" ar).Region)
    for name in [ "two-step-usam"; "hessian-usam" ] do
        let reg = (regionFor name ar).Region
        Assert.Equal<string list>([ "-20" ], snd (texts reg))
        let upper = reg.Intervals |> List.exactlyOne |> fun i -> i.Upper.Value.Value
        // 15 significant digits of the value in the issue
        Assert.Equal(9.31142463753536, AlgebraicNumber.toFloat upper, 14)

[<Fact>]
let ``frozen Adam is analysed in mu and gives 38/alpha for beta1 9/10`` () =
    let e = regionFor "adam-frozen" [ "alpha", "1/10"; "beta1", "9/10" ]
    Assert.Equal(Mu, e.Variable)
    Assert.Equal((["0..380"], []), texts e.Region)

[<Fact>]
let ``SAM is reported as outside the theorem instead of getting a region`` () =
    match RuleAnalysis.region (Catalog.load "sam") [ "alpha", r "1/10"; "rho", r "1/20" ] with
    | Ok(NotApplicable(_, _, _, reason)) -> Assert.Contains("C¹", reason)
    | other -> failwithf "expected NotApplicable, got %A" other

[<Fact>]
let ``hyperparameters must be declared, complete and inside the domain`` () =
    let m = Catalog.load "heavy-ball"
    let check values (fragment: string) =
        match RuleAnalysis.region m values with
        | Error e -> Assert.Contains(fragment, e)
        | Ok _ -> failwithf "expected an error mentioning %s" fragment
    check [ "alpha", r "1/10" ] "missing hyperparameter 'beta'"
    check [ "alpha", r "1/10"; "beta", r "1/2"; "rho", r "1" ] "unknown hyperparameter 'rho'"
    check [ "alpha", r "1/10"; "beta", r "1" ] "outside its domain"
    check [ "alpha", r "0"; "beta", r "1/2" ] "outside its domain"

[<Fact>]
let ``hyperparameter text is read exactly and malformed pieces are named`` () =
    Assert.Equal(Ok [ "alpha", q 1 10; "beta", q 9 10 ], Hyperparameters.parse "alpha=1/10, beta=0.9")
    let err text (fragment: string) =
        match Hyperparameters.parse text with
        | Error e -> Assert.Contains(fragment, e)
        | Ok v -> failwithf "expected an error, got %A" v
    err "alpha" "name=value"
    err "alpha=x" "not an exact number"
    err "alpha=1,alpha=2" "given twice"
    err "" "no hyperparameters"

[<Fact>]
let ``a region scaled by a rational is the region of the family with the eigenvalue scaled`` () =
    // p(z, λ) = z − 1 + αλ(1 + αλ/20)²: its region at α is the one at α = 1 scaled by 1/α, with an
    // irrational upper end (a root of μ³ + 40μ² + 400μ − 800 for μ = αλ)
    let family (alpha: Rational) =
        let mu = Poly.scale alpha lam
        [| mu * (c Rational.one + Poly.scale (q 1 20) mu) * (c Rational.one + Poly.scale (q 1 20) mu) - c Rational.one; c Rational.one |]
    let atOne = regionOf (family Rational.one)
    Assert.Contains("root(", Region.toText atOne)
    for alpha in [ q 3 7; q 5 2 ] do
        Assert.True(Region.equal (regionOf (family alpha)) (Region.scale (Rational.one / alpha) atOne))
    Assert.False(Region.equal (regionOf (family (q 3 7))) (Region.scale (q 7 4) atOne))

[<Fact>]
let ``ten inner gradient steps with their filter agree at every sampled point`` () =
    // the Jacobian is (1 − αλ)^10, in [−1, 1] exactly when 0 ≤ αλ ≤ 2: the stated filter. The
    // sampled points differ in α only, so their exact regions come from one region, scaled
    let steps = [ for i in 1 .. 10 -> sprintf "let x%d = x%d - alpha*grad(x%d)" i (i - 1) (i - 1) ]
    let text =
        [ "optimizer inner-gd-10"; "params alpha > 0"; "filter 0 <= lambda <= 2/alpha"; "state x"; "let x0 = x" ] @ steps @ [ "x' = x10" ]
        |> String.concat "\n"
    let row = RuleAnalysis.catalogRow None 7 50 (Rule.parseOrRaise text)
    let agreement = row.Agreement.Value
    Assert.Equal(50, agreement.Points)
    Assert.Equal(50, agreement.PaperMatches)
    Assert.Equal(None, agreement.FirstMismatch |> Option.map fst)
