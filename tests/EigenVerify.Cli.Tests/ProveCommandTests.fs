module EigenVerify.Cli.Tests.ProveCommandTests

open System
open System.IO
open Xunit
open EigenVerify.Algebra
open EigenVerify.TestSupport
open EigenVerify.Cli.Tests.CliRunner
open EigenVerify.Cli.Tests.SolverFacts

/// `eigenverify prove ARGS --out DIR`, run from DIR.
let internal prove (dir: string) (args: string list) = runIn dir ("prove" :: args @ [ "--out"; dir ])

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
    use tmp = new TempDir()
    let dir = tmp.Path
    let code, out, err = prove dir [ "--all"; "--check"; "--timeout"; "60" ]
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

[<SolverFact>]
let ``GD with the upper bound 3/alpha is refuted with a root outside the disk`` () =
    requireZ3 ()
    use tmp = new TempDir()
    let dir = tmp.Path
    let code, out, _ =
        prove dir [ "--optimizer"; "gd"; "--claim"; "0 <= lambda <= 3/alpha"; "--check" ]
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

[<SolverFact>]
let ``heavy ball without the lower bound 0 is refuted at a negative eigenvalue`` () =
    requireZ3 ()
    use tmp = new TempDir()
    let dir = tmp.Path
    let code, out, _ =
        prove dir [ "--optimizer"; "heavy-ball"; "--claim"; "lambda <= 2*(1 + beta)/alpha"; "--check" ]
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

[<Fact>]
let ``a missing checker is an error, never a silent pass`` () =
    use tmp = new TempDir()
    let dir = tmp.Path
    let code, out, err =
        prove dir [ "--optimizer"; "gd"; "--check"; "--solver"; "z3-that-is-not-installed" ]
    Assert.Equal(3, code)
    Assert.Contains("z3-that-is-not-installed", err)
    Assert.Contains("not installed", err)
    Assert.DoesNotContain("proved", out)

[<Fact>]
let ``bad input is one line with a non-zero exit code`` () =
    use tmp = new TempDir()
    let dir = tmp.Path
    let cases =
        [ [ "--optimizer"; "adamw" ], "unknown optimizer 'adamw'"
          [ "--optimizer"; "gd"; "--all" ], "exactly one of"
          [], "exactly one of"
          [ "--all"; "--params"; "alpha=1" ], "--params"
          [ "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=1" ], "outside its domain"
          [ "--optimizer"; "gd"; "--params"; "alpha=1/10,beta=1" ], "unknown hyperparameter 'beta'"
          [ "--optimizer"; "gd"; "--claim"; "0 <= lambda <= 2/(alpha" ], "2/(alpha"
          [ "--rule"; Path.Combine(dir, "missing.rule") ], "no such rule file" ]
    for args, expected in cases do
        let code, _, err = prove dir args
        Assert.Equal(2, code)
        Assert.Contains(expected, err)
        Assert.Equal(1, err.Trim().Split('\n').Length)

[<Fact>]
let ``a claim with an unknown symbol is an error naming the rule, the kind and the symbol`` () =
    use tmp = new TempDir()
    let dir = tmp.Path
    let code, out, err = prove dir [ "--optimizer"; "gd"; "--claim"; "0 <= lambda <= 2/eta" ]
    Assert.Equal(2, code)
    Assert.Equal("", out)
    Assert.StartsWith("error: gd: --claim", err)
    Assert.Contains("column 18: unknown-name", err)
    Assert.Contains("'eta'", err)
    // a claim in the wrong eigenvalue is refused the same way
    let code, _, err = prove dir [ "--optimizer"; "adam-frozen"; "--claim"; "0 <= lambda <= 2/alpha" ]
    Assert.Equal(2, code)
    Assert.Contains("filter-variable", err)

