namespace EigenVerify.Experiments.Bench;

/// <summary>Median seconds per epoch of one optimizer (by its config name).</summary>
public sealed record EpochTiming(string Optimizer, double SecondsPerEpoch);
