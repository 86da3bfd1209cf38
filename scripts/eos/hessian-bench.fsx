// Benchmark of the Hessian measurements on the figures' default MLP (784-256-256-10 ReLU,
// float32): time of one Hessian-vector product over the time of one gradient (target ≤ 3),
// and the time of Lanczos for the top 10 eigenvalues, on the first N MNIST training images.
//   dotnet fsi scripts/eos/hessian-bench.fsx -- [--examples 1000] [--threads 2] [--repetitions 10]
#load "../experiments/Launcher.fsx"
exit (Launcher.invokeFromRoot "EigenVerify.Experiments.Tools.HessianBenchmarkTool" "Run" [| box (Launcher.userArgs fsi.CommandLineArgs) |])