[<Fact>]
let ``a rule file with a syntax error is reported with file, line and column`` () =
    use tmp = new TempDir()
    let dir = tmp.Path
    let file = Path.Combine(dir, "broken.rule")
    File.WriteAllText(file, "optimizer broken\nparams alpha > 0\nstate x\nx' = x - alpha*grad(x\n")
    let code, _, err = prove dir [ "--rule"; file ]
    Assert.Equal(2, code)
    Assert.Matches(@"broken\.rule:4:\d+: ", err)

[<SolverFact>]
let ``a rule file's filter statement is certified, and a wrong one is refuted`` () =
    requireZ3 ()
    use tmp = new TempDir()
    let dir = tmp.Path
    let rule (filter: string) =
        let file = Path.Combine(dir, "hb.rule")
        File.WriteAllText(file, "optimizer hb\nparams alpha > 0, 0 <= beta < 1\nstate x, x_prev\nx' = x - alpha*grad(x) + beta*(x - x_prev)\nx_prev' = x\nfilter " + filter + "\n")
        file
    let code, out, err = prove dir [ "--rule"; rule "0 <= lambda <= 2*(1 + beta)/alpha"; "--check" ]
    Assert.True((code = 0), out + err)
    for direction in [ "identity"; "defined"; "sound"; "complete" ] do
        Assert.Matches(sprintf @"(?m)^hb/stated\s+%s\s+proved \(unsat\)" direction, out)
    let transcript = File.ReadAllText(Path.Combine(dir, "hb", "stated.md"))
    Assert.Contains("The filter statement is $0 \\le \\lambda \\le", transcript)
    // 2/alpha is too small for beta > 0: eigenvalues between 2/alpha and 2(1 + beta)/alpha have every root inside
    let code, out, _ = prove dir [ "--rule"; rule "0 <= lambda <= 2/alpha"; "--check" ]
    Assert.Equal(1, code)
    Assert.Matches(@"(?m)^hb/stated\s+complete\s+FALSE \(sat\)", out)
    Assert.Matches(@"(?m)^hb/stated\s+sound\s+proved \(unsat\)", out)

[<SolverFact>]
let ``an exact claim at given hyperparameters is proved and its transcript records the verdicts`` () =
    requireZ3 ()
    use tmp = new TempDir()
    let dir = tmp.Path
    let code, out, err =
        prove dir [ "--optimizer"; "usam"; "--params"; "alpha=1/10,rho=1/20"; "--check" ]
    Assert.True((code = 0), out + err)
    Assert.Matches(@"(?m)^usam/exact-alpha-1_10\.rho-1_20\s+complete\s+proved \(unsat\)", out)
    let transcript = File.ReadAllText(Path.Combine(dir, "usam", "exact-alpha-1_10.rho-1_20.md"))
    Assert.Contains("R = [-10 - 10\\sqrt{5}, -20] \\cup [0, -10 + 10\\sqrt{5}]", transcript)
    Assert.Contains("which equals the exact region", transcript)
    Assert.Contains("| unsat | unsat (proved) |", transcript)

[<SolverFact>]
let ``a three-state rule's exact region is proved, the complete direction through a real factorization`` () =
    requireZ3 ()
    use tmp = new TempDir()
    let dir = tmp.Path
    let file = Path.Combine(dir, "three-state.rule")
    // Momentum on the last two differences: M = [[1 - alpha*lambda, beta, -beta], [1, 0, 0], [0, 1, 0]].
    File.WriteAllText(file, "optimizer three-state\nparams alpha > 0, 0 <= beta < 1\nstate x, x1, x2\nx' = x - alpha*grad(x) + beta*(x1 - x2)\nx1' = x\nx2' = x1\n")
    let code, out, err =
        prove dir [ "--rule"; file; "--params"; "alpha=1/10,beta=1/2"; "--check"; "--timeout"; "60" ]
    Assert.True((code = 0), out + err)
    Assert.Matches(@"(?m)^three-state/exact-alpha-1_10\.beta-1_2\s+complete\s+proved \(unsat\)", out)
    let complete = File.ReadAllText(Path.Combine(dir, "three-state", "exact-alpha-1_10.beta-1_2.complete.smt2"))
    Assert.DoesNotContain("forall", complete)
    Assert.Contains("(declare-const |factor.r| Real)", complete)

