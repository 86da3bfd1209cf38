module EigenVerify.Proofs.Tests.DiskTheoremTests

open System.IO
open Xunit
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Proofs
open EigenVerify.TestSupport
open EigenVerify.Proofs.Tests.SolverFacts

let private theorems () =
    Path.Combine(repositoryRoot (), "proofs", "theorems")

/// Runs z3 on an obligation's text (written to a temporary file) with a one-minute limit.
let private verdict (o: DiskObligation) =
    use dir = new TempDir()
    let file = dir.File(o.Name + ".smt2")
    File.WriteAllText(file, o.Text)
    fst (Z3.check "z3" 60 file)

[<Fact>]
let ``the committed theorem files are what the generator writes`` () =
    let folder = theorems ()
    let committed = Directory.GetFiles(folder, "*.smt2") |> Array.map Path.GetFileName |> Array.sort
    let generated = DiskTheorem.all ()
    Assert.Equal<string[]>(generated |> List.map (fun o -> o.Name + ".smt2") |> Array.ofList |> Array.sort, committed)
    for o in generated do
        let actual = File.ReadAllText(Path.Combine(folder, o.Name + ".smt2"))
        Assert.True((actual = o.Text), sprintf "proofs/theorems/%s.smt2 differs from the generator: run scripts/disk-theorems.fsx and commit" o.Name)

[<SolverFact>]
let ``z3 answers unsat on every committed theorem file`` () =
    requireZ3 ()
    let folder = theorems ()
    let files = Directory.GetFiles(folder, "*.smt2") |> Array.sort
    // every proved degree has its bound obligation, so the folder cannot silently be empty
    for n in 2 .. DiskConditions.provedDegree do
        Assert.Contains(Path.Combine(folder, sprintf "disk-%d.bound.smt2" n), files)
    let failures =
        [ for f in files do
              match fst (Z3.check "z3" 60 f) with
              | Unsat -> ()
              | other -> yield sprintf "%s: %A" (Path.GetFileName f) other ]
    Assert.True(failures.IsEmpty, String.concat "\n" failures)

[<SolverFact>]
let ``the obligations catch a wrong description: the naive degree-3 set without the derivative condition`` () =
    requireZ3 ()
    // E_3 without D:1−q(0) accepts z³ + 4z² + 4z + 1 (a root near −2.618), so some obligation of
    // the sufficiency argument must be satisfiable
    let full = DiskConditions.generic 3
    let wrong = full |> List.filter (fun c -> c.Origin <> { Steps = [ Derivative ]; Base = ConstantAtMostOne })
    Assert.Equal(full.Length - 1, wrong.Length)
    let answers = DiskTheorem.obligationsFor 3 wrong (DiskConditions.generic 2) |> List.map verdict
    Assert.Contains(answers, fun v -> match v with Sat _ -> true | _ -> false)
    // and the right description passes the same obligations
    let right = DiskTheorem.obligationsFor 3 full (DiskConditions.generic 2) |> List.map verdict
    Assert.All(right, fun v -> Assert.Equal(Unsat, v))

[<SolverFact>]
let ``the direct check of degree 3 with root variables refutes the naive description`` () =
    requireZ3 ()
    // the same wrong set, checked against the roots directly: z3 must find a root outside the disk
    let wrong = DiskConditions.generic 3 |> List.filter (fun c -> c.Origin.Steps <> [ Derivative ])
    let sound = DiskTheorem.directChecks 3 |> List.head
    Assert.Equal("disk-3.direct-sound", sound.Name)
    // rebuild the file's hypotheses without the derivative condition by removing its assert line
    let dropped = DiskConditions.generic 3 |> List.find (fun c -> c.Origin.Steps = [ Derivative ])
    let line = sprintf "(assert (>= %s 0))" (Smt.polynomial dropped.Polynomial)
    Assert.Contains(line, sound.Text)
    Assert.Equal(3, wrong.Length)
    match verdict { sound with Text = sound.Text.Replace(line + "\n", "").Replace(line + "\r\n", "") } with
    | Sat _ -> ()
    | other -> failwithf "expected a root outside the disk, z3 said %A" other

[<SolverFact>]
let ``a per-condition necessity check fails for a condition tightened by 1/100`` () =
    requireZ3 ()
    // p(1) >= 0 is necessary, p(1) >= 1/100 is not (a root at z = 1 gives p(1) = 0): with the
    // negated condition shifted, z3 must find roots in the disk that violate it
    let check = DiskTheorem.necessityChecks 4 |> List.find (fun o -> o.Name = "disk-4.necessary-q1-0")
    let atOne = (DiskConditions.generic 4 |> List.head).Polynomial
    let line = sprintf "(assert (< %s 0))" (Smt.polynomial atOne)
    Assert.Contains(line, check.Text)
    Assert.Equal(Unsat, verdict check)
    let shifted = sprintf "(assert (< %s (/ 1 100)))" (Smt.polynomial atOne)
    let wrong = { check with Text = check.Text.Replace(line, shifted) }
    Assert.True((match verdict wrong with Sat _ -> true | _ -> false), "the tightened condition was not refuted")

[<Fact>]
let ``the per-condition necessity checks of degree 4 cover every condition except those that start with D`` () =
    let checks = DiskTheorem.necessityChecks 4
    let conditions = DiskConditions.generic 4
    let derivativeFirst = conditions |> List.filter (fun c -> List.tryHead c.Origin.Steps = Some Derivative)
    // S(D(p)) is the one left to Gauss-Lucas; three root patterns (0, 1, 2 pairs) per other condition
    Assert.Equal(1, derivativeFirst.Length)
    Assert.Equal((conditions.Length - 1) * 3, checks.Length)
    for c in conditions do
        let negated = sprintf "(assert (< %s 0))" (Smt.polynomial c.Polynomial)
        let count = checks |> List.filter (fun o -> o.Text.Contains negated) |> List.length
        Assert.Equal((if List.contains c derivativeFirst then 0 else 3), count)
