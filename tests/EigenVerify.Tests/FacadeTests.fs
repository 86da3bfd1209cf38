module EigenVerify.Tests.FacadeTests

open System.IO
open Xunit
open EigenVerify
open EigenVerify.Algebra
open EigenVerify.Tests.FacadeAssertions
open EigenVerify.TestSupport

[<Fact>]
let ``the catalog is listed in the paper's order and loads by name`` () =
    let names = Optimizer.catalogNames ()
    Assert.Equal("gd", names.[0])
    Assert.Contains("adam-frozen", names)
    let adam = Optimizer.catalog "adam-frozen"
    // Adam with a frozen preconditioner speaks of mu, an eigenvalue of P^-1 H
    Assert.Equal(EigenVerify.Symbolic.Mu, adam.Variable)
    Assert.Equal<string[]>([| "alpha"; "beta1" |], adam.ParameterNames)
    Assert.Equal("catalog/adam-frozen.rule", adam.Origin)
    let e = raisesKind ErrorKind.UnknownOptimizer (fun () -> Optimizer.catalog "adamw")
    Assert.Contains("'adamw'", e.Message)

[<Fact>]
let ``rule text errors carry origin, line and column`` () =
    let e = raisesKind ErrorKind.InvalidRule (fun () -> Optimizer.parse "mine.rule" "optimizer m\nparams alpha > 0\nstate x\nx' = x - alpha*grad(y)\n")
    Assert.Equal("mine.rule", e.Origin)
    Assert.Equal(4, e.Line)
    Assert.True(e.HasLocation)
    // grad(y) names y, unknown: the column points inside line 4 at or after "grad("
    Assert.True(e.Column >= "x' = x - alpha*".Length + 1, string e.Column)
    Assert.StartsWith(sprintf "mine.rule:4:%d: " e.Column, e.Message)
    use dir = new TempDir()
    let missing = dir.File "none.rule"
    let e = raisesKind ErrorKind.UnreadableFile (fun () -> Optimizer.load missing)
    Assert.Equal(missing + ": no such rule file", e.Message)

[<Fact>]
let ``parameters are exact and come back in the rule's declaration order`` () =
    let hb = Optimizer.catalog "heavy-ball"
    let values = Parameters.parseFor hb "beta=0.9, alpha=1/10"
    Assert.Equal<string[]>([| "alpha"; "beta" |], values.Names)
    Assert.Equal(q 9 10, values.["beta"])
    Assert.Equal("alpha=1/10,beta=9/10", string values)
    raisesKind ErrorKind.InvalidParameters (fun () -> Parameters.parseFor hb "alpha=1/10") |> ignore
    raisesKind ErrorKind.InvalidParameters (fun () -> Parameters.parseFor hb "alpha=1/10,beta=1") |> ignore
    raisesKind ErrorKind.InvalidParameters (fun () -> Parameters.parse "alpha") |> ignore

[<Fact>]
let ``heavy ball's exact region is the hand-derived interval 0 to 2(1 + beta)/alpha`` () =
    let hb = Optimizer.catalog "heavy-ball"
    for a, b in [ q 1 10, q 9 10; q 1 100, q 1 2; q 3 1, q 0 1 ] do
        let r = Filter.region hb (Parameters.create [| System.Collections.Generic.KeyValuePair("alpha", a); System.Collections.Generic.KeyValuePair("beta", b) |])
        let upper = Rational.ofInt 2 * (Rational.one + b) / a
        Assert.True(r.TheoremApplies)
        let i = Assert.Single(r.Intervals)
        Assert.True(i.HasLower && i.HasUpper && i.LowerClosed && i.UpperClosed)
        Assert.Equal(AlgebraicNumber.ofRational Rational.zero, i.Lower)
        Assert.Equal(AlgebraicNumber.ofRational upper, i.Upper)
        Assert.True(r.Contains upper)
        Assert.False(r.Contains(upper + q 1 1000))
        Assert.False(r.Contains(q -1 1000))
        Assert.Empty(r.Points)

