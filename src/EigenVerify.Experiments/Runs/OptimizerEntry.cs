namespace EigenVerify.Experiments.Runs;

/// <summary>One optimizer family of a figure and its ρ grid (empty for rules without ρ).</summary>
public sealed record OptimizerEntry
{
    public string Rule { get; init; } = "sgd";
    public double[] Rhos { get; init; } = [];
    /// <summary>Overrides the figure's learning rate for this rule (e.g. Adam).</summary>
    public double? LearningRate { get; init; }
}
