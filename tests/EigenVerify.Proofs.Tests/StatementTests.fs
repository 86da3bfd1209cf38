module EigenVerify.Proofs.Tests.StatementTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Proofs

let private filterOf (name: string) (text: string) =
    match Rule.parseFilter (Catalog.load name) text with
    | Ok f -> f
    | Error e -> failwithf "unexpected error: %O" e

let private linearized name =
    match RuleAnalysis.linearize (Catalog.load name) with
    | Ok l -> l
    | Error e -> failwith e

[<Fact>]
let ``a side with a symbolic denominator becomes a defined bound`` () =
    let f, defs, dens = Claim.statedFormula (filterOf "heavy-ball" "0 <= lambda <= 2*(1 + beta)/alpha")
    Assert.Equal("(and (<= 0 lam) (<= lam bound1))", Smt.formula f)
    let d = Assert.Single defs
    // alpha * bound1 = 2*beta + 2 defines bound1 = 2(1 + beta)/alpha where alpha <> 0.
    Assert.Equal<string list>([ "(= (* alpha bound1) (+ (* 2 beta) 2))" ], d.Facts)
    Assert.Equal("bound1 = 2*(1 + beta)/alpha", d.Meaning)
    Assert.Equal(MPoly.var "alpha", Assert.Single dens)

[<Fact>]
let ``an isolated point the chain already contains is left out of the certificate`` () =
    // at lambda = -1/rho, lambda*(1 + rho*lambda)^2 = 0, which lies in [0, 2/alpha] for every alpha > 0
    let claim = Claim.stated "" (linearized "two-step-usam") (Catalog.load "two-step-usam").Filter.Value
    Assert.Equal("0 <= lambda*(1 + rho*lambda)^2 <= 2/alpha", Claim.regionText claim)
    Assert.DoesNotContain("(or", Smt.formula claim.Membership)
    // the statement itself keeps its point, for the transcript
    Assert.Equal(1, claim.Statement.Value.Points.Length)

[<Fact>]
let ``an isolated point outside the chains is a disjunct of the membership formula`` () =
    // USAM's chain is 0 at lambda = -1/rho but -2/rho is outside it: lambda*(1 + rho*lambda) = 2/rho > 2/alpha is possible
    let f = filterOf "usam" "0 <= lambda*(1 + rho*lambda) <= 2/alpha or lambda = -2/rho"
    let claim = Claim.stated "" (linearized "usam") f
    Assert.Equal("0 <= lambda*(1 + rho*lambda) <= 2/alpha or lambda = -2/rho", Claim.regionText claim)
    let text = Smt.formula claim.Membership
    Assert.StartsWith("(or (and (<= 0 ", text)
    // the point -2/rho has the denominator rho: a defined bound, whose denominator is certified nonzero
    Assert.Contains("(= lam bound", text)
    Assert.Contains(MPoly.var "rho", claim.Denominators)
