using System.Globalization;
using EigenVerify.Algebra;
using EigenVerify.Experiments.Measurement;

namespace EigenVerify.Experiments.Regions;

/// <summary>
/// Places a minibatch run's (λ_max, σ²) in the exact mean-square region of its rule, computed by
/// the F# core in this process through its facade (<c>Stochastic</c>). Rules affine in the eigenvalue (gd, heavy ball, Nesterov) need
/// only the batch variance σ² = p·s², with p from the training set size n and the batch size B;
/// rules of higher degree (the USAM family) need every moment of the batch curvature, taken
/// exactly from the measured list of per-sample curvatures with B of the list's own length drawn
/// without replacement. The measured floats enter the exact analysis as decimals: the curvatures
/// rounded to <see cref="SignificantDigits"/> significant digits (their measurement error is far
/// larger), λ_max as its shortest round-trip decimal; every decision after that is exact.
/// </summary>
public static class MeanSquarePlacement
{
    public const int SignificantDigits = 6;

    /// <param name="query">The run's rule and exact hyperparameters.</param>
    /// <param name="lambdaMax">The measured top eigenvalue of H.</param>
    /// <param name="curvatures">aᵢ = vᵀHᵢv along H's top eigenvector, one per measured example.</param>
    /// <param name="trainingSamples">n, the training set size the batches were drawn from.</param>
    /// <param name="batch">B, the training batch size.</param>
    /// <exception cref="ExperimentException">The rule has no mean-square region here (not C¹, a
    /// region in μ, a batch larger than the measured list for a curvature list), with the reason.</exception>
    public static MeanSquareRecord Place(CatalogQuery query, double lambdaMax, IReadOnlyList<double> curvatures, int trainingSamples, int batch)
    {
        if (curvatures.Count < 2) throw new ExperimentException($"{query.Describe()}: the mean-square placement needs at least two per-sample curvatures, got {curvatures.Count}");
        var rule = Optimizer.CatalogNames().Contains(query.Optimizer)
            ? Optimizer.Catalog(query.Optimizer)
            : throw new ExperimentException($"{query.Optimizer} is not in the core's catalog");
        if (!rule.IsSmooth)
            throw new ExperimentException($"{query.Describe()} is not C¹ at critical points ({rule.NonSmoothReason}): no mean-square region");
        var degree = Core(() => Stochastic.EigenDegree(rule), query);
        if (rule.Variable.Name != "lambda")
            throw new ExperimentException($"{query.Describe()} is stated in {rule.Variable.Name}; the per-sample curvatures are measured along H's top eigenvector, so only regions in λ are placed");
        var values = Parameters.Create(rule.ParameterNames.Select(name => KeyValuePair.Create(name, Exact(query, name))).ToArray());
        var list = curvatures.Select(Rounded).ToArray();
        var lambda = Rational.Parse(ExactDecimal.ToRational(lambdaMax));
        var n = degree >= 2 ? list.Length : trainingSamples;
        var b = Math.Min(batch, trainingSamples) >= trainingSamples ? n : batch;
        if (b > n)
            throw new ExperimentException($"{query.Describe()}: the batch size {batch} exceeds the {n} measured curvatures the batch moments are drawn from; measure at least B examples");
        // rules of higher degree need every moment of the batch curvature: the list itself
        var (model, kind) = degree >= 2
            ? (Core(() => Stochastic.CurvatureModel(b, list), query), "curvature-list")
            : (Core(() => Stochastic.SpreadModel(b, n, PopulationVariance(list)), query), "variance");
        var region = Core(() => Stochastic.Region(rule, values, model), query);
        var filter = CoreRegionSource.Convert(query, "lambda", "", region.Intervals, region.Points, true);
        var placement = FilterCheck.Place(filter, "λ_max", lambdaMax);
        // The exact decision, not the float comparison FilterCheck makes with the endpoints.
        var inside = region.Contains(lambda);
        double? maxVariance = null;
        string? maxVarianceExact = null;
        if (degree == 1)
        {
            var limit = Core(() => Stochastic.VarianceLimit(rule, values, lambda, null), query);
            (maxVariance, maxVarianceExact) = limit.VarianceKind switch
            {
                StabilityLimitKind.UpTo => (AlgebraicNumberModule.toFloat(limit.MaxVariance), AlgebraicNumberModule.toString(limit.MaxVariance)),
                StabilityLimitKind.Unbounded => ((double?)null, "unbounded"),
                _ => (null, "none"),
            };
        }
        var sigma2 = ToDouble(region.BatchVariance);
        var limitText = maxVarianceExact is null ? "" : $"; largest stable σ² at λ_max: {(maxVariance is { } m ? RegionText.Value(m) : maxVarianceExact)}";
        var line = $"mean-square ({kind}, σ² = {RegionText.Value(sigma2)}, B = {b} of n = {n}): R_ms = {filter}; {placement.Text}{limitText}";
        return new MeanSquareRecord(
            query.Optimizer, query.ParamsText, kind, n, b, model.Factor.ToString(), list.Length,
            curvatures.Average(), ToDouble(PopulationVariance(list)), sigma2, filter.ToString(), lambdaMax, inside,
            placement.Interval?.Upper?.Approx, placement.FractionOfBound, inside ? 0 : placement.Distance,
            maxVariance, maxVarianceExact, line);
    }

    /// <summary>A curvature as the decimal of its first <see cref="SignificantDigits"/> significant digits.</summary>
    public static Rational Rounded(double a) =>
        Rational.Parse(ExactDecimal.ToRational(double.Parse(a.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));

    static Rational PopulationVariance(Rational[] xs)
    {
        var n = Rational.OfInt(xs.Length);
        var mean = xs.Aggregate(Rational.Zero, (acc, x) => acc + x) / n;
        return xs.Aggregate(Rational.Zero, (acc, x) => acc + (x - mean) * (x - mean)) / n;
    }

    static Rational Exact(CatalogQuery query, string name) =>
        query.Params.TryGetValue(name, out var text)
            ? Rational.Parse(text)
            : throw new ExperimentException($"{query.Describe()} lacks the hyperparameter '{name}' that the rule {query.Optimizer} declares");

    static double ToDouble(Rational r) => AlgebraicNumberModule.toFloat(AlgebraicNumberModule.ofRational(r));

    /// <summary>A call into the core, its refusal reported as the experiments' error for this query.</summary>
    static T Core<T>(Func<T> call, CatalogQuery query)
    {
        try
        {
            return call();
        }
        catch (EigenVerifyException e)
        {
            throw new ExperimentException($"{query.Describe()}: {e.Message}");
        }
    }
}
