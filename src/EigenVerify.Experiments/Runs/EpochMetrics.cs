namespace EigenVerify.Experiments.Runs;

/// <summary>Metrics after one epoch.</summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double Seconds);
