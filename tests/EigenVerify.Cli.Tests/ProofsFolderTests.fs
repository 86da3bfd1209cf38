module EigenVerify.Cli.Tests.ProofsFolderTests

open System.IO
open Xunit
open EigenVerify.TestSupport
open EigenVerify.Cli.Tests.CliRunner
open EigenVerify.Cli.Tests.SolverFacts

let private files (root: string) =
    Directory.GetFiles(root, "*", SearchOption.AllDirectories)
    |> Array.map (fun f -> Path.GetRelativePath(root, f).Replace('\\', '/'))
    // the per-degree closed-disk theorems have their own generator and test (DiskTheoremTests)
    |> Array.filter (fun f -> f <> "README.md" && not (f.StartsWith "theorems/"))
    |> Array.sort

[<SolverFact>]
let ``the committed proofs folder is exactly what prove --all --check regenerates`` () =
    requireZ3 ()
    let committed = Path.Combine(repositoryRoot (), "proofs")
    use dir = new TempDir()
    let code, out, err = runIn dir.Path [ "prove"; "--all"; "--check"; "--out"; dir.Path ]
    Assert.True((code = 0), out + err)
    Assert.Equal<string[]>(files dir.Path, files committed)
    for f in files dir.Path do
        let expected = File.ReadAllText(Path.Combine(dir.Path, f))
        let actual = File.ReadAllText(Path.Combine(committed, f))
        Assert.True((expected = actual), sprintf "proofs/%s differs from the regenerated file: run `eigenverify prove --all --check` from the repository root and commit" f)
