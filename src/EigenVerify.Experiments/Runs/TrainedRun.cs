using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Optim;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Runs;

/// <summary>
/// A finished run with everything a later measurement needs: the trained model, the optimizer
/// (hyperparameters, velocity, Adam's preconditioner), the data, and the loss as a closure.
/// The owner disposes it.
/// </summary>
public sealed class TrainedRun(RunSpec spec, nn.Module<Tensor, Tensor> model, TrainingOptimizer optimizer, TensorData data, IReadOnlyList<EpochMetrics> history) : IDisposable
{
    public RunSpec Spec { get; } = spec;
    public nn.Module<Tensor, Tensor> Model { get; } = model;
    public TrainingOptimizer Optimizer { get; } = optimizer;
    public TensorData Data { get; } = data;
    public IReadOnlyList<EpochMetrics> History { get; } = history;

    /// <summary>Mean cross-entropy of the model on (x, y) at its current parameters.</summary>
    public Func<Tensor> Loss(Tensor x, Tensor y) => () => nn.functional.cross_entropy(Model.forward(x), y);

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
    }
}