/// Heavy ball with its momentum hyperparameter called `name`.
let private heavyBallNamed (name: string) =
    sprintf
        "optimizer hb\nparams alpha > 0, 0 <= %s < 1\nstate w, w_prev\nw' = w - alpha*grad(w) + %s*(w - w_prev)\nw_prev' = w\nfilter 0 <= lambda <= 2*(1 + %s)/alpha\n"
        name
        name
        name

[<SolverFact>]
let ``the certificates of a renamed hyperparameter are all proved`` () =
    requireZ3 ()
    for n in [ "p"; "x"; "s"; "det"; "c0"; "bound1"; "lam"; "pi"; "abs" ] do
        use tmp = new TempDir()
        let file = ruleFile tmp "hb.rule" (heavyBallNamed n)
        let code, out, err = prove tmp.Path [ "--rule"; file; "--params"; sprintf "alpha=1/10,%s=9/10" n; "--check" ]
        Assert.True((code = 0), n + ": " + out + err)
        Assert.Matches(@"(\d+) of \1 certificates proved", out)

let private closedFormFixture (name: string) =
    System.IO.Path.Combine(repositoryRoot (), "tests", "EigenVerify.Filtering.Tests", "fixtures", name + ".rule")

[<SolverFact>]
let ``prove certifies the degree-3 closed forms of the two-lag heavy ball and the delayed gradient`` () =
    requireZ3 ()
    for name in [ "two-lag-heavy-ball"; "delayed-gradient-2" ] do
        use tmp = new TempDir()
        let code, out, err = prove tmp.Path [ "--rule"; closedFormFixture name; "--check"; "--timeout"; "60" ]
        Assert.True((code = 0), out + err)
        for direction in [ "identity"; "sound"; "complete" ] do
            Assert.Matches(sprintf @"(?m)^%s/derived\s+%s\s+proved \(unsat\)" name direction, out)

[<SolverFact>]
let ``a wrong degree-3 claim is refuted: the delayed gradient does not keep 0 <= alpha*lambda <= 1`` () =
    requireZ3 ()
    // the region ends at (sqrt 5 - 1)/2 < 1, so soundness must fail with a counterexample
    use tmp = new TempDir()
    let code, out, _ =
        prove tmp.Path [ "--rule"; closedFormFixture "delayed-gradient-2"; "--claim"; "0 <= lambda <= 1/alpha"; "--check"; "--timeout"; "60" ]
    Assert.Equal(1, code)
    Assert.Matches(@"(?m)^delayed-gradient-2/\S+\s+sound\s+FALSE \(sat\)", out)
    Assert.Contains("Counterexample", out)

/// The theorem files a certificate's header lists ("  disk-4.bound.smt2" lines).
let private theoremFilesOf (certificate: string) =
    certificate.Split('\n')
    |> Array.choose (fun l ->
        let m = Text.RegularExpressions.Regex.Match(l, @"^;\s+(disk-\d\.[^ ]+\.smt2)$")
        if m.Success then Some m.Groups.[1].Value else None)
    |> List.ofArray

