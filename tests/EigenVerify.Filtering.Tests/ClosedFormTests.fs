module EigenVerify.Filtering.Tests.ClosedFormTests

open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.Helpers

let private v = MPoly.var
let private n (k: int) = MPoly.constant (Rational.ofInt k)

let private subjectOf name =
    match RuleAnalysis.linearize (Catalog.load name) with
    | Ok s -> s
    | Error e -> failwith e

let private closedFormOf name =
    let s = subjectOf name
    match RuleAnalysis.closedForm None s with
    | Ok cf -> s, cf
    | Error e -> failwith e

[<Fact>]
let ``heavy ball's closed form is the paper's, with the same normalised conditions`` () =
    let _, cf = closedFormOf "heavy-ball"
    Assert.Equal("0 <= lambda <= 2*(1 + beta)/alpha", ClosedFormText.statement Lambda cf.Statement)
    // typed: lower bound 0, shape lambda, upper bound 2(1 + β)/α as derived
    match cf.Statement with
    | Between(lower, shape, upper) ->
        Assert.True(MPoly.isZero lower.Numerator)
        Assert.Equal(v "lambda", shape)
        Assert.Equal(n 2 + n 2 * v "beta", upper.Numerator)
        Assert.Equal(v "alpha", upper.Denominator)
    | other -> failwithf "expected a two-sided bound, got %A" other
    // by hand: p(1) = αλ (α > 0 removed), p(−1) = 2(1 + β) − αλ
    let expected = [ v "lambda"; n 2 + n 2 * v "beta" - v "alpha" * v "lambda" ]
    Assert.True(ClosedForm.sameConditions expected cf.Conditions)
    // p(0) = β ≤ 1 holds on 0 ≤ β < 1: dropped with an exact argument
    match cf.Dropped with
    | [ d ] -> Assert.Equal(HoldsOnDomain, d.Decision)
    | other -> failwithf "expected one dropped condition, got %A" other

[<Fact>]
let ``USAM's closed form bounds lambda*(1 + rho*lambda) and two-step USAM names its isolated point`` () =
    let _, usam = closedFormOf "usam"
    Assert.Equal("0 <= lambda*(1 + rho*lambda) <= 2/alpha", ClosedFormText.statement Lambda usam.Statement)
    Assert.Empty(usam.IsolatedPoints)
    let _, two = closedFormOf "two-step-usam"
    Assert.Equal("0 <= lambda*(1 + rho*lambda)^2 <= 2/alpha", ClosedFormText.statement Lambda two.Statement)
    Assert.Equal<string list>([ "lambda = -1/rho" ], two.IsolatedPoints |> List.map (ClosedFormText.isolatedPoint Lambda))
    // the point is −1/ρ as a quotient: −c₀/c₁ of the linear factor 1 + ρλ
    let point = List.exactlyOne two.IsolatedPoints
    Assert.Equal(RationalFunction.create (n -1) (v "rho"), RationalFunction.create point.Numerator point.Denominator)

[<Fact>]
let ``a closed form is refused for a characteristic polynomial that is not monic in z`` () =
    let p = n 2 * v "z" * v "z" * (v "z" - n 1 + v "alpha" * v "lambda")
    let domains = [ { Name = "alpha"; Lower = Some { Value = Rational.zero; Inclusive = false }; Upper = None } ]
    match ClosedForm.derive None domains Lambda p with
    | Ok _ -> failwith "expected no closed form"
    | Error e -> Assert.Contains("not monic", e)

[<Fact>]
let ``positivity proofs use the declared bounds and refuse what does not follow`` () =
    let domains =
        [ { Name = "alpha"; Lower = Some { Value = Rational.zero; Inclusive = false }; Upper = None }
          { Name = "beta1"; Lower = Some { Value = Rational.zero; Inclusive = true }; Upper = Some { Value = Rational.one; Inclusive = false } } ]
    let facts = Positivity.facts domains
    Assert.Equal(1, Positivity.strictSign facts (v "alpha" * (n 1 - v "beta1")))
    Assert.Equal(1, Positivity.strictSign facts (n 1 + n 2 * v "beta1"))
    Assert.Equal(-1, Positivity.strictSign facts (-(v "alpha")))
    // 1 − 2β₁ changes sign at β₁ = 1/2: neither sign can be proved
    Assert.Equal(0, Positivity.strictSign facts (n 1 - n 2 * v "beta1"))
    // β₁ ≥ 0 but not > 0
    Assert.True(Positivity.prove facts false (v "beta1"))
    Assert.False(Positivity.prove facts true (v "beta1"))

