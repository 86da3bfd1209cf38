// Edge of stability: full-batch GD, heavy ball and Adam on a subset of MNIST; λ_max of the
// training-loss Hessian over training against the bound of each optimizer's exact region —
// 2/α (GD), 2(1+β)/α (heavy ball), and for Adam the top eigenvalue μ of P⁻¹H (P = √v̂ + ε
// frozen) against 2(1+β₁)/(α(1−β₁)). Bounds come from `eigenverify region` (--no-core: none;
// without the core and without --no-core the script stops with an error). Writes eos.png,
// eos.csv, eos.json and prints each final ratio to its bound. --help lists the options.
//   dotnet fsi scripts/edge-of-stability.fsx -- --preset smoke|small [--out DIR] [--no-core]
// Results: results/edge-of-stability/<preset>/.
#load "experiments/Launcher.fsx"
exit (Launcher.runTool "EigenVerify.Experiments.Tools.EdgeOfStabilityTool" fsi.CommandLineArgs)
