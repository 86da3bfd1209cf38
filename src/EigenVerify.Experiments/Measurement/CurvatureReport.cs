namespace EigenVerify.Experiments.Measurement;

/// <summary>
/// The per-sample curvatures aᵢ = vᵀHᵢv along H's top unit eigenvector v (the Ritz vector of
/// λ_max), one per measured example, in the measured examples' order.
/// </summary>
/// <param name="Mean">The mean of the aᵢ: vᵀHv, λ_max up to the Ritz vector's error.</param>
/// <param name="Variance">s², the population variance (1/n)·Σ(aᵢ − mean)².</param>
public sealed record CurvatureReport(int Examples, double Mean, double Variance, double[] Values, double Seconds)
{
    public static CurvatureReport Of(double[] values, double seconds)
    {
        if (values.Length == 0) throw new ArgumentException("no per-sample curvatures");
        var mean = values.Average();
        var variance = values.Sum(a => (a - mean) * (a - mean)) / values.Length;
        return new CurvatureReport(values.Length, mean, variance, values, seconds);
    }
}
