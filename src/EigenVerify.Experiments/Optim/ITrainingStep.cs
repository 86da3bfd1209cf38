using static TorchSharp.torch;

namespace EigenVerify.Experiments.Optim;

/// <summary>
/// What the training loop needs of an optimizer: one step on the minibatch loss f (a closure at the
/// current parameters) that returns f at the first point it evaluates. The hand-written
/// <see cref="TrainingOptimizer"/> and the rule-driven <see cref="RuleOptimizer"/> are both steps.
/// </summary>
public interface ITrainingStep : IDisposable
{
    double Step(Func<Tensor> loss);
}