[<SolverFact>]
let ``prove certifies the degree-4 and degree-5 delayed gradient through the closed-disk theorem, both claims and both directions`` () =
    requireZ3 ()
    // tau = 3 gives p = z^4 - z^3 + alpha*lambda, tau = 4 gives z^5 - z^4 + alpha*lambda: with root
    // variables z3 did not finish the sound direction of either in 60 s
    for name, degree in [ "delayed-gradient-3", 4; "delayed-gradient-4", 5 ] do
        use tmp = new TempDir()
        let code, out, err = prove tmp.Path [ "--rule"; closedFormFixture name; "--params"; "alpha=1/10"; "--check"; "--timeout"; "60" ]
        Assert.True((code = 0), out + err)
        for claim in [ "derived"; "exact-alpha-1_10" ] do
            for direction in [ "identity"; "sound"; "complete" ] do
                Assert.Matches(sprintf @"(?m)^%s/%s\s+%s\s+proved \(unsat\)" name claim direction, out)
            let sound = File.ReadAllText(Path.Combine(tmp.Path, name, claim + ".sound.smt2"))
            // an instance: no root variables, the theorem's conditions at p's coefficients
            Assert.DoesNotContain("(declare-const x Real)", sound)
            Assert.Contains("(assert (not disk.holds))", sound)
            let theorems = theoremFilesOf sound
            Assert.Contains(sprintf "disk-%d.bound.smt2" degree, theorems)
            Assert.Contains("disk-3.direct-sound.smt2", theorems)
            for t in theorems do
                Assert.True(File.Exists(Path.Combine(repositoryRoot (), "proofs", "theorems", t)), t + " is not a committed theorem file")
            let transcript = File.ReadAllText(Path.Combine(tmp.Path, name, claim + ".md"))
            Assert.Contains(sprintf "`disk-%d.bound.smt2`" degree, transcript)
        let complete = File.ReadAllText(Path.Combine(tmp.Path, name, "derived.complete.smt2"))
        Assert.Contains("(assert disk.holds)", complete)
        Assert.Contains("disk-3.direct-valid-0.smt2", theoremFilesOf complete)

[<SolverFact>]
let ``prove certifies a degree-4 rule with two hyperparameters, whose complete factorization z3 did not finish`` () =
    requireZ3 ()
    use tmp = new TempDir()
    // heavy ball with its momentum on the third lag: p has degree 4 in z, and the derived region
    // depends on alpha and beta; the real factorization of `complete` timed out at 60 s
    let file =
        ruleFile tmp "three-lag.rule" "optimizer three-lag\nparams alpha > 0, 0 <= beta < 1\nstate x, x1, x2, x3\nx' = x - alpha*grad(x) + beta*(x - x3)\nx1' = x\nx2' = x1\nx3' = x2\n"
    let code, out, err = prove tmp.Path [ "--rule"; file; "--check"; "--timeout"; "60" ]
    Assert.True((code = 0), out + err)
    for direction in [ "identity"; "sound"; "complete" ] do
        Assert.Matches(sprintf @"(?m)^three-lag/derived\s+%s\s+proved \(unsat\)" direction, out)

[<SolverFact>]
let ``a bound of a degree-4 or degree-5 region moved by under 1/1000 is refuted in the direction it breaks`` () =
    requireZ3 ()
    // the regions are 0 <= alpha*lambda <= 2 sin(pi/14) = 0.44504... (tau = 3) and
    // 0 <= alpha*lambda <= 2 sin(pi/18) = 0.34729... (tau = 4); each claim below misses the end by
    // less than 1/1000, above it (sound fails) or below it (complete fails)
    let cases =
        [ "delayed-gradient-3", "0 <= lambda <= 446/(1000*alpha)", "sound"
          "delayed-gradient-3", "0 <= lambda <= 445/(1000*alpha)", "complete"
          "delayed-gradient-4", "0 <= lambda <= 348/(1000*alpha)", "sound"
          "delayed-gradient-4", "0 <= lambda <= 347/(1000*alpha)", "complete" ]
    for name, claim, broken in cases do
        use tmp = new TempDir()
        let code, out, _ = prove tmp.Path [ "--rule"; closedFormFixture name; "--claim"; claim; "--check"; "--timeout"; "60" ]
        Assert.Equal(1, code)
        Assert.Matches(sprintf @"(?m)^%s/stated\s+%s\s+FALSE \(sat\)" name broken, out)
        let other = if broken = "sound" then "complete" else "sound"
        Assert.Matches(sprintf @"(?m)^%s/stated\s+%s\s+proved \(unsat\)" name other, out)
