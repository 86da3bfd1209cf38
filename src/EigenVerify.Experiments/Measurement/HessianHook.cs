using System.Text.Json.Nodes;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Figures;
using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Runs;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Measurement;

/// <summary>
/// The sweeps' per-run Hessian step: measure each finished run and check it against its exact
/// region (<see cref="AfterRun"/>, the sweep's <c>afterRun</c> callback). The spectrum figures and
/// the λ_max-versus-bound table are written once the sweep is complete (<see cref="HessianFigures.Write"/>).
/// </summary>
public static class HessianHook
{
    public const string ExtraKey = "hessian";

    /// <summary>
    /// A callback for <c>Sweep.Run(…, afterRun: …)</c>: measures the trained run's Hessian on the
    /// preset's examples, places λ_max (μ_max for Adam) in the optimizer's region, prints the check
    /// and stores both in <c>extras.hessian</c>. A run is stochastic when its batch is smaller
    /// than its training set. Never fails the run: a missing region is recorded as the reason.
    /// </summary>
    public static Func<TrainedRun, RunResult, RunResult> AfterRun(
        ExperimentConfig cfg, IRegionSource regions, Action<string> log, HessianSettings? settings = null)
    {
        var chosen = settings ?? HessianSettings.ForPreset(cfg.Preset);
        return (trained, result) =>
        {
            var record = Measure(trained, cfg.BatchSize < trained.Data.TrainCount, chosen, regions, log, cfg.BatchSize);
            var extras = new Dictionary<string, JsonNode?>(result.Extras) { [ExtraKey] = record.ToJson() };
            return result with { Extras = extras };
        };
    }

    /// <summary>The measurement and check of one trained run.</summary>
    public static HessianRecord Measure(
        TrainedRun trained, bool stochastic, HessianSettings settings, IRegionSource regions, Action<string> log, int? batchSize = null) =>
        Measure(trained.Spec.Id, trained.Model, trained.Spec.Optimizer, trained.Optimizer.AdamPreconditioner(), trained.Data,
            trained.History.Count > 0 ? trained.History[^1].TrainLoss : double.NaN, stochastic, settings, regions, log, batchSize);

    /// <summary>
    /// The measurement and check of a trained model (also one reloaded from saved weights).
    /// <paramref name="preconditioner"/> is Adam's P = √v̂ + ε per parameter; for an Adam run
    /// without it the μ-region cannot be checked and the record says so. With the training batch
    /// size <paramref name="batchSize"/> and measured per-sample curvatures, (λ_max, σ²) is also
    /// placed in the rule's exact mean-square region (<see cref="MeanSquarePlacement"/>).
    /// </summary>
    public static HessianRecord Measure(
        string id, nn.Module<Tensor, Tensor> model, OptimizerSpec optimizer, IList<Tensor>? preconditioner, TensorData data,
        double finalTrainLoss, bool stochastic, HessianSettings settings, IRegionSource regions, Action<string> log, int? batchSize = null) =>
        Measure(id, model, CatalogQuery.ForOptimizer(optimizer), preconditioner, data, finalTrainLoss, stochastic, settings, regions, log, batchSize);

    /// <summary>
    /// The measurement and check of a trained model against the region of any rule (a run of a
    /// rule's own program, <c>train-rule</c>): <paramref name="query"/> names the rule and its
    /// exact hyperparameters, <paramref name="preconditioner"/> is the P its precond stood for.
    /// </summary>
    public static HessianRecord Measure(
        string id, nn.Module<Tensor, Tensor> model, CatalogQuery query, IList<Tensor>? preconditioner, TensorData data,
        double finalTrainLoss, bool stochastic, HessianSettings settings, IRegionSource regions, Action<string> log, int? batchSize = null)
    {
        if (!double.IsFinite(finalTrainLoss))
        {
            log($"  {id}: diverged, no Hessian measured");
            return new HessianRecord(null, null, "the run diverged", null);
        }
        log($"  {id}: measuring the Hessian");
        var spectrum = SpectrumMeasurement.Measure(model, data.TrainX, data.TrainY, data.Name, settings, preconditioner, log);
        FilterRegion region;
        try
        {
            region = regions.Region(query);
        }
        catch (ExperimentException e)
        {
            log($"  {id}: no filter check ({e.Message})");
            return new HessianRecord(spectrum, null, null, e.Message);
        }
        // The core states the region in λ (eigenvalues of H) or μ (of P⁻¹H): place that spectrum.
        var inMu = region.Variable == "mu";
        var measured = inMu ? spectrum.Preconditioned?.Values : spectrum.Top.Values;
        if (measured is null)
        {
            var why = $"{query.Describe()} is stated in μ (eigenvalues of P⁻¹H) but this run has no preconditioner to measure P⁻¹H with";
            log($"  {id}: no filter check ({why})");
            return new HessianRecord(spectrum, null, null, why);
        }
        var check = FilterCheck.Check(id, region, measured, inMu ? null : spectrum.Minimum, region.Variable, stochastic);
        foreach (var line in check.Lines) log("  " + line);
        var (meanSquare, meanSquareError) = PlaceMeanSquare(query, spectrum, data.TrainCount, batchSize);
        log(meanSquare is not null ? $"    {meanSquare.Line}" : $"    no mean-square placement ({meanSquareError})");
        return new HessianRecord(spectrum, ToRecord(check, query, measured[0]), null, null, meanSquare, meanSquareError);
    }

    static (MeanSquareRecord?, string?) PlaceMeanSquare(CatalogQuery query, SpectrumReport spectrum, int trainCount, int? batchSize)
    {
        if (spectrum.Curvatures is not { } curvatures) return (null, "per-sample curvatures not measured");
        if (batchSize is not { } batch) return (null, "the training batch size is not known");
        try
        {
            return (MeanSquarePlacement.Place(query, spectrum.Top.Values[0], curvatures.Values, trainCount, batch), null);
        }
        catch (ExperimentException e)
        {
            return (null, e.Message);
        }
    }

    static FilterRecord ToRecord(FilterCheckResult check, CatalogQuery query, double value)
    {
        // No placement when the theorem does not apply (SAM): the value is stored without a bound.
        var top = check.Top.FirstOrDefault();
        var distance = top is null || double.IsInfinity(top.Distance) ? 0 : top.Distance;
        return new FilterRecord(
            query.Optimizer, check.Region.ParamsText, check.Region.Variable, check.Region.ToString(), check.Region.TheoremApplies,
            top?.Interval?.Upper?.Approx, value, top?.Inside ?? false, top?.FractionOfBound, distance,
            check.Flagged, check.Stochastic, check.Lines.ToArray());
    }
}
