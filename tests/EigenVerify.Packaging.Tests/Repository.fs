/// The repository the tests run in, the built command-line tool, and child processes.
module EigenVerify.Packaging.Tests.Repository

open System
open System.Diagnostics
open System.IO

/// The repository root: the first folder above the test assembly that holds EigenVerify.sln.
let root =
    let rec up (dir: DirectoryInfo) =
        if isNull dir then failwith "the repository root (with EigenVerify.sln) was not found above the test assembly"
        elif File.Exists(Path.Combine(dir.FullName, "EigenVerify.sln")) then dir.FullName
        else up dir.Parent
    up (DirectoryInfo AppContext.BaseDirectory)

/// The command-line tool's assembly, copied next to the tests by the project reference.
let cliDll = Path.Combine(AppContext.BaseDirectory, "EigenVerify.Cli.dll")

/// Whether the tests run under CI=true, where a missing prerequisite fails a test instead of skipping it.
let inCi = String.Equals(Environment.GetEnvironmentVariable "CI", "true", StringComparison.OrdinalIgnoreCase)

type Finished = { ExitCode: int; Stdout: string; Stderr: string }

/// Runs a program to completion in a folder, with extra environment variables.
let run (program: string) (args: string list) (workDir: string) (env: (string * string) list) =
    let info = ProcessStartInfo(program, args, WorkingDirectory = workDir)
    info.RedirectStandardOutput <- true
    info.RedirectStandardError <- true
    for name, value in env do
        info.Environment[name] <- value
    use p = Process.Start info
    let stdout = p.StandardOutput.ReadToEndAsync()
    let stderr = p.StandardError.ReadToEndAsync()
    p.WaitForExit()
    { ExitCode = p.ExitCode; Stdout = stdout.Result; Stderr = stderr.Result }

/// A temporary folder, deleted on Dispose.
type TempFolder() =
    let path = Directory.CreateTempSubdirectory("eigenverify-packaging-").FullName
    member _.Path = path
    interface IDisposable with
        member _.Dispose() = Directory.Delete(path, true)
