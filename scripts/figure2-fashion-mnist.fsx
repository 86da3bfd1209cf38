// Figure 2: the Figure 1 sweep on Fashion-MNIST (an MLP; SGD and the SAM family, with and without
// heavy-ball momentum; best ρ per optimizer by test accuracy).
//   dotnet fsi scripts/figure2-fashion-mnist.fsx -- --preset smoke|small|paper [--shard i/N] [--merge DIR...]
// Settings: scripts/experiments/figure2.json. Results: results/figure2/<preset>/.
#load "experiments/Launcher.fsx"
exit (Launcher.run "figure2.json" fsi.CommandLineArgs)
