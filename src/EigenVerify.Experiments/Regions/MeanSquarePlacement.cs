using System.Globalization;
using EigenVerify.Algebra;
using EigenVerify.Experiments.Measurement;
using EigenVerify.Filtering;
using EigenVerify.Symbolic;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace EigenVerify.Experiments.Regions;

/// <summary>
/// Places a minibatch run's (λ_max, σ²) in the exact mean-square region of its rule, computed by
/// the F# core in this process. Rules affine in the eigenvalue (gd, heavy ball, Nesterov) need
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
        var model = Catalog.names.Contains(query.Optimizer)
            ? Catalog.load(query.Optimizer)
            : throw new ExperimentException($"{query.Optimizer} is not in the core's catalog");
        if (model.Smoothness is Smoothness.NonSmooth why)
            throw new ExperimentException($"{query.Describe()} is not C¹ at critical points ({why.reason}): no mean-square region");
        var subject = Ok(MeanSquare.Subject(model), query);
        if (subject.Rule.Variable != "lambda")
            throw new ExperimentException($"{query.Describe()} is stated in {subject.Rule.Variable}; the per-sample curvatures are measured along H's top eigenvector, so only regions in λ are placed");
        var values = ListModule.OfSeq(model.Params.Select(p => Tuple.Create(p.Name, Exact(query, p.Name))));
        var list = curvatures.Select(Rounded).ToArray();
        var lambda = Rational.Parse(ExactDecimal.ToRational(lambdaMax));
        var n = subject.EigenDegree >= 2 ? list.Length : trainingSamples;
        var b = Math.Min(batch, trainingSamples) >= trainingSamples ? n : batch;
        if (b > n)
            throw new ExperimentException($"{query.Describe()}: the batch size {batch} exceeds the {n} measured curvatures the batch moments are drawn from; measure at least B examples");
        var sampling = Ok(BatchSamplingModule.Create(n, b), query);
        NoiseModel noise;
        string kind;
        if (subject.EigenDegree >= 2)
        {
            var moments = Ok(BatchMomentsModule.OfCurvatures(b, MeanSquare.MomentOrder(subject), ListModule.OfSeq(list)), query);
            noise = NoiseModel.NewCurvatureList(moments);
            kind = "curvature-list";
        }
        else
        {
            noise = NoiseModel.NewSampleSpread(sampling, PopulationVariance(list));
            kind = "variance";
        }
        var region = Ok(MeanSquare.RegionAt(subject, values, noise), query);
        var filter = CoreRegionSource.Convert(query, "lambda", "", region.Region, true);
        var placement = FilterCheck.Place(filter, "λ_max", lambdaMax);
        // The exact decision, not the float comparison FilterCheck makes with the endpoints.
        var inside = RegionModule.contains(lambda, region.Region);
        double? maxVariance = null;
        string? maxVarianceExact = null;
        if (subject.EigenDegree == 1)
        {
            var limit = Ok(MeanSquare.VarianceLimitAt(subject, values, lambda, FSharpOption<BatchSampling>.None), query);
            (maxVariance, maxVarianceExact) = limit.MaxVariance switch
            {
                StabilityLimit.UpTo u => (AlgebraicNumberModule.toFloat(u.Item), AlgebraicNumberModule.toString(u.Item)),
                var l when l.IsUnbounded => ((double?)null, "unbounded"),
                _ => (null, "none"),
            };
        }
        var sigma2 = ToDouble(region.BatchVariance);
        var limitText = maxVarianceExact is null ? "" : $"; largest stable σ² at λ_max: {(maxVariance is { } m ? RegionText.Value(m) : maxVarianceExact)}";
        var line = $"mean-square ({kind}, σ² = {RegionText.Value(sigma2)}, B = {b} of n = {n}): R_ms = {filter}; {placement.Text}{limitText}";
        return new MeanSquareRecord(
            query.Optimizer, query.ParamsText, kind, n, b, sampling.Factor.ToString(), list.Length,
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

    static T Ok<T>(FSharpResult<T, string> result, CatalogQuery query) =>
        result.IsOk ? result.ResultValue : throw new ExperimentException($"{query.Describe()}: {result.ErrorValue}");
}
