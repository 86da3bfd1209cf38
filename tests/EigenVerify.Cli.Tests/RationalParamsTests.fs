module EigenVerify.Cli.Tests.RationalParamsTests

open System
open System.IO
open Xunit
open EigenVerify.Algebra
open EigenVerify.TestSupport
open EigenVerify.Cli.Tests.CliRunner
open EigenVerify.Cli.Tests.SolverFacts

// Coefficients that are rational functions of the hyperparameters, and relations between
// hyperparameters on the params line (issue #12). The expected regions are derived by hand
// in the comments; the command line computes them from the rule text alone.

/// GD with the step alpha/(1 + rho): M = 1 - alpha*lambda/(1 + rho), so |M| <= 1 exactly when
/// 0 <= alpha*lambda/(1 + rho) <= 2, i.e. 0 <= lambda <= 2*(1 + rho)/alpha (1 + rho > 0).
let private gdRho =
    """optimizer gd-rho
params alpha > 0, rho >= 0
state x
x' = x - alpha/(1 + rho)*grad(x)
"""

/// Heavy ball written with an averaged momentum: m' = beta*m + (1 - beta)*g,
/// x' = x - alpha/(1 - beta)*m'. At an eigenvalue lambda (g = lambda*x):
///   x' = (1 - alpha*lambda)*x - alpha*beta/(1 - beta)*m,   m' = (1 - beta)*lambda*x + beta*m,
/// det(zI - M) = z^2 - (1 + beta - alpha*lambda)*z + (1 - alpha*lambda)*beta + alpha*beta*lambda
///             = z^2 - (1 + beta - alpha*lambda)*z + beta,
/// Polyak's heavy ball: 0 <= lambda <= 2*(1 + beta)/alpha for 0 <= beta < 1.
let private hbAveraged =
    """optimizer hb-averaged
params alpha > 0, 0 <= beta < 1
state x, m
m' = beta*m + (1 - beta)*grad(x)
x' = x - alpha/(1 - beta)*m'
"""

let private write (tmp: TempDir) (name: string) (text: string) = ruleFile tmp name text

[<Fact>]
let ``a step alpha/(1 + rho) gives 0 <= lambda <= 2(1 + rho)/alpha, closed form and at values`` () =
    use tmp = new TempDir()
    let rule = write tmp "gd-rho.rule" gdRho
    let code, out, err = run [ "region"; "--rule"; rule ]
    Assert.True((code = 0), err)
    Assert.Contains("closed form: 0 <= lambda <= 2*(1 + rho)/alpha", out)
    Assert.Contains("denominator: M = N/D with D = 1 + rho", out)
    Assert.Contains("multiplied by an even power of D^k", out)
    // alpha = 1/10, rho = 1/2: 2*(3/2)*10 = 30
    let code, out, err = run [ "region"; "--rule"; rule; "--params"; "alpha=1/10,rho=1/2" ]
    Assert.True((code = 0), err)
    Assert.Contains("region: [0, 30]", out)
    // rho = 0 is GD: 2/alpha = 20
    let _, out, _ = run [ "region"; "--rule"; rule; "--params"; "alpha=1/10,rho=0" ]
    Assert.Contains("region: [0, 20]", out)

