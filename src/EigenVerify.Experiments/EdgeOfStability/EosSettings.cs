using EigenVerify.Experiments.Optim;

namespace EigenVerify.Experiments.EdgeOfStability;

/// <summary>
/// Settings of the edge-of-stability experiment: full-batch training on the first
/// <see cref="Examples"/> MNIST training images, λ_max (and for Adam μ_max of P⁻¹H) measured
/// every <see cref="MeasureEvery"/> steps on the same images.
/// </summary>
public sealed record EosSettings(
    string Preset,
    int Examples,
    int[] Hidden,
    string Activation,
    string Loss,
    int Steps,
    int MeasureEvery,
    int LanczosSteps,
    OptimizerSpec[] Optimizers,
    int Seed = 0,
    int Threads = 2)
{
    /// <summary>
    /// Our presets. tanh keeps the loss C² (the theorem's hypothesis) and the squared loss shows
    /// sharpening clearly. The hyperparameters are the paper's α = 1/10, β = 9/10 and Adam's
    /// α = 1/100, β₁ = 9/10; the core's regions then end at 20 (GD), 38 (heavy ball) and 3 800
    /// (Adam, in μ).
    /// </summary>
    public static EosSettings ForPreset(string preset)
    {
        OptimizerSpec[] optimizers(double gd, double hb, double adam) =>
        [
            new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = gd },
            new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = hb, Momentum = Momentum.HeavyBall, Beta = 0.9 },
            new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = adam, Beta1 = 0.9, Beta2 = 0.999 },
        ];
        return preset switch
        {
            "smoke" => new("smoke", 500, [32], "tanh", "mse", 200, 10, 12, optimizers(0.1, 0.1, 0.01)),
            "small" => new("small", 2000, [64, 64], "tanh", "mse", 1000, 25, 20, optimizers(0.1, 0.1, 0.01)),
            _ => throw new ExperimentException($"unknown edge-of-stability preset '{preset}' (known: smoke, small)"),
        };
    }
}
