using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Regions;

namespace EigenVerify.Experiments.EdgeOfStability;

/// <summary>
/// What one optimizer's trajectory is compared with: the upper end of its exact region, in the
/// spectrum the region is stated in (λ of H, or μ of P⁻¹H).
/// </summary>
/// <param name="Bound">The largest finite upper end of the region's intervals; null without a region.</param>
/// <param name="Source">Where the bound comes from, for the log and eos.json.</param>
sealed record EosTarget(CatalogQuery Query, string Variable, double? Bound, string Source)
{
    /// <summary>
    /// The target of <paramref name="spec"/>, from <paramref name="regions"/> (null: no bound, and
    /// λ_max is followed). A region that cannot be obtained, or gives nothing to compare with, is
    /// an error naming the rule: no formula stands in for the core.
    /// </summary>
    public static EosTarget For(OptimizerSpec spec, IRegionSource? regions)
    {
        var query = CatalogQuery.ForOptimizer(spec);
        if (regions is null) return new EosTarget(query, "lambda", null, "--no-core: no region asked for");
        FilterRegion region;
        try
        {
            region = regions.Region(query);
        }
        catch (ExperimentException e)
        {
            throw new ExperimentException($"{e.Message} (the bounds come from the core; --no-core runs without them)");
        }
        if (!region.TheoremApplies)
            throw new ExperimentException($"{query.Describe()}: the theorem does not apply{(region.Reason is null ? "" : $" ({region.Reason})")}, so there is no bound to follow");
        var upper = region.Intervals.Where(i => i.Upper is not null).Select(i => i.Upper!.Approx).DefaultIfEmpty(double.NaN).Max();
        if (!double.IsFinite(upper))
            throw new ExperimentException($"{query.Describe()}: R = {region} has no finite upper end to compare the top eigenvalue with");
        // μ needs P, which only Adam keeps (see TrainingOptimizer.AdamPreconditioner).
        if (region.Variable == "mu" && spec.Kind != OptimizerKind.Adam)
            throw new ExperimentException($"{query.Describe()}: R is stated in μ (eigenvalues of P⁻¹H) but {spec.Describe()} has no preconditioner");
        return new EosTarget(query, region.Variable, upper, $"the core's region of {query.Describe()}: R = {region}");
    }
}
