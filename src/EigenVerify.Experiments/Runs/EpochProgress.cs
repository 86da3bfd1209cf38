namespace EigenVerify.Experiments.Runs;

/// <summary>Progress of a run, reported after each epoch.</summary>
public sealed record EpochProgress(RunSpec Run, int Epochs, EpochMetrics Metrics);
