using System.Collections.Concurrent;
using EigenVerify.Algebra;
using EigenVerify.Filtering;
using EigenVerify.Symbolic;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace EigenVerify.Experiments.Regions;

/// <summary>
/// The exact regions of the F# core, computed in this process (<c>RuleAnalysis.region</c> on the
/// catalog's rule) and cached per (rule, parameters): a sweep asks for the same region many times.
/// Each end keeps its exact text and its nearest double, as the core prints them.
/// </summary>
public sealed class CoreRegionSource : IRegionSource
{
    readonly ConcurrentDictionary<string, FilterRegion> cache = new();

    public FilterRegion Region(CatalogQuery query) => cache.GetOrAdd(query.Describe(), _ => Compute(query));

    static FilterRegion Compute(CatalogQuery query)
    {
        if (!Catalog.names.Contains(query.Optimizer))
            throw new ExperimentException($"{query.Optimizer} is not in the core's catalog (catalog: {string.Join(", ", Catalog.names)})");
        var model = Catalog.load(query.Optimizer);
        var values = ListModule.OfSeq(query.Params.Select(p => Tuple.Create(p.Key, Rational.Parse(p.Value))));
        var answer = RuleAnalysis.region(model, values);
        if (answer.IsError) throw new ExperimentException($"{query.Describe()}: {answer.ErrorValue}");
        var smooth = model.Smoothness.IsSmooth;
        return answer.ResultValue switch
        {
            RegionAnswer.Exact e => Convert(query, e.Item.Variable.Name, PolyText.CharPolyAt(e.Item.Variable, e.Item.CharPoly), e.Item.Region, smooth),
            RegionAnswer.NotApplicable n => new FilterRegion(query.Optimizer, n.variable.Name, query.Params, "", [], [], smooth, false, n.reason),
            _ => throw new ExperimentException($"{query.Describe()}: the core gave no region"),
        };
    }

    /// <summary>The core's region as the experiments' region type (exact text and nearest double of each end).</summary>
    internal static FilterRegion Convert(CatalogQuery query, string variable, string charpoly, Filtering.Region region, bool smooth)
    {
        static RegionEndpoint? End(FSharpOption<Bound>? b) =>
            b is null ? null : new RegionEndpoint(AlgebraicNumberModule.toString(b.Value.Value), AlgebraicNumberModule.toFloat(b.Value.Value), b.Value.Closed);
        var intervals = region.Intervals.Select(i => new RegionInterval(End(i.Lower), End(i.Upper))).ToArray();
        var points = region.Points.Select(p => new RegionPoint(AlgebraicNumberModule.toString(p), AlgebraicNumberModule.toFloat(p))).ToArray();
        return new FilterRegion(query.Optimizer, variable, query.Params, charpoly, intervals, points, smooth, true, null);
    }
}
