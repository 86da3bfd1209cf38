namespace EigenVerify.Experiments.Runs;

/// <summary>A momentum setting of a figure: β and the learning rate used with it.</summary>
public sealed record MomentumEntry
{
    public double Beta { get; init; }
    public double LearningRate { get; init; } = 0.1;
}
