module EigenVerify.Benchmarks.Program

open System.Reflection
open BenchmarkDotNet.Running

/// Every benchmark class in this assembly; pick with --filter, e.g. --filter '*RootIsolation*'.
[<EntryPoint>]
let main argv =
    BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(argv) |> ignore
    0
