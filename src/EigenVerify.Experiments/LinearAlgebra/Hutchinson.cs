using static TorchSharp.torch;

namespace EigenVerify.Experiments.LinearAlgebra;

/// <summary>
/// Hutchinson's trace estimator: for z with independent ±1 entries, E[zᵀAz] = tr A. With
/// Rademacher probes the variance is 2 Σ_{i≠j} A_ij², so the estimate is exact for a diagonal A
/// and the error shrinks like 1/√probes otherwise.
/// </summary>
public static class Hutchinson
{
    public static TraceEstimate Trace(ISymmetricOperator op, int probes, int seed = 0)
    {
        if (probes < 2) throw new ArgumentException($"need at least 2 probes for a standard error, got {probes}");
        var generator = new Generator((ulong)seed);
        var samples = new double[probes];
        for (var i = 0; i < probes; i++)
        {
            using var scope = NewDisposeScope();
            var z = ProbeVectors.Rademacher(op.Dimension, generator, op.Device);
            samples[i] = z.dot(op.Apply(z)).item<double>();
        }
        var mean = samples.Average();
        var variance = samples.Sum(x => (x - mean) * (x - mean)) / (probes - 1);
        return new TraceEstimate(mean, Math.Sqrt(variance / probes), probes);
    }
}
