using System.Globalization;
using EigenVerify.Experiments.Regions;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>
/// Regions written by hand: JSON in the shape the core's <c>region --format json</c> prints, with
/// endpoints derived by hand (GD: 2/α = 20 at α = 1/10; USAM: −10 ± 10√5 and −20; Adam: 3800 in
/// μ), and simple regions built directly.
/// </summary>
public static class RegionFixtures
{
    public const string Gd = """
        {"optimizer": "gd", "variable": "lambda", "params": {"alpha": "1/10"},
         "charpoly": "z - (1 - lambda/10)",
         "intervals": [{"lower": {"exact": "0", "approx": 0.0, "closed": true},
                        "upper": {"exact": "20", "approx": 20.0, "closed": true}}],
         "points": [], "smooth": true, "theoremApplies": true}
        """;

    public const string Usam = """
        {"optimizer": "usam", "variable": "lambda", "params": {"alpha": "1/10", "rho": "1/20"},
         "charpoly": "...",
         "intervals": [{"lower": {"exact": "-10-10*sqrt(5)", "approx": -32.3606797749979, "closed": true},
                        "upper": {"exact": "-20", "approx": -20.0, "closed": true}},
                       {"lower": {"exact": "0", "approx": 0.0, "closed": true},
                        "upper": {"exact": "-10+10*sqrt(5)", "approx": 12.360679774997898, "closed": true}}],
         "points": [], "smooth": true, "theoremApplies": true}
        """;

    public const string TwoStep = """
        {"optimizer": "two-step-usam", "variable": "lambda", "params": {"alpha": "1/10", "rho": "1/20"},
         "charpoly": "...",
         "intervals": [{"lower": {"exact": "0", "approx": 0.0, "closed": true},
                        "upper": {"exact": "root of x^3 + 40x^2 + 400x - 8000 in (9, 10)", "approx": 9.31142463753536, "closed": true}}],
         "points": [{"exact": "-20", "approx": -20.0}], "smooth": true, "theoremApplies": true}
        """;

    public const string Sam = """
        {"optimizer": "sam", "variable": "lambda", "params": {"alpha": "1/10", "rho": "1/20"},
         "charpoly": null, "intervals": [], "points": [], "smooth": false, "theoremApplies": false,
         "reason": "the update is not C1 at critical points"}
        """;

    public const string Adam = """
        {"optimizer": "adam-frozen", "variable": "mu", "params": {"alpha": "1/100", "beta1": "9/10"},
         "charpoly": "...",
         "intervals": [{"lower": {"exact": "0", "approx": 0.0, "closed": true},
                        "upper": {"exact": "3800", "approx": 3800.0, "closed": true}}],
         "points": [], "smooth": true, "theoremApplies": true}
        """;

    /// <summary>R = [0, <paramref name="upper"/>] of a rule, in <paramref name="variable"/>.</summary>
    public static FilterRegion Interval(string optimizer, string variable, double upper, params (string, string)[] ps) => new(
        optimizer, variable, ps.ToDictionary(p => p.Item1, p => p.Item2), "",
        [new RegionInterval(new RegionEndpoint("0", 0, true), new RegionEndpoint(upper.ToString(CultureInfo.InvariantCulture), upper, true))],
        [], true, true, null);

    /// <summary>A rule the theorem does not cover (not C¹ at critical points): no region.</summary>
    public static FilterRegion NotC1(string optimizer, params (string, string)[] ps) => new(
        optimizer, "lambda", ps.ToDictionary(p => p.Item1, p => p.Item2), "", [], [], false, false, "not C¹ at critical points");
}
