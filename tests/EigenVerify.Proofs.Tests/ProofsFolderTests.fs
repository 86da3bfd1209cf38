module EigenVerify.Proofs.Tests.ProofsFolderTests

open System.IO
open Xunit
open EigenVerify.Proofs
open EigenVerify.Proofs.Tests.CheckerTests
open EigenVerify.Proofs.Tests.SolverFacts

let rec private repoRoot (dir: DirectoryInfo) =
    if isNull dir then failwith "the repository root (with EigenVerify.sln) was not found above the test assembly"
    elif File.Exists(Path.Combine(dir.FullName, "EigenVerify.sln")) then dir.FullName
    else repoRoot dir.Parent

let private files (root: string) =
    Directory.GetFiles(root, "*", SearchOption.AllDirectories)
    |> Array.map (fun f -> Path.GetRelativePath(root, f).Replace('\\', '/'))
    // the per-degree closed-disk theorems have their own generator and test (DiskTheoremTests)
    |> Array.filter (fun f -> f <> "README.md" && not (f.StartsWith "theorems/"))
    |> Array.sort

[<SolverFact>]
let ``the committed proofs folder is exactly what prove --all --check regenerates`` () =
    requireZ3 ()
    let committed = Path.Combine(repoRoot (DirectoryInfo(System.AppContext.BaseDirectory)), "proofs")
    let dir = tempDir ()
    let code, out, err = prove { ProveCommand.defaults with All = true; Check = true; Out = Some dir }
    Assert.True((code = 0), out + err)
    Assert.Equal<string[]>(files dir, files committed)
    for f in files dir do
        let expected = File.ReadAllText(Path.Combine(dir, f))
        let actual = File.ReadAllText(Path.Combine(committed, f))
        Assert.True((expected = actual), sprintf "proofs/%s differs from the regenerated file: run `eigenverify prove --all --check` and commit" f)
    Directory.Delete(dir, true)
