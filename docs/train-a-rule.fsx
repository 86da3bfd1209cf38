(**
---
title: Train a rule
category: Tutorials
categoryindex: 1
index: 4
---
*)
(*** condition: prepare ***)
#r "../src/EigenVerify.Experiments/bin/Release/net10.0/TorchSharp.dll"
#r "../src/EigenVerify.Experiments/bin/Release/net10.0/EigenVerify.Algebra.dll"
#r "../src/EigenVerify.Experiments/bin/Release/net10.0/EigenVerify.Symbolic.dll"
#r "../src/EigenVerify.Experiments/bin/Release/net10.0/EigenVerify.Filtering.dll"
#r "../src/EigenVerify.Experiments/bin/Release/net10.0/EigenVerify.Proofs.dll"
#r "../src/EigenVerify.Experiments/bin/Release/net10.0/EigenVerify.Numerics.dll"
#r "../src/EigenVerify.Experiments/bin/Release/net10.0/EigenVerify.dll"
#r "../src/EigenVerify.Experiments/bin/Release/net10.0/EigenVerify.Experiments.dll"
(**
# Train a rule

The rule you wrote to get a region is also an optimizer you can train with. This page takes a
rule that is not in the catalog, derives its exact region, lowers the same text to a program over
tensors, and runs that program on losses whose Hessian we choose: the iteration settles exactly
when the top eigenvalue is inside the region. It is an F# script executed by the docs build, so
every number below was computed while the page was built. It needs the experiments project built
(`dotnet build src/EigenVerify.Experiments -c Release`), which also prepares the tensor library's
native code.

## The rule and its region

Heavy ball with a second lag: the step also remembers the step before last.
*)
open System
open EigenVerify
open EigenVerify.Symbolic
open EigenVerify.Experiments.Optim
open TorchSharp

let ruleText =
    """
optimizer two-lag-heavy-ball
params alpha > 0, 0 <= beta < 1, 0 <= gamma < 1
state x, x1, x2
x' = x - alpha*grad(x) + beta*(x - x1) + gamma*(x1 - x2)
x1' = x
x2' = x1
"""

let rule = Optimizer.parse "two-lag-heavy-ball.rule" ruleText
let values = "alpha=1/10,beta=1/2,gamma=1/10"
let region = Filter.region rule (Parameters.parseFor rule values)
let regionText = region.Text
(*** include-value: regionText ***)

(**
On H = λ, z = −1 is a root of p(z) exactly when αλ = 2(1 + β − γ), here λ = 28; the region is
[0, 28]. Its upper end, as the exact number the core computed:
*)
let upperEnd =
    let top = region.Intervals |> Array.last
    if not top.HasUpper then failwith "the region should be bounded above"
    top.UpperText
(*** include-value: upperEnd ***)

(**
## The same text as a tensor program

`RuleLowering.lower` turns the checked rule into a straight-line program over vector and scalar
registers; the experiments project runs it with `RuleOptimizer`, one step per minibatch. Each
instruction keeps the rule term it computes, so the listing reads like the rule:
*)
let program =
    match RuleLowering.lower { Name = rule.Name; Text = rule.Text; Model = rule.Model } with
    | Ok p -> p
    | Error e -> failwithf "%d:%d: %s" e.Line e.Column e.Message

let listing =
    program.Instructions
    |> Array.map (fun i -> sprintf "%-8O %s" i.Op i.Text)
    |> String.concat "\n"
(*** include-value: listing ***)

(**
`grad(v)` is the gradient of the training loss by automatic differentiation with the parameters
set to v, `hess(v, w)` a Hessian-vector product by double backward, and every state vector takes
its new value at once after the step. Lags such as `x1` and `x2` start at the first iterate.

## Training on a quadratic whose spectrum we choose

f(x) = ½ Σ hᵢ xᵢ² has the Hessian diag(h). We put its top eigenvalue a tenth inside the region's
end, then a tenth outside, and train from the same start in float64. The hyperparameters enter
training rounded once to double.
*)
// Load the tensor library's native code from the experiments build (a script host would
// otherwise look for it elsewhere).
EigenVerify.Experiments.TorchRuntime.Preload()

let hyperparameters = [| 0.1; 0.5; 0.1 |]
let bound = 2.0 * (1.0 + 0.5 - 0.1) / 0.1

/// ‖x‖ after `steps` steps of the rule on f(x) = ½ Σ hᵢ xᵢ², from x₀ = (1, …, 1).
let train (h: float[]) (steps: int) =
    let x = new Modules.Parameter(torch.ones([| int64 h.Length |], dtype = torch.ScalarType.Float64))
    let hs = torch.tensor (h, dtype = torch.ScalarType.Float64)
    use optimizer = new RuleOptimizer([ x :> torch.Tensor ], program, hyperparameters)
    let loss () = (hs * x * x).sum().mul(torch.tensor 0.5)
    for _ in 1..steps do
        optimizer.Step(Func<torch.Tensor>(loss)) |> ignore
    use _ = torch.no_grad ()
    x.norm().item<float> ()

let runs =
    [ for fraction in [ 0.9; 1.1 ] ->
          let top = fraction * bound
          let distance = train [| 1.0; 5.0; top |] 200
          let inside = region.Contains(Algebra.Rational.Parse(sprintf "%.0f/10" (10.0 * top)))
          sprintf "λ_max = %5.1f (%3.0f %% of the end)  in R: %-5b  ‖x₂₀₀‖ = %.3g" top (100.0 * fraction) inside distance ]
    |> String.concat "\n"
(*** include-value: runs ***)

(**
Inside the region the iterates contract towards the minimizer; a tenth beyond its end they grow
without bound, along the top eigenvector. That is the filter at work: a run of this optimizer can
only settle where every Hessian eigenvalue lies in [0, 28]. The check below makes the page fail if
either run behaves otherwise.
*)
let contracted = train [| 1.0; 5.0; 0.9 * bound |] 200
let diverged = train [| 1.0; 5.0; 1.1 * bound |] 200
// Along the top eigenvector p(z) is z³ + 1.02z² + 0.4z + 0.1 at 0.9 of the end (spectral radius
// 0.639) and z³ + 1.58z² + 0.4z + 0.1 at 1.1 (1.337); along the eigenvalue 1 the spectral radius
// is 0.801, the slowest inside. So after 200 steps ‖x‖ is of order 0.801²⁰⁰ ≈ 10⁻¹⁹ inside and
// 1.337²⁰⁰ ≈ 10²⁵ outside: the thresholds 10⁻⁶ and 10⁶ leave margins of many orders of magnitude.
if not (contracted < 1e-6 && diverged > 1e6) then
    failwithf "unexpected behaviour: ‖x‖ = %g inside, %g outside" contracted diverged

(**
## On a network

`scripts/train-rule.fsx` does the same on the MNIST MLP with minibatches, then measures the
Hessian's top eigenvalue (μ for rules with `precond`) and places it in the exact region:

    dotnet fsi scripts/train-rule.fsx -- --rule scripts/experiments/rules/two-lag-heavy-ball.rule \
        --params alpha=0.01,beta=0.8,gamma=0.1 --compare heavy-ball --preset smoke

It writes the figure scripts' results layout under `results/train-rule/<rule>/<preset>/`:
`runs/*.json`, `summary.json`, `summary.csv`, `hessian.md`, `hessian.csv` and the plots. The
README's section "Train your own rule" lists every option, including the preconditioner settings
that `precond` stands for.
*)
