module EigenVerify.Benchmarks.Program

open BenchmarkDotNet.Running

[<EntryPoint>]
let main argv =
    BenchmarkSwitcher.FromAssembly(typeof<EigenVerify.Algebra.Rational>.Assembly).Run(argv) |> ignore
    0