[<Fact>]
let ``heavy ball written with 1/(1 - beta) scaling has Polyak's region`` () =
    use tmp = new TempDir()
    let rule = write tmp "hb.rule" hbAveraged
    let code, out, err = run [ "region"; "--rule"; rule ]
    Assert.True((code = 0), err)
    Assert.Contains("closed form: 0 <= lambda <= 2*(1 + beta)/alpha", out)
    // alpha = 1/10, beta = 9/10: 2*(19/10)*10 = 38, as for the catalog heavy ball
    let _, out, _ = run [ "region"; "--rule"; rule; "--params"; "alpha=1/10,beta=9/10" ]
    Assert.Contains("region: [0, 38]", out)
    let _, hb, _ = run [ "region"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=9/10" ]
    Assert.Contains("region: [0, 38]", hb)
    // the Jacobian command says that it prints N = D*M and det(D zI - N), not M itself
    let code, out, err = run [ "jacobian"; "--rule"; rule ]
    Assert.True((code = 0), err)
    Assert.Contains("M(lambda) = N(lambda)/D with D = -1 + beta", out)
    Assert.Contains("p(z) = det(D zI - N) = D^2 det(zI - M)", out)

[<Fact>]
let ``at values a rule with denominators has the catalog heavy ball's rates, radius and mean-square regions`` () =
    // hb-averaged is the heavy ball in the state (x, m) with m = -(1 - beta)/alpha*(x - x_prev): a
    // change of basis that does not depend on the eigenvalue, so M(a) and the catalog's M(a) are
    // similar for every curvature a, and so are E[M(a) (x) M(a)]: every answer below must be the
    // catalog heavy ball's (the oracle), computed through p = det(D zI - N)/D^k at the values
    use tmp = new TempDir()
    let rule = write tmp "hb.rule" hbAveraged
    let both (args: string list) =
        let code, averaged, err = run ([ args.Head; "--rule"; rule ] @ args.Tail @ [ "--format"; "json" ])
        Assert.True((code = 0), err)
        let code, catalog, err = run ([ args.Head; "--optimizer"; "heavy-ball" ] @ args.Tail @ [ "--format"; "json" ])
        Assert.True((code = 0), err)
        let field (json: string) (name: string) = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty(name).GetRawText()
        averaged, catalog, field
    // ρ(M(1)) at α = 1/10, β = 9/10 is 3√10/10 (a conjugate pair of modulus √β)
    let averaged, catalog, field = both [ "rate"; "--params"; "alpha=1/10,beta=9/10"; "--lambda"; "1" ]
    Assert.Contains("3/10*sqrt(10)", field averaged "rate")
    Assert.Equal(field catalog "rate", field averaged "rate")
    Assert.Equal(field catalog "charpoly", field averaged "charpoly")
    // the textbook tuning α = 4/121, β = 81/121 has the rate 9/11 on all of [1, 100]
    let averaged, catalog, field = both [ "rate"; "--params"; "alpha=4/121,beta=81/121"; "--spectrum"; "1..100" ]
    Assert.Contains("\"9/11\"", field averaged "rate")
    Assert.Equal(field catalog "rate", field averaged "rate")
    // radius 19/20 at α = 1/10, β = 9/10
    let averaged, catalog, field = both [ "region"; "--params"; "alpha=1/10,beta=9/10"; "--radius"; "19/20" ]
    Assert.Equal(field catalog "intervals", field averaged "intervals")
    // the mean-square region for B = 32 of n = 1000 with s^2 = 30
    let averaged, catalog, field = both [ "region"; "--params"; "alpha=1/10,beta=9/10"; "--stochastic"; "--batch"; "32"; "--samples"; "1000"; "--spread"; "30" ]
    Assert.Equal(field catalog "intervals", field averaged "intervals")
    Assert.Equal(field catalog "model", field averaged "model")
    // tuning with the denominator's beta fixed at the textbook 81/121: the textbook alpha* = 4/121
    let averaged, catalog, field = both [ "tune"; "--spectrum"; "1..100"; "--free"; "alpha"; "--fixed"; "beta=81/121" ]
    Assert.Equal(field catalog "rate", field averaged "rate")
    Assert.Contains("4/121", field averaged "parameters")
    Assert.Equal(field catalog "box", field averaged "box")
    // the rate plot at values is drawn from the same p
    let png = tmp.File "rate.png"
    let code, _, err = run [ "plot"; "--kind"; "rate"; "--rule"; rule; "--params"; "alpha=1/10,beta=9/10"; "--range"; "0..40"; "--out"; png ]
    Assert.True((code = 0), err)
    Assert.True(File.Exists png)
    // the symbolic analyses still refuse it, saying why: the closed form, and tuning over beta,
    // which sits in the denominator
    let code, _, err = run [ "region"; "--rule"; rule; "--stochastic" ]
    Assert.Equal(2, code)
    Assert.Contains("denominators", err)
    let code, _, err = run [ "tune"; "--rule"; rule; "--spectrum"; "1..100"; "--free"; "beta"; "--fixed"; "alpha=4/121" ]
    Assert.Equal(2, code)
    Assert.Contains("depends on beta", err)

[<Fact>]
let ``a denominator that vanishes on the closed domain is refused with its line and column`` () =
    use tmp = new TempDir()
    let bad =
        write
            tmp
            "bad.rule"
            """optimizer bad
params alpha > 0, 0 <= beta <= 1
state x
x' = x - alpha/(1 - beta)*grad(x)
"""
    // column 15 is the '/' of alpha/(1 - beta); beta = 1 is in the domain and makes 1 - beta = 0
    for cmd in [ [ "region" ]; [ "jacobian" ]; [ "check" ]; [ "region"; "--params"; "alpha=1,beta=1/2" ] ] do
        assertBadInput (cmd @ [ "--rule"; bad ]) "bad.rule:4:15: undefined-denominator"
    assertBadInput [ "region"; "--rule"; bad ] "divides by 1 - beta"
    assertBadInput [ "region"; "--rule"; bad ] "it is 0 at alpha = "
    // the same rule with beta < 1 is accepted
    let good = write tmp "good.rule" ((File.ReadAllText bad).Replace("0 <= beta <= 1", "0 <= beta < 1"))
    let code, _, err = run [ "region"; "--rule"; good ]
    Assert.True((code = 0), err)

/// Heavy ball whose momentum c is tied to another parameter: p(z) = z^2 - (1 + c - alpha*lambda)*z + c,
/// conditions p(1) = alpha*lambda >= 0, p(-1) = 2 + 2c - alpha*lambda >= 0 and p(0) <= 1, i.e. 1 - c >= 0.
let private tied (extra: string) =
    sprintf
        """optimizer hb-tied
params alpha > 0, 0 <= beta < 1, 0 <= c <= 2%s
state x, x_prev
x' = x - alpha*grad(x) + c*(x - x_prev)
x_prev' = x
"""
        extra

[<Fact>]
let ``a relation between hyperparameters changes which condition the closed form keeps`` () =
    use tmp = new TempDir()
    let box = write tmp "box.rule" (tied "")
    let related = write tmp "related.rule" (tied ", c <= beta")
    let code, boxOut, err = run [ "region"; "--rule"; box ]
    Assert.True((code = 0), err)
    // on the box c may exceed 1: 1 - c >= 0 is kept, with a witness point that has c > 1
    let witness = Text.RegularExpressions.Regex.Match(boxOut, @"p\(0\) <= 1 kept: not implied by the others: at [^\n]*\bc=([0-9/]+)")
    Assert.True(witness.Success, boxOut)
    Assert.True(Rational.parse witness.Groups.[1].Value > Rational.one, "the witness must have c > 1")
    Assert.Contains("1 - c", boxOut)
    let code, relOut, err = run [ "region"; "--rule"; related ]
    Assert.True((code = 0), err)
    // with c <= beta < 1: 1 - c = (beta - c) + (1 - beta) > 0, so the condition is dropped
    Assert.Contains("domain: alpha > 0, 0 <= beta < 1, 0 <= c <= 2, c <= beta", relOut)
    Assert.Contains("p(0) <= 1 dropped: holds everywhere on the declared domain", relOut)
    Assert.DoesNotContain("1 - c", relOut)
    Assert.Contains("closed form: 0 <= lambda <= 2*(1 + c)/alpha", relOut)

[<Fact>]
let ``values that violate a relation are refused with the relation named`` () =
    use tmp = new TempDir()
    let rule =
        write
            tmp
            "adamish.rule"
            """optimizer ordered
params alpha > 0, 0 < beta1 < beta2 < 1
state x
x' = x - alpha*grad(x)
"""
    assertBadInput [ "region"; "--rule"; rule; "--params"; "alpha=1,beta1=3/4,beta2=1/2" ] "violate the constraint beta1 < beta2"
    // equal values violate the strict relation exactly
    assertBadInput [ "region"; "--rule"; rule; "--params"; "alpha=1,beta1=1/2,beta2=1/2" ] "beta1 < beta2"
    let code, out, err = run [ "region"; "--rule"; rule; "--params"; "alpha=1,beta1=1/4,beta2=1/2" ]
    Assert.True((code = 0), err)
    Assert.Contains("region: [0, 2]", out)

[<SolverFact>]
let ``prove certifies a rule with a rational coefficient, its denominators included`` () =
    requireZ3 ()
    use tmp = new TempDir()
    let rule = write tmp "gd-rho.rule" (gdRho + "filter 0 <= lambda <= 2*(1 + rho)/alpha\n")
    let code, out, err = runIn tmp.Path [ "prove"; "--rule"; rule; "--check"; "--out"; tmp.Path ]
    Assert.True((code = 0), out + err)
    Assert.DoesNotContain("FALSE", out)
    for claim in [ "derived"; "stated" ] do
        for direction in [ "identity"; "defined"; "sound"; "complete" ] do
            Assert.Matches(sprintf @"(?m)^gd-rho/%s\s+%s\s+proved \(unsat\)" claim direction, out)
    let hb = write tmp "hb.rule" (hbAveraged + "filter 0 <= lambda <= 2*(1 + beta)/alpha\n")
    let code, out, err = runIn tmp.Path [ "prove"; "--rule"; hb; "--check"; "--out"; tmp.Path ]
    Assert.True((code = 0), out + err)
    Assert.Matches(@"(?m)^hb-averaged/derived\s+defined\s+proved \(unsat\)", out)
    Assert.Matches(@"(?m)^hb-averaged/stated\s+complete\s+proved \(unsat\)", out)
