
namespace EigenVerify.Experiments.Regions;

/// <summary>Where exact regions come from.</summary>
public interface IRegionSource
{
    /// <summary>The region of a catalog optimizer (or rule file) at exact hyperparameters.</summary>
    FilterRegion Region(CatalogQuery query);
}