[<Fact>]
let ``an interval without an end says so instead of returning a value`` () =
    // plain GD at alpha: a rule file whose region is unbounded below: x' = x + alpha*grad(x)
    // (ascent) keeps -2/alpha <= lambda <= 0
    let ascent = Optimizer.parse "ascent.rule" "optimizer ascent\nparams alpha > 0\nstate x\nx' = x + alpha*grad(x)\n"
    let r = Filter.region ascent (Parameters.parseFor ascent "alpha=1/10")
    let i = Assert.Single(r.Intervals)
    Assert.Equal(AlgebraicNumber.ofInt -20, i.Lower)
    Assert.Equal(AlgebraicNumber.ofInt 0, i.Upper)
    // a rule that does not move at all keeps every eigenvalue: an interval with no ends
    let still = Optimizer.parse "still.rule" "optimizer still\nparams alpha > 0\nstate x\nx' = x\n"
    let everything = Assert.Single((Filter.region still (Parameters.parseFor still "alpha=1")).Intervals)
    Assert.False(everything.HasLower)
    Assert.False(everything.HasUpper)
    Assert.Equal(System.Double.NegativeInfinity, everything.LowerApproximation)
    Assert.Equal("", everything.UpperText)
    Assert.Throws<System.InvalidOperationException>(fun () -> everything.Lower |> ignore) |> ignore

[<Fact>]
let ``the Jacobian's characteristic polynomial is the determinant of zI - M`` () =
    for name in [ "gd"; "heavy-ball"; "nesterov"; "usam-hb" ] do
        let j = Filter.jacobian (Optimizer.catalog name)
        let k = j.Matrix.Length
        // at a rational point, det(zI - M) by cofactor expansion of the evaluated entries
        let point = Map.ofList [ "z", q 7 3; j.Variable.Name, q 5 2; "alpha", q 1 10; "beta", q 2 3; "rho", q 1 20 ]
        let m = Array2D.init k k (fun r c -> (if r = c then point.["z"] else Rational.zero) - MPoly.eval point j.Matrix.[r].[c])
        let rec det (rows: int list) (cols: int list) =
            match rows with
            | [] -> Rational.one
            | r :: rest ->
                cols
                |> List.mapi (fun i c ->
                    let sign = if i % 2 = 0 then Rational.one else -Rational.one
                    sign * m.[r, c] * det rest (cols |> List.filter ((<>) c)))
                |> List.fold (+) Rational.zero
        Assert.Equal(det [ 0 .. k - 1 ] [ 0 .. k - 1 ], MPoly.eval point j.CharPoly)

[<Fact>]
let ``closed forms agree with the paper and the theorem's limits are reported, not thrown`` () =
    let gd = Filter.closedFormSampled 10 (Optimizer.catalog "gd")
    Assert.True(gd.HasClosedForm)
    Assert.Equal("0 <= lambda <= 2/alpha", gd.Statement)
    Assert.True(gd.HasAgreement && gd.Agreement.Agrees)
    Assert.Equal(10, gd.Agreement.Points)
    // no condition free of every variable (such as 0 >= 0) is listed
    Assert.All(gd.Conditions, fun c -> Assert.NotEmpty(MPoly.variables c))
    let sam = Filter.closedFormSampled 10 (Optimizer.catalog "sam")
    Assert.False(sam.IsSmooth)
    Assert.False(sam.HasClosedForm)
    Assert.NotEqual<string>("", sam.Reason)
    raisesKind ErrorKind.NotApplicable (fun () -> Filter.jacobian (Optimizer.catalog "sam")) |> ignore

