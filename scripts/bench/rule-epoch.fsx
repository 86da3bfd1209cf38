// Time per epoch of the default MLP through a catalog rule's lowered program (train-rule's path)
// and through the hand-written optimizer it matches, alternating epochs in one run; prints the ratio.
//   dotnet fsi scripts/bench/rule-epoch.fsx -- [--threads 2] [--samples 10000] [--epochs 3] [--rules gd,heavy-ball,usam,hessian-usam]
#load "../experiments/Launcher.fsx"
exit (Launcher.runTool "EigenVerify.Experiments.Tools.RuleEpochBenchmarkTool" fsi.CommandLineArgs)
