module EigenVerify.Filtering.Tests.FilterRegionTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.Helpers

let private filterOf (rule: string) (text: string) =
    match Rule.parseFilter (Catalog.load rule) text with
    | Ok f -> f
    | Error e -> failwithf "unexpected error: %O" e

let private usamValues = Map.ofList [ "alpha", q 1 10; "rho", q 1 20 ]

[<Fact>]
let ``USAM's statement at alpha = 1/10, rho = 1/20 is the two-branch region found by hand`` () =
    // λ(1 + λ/20) ∈ [0, 20]: roots of λ² + 20λ − 400 are −10 ± 10√5 ≈ 12.36 and −32.36, and
    // λ(1 + λ/20) = 0 at 0 and −20; so R = [−10 − 10√5, −20] ∪ [0, −10 + 10√5].
    let reg = FilterRegion.regionAt usamValues (Catalog.load "usam").Filter.Value
    let inside = [ -20; -32; 0; 12; -25 ] |> List.map Rational.ofInt
    let outside = [ Rational.ofInt -19; Rational.ofFraction -3237 100; Rational.ofFraction 1237 100; Rational.ofInt -1 ]
    for x in inside do
        Assert.True(Region.contains x reg, sprintf "%O should be in the region" x)
    for x in outside do
        Assert.False(Region.contains x reg, sprintf "%O should not be in the region" x)

[<Fact>]
let ``an isolated point joins the chains' set and strict relations exclude their ends`` () =
    // 0 < lambda < 2/alpha = 20, or lambda = -1/rho = -20, or lambda = 30
    let f = filterOf "usam" "0 < lambda < 2/alpha or lambda = -1/rho or lambda = 30"
    let reg = FilterRegion.regionAt usamValues f
    let b (x: int) closed = Some { Value = alg (Rational.ofInt x); Closed = closed }
    Assert.True(Region.equal { Intervals = [ { Lower = b 0 false; Upper = b 20 false } ]; Points = [ alg (r "-20"); alg (r "30") ] } reg)
    // a point inside an open interval's end closes it: [0, 20) after adding 0
    let closedBelow = FilterRegion.regionAt usamValues (filterOf "usam" "0 < lambda < 2/alpha or lambda = 0")
    Assert.True(Region.equal { Intervals = [ { Lower = b 0 true; Upper = b 20 false } ]; Points = [] } closedBelow)

[<Fact>]
let ``chains joined by and intersect, and equality in a chain is a point`` () =
    let f = filterOf "gd" "lambda >= 0 and lambda <= 2/alpha, lambda < 3"
    let reg = FilterRegion.regionAt (Map.ofList [ "alpha", q 1 10 ]) f
    Assert.True(Region.equal { Intervals = [ { Lower = Some { Value = alg (r "0"); Closed = true }; Upper = Some { Value = alg (r "3"); Closed = false } } ]; Points = [] } reg)
    let point = FilterRegion.regionAt (Map.ofList [ "alpha", q 1 10 ]) (filterOf "gd" "alpha*lambda = 1")
    Assert.True(Region.equal { Intervals = []; Points = [ alg (r "10") ] } point)

[<Fact>]
let ``a side with the eigenvalue in a denominator leaves out the values where it is undefined`` () =
    // 1/lambda >= 1/2 ⟺ 0 < lambda <= 2 (lambda = 0 is excluded: the side is undefined there)
    let reg = FilterRegion.regionAt (Map.ofList [ "alpha", q 1 10 ]) (filterOf "gd" "1/lambda >= 1/2")
    Assert.True(Region.equal { Intervals = [ { Lower = Some { Value = alg (r "0"); Closed = false }; Upper = Some { Value = alg (r "2"); Closed = true } } ]; Points = [] } reg)

[<Fact>]
let ``the statement's conditions are the closed form's normalised conditions`` () =
    let m = Catalog.load "heavy-ball"
    let v = MPoly.var
    // λ ≥ 0 and 2(1 + β)/α − λ ≥ 0, cleared of α > 0: 2 + 2β − αλ ≥ 0
    let expected = [ v "lambda"; MPoly.ofInt 2 + MPoly.ofInt 2 * v "beta" - v "alpha" * v "lambda" ]
    Assert.True(ClosedForm.sameConditions expected (FilterRegion.conditions m.Params m.Filter.Value).Value)
    // a strict relation has no "c >= 0" form
    Assert.Equal(None, FilterRegion.conditions m.Params (filterOf "heavy-ball" "0 < lambda <= 2*(1 + beta)/alpha"))
    // 1 - 2*beta changes sign on [0, 1): the denominator's sign is not proven
    Assert.Equal(None, FilterRegion.conditions m.Params (filterOf "heavy-ball" "0 <= lambda <= 1/(1 - 2*beta)"))

[<Fact>]
let ``a point is proven inside the chains only when it is`` () =
    let two = (Catalog.load "two-step-usam").Filter.Value
    Assert.True(FilterRegion.pointInChains (Catalog.load "two-step-usam").Params two two.Points.Head)
    let usam = filterOf "usam" "0 <= lambda*(1 + rho*lambda) <= 2/alpha or lambda = -2/rho"
    Assert.False(FilterRegion.pointInChains (Catalog.load "usam").Params usam usam.Points.Head)
