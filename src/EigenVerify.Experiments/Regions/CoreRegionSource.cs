using System.Collections.Concurrent;
using EigenVerify.Algebra;

namespace EigenVerify.Experiments.Regions;

/// <summary>
/// The exact regions of the F# core, computed in this process through its facade
/// (<c>Filter.Region</c> on the catalog's rule) and cached per (rule, parameters): a sweep asks for the same region many times.
/// Each end keeps its exact text and its nearest double, as the core prints them.
/// </summary>
public sealed class CoreRegionSource : IRegionSource
{
    readonly ConcurrentDictionary<string, FilterRegion> cache = new();
    readonly IReadOnlyDictionary<string, string> ruleFiles;

    /// <summary>Regions of the catalog's rules.</summary>
    public CoreRegionSource() : this(new Dictionary<string, string>()) { }

    CoreRegionSource(IReadOnlyDictionary<string, string> ruleFiles) => this.ruleFiles = ruleFiles;

    /// <summary>The same source, with the rule <paramref name="name"/> read from a rule file (a user's own rule).</summary>
    public CoreRegionSource WithRuleFile(string name, string path) =>
        new(new Dictionary<string, string>(ruleFiles) { [name] = path });

    public FilterRegion Region(CatalogQuery query) => cache.GetOrAdd(query.Describe(), _ => Compute(query));

    FilterRegion Compute(CatalogQuery query)
    {
        // through the library's front door: the rule, the parameter set and the exact region
        RegionReport report;
        try
        {
            OptimizerRule rule;
            if (ruleFiles.TryGetValue(query.Optimizer, out var path))
                rule = Optimizer.Load(path);
            else
            {
                var names = Optimizer.CatalogNames();
                if (!names.Contains(query.Optimizer))
                    throw new ExperimentException($"{query.Optimizer} is not in the core's catalog (catalog: {string.Join(", ", names)})");
                rule = Optimizer.Catalog(query.Optimizer);
            }
            var values = Parameters.Create(query.Params.Select(p => new KeyValuePair<string, Rational>(p.Key, Rational.Parse(p.Value))).ToArray());
            report = Filter.Region(rule, Parameters.Validate(rule, values));
        }
        catch (EigenVerifyException e)
        {
            throw new ExperimentException($"{query.Describe()}: {e.Message}");
        }
        if (!report.TheoremApplies)
            return new FilterRegion(query.Optimizer, report.Variable.Name, query.Params, "", [], [], report.IsSmooth, false, report.Reason);
        return Convert(query, report.Variable.Name, report.CharPolyText, report.Intervals, report.Points, report.IsSmooth);
    }

    /// <summary>The core's region as the experiments' region type (exact text and nearest double of each end).</summary>
    internal static FilterRegion Convert(CatalogQuery query, string variable, string charpoly, IEnumerable<EigenVerify.RegionInterval> exactIntervals, IEnumerable<AlgebraicNumber> exactPoints, bool smooth)
    {
        var intervals = exactIntervals.Select(i => new RegionInterval(
            i.HasLower ? new RegionEndpoint(i.LowerText, i.LowerApproximation, i.LowerClosed) : null,
            i.HasUpper ? new RegionEndpoint(i.UpperText, i.UpperApproximation, i.UpperClosed) : null)).ToArray();
        var points = exactPoints.Select(p => new RegionPoint(AlgebraicNumberModule.toString(p), AlgebraicNumberModule.toFloat(p))).ToArray();
        return new FilterRegion(query.Optimizer, variable, query.Params, charpoly, intervals, points, smooth, true, null);
    }
}
