// Train any rule: the MNIST MLP trained with a rule's own update (grad by autograd, hess by
// double backward, precond from a stated second-moment estimate), λ_max (μ_max) measured and
// placed in the rule's exact region, optionally beside hand-written optimizers.
//   dotnet fsi scripts/train-rule.fsx -- --rule FILE --params NAME=VALUE,... [--preset smoke|small] [--compare sgd,heavy-ball]
// Results: results/train-rule/<rule>/<preset>/ (the figure scripts' files). --help lists every option.
#load "experiments/Launcher.fsx"
exit (Launcher.runTool "EigenVerify.Experiments.Tools.TrainRuleTool" fsi.CommandLineArgs)
