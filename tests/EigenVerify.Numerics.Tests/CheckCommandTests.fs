module EigenVerify.Numerics.Tests.CheckCommandTests

open System.IO
open Xunit
open EigenVerify.Symbolic
open EigenVerify.Numerics

let check (a: CheckCommand.Args) =
    use out = new StringWriter()
    use err = new StringWriter()
    let code = CheckCommand.run a out err
    code, out.ToString(), err.ToString()

[<Fact>]
let ``check passes for gradient descent on quadratics and prints the statistics table`` () =
    let code, out, err = check { CheckCommand.defaults with Optimizer = Some "gd"; Family = Some "quadratic"; Runs = 30; Seed = 5L }
    Assert.Equal("", err)
    Assert.Equal(0, code)
    Assert.Contains("quadratic", out)
    Assert.Contains("max rho", out)
    Assert.Contains("passed", out)

[<Fact>]
let ``bad input gives exit code 2 and one line naming the problem`` () =
    let cases =
        [ { CheckCommand.defaults with Optimizer = Some "nope" }, "unknown optimizer 'nope'"
          { CheckCommand.defaults with Optimizer = Some "sam" }, "not C¹"
          { CheckCommand.defaults with Optimizer = Some "gd"; Family = Some "cubic" }, "unknown family 'cubic'"
          { CheckCommand.defaults with Optimizer = Some "gd"; Runs = 0 }, "--runs"
          { CheckCommand.defaults with Optimizer = Some "gd"; RuleFile = Some "x.rule" }, "either --optimizer or --rule"
          { CheckCommand.defaults with RuleFile = Some "/nonexistent/x.rule" }, "cannot read rule file" ]
    for args, expected in cases do
        let code, _, err = check args
        Assert.Equal(2, code)
        Assert.Contains(expected, err)
        Assert.Equal(1, err.Trim().Split('\n').Length)

[<Fact>]
let ``a rule file with an error is reported with file, line and column`` () =
    let path = Path.Combine(Path.GetTempPath(), "eigenverify-check-broken.rule")
    File.WriteAllText(path, "optimizer broken\nparams alpha > 0\nstate x\nx' = x - alpha*grad(y)\n")
    let code, _, err = check { CheckCommand.defaults with RuleFile = Some path }
    Assert.Equal(2, code)
    Assert.Contains(path + ":4:", err)

[<Fact>]
let ``a user rule file is checked like a catalog rule`` () =
    let path = Path.Combine(Path.GetTempPath(), "eigenverify-check-damped.rule")
    File.WriteAllText(path, "optimizer damped\nparams alpha > 0, 0 <= beta < 1\nstate x, x_prev\nx' = x - alpha*grad(x) + beta*(x - x_prev)\nx_prev' = x\n")
    let code, out, _ = check { CheckCommand.defaults with RuleFile = Some path; Family = Some "factorization"; Runs = 20 }
    Assert.Equal(0, code)
    Assert.Contains("factorization", out)

[<Fact>]
let ``one seed alone replays a case, as the printed replay command promises`` () =
    let m = Catalog.load "heavy-ball"
    let f = (Families.tryFind "network").Value
    for s in [ 0L; 1L; 7L; 123L; -4L ] do
        Assert.Equal(CheckCommand.caseFor m f s, CheckCommand.caseFor m f s)
    // consecutive seeds share the loss but not the start
    let a = CheckCommand.caseFor m f 10L
    let b = CheckCommand.caseFor m f 11L
    Assert.Equal(a.Spec, b.Spec)
    Assert.True((a.Start <> b.Start))

[<Fact>]
let ``a counterexample is printed with loss, hyperparameters, start, limit, rho and a replay command`` () =
    let m = Catalog.load "gd"
    let session = Session m
    let case =
        { Spec = Quadratic([ EigenVerify.Algebra.Rational.ofInt -1 ], [], [ EigenVerify.Algebra.Rational.zero ])
          ParamDraws = [ EigenVerify.Algebra.Rational.parse "1/2" ]
          PrecondDraws = [ EigenVerify.Algebra.Rational.zero ]
          Start = [ [ EigenVerify.Algebra.Rational.zero ] ] }
    // the plain iteration (no confirming kick) stays on the saddle: a ready-made violation
    let r = Runner.run { Runner.defaults with Confirmations = 0 } session case
    Assert.NotEmpty(RunProperties.violations r)
    let c = { Family = "quadratic"; Seed = 42L; Original = r; Shrunk = r; ShrinkSteps = 0; Violations = RunProperties.violations r }
    use w = new StringWriter()
    CheckCommand.describe m { CheckCommand.defaults with Optimizer = Some "gd" } c w
    let text = w.ToString()
    for piece in [ "seed 42"; "f(x) = "; "alpha = "; "start x = (0)"; "limit after"; "rho(Jac G) = "; "(a) converged"; "replay: eigenverify check --optimizer gd --family quadratic --runs 1 --seed 42" ] do
        Assert.Contains(piece, text)
