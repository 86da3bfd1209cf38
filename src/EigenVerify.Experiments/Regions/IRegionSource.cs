namespace EigenVerify.Experiments.Regions;

/// <summary>
/// Where exact regions come from: the one seam between the experiments and the F# core. Every
/// region the project uses enters through it (<see cref="CoreRegionSource"/> computes it with the
/// core in process; <see cref="FixedRegionSource"/> holds regions given up front).
/// </summary>
public interface IRegionSource
{
    /// <summary>The region of a rule at exact hyperparameters; an <see cref="ExperimentException"/>
    /// naming the rule when the core has none.</summary>
    FilterRegion Region(CatalogQuery query);
}
