using System.Globalization;
using EigenVerify.Experiments.Regions;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>
/// Regions as the core's <c>region --format json</c> prints them: the contract fixtures in
/// tests/fixtures/json, generated from the real CLI and compared with it byte for byte by the CLI
/// tests (GD: [0, 2/α] = [0, 20] at α = 1/10; USAM: [−10 − 10√5, −20] ∪ [0, −10 + 10√5];
/// Adam: [0, 3800] in μ), and simple regions built directly.
/// </summary>
public static class RegionFixtures
{
    static string Read(string name) => File.ReadAllText(Repository.Path("tests", "fixtures", "json", name));

    /// <summary>GD at α = 1/10.</summary>
    public static string Gd => Read("region-gd.json");

    /// <summary>USAM at α = 1/10, ρ = 1/20: two intervals with surd ends.</summary>
    public static string Usam => Read("region-usam.json");

    /// <summary>Two-step USAM at α = 1/10, ρ = 1/20: an interval and an isolated point.</summary>
    public static string TwoStep => Read("region-two-step-usam.json");

    /// <summary>SAM at α = 1/10, ρ = 1/20: not C¹, no region.</summary>
    public static string Sam => Read("region-sam.json");

    /// <summary>Adam with a frozen preconditioner at α = 1/100, β₁ = 9/10, in μ.</summary>
    public static string Adam => Read("region-adam-frozen.json");

    /// <summary>R = [0, <paramref name="upper"/>] of a rule, in <paramref name="variable"/>.</summary>
    public static FilterRegion Interval(string optimizer, string variable, double upper, params (string, string)[] ps) => new(
        optimizer, variable, ps.ToDictionary(p => p.Item1, p => p.Item2), "",
        [new EigenVerify.Experiments.Regions.RegionInterval(new RegionEndpoint("0", 0, true), new RegionEndpoint(upper.ToString(CultureInfo.InvariantCulture), upper, true))],
        [], true, true, null);

    /// <summary>A rule the theorem does not cover (not C¹ at critical points): no region.</summary>
    public static FilterRegion NotC1(string optimizer, params (string, string)[] ps) => new(
        optimizer, "lambda", ps.ToDictionary(p => p.Item1, p => p.Item2), "", [], [], false, false, "not C¹ at critical points");
}
