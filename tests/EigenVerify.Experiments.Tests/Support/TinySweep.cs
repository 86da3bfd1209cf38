using EigenVerify.Experiments.Models;
using EigenVerify.Experiments.Runs;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>
/// A sweep small enough to train in seconds on <see cref="Synthetic"/> data: an MLP with one
/// hidden layer of 8, two epochs in batches of 50, one seed, one thread, and each optimizer
/// without momentum (α = 0.1) and with heavy ball β = 0.9 (α = 0.01).
/// </summary>
public static class TinySweep
{
    public static ExperimentConfig Config(string activation, params OptimizerEntry[] optimizers) => new()
    {
        Figure = "tiny",
        Title = "tiny",
        Preset = "test",
        Dataset = "mnist",
        Model = new ModelSpec { Kind = "mlp", Hidden = [8], Activation = activation },
        Optimizers = optimizers,
        Momentum = "heavy-ball",
        Betas = [new MomentumEntry { Beta = 0, LearningRate = 0.1 }, new MomentumEntry { Beta = 0.9, LearningRate = 0.01 }],
        Epochs = 2,
        BatchSize = 50,
        Seeds = [0],
        Threads = 1,
    };
}
