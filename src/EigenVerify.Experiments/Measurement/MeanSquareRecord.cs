namespace EigenVerify.Experiments.Measurement;

/// <summary>
/// A run's place in the exact mean-square region of its rule (stored in <c>extras.hessian</c>
/// beside the deterministic check). Model: per-sample Hessians share the top eigenvector v; along
/// it the per-sample curvatures aᵢ have mean λ and population variance s², and a batch of B drawn
/// without replacement from n samples has Var[a_B] = σ² = p·s², p = (n − B)/(B(n − 1)).
/// </summary>
/// <param name="Noise"><c>variance</c> (rules affine in the eigenvalue: the region in (λ, σ²)) or
/// <c>curvature-list</c> (rules of higher degree: every moment of a_B from the measured list).</param>
/// <param name="Samples">n: the training set size (variance) or the measured list's length (curvature list).</param>
/// <param name="Batch">B, the training batch size (capped at n: a full batch has no noise).</param>
/// <param name="Factor">p = (n − B)/(B(n − 1)), exact.</param>
/// <param name="Examples">How many per-sample curvatures were measured.</param>
/// <param name="CurvatureMean">The mean of the aᵢ (vᵀHv, so λ_max up to the measurement's error).</param>
/// <param name="SampleVariance">s², the population variance of the aᵢ.</param>
/// <param name="BatchVariance">σ² = Var[a_B] that the region was computed at.</param>
/// <param name="Region">The exact region in λ at these hyperparameters and this noise.</param>
/// <param name="Value">The placed value, λ_max.</param>
/// <param name="Inside">λ_max lies in the mean-square region (decided exactly for the rounded inputs).</param>
/// <param name="Bound">The upper end of the region's interval holding (or nearest to) λ_max.</param>
/// <param name="FractionOfBound">λ_max / <paramref name="Bound"/> when that end is positive.</param>
/// <param name="Distance">0 inside; otherwise how far λ_max is from the region.</param>
/// <param name="MaxBatchVariance">Affine rules: the largest σ² at which λ_max is still mean-square
/// stable (null: unbounded, or none when λ_max is outside the deterministic region; see the exact text).</param>
/// <param name="Line">The placement as one line for logs and reports.</param>
public sealed record MeanSquareRecord(
    string Optimizer,
    string Params,
    string Noise,
    int Samples,
    int Batch,
    string Factor,
    int Examples,
    double CurvatureMean,
    double SampleVariance,
    double BatchVariance,
    string Region,
    double Value,
    bool Inside,
    double? Bound,
    double? FractionOfBound,
    double Distance,
    double? MaxBatchVariance,
    string? MaxBatchVarianceExact,
    string Line);
