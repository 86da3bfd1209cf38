
namespace EigenVerify.Experiments.Regions;

/// <summary>Fixed regions (tests, or a JSON file saved from the CLI).</summary>
/// <summary>Keys are <see cref="CatalogQuery.Describe"/>, e.g. <c>gd(alpha=1/10)</c>.</summary>
public sealed class FixedRegionSource(IReadOnlyDictionary<string, FilterRegion> regions) : IRegionSource
{
    public FilterRegion Region(CatalogQuery query) =>
        regions.TryGetValue(query.Describe(), out var r) ? r : throw new ExperimentException($"no region stored for {query.Describe()}");
}