[<Fact>]
let ``certificates are built in memory with their paths and a bad claim names its column`` () =
    let gd = Optimizer.catalog "gd"
    let bundle = Certificate.build gd "" [| Parameters.parseFor gd "alpha=1/10" |]
    let paths = bundle.Certificates |> Array.map (fun c -> c.Path)
    Assert.Contains("gd/derived.sound.smt2", paths)
    Assert.Contains("gd/stated.complete.smt2", paths)
    Assert.Contains("gd/exact-alpha-1_10.identity.smt2", paths)
    Assert.All(bundle.Certificates, fun c -> Assert.EndsWith("(check-sat)\n", c.Text.Replace("\r\n", "\n")))
    // every certificate has a transcript beside it
    let files = bundle.Files |> Array.map (fun f -> f.Path)
    for c in bundle.Certificates do
        Assert.Contains(sprintf "%s/%s.md" c.Rule c.Claim, files)
    let e = raisesKind ErrorKind.InvalidClaim (fun () -> Certificate.build gd "0 <= lambda <= 2/eta" [||])
    Assert.Equal(18, e.Column)

[<Fact>]
let ``writing refuses a foreign file before writing anything`` () =
    use dir = new TempDir()
    let bundle = Certificate.build (Optimizer.catalog "gd") "" [||]
    Directory.CreateDirectory(dir.File "gd") |> ignore
    File.WriteAllText(Path.Combine(dir.Path, "gd", "derived.md"), "my notes\n")
    raisesKind ErrorKind.OutputRefused (fun () -> Certificate.write dir.Path bundle) |> ignore
    Assert.Equal<string[]>([| "derived.md" |], Directory.GetFiles(dir.File "gd") |> Array.map Path.GetFileName)
    File.Delete(Path.Combine(dir.Path, "gd", "derived.md"))
    let written = Certificate.write dir.Path bundle
    Assert.Equal(bundle.Files.Length, written.Length)
    for f in bundle.Files do
        Assert.Equal(f.Text, File.ReadAllText(Path.Combine(dir.Path, f.Path)))

[<EigenVerify.Tests.SolverFact>]
let ``checking a wrong claim gives a counterexample with a root outside the unit disk`` () =
    requireZ3 ()
    use dir = new TempDir()
    let gd = Optimizer.catalog "gd"
    let report = Certificate.check dir.Path "z3" 60 null (Certificate.build gd "0 <= lambda <= 3/alpha" [||])
    Assert.False(report.AllProved)
    let sound = report.Checks |> Array.find (fun c -> c.Certificate.Claim = "stated" && c.Certificate.Direction = "sound")
    Assert.Equal(CertificateVerdict.False, sound.Verdict)
    let value name = sound.Counterexample |> Array.find (fun kv -> kv.Key = name) |> fun kv -> Rational.parse kv.Value
    // p(z) = z - (1 - alpha*lambda): the root is 1 - alpha*lambda, outside the disk for alpha*lambda in (2, 3]
    let alpha, lam, x = value "alpha", value "lam", value "x"
    Assert.Equal(Rational.one - alpha * lam, x)
    Assert.True(x * x > Rational.one)
    // widening the region keeps the other direction proved
    let complete = report.Checks |> Array.find (fun c -> c.Certificate.Claim = "stated" && c.Certificate.Direction = "complete")
    Assert.Equal(CertificateVerdict.Proved, complete.Verdict)

[<Fact>]
let ``a missing solver is reported as such`` () =
    raisesKind ErrorKind.MissingTool (fun () -> Certificate.locateSolver "z3-that-is-not-installed") |> ignore

[<Fact>]
let ``the property check of gradient descent on quadratics passes and its counts add up`` () =
    let r = Property.check (Optimizer.catalog "gd") "quadratic" 12 7L null
    Assert.True(r.Passed)
    let s = Assert.Single(r.Families)
    Assert.Equal(12, s.Runs)
    Assert.Equal(s.Runs, s.Converged + s.Diverged + s.Undecided)
    Assert.Equal(s.Converged, s.Critical + s.NonCritical)
    Assert.True(s.RegionChecked <= s.Critical)
    raisesKind ErrorKind.NotApplicable (fun () -> Property.check (Optimizer.catalog "sam") "" 1 1L null) |> ignore
    raisesKind ErrorKind.InvalidArgument (fun () -> Property.check (Optimizer.catalog "gd") "cubic" 1 1L null) |> ignore
