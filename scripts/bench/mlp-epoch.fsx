// Time per epoch of the default MLP in TorchSharp (this project) and in PyTorch
// (scripts/bench/mlp_epoch_peer.py, Debian python3-torch) with the same thread count, in one run.
//   dotnet fsi scripts/bench/mlp-epoch.fsx -- [--threads 2] [--samples 10000] [--epochs 3] [--python python3]
#load "../experiments/Launcher.fsx"
exit (Launcher.runTool "EigenVerify.Experiments.Tools.EpochBenchmarkTool" fsi.CommandLineArgs)
