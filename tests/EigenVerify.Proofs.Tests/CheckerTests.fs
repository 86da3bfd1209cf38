module EigenVerify.Proofs.Tests.CheckerTests

open System
open System.IO
open Xunit
open EigenVerify.Algebra
open EigenVerify.Proofs
open EigenVerify.Proofs.Tests.SolverFacts

/// These tests run the real checker: z3 must be installed (Debian: apt-get install z3).
let internal requireZ3 () =
    if (Z3.locate "z3").IsNone then
        failwith "z3 is not installed or not on PATH (Debian: apt-get install z3); the certificate checks need it"

let internal tempDir () =
    let d = Path.Combine(Path.GetTempPath(), "eigenverify-proofs-" + Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory d |> ignore
    d

let internal prove (args: ProveArgs) =
    use out = new StringWriter()
    use err = new StringWriter()
    let code = ProveCommand.run args out err
    code, out.ToString(), err.ToString()

/// The counterexample's numbers as printed: "  name = value" lines after "Counterexample".
let private model (output: string) =
    let start = output.IndexOf "Counterexample"
    Assert.True(start >= 0, "no counterexample printed:\n" + output)
    output.Substring(start).Split('\n')
    |> Array.choose (fun l ->
        let l = l.Trim()
        match l.Split(" = ") with
        | [| name; value |] -> Rational.tryParse value |> Option.map (fun v -> name, v)
        | _ -> None)
    |> Map.ofArray

[<SolverFact>]
let ``every catalog claim is proved in both directions`` () =
    requireZ3 ()
    let dir = tempDir ()
    let code, out, err = prove { ProveCommand.defaults with All = true; Check = true; Out = Some dir; TimeLimit = 60 }
    Assert.True((code = 0), out + err)
    Assert.DoesNotContain("FALSE", out)
    Assert.Contains("150 of 150 certificates proved", out)
    for rule in
        [ "gd"; "heavy-ball"; "nesterov"; "usam"; "usam-hb"; "usam-nesterov"; "two-step-usam"; "two-step-usam-hb"
          "two-step-usam-nesterov"; "hessian-usam"; "hessian-usam-hb"; "hessian-usam-nesterov"; "rmsprop-frozen"
          "adam-frozen"; "adagrad-frozen" ] do
        for claim in [ "derived"; "stated" ] do
            for direction in [ "identity"; "sound"; "complete" ] do
                Assert.Matches(sprintf @"(?m)^%s/%s\s+%s\s+proved \(unsat\)" (Text.RegularExpressions.Regex.Escape rule) claim direction, out)
    Directory.Delete(dir, true)

[<SolverFact>]
let ``GD with the upper bound 3/alpha is refuted with a root outside the disk`` () =
    requireZ3 ()
    let dir = tempDir ()
    let code, out, _ =
        prove { ProveCommand.defaults with Optimizer = Some "gd"; Claim = Some "0 <= lambda <= 3/alpha"; Check = true; Out = Some dir }
    Assert.Equal(1, code)
    Assert.Matches(@"(?m)^gd/stated\s+sound\s+FALSE \(sat\)", out)
    // Widening the region keeps the other direction true.
    Assert.Matches(@"(?m)^gd/stated\s+complete\s+proved \(unsat\)", out)
    // Check the counterexample by hand: p(z) = z - (1 - alpha*lambda) has the root 1 - alpha*lambda.
    let m = model out
    let alpha, lam, x = m.["alpha"], m.["lam"], m.["x"]
    Assert.True(alpha.Sign > 0)
    Assert.True(lam.Sign >= 0 && alpha * lam <= Rational.ofInt 3, "lambda must satisfy the wrong claim")
    Assert.Equal(Rational.one - alpha * lam, x)
    Assert.True(x * x > Rational.one, "the root must lie outside the unit disk")
    Directory.Delete(dir, true)

[<SolverFact>]
let ``heavy ball without the lower bound 0 is refuted at a negative eigenvalue`` () =
    requireZ3 ()
    let dir = tempDir ()
    let code, out, _ =
        prove { ProveCommand.defaults with Optimizer = Some "heavy-ball"; Claim = Some "lambda <= 2*(1 + beta)/alpha"; Check = true; Out = Some dir }
    Assert.Equal(1, code)
    Assert.Matches(@"(?m)^heavy-ball/stated\s+sound\s+FALSE \(sat\)", out)
    let m = model out
    let alpha, beta, lam, x, y = m.["alpha"], m.["beta"], m.["lam"], m.["x"], m.["y"]
    Assert.True(lam.Sign < 0, "only a negative eigenvalue can break the claim")
    Assert.True(alpha.Sign > 0 && beta.Sign >= 0 && beta < Rational.one)
    // p(z) = z^2 - (1 + beta - alpha*lambda) z + beta at z = x + iy, real and imaginary parts.
    let b = -(Rational.one + beta - alpha * lam)
    Assert.Equal(Rational.zero, x * x - y * y + b * x + beta)
    Assert.Equal(Rational.zero, Rational.ofInt 2 * x * y + b * y)
    Assert.True(x * x + y * y > Rational.one)
    Assert.Contains("|z|^2", out)
    Directory.Delete(dir, true)

[<Fact>]
let ``a missing checker is an error, never a silent pass`` () =
    let dir = tempDir ()
    let code, out, err =
        prove { ProveCommand.defaults with Optimizer = Some "gd"; Check = true; Out = Some dir; Solver = "z3-that-is-not-installed" }
    Assert.Equal(3, code)
    Assert.Contains("z3-that-is-not-installed", err)
    Assert.Contains("not installed", err)
    Assert.DoesNotContain("proved", out)
    Directory.Delete(dir, true)

[<Fact>]
let ``bad input is one line with a non-zero exit code`` () =
    let dir = tempDir ()
    let cases =
        [ { ProveCommand.defaults with Optimizer = Some "adamw"; Out = Some dir }, "unknown optimizer 'adamw'"
          { ProveCommand.defaults with Optimizer = Some "gd"; All = true; Out = Some dir }, "exactly one of"
          { ProveCommand.defaults with Out = Some dir }, "exactly one of"
          { ProveCommand.defaults with All = true; Params = Some "alpha=1"; Out = Some dir }, "--params"
          { ProveCommand.defaults with Optimizer = Some "heavy-ball"; Params = Some "alpha=1/10,beta=1"; Out = Some dir }, "outside its domain"
          { ProveCommand.defaults with Optimizer = Some "gd"; Params = Some "alpha=1/10,beta=1"; Out = Some dir }, "unknown hyperparameter 'beta'"
          { ProveCommand.defaults with Optimizer = Some "gd"; Claim = Some "0 <= lambda <= 2/(alpha"; Out = Some dir }, "2/(alpha"
          { ProveCommand.defaults with RuleFile = Some(Path.Combine(dir, "missing.rule")); Out = Some dir }, "no such rule file" ]
    for args, expected in cases do
        let code, _, err = prove args
        Assert.Equal(2, code)
        Assert.Contains(expected, err)
        Assert.Equal(1, err.Trim().Split('\n').Length)
    Directory.Delete(dir, true)

[<Fact>]
let ``a claim with an unknown symbol is an error naming the rule, the kind and the symbol`` () =
    let dir = tempDir ()
    let code, out, err = prove { ProveCommand.defaults with Optimizer = Some "gd"; Claim = Some "0 <= lambda <= 2/eta"; Out = Some dir }
    Assert.Equal(2, code)
    Assert.Equal("", out)
    Assert.StartsWith("error: gd: --claim", err)
    Assert.Contains("column 18: unknown-name", err)
    Assert.Contains("'eta'", err)
    // a claim in the wrong eigenvalue is refused the same way
    let code, _, err = prove { ProveCommand.defaults with Optimizer = Some "adam-frozen"; Claim = Some "0 <= lambda <= 2/alpha"; Out = Some dir }
    Assert.Equal(2, code)
    Assert.Contains("filter-variable", err)
    Directory.Delete(dir, true)

[<Fact>]
let ``a rule file with a syntax error is reported with file, line and column`` () =
    let dir = tempDir ()
    let file = Path.Combine(dir, "broken.rule")
    File.WriteAllText(file, "optimizer broken\nparams alpha > 0\nstate x\nx' = x - alpha*grad(x\n")
    let code, _, err = prove { ProveCommand.defaults with RuleFile = Some file; Out = Some dir }
    Assert.Equal(2, code)
    Assert.Matches(@"broken\.rule:4:\d+: ", err)
    Directory.Delete(dir, true)

[<SolverFact>]
let ``a rule file's filter statement is certified, and a wrong one is refuted`` () =
    requireZ3 ()
    let dir = tempDir ()
    let rule (filter: string) =
        let file = Path.Combine(dir, "hb.rule")
        File.WriteAllText(file, "optimizer hb\nparams alpha > 0, 0 <= beta < 1\nstate x, x_prev\nx' = x - alpha*grad(x) + beta*(x - x_prev)\nx_prev' = x\nfilter " + filter + "\n")
        file
    let code, out, err = prove { ProveCommand.defaults with RuleFile = Some(rule "0 <= lambda <= 2*(1 + beta)/alpha"); Check = true; Out = Some dir }
    Assert.True((code = 0), out + err)
    for direction in [ "identity"; "defined"; "sound"; "complete" ] do
        Assert.Matches(sprintf @"(?m)^hb/stated\s+%s\s+proved \(unsat\)" direction, out)
    let transcript = File.ReadAllText(Path.Combine(dir, "hb", "stated.md"))
    Assert.Contains("The filter statement is $0 \\le \\lambda \\le", transcript)
    // 2/alpha is too small for beta > 0: eigenvalues between 2/alpha and 2(1 + beta)/alpha have every root inside
    let code, out, _ = prove { ProveCommand.defaults with RuleFile = Some(rule "0 <= lambda <= 2/alpha"); Check = true; Out = Some dir }
    Assert.Equal(1, code)
    Assert.Matches(@"(?m)^hb/stated\s+complete\s+FALSE \(sat\)", out)
    Assert.Matches(@"(?m)^hb/stated\s+sound\s+proved \(unsat\)", out)
    Directory.Delete(dir, true)

[<SolverFact>]
let ``an exact claim at given hyperparameters is proved and its transcript records the verdicts`` () =
    requireZ3 ()
    let dir = tempDir ()
    let code, out, err =
        prove { ProveCommand.defaults with Optimizer = Some "usam"; Params = Some "alpha=1/10,rho=1/20"; Check = true; Out = Some dir }
    Assert.True((code = 0), out + err)
    Assert.Matches(@"(?m)^usam/exact-alpha-1_10\.rho-1_20\s+complete\s+proved \(unsat\)", out)
    let transcript = File.ReadAllText(Path.Combine(dir, "usam", "exact-alpha-1_10.rho-1_20.md"))
    Assert.Contains("R = [-10 - 10\\sqrt{5}, -20] \\cup [0, -10 + 10\\sqrt{5}]", transcript)
    Assert.Contains("which equals the exact region", transcript)
    Assert.Contains("| unsat | unsat (proved) |", transcript)
    Directory.Delete(dir, true)

[<SolverFact>]
let ``a three-state rule's exact region is proved, the complete direction through a quantifier`` () =
    requireZ3 ()
    let dir = tempDir ()
    let file = Path.Combine(dir, "three-state.rule")
    // Momentum on the last two differences: M = [[1 - alpha*lambda, beta, -beta], [1, 0, 0], [0, 1, 0]].
    File.WriteAllText(file, "optimizer three-state\nparams alpha > 0, 0 <= beta < 1\nstate x, x1, x2\nx' = x - alpha*grad(x) + beta*(x1 - x2)\nx1' = x\nx2' = x1\n")
    let code, out, err =
        prove { ProveCommand.defaults with RuleFile = Some file; Params = Some "alpha=1/10,beta=1/2"; Check = true; Out = Some dir; TimeLimit = 60 }
    Assert.True((code = 0), out + err)
    Assert.Matches(@"(?m)^three-state/exact-alpha-1_10\.beta-1_2\s+complete\s+proved \(unsat\)", out)
    let complete = File.ReadAllText(Path.Combine(dir, "three-state", "exact-alpha-1_10.beta-1_2.complete.smt2"))
    Assert.Contains("(forall ((x Real) (y Real))", complete)
    Directory.Delete(dir, true)
