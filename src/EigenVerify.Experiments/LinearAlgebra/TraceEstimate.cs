namespace EigenVerify.Experiments.LinearAlgebra;

/// <summary>A Monte-Carlo trace estimate: the mean of the probe values and its standard error
/// (sample standard deviation / √probes).</summary>
public sealed record TraceEstimate(double Mean, double StandardError, int Probes)
{
    public override string ToString() => $"{Mean:G6} ± {StandardError:G3} ({Probes} Rademacher probes)";
}
