/// Helpers every F# test project shares (linked into each): temporary folders that remove
/// themselves, the repository root, and whether the z3-backed tests must run.
module EigenVerify.TestSupport

open System
open System.IO

/// A fresh folder under the system's temporary folder, deleted with everything in it on Dispose
/// (`use dir = new TempDir()`).
type TempDir() =
    let path = Path.Combine(Path.GetTempPath(), "eigenverify-test-" + Guid.NewGuid().ToString("N"))
    do Directory.CreateDirectory path |> ignore

    member _.Path = path

    /// A path inside the folder.
    member _.File(name: string) = Path.Combine(path, name)

    interface IDisposable with
        member _.Dispose() =
            if Directory.Exists path then
                Directory.Delete(path, true)

/// The repository root: the nearest folder above the test assembly holding EigenVerify.sln.
let repositoryRoot () =
    let rec up (dir: DirectoryInfo) =
        if isNull dir then failwith "the repository root (with EigenVerify.sln) was not found above the test assembly"
        elif File.Exists(Path.Combine(dir.FullName, "EigenVerify.sln")) then dir.FullName
        else up dir.Parent
    up (DirectoryInfo AppContext.BaseDirectory)

/// True under CI=true, where tests that need external tools must run rather than skip.
let inCi () = String.Equals(Environment.GetEnvironmentVariable "CI", "true", StringComparison.OrdinalIgnoreCase)

/// The z3 executable on PATH, if installed.
let z3Path () =
    let path = Environment.GetEnvironmentVariable "PATH"
    if isNull path then None
    else path.Split(Path.PathSeparator) |> Array.map (fun d -> Path.Combine(d, "z3")) |> Array.tryFind File.Exists

/// Fails the calling test when z3 is missing (the test runs only where it must: see SolverFact).
let requireZ3 () =
    if (z3Path ()).IsNone then
        failwith "z3 is not installed or not on PATH (Debian: apt-get install z3); the certificate checks need it"
