// Figure 1: an MLP on MNIST, SGD / SAM / USAM / Two-step USAM / Hessian USAM, with and without
// heavy-ball momentum; keeps the best ρ per optimizer by test accuracy.
//   dotnet fsi scripts/figure1-mnist.fsx -- --preset smoke|small|paper [--shard i/N] [--merge DIR...]
// Settings: scripts/experiments/figure1.json. Results: results/figure1/<preset>/.
#load "experiments/Launcher.fsx"
exit (Launcher.run "figure1.json" fsi.CommandLineArgs)
