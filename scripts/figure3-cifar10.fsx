// Figure 3: WideResNet-16-8 on CIFAR-10, all SAM-like algorithms with ρ = 0.001.
// CIFAR-10 must be supplied: put data_batch_1.bin … data_batch_5.bin and test_batch.bin in
// .cache/data/cifar10 or pass --data-dir DIR. The paper preset wants a GPU (--device cuda).
//   dotnet fsi scripts/figure3-cifar10.fsx -- --preset smoke|small|paper [--data-dir DIR]
// Settings: scripts/experiments/figure3.json. Results: results/figure3/<preset>/.
#load "experiments/Launcher.fsx"
exit (Launcher.run "figure3.json" fsi.CommandLineArgs)
