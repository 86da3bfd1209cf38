module EigenVerify.Proofs.Tests.StatementTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Proofs

let private ok r =
    match r with
    | Ok x -> x
    | Error e -> failwithf "unexpected error: %s" e

[<Fact>]
let ``a chain of comparisons splits into sides and relations`` () =
    let s = ok (StatedRegion.parse "0 <= lambda*(1 + rho*lambda) <= 2/alpha")
    Assert.Equal<string list>([ "<="; "<=" ], s.Relations)
    Assert.Equal<string list>([ "0"; "lambda*(1 + rho*lambda)"; "2/alpha" ], s.SideTexts)

[<Fact>]
let ``a statement without a comparison or with an empty side is rejected with its text`` () =
    match StatedRegion.parse "lambda + 1" with
    | Error e -> Assert.Contains("lambda + 1", e)
    | Ok _ -> failwith "accepted a statement without a comparison"
    match StatedRegion.parse "0 <= lambda <=" with
    | Error e -> Assert.Contains("empty side", e)
    | Ok _ -> failwith "accepted an empty side"
    match StatedRegion.parse "0 <= lambda <= 2/(alpha" with
    | Error e -> Assert.Contains("2/(alpha", e)
    | Ok _ -> failwith "accepted an unbalanced parenthesis"

[<Fact>]
let ``the rule's Filter line gives the statement without the remark in words`` () =
    let text = (Catalog.source "two-step-usam").Value
    Assert.Equal(Some "0 <= lambda*(1 + rho*lambda)^2 <= 2/alpha", StatedRegion.tryOfRuleText text)
    let adam = (Catalog.source "adam-frozen").Value
    Assert.Equal(Some "0 <= mu <= 2*(1 + beta1)/(alpha*(1 - beta1))", StatedRegion.tryOfRuleText adam)
    Assert.Equal(None, StatedRegion.tryOfRuleText (Catalog.source "sam").Value)

[<Fact>]
let ``a symbol that is neither the eigenvalue nor a hyperparameter is named in the error`` () =
    let s = ok (StatedRegion.parse "0 <= lambda <= 2/gamma")
    match StatedRegion.checkSymbols "lambda" [ "alpha" ] s with
    | Error e -> Assert.Contains("'gamma'", e)
    | Ok() -> failwith "accepted an unknown symbol"
    Assert.Equal(Ok(), StatedRegion.checkSymbols "lambda" [ "alpha"; "gamma" ] s)

[<Fact>]
let ``a side with a symbolic denominator becomes a defined bound`` () =
    let s = ok (StatedRegion.parse "0 <= lambda <= 2*(1 + beta)/alpha")
    let f, defs, dens = StatedRegion.toFormula s
    Assert.Equal("(and (<= 0 lam) (<= lam bound1))", Smt.formula f)
    let d = Assert.Single defs
    // alpha * bound1 = 2*beta + 2 defines bound1 = 2(1 + beta)/alpha where alpha <> 0.
    Assert.Equal<string list>([ "(= (* alpha bound1) (+ (* 2 beta) 2))" ], d.Facts)
    Assert.Equal(MPoly.var "alpha", Assert.Single dens)

[<Fact>]
let ``USAM's statement at alpha = 1/10, rho = 1/20 is the two-branch region found by hand`` () =
    // λ(1 + λ/20) ∈ [0, 20]: roots of λ² + 20λ − 400 are −10 ± 10√5 ≈ 12.36 and −32.36, and
    // λ(1 + λ/20) = 0 at 0 and −20; so R = [−10 − 10√5, −20] ∪ [0, −10 + 10√5].
    let s = ok (StatedRegion.parse "0 <= lambda*(1 + rho*lambda) <= 2/alpha")
    let values = Map.ofList [ "alpha", Rational.ofFraction 1 10; "rho", Rational.ofFraction 1 20 ]
    let r = (StatedRegion.regionAt "lambda" values s).Value
    let inside = [ -20; -32; 0; 12; -25 ] |> List.map Rational.ofInt
    let outside = [ Rational.ofInt -19; Rational.ofFraction -3237 100; Rational.ofFraction 1237 100; Rational.ofInt -1 ]
    for x in inside do
        Assert.True(Region.contains x r, sprintf "%O should be in the region" x)
    for x in outside do
        Assert.False(Region.contains x r, sprintf "%O should not be in the region" x)