[<Fact>]
let ``factored printing writes contents and powers the way the paper does`` () =
    Assert.Equal("2*(1 + beta)", PolyText.toFactoredText Lambda (n 2 + n 2 * v "beta"))
    let s2 = v "lambda" * MPoly.pow 2 (n 1 + v "rho" * v "lambda")
    Assert.Equal("lambda*(1 + rho*lambda)^2", PolyText.toFactoredText Lambda s2)
    Assert.Equal(
        "2*(1 + beta)/(alpha*(1 + 2*beta))",
        ClosedFormText.quotient Lambda { Numerator = n 2 + n 2 * v "beta"; Denominator = v "alpha" + n 2 * v "alpha" * v "beta" }
    )

/// A rational strictly inside (lo, hi) or above lo, from small integers (FsCheck shrinks them).
let private inside (d: ParamDomain) =
    match d.Lower, d.Upper with
    | Some lo, Some hi -> Gen.choose (1, 99) |> Gen.map (fun k -> lo.Value + (hi.Value - lo.Value) * q k 100)
    | Some lo, None -> Gen.map2 (fun a b -> lo.Value + q a b) (Gen.choose (1, 300)) (Gen.choose (1, 30))
    | None, Some hi -> Gen.map2 (fun a b -> hi.Value - q a b) (Gen.choose (1, 300)) (Gen.choose (1, 30))
    | None, None -> Gen.map2 (fun a b -> q a b) (Gen.choose (-300, 300)) (Gen.choose (1, 30))

let private thetaGen (domains: ParamDomain list) =
    domains
    |> List.map (fun d -> inside d |> Gen.map (fun x -> d.Name, x))
    |> Gen.sequenceToList
    |> Gen.map Map.ofList

/// The rule's filter statement, as its conditions and as the set it describes, agrees with the
/// exact region at random θ, and so does the derived closed form.
let private agreesAtRandomPoints (name: string) =
    let s = subjectOf name
    let facts = Positivity.facts s.Model.Params
    let filter = s.Model.Filter.Value
    let paper =
        match FilterRegion.conditions s.Model.Params filter with
        | Some cs -> cs
        | None -> failwith "the filter statement has no conditions with proven denominators"
    let cf =
        match RuleAnalysis.closedForm None s with
        | Ok cf -> cf
        | Error e -> failwith e
    Prop.forAll (Arb.fromGen (thetaGen s.Model.Params)) (fun theta ->
        match RuleAnalysis.exactRegionAt s theta with
        | Error e -> failwith e
        | Ok exact ->
            Region.equal exact (ClosedForm.regionAt s.Variable paper theta)
            && Region.equal exact (FilterRegion.regionAt theta filter)
            && Region.equal exact (ClosedForm.regionAt s.Variable cf.Conditions theta))

[<Property(MaxTest = 200)>]
let ``gd: closed form and paper agree with exact regions at 200 random points`` () = agreesAtRandomPoints "gd"

[<Property(MaxTest = 200)>]
let ``heavy ball: closed form and paper agree with exact regions at 200 random points`` () = agreesAtRandomPoints "heavy-ball"

[<Property(MaxTest = 200)>]
let ``Nesterov: closed form and paper agree with exact regions at 200 random points`` () = agreesAtRandomPoints "nesterov"

[<Property(MaxTest = 200)>]
let ``USAM: closed form and paper agree with exact regions at 200 random points`` () = agreesAtRandomPoints "usam"

[<Property(MaxTest = 200)>]
let ``USAM with heavy ball: closed form and paper agree with exact regions at 200 random points`` () = agreesAtRandomPoints "usam-hb"

[<Property(MaxTest = 200)>]
let ``USAM with Nesterov: closed form and paper agree with exact regions at 200 random points`` () =
    agreesAtRandomPoints "usam-nesterov"

[<Property(MaxTest = 200)>]
let ``two-step USAM: closed form and paper agree with exact regions at 200 random points`` () =
    agreesAtRandomPoints "two-step-usam"

[<Property(MaxTest = 200)>]
let ``Hessian USAM: closed form and paper agree with exact regions at 200 random points`` () =
    agreesAtRandomPoints "hessian-usam"

[<Property(MaxTest = 200)>]
let ``frozen Adam: closed form and stated filter agree with exact regions at 200 random points`` () =
    agreesAtRandomPoints "adam-frozen"

[<Fact>]
let ``a wrong statement is caught by the exact regions`` () =
    // heavy ball with 2/α instead of 2(1 + β)/α must disagree at β = 9/10
    let s = subjectOf "heavy-ball"
    let wrong = [ v "lambda"; n 2 - v "alpha" * v "lambda" ]
    let theta = Map.ofList [ "alpha", q 1 10; "beta", q 9 10 ]
    match RuleAnalysis.exactRegionAt s theta with
    | Ok exact -> Assert.False(Region.equal exact (ClosedForm.regionAt Lambda wrong theta))
    | Error e -> failwith e

