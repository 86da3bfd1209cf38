namespace EigenVerify.Experiments.Regions;

/// <summary>Regions given up front, keyed by <see cref="CatalogQuery.Describe"/> (e.g.
/// <c>gd(alpha=1/10)</c>): for tests, or to measure without the core.</summary>
public sealed class FixedRegionSource(IReadOnlyDictionary<string, FilterRegion> regions) : IRegionSource
{
    public FilterRegion Region(CatalogQuery query) =>
        regions.TryGetValue(query.Describe(), out var r) ? r : throw new ExperimentException($"no region stored for {query.Describe()}");
}