[<Fact>]
let ``every smooth catalog rule reproduces its statement symbolically and at sampled points`` () =
    for name in Catalog.names do
        let row = RuleAnalysis.catalogRow None 7 20 (Catalog.load name)
        match row.Smoothness with
        | NonSmooth _ -> Assert.Contains(name, [ "sam"; "sam-hb"; "sam-nesterov" ])
        | Smooth ->
            match row.Agreement with
            | Some a ->
                Assert.True(a.Symbolic, name)
                Assert.Equal(a.Points, a.PaperMatches)
                Assert.Equal(a.Points, a.ClosedFormMatches)
            | None -> failwithf "%s: no agreement computed" name

/// The exact region of a symbolic characteristic polynomial at concrete θ (test-side plumbing).
let private exactOf (charPoly: MPoly) (theta: Map<string, Rational>) =
    let p = MPoly.substitute theta charPoly
    let coeffs =
        MPoly.coeffsIn "z" p
        |> Array.map (fun c ->
            match MPoly.tryToPoly "lambda" c with
            | Some x -> x
            | None -> failwith "a hyperparameter is left")
    Helpers.regionOf coeffs

[<Fact>]
let ``a condition that the others do not imply is kept, with an exact witness`` () =
    // (z − u)(z − βu) with u = 1 − αλ: for u ≥ 1/β, p(1) ≥ 0 and p(−1) ≥ 0 both hold but the
    // root u lies outside, so 1 − p(0) = 1 − βu² ≥ 0 is needed and must not be dropped
    let u = n 1 - v "alpha" * v "lambda"
    let p = (v "z" - u) * (v "z" - v "beta" * u)
    let domains =
        [ { Name = "alpha"; Lower = Some { Value = Rational.zero; Inclusive = false }; Upper = None }
          { Name = "beta"; Lower = Some { Value = Rational.zero; Inclusive = false }; Upper = Some { Value = Rational.one; Inclusive = false } } ]
    let samples = HyperparameterPoints.points 3 30 domains
    match ClosedForm.derive None domains Lambda p with
    | Error e -> failwith e
    | Ok cf ->
        Assert.Empty(cf.Dropped)
        Assert.Equal(3, cf.Conditions.Length)
        // each kept condition has a witness: a point of the domain where the others hold and it
        // fails, checked here again by exact evaluation
        for k in cf.Kept do
            match k.Decision with
            | IndependentAt point ->
                let others = cf.Conditions |> List.filter (fun c -> c <> k.Condition)
                Assert.True(point.["alpha"].Sign > 0 && point.["beta"].Sign > 0 && point.["beta"] < Rational.one)
                Assert.True((MPoly.eval point k.Condition).Sign < 0)
                Assert.All(others, fun c -> Assert.True((MPoly.eval point c).Sign >= 0))
            | other -> failwithf "%s: expected a witness, got %A" k.Name other
        // the three exact conditions reproduce the exact region, here [0, 2/α]
        for theta in samples do
            Assert.True(Region.equal (exactOf p theta) (ClosedForm.regionAt Lambda cf.Conditions theta))
        let theta = Map.ofList [ "alpha", q 1 1; "beta", q 1 2 ]
        Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "2")) ]; Points = [] } (exactOf p theta))

[<Fact>]
let ``a cleared closed form needs the leading coefficient D^k and D nonzero on the domain`` () =
    // GD with the step alpha/(1 + rho): det(D*z - N) = (1 + rho)*z - (1 + rho) + alpha*lambda, D = 1 + rho
    let d = n 1 + v "rho"
    let p = d * v "z" - d + v "alpha" * v "lambda"
    let from0 inclusive name = { Name = name; Lower = Some { Value = Rational.zero; Inclusive = inclusive }; Upper = None }
    // alpha > 0, rho >= 0
    let domain = ConditionLogic.ofParams [ from0 false "alpha"; from0 true "rho" ]
    match ClosedForm.deriveCleared ConditionLogic.defaultOptions None domain d Lambda p with
    | Error e -> failwithf "expected a closed form: %s" e
    | Ok cf -> Assert.Equal("0 <= lambda <= 2*(1 + rho)/alpha", ClosedFormText.statement Lambda cf.Statement)
    // the same polynomial is not monic: the plain derivation refuses it
    Assert.True(Result.isError (ClosedForm.deriveOver ConditionLogic.defaultOptions None domain Lambda p))
    // a leading coefficient that is not D^k is refused
    match ClosedForm.deriveCleared ConditionLogic.defaultOptions None domain (n 2 + v "rho") Lambda p with
    | Ok _ -> failwith "expected a refusal: the leading coefficient is 1 + rho, not 2 + rho"
    | Error e -> Assert.Contains("leading coefficient", e)
    // D = 1 - rho vanishes at rho = 1 on rho >= 0: refused
    let d2 = n 1 - v "rho"
    let p2 = d2 * v "z" - d2 + v "alpha" * v "lambda"
    match ClosedForm.deriveCleared ConditionLogic.defaultOptions None domain d2 Lambda p2 with
    | Ok _ -> failwith "expected a refusal: 1 - rho vanishes on the domain"
    | Error e -> Assert.Contains("not shown nonzero", e)
