using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests.Regions;

/// <summary>The core's region JSON, read into regions; malformed input refused with its position.</summary>
public class RegionJsonTests
{
    [Fact]
    public void Every_piece_of_a_region_is_read_with_its_exact_text_and_approximation()
    {
        var region = RegionJson.Parse(RegionFixtures.Usam, "usam.json");
        Assert.Equal(("usam", "lambda", true, true, (string?)null), (region.Optimizer, region.Variable, region.Smooth, region.TheoremApplies, region.Reason));
        Assert.Equal("alpha=1/10,rho=1/20", region.ParamsText);
        Assert.Equal(
            [("-10-10*sqrt(5)", "-20"), ("0", "-10+10*sqrt(5)")],
            region.Intervals.Select(i => (i.Lower!.Exact, i.Upper!.Exact)));
        // The approximations are the JSON's numbers, −10 ∓ 10√5 printed to 15 significant digits
        // (about 1e-14 at this size), so they agree with the closed form to 1e-13.
        Assert.Equal(-10 - 10 * Math.Sqrt(5), region.Intervals[0].Lower!.Approx, 1e-13);
        Assert.Equal(-10 + 10 * Math.Sqrt(5), region.Intervals[1].Upper!.Approx, 1e-13); // (tolerance: see above)
        Assert.Equal("[−32.36, −20] ∪ [0, 12.36]", region.ToString());
        var sam = RegionJson.Parse(RegionFixtures.Sam, "sam.json");
        Assert.Equal((false, false, "the update is not C1 at critical points"), (sam.Smooth, sam.TheoremApplies, sam.Reason));
        Assert.Equal("∅", sam.ToString());
    }

    [Fact]
    public void Unbounded_ends_are_read_from_null()
    {
        var json = """
            {"optimizer": "x", "variable": "lambda", "params": {}, "charpoly": "",
             "intervals": [{"lower": null, "upper": {"exact": "-1", "approx": -1.0, "closed": true}},
                           {"lower": {"exact": "0", "approx": 0.0, "closed": false}, "upper": null}],
             "points": [], "smooth": true, "theoremApplies": true}
            """;
        var region = RegionJson.Parse(json, "x.json");
        Assert.Equal("(−∞, −1] ∪ (0, +∞)", region.ToString());
        Assert.True(region.Contains(-1e300));
        Assert.True(region.Contains(1e300));
        Assert.False(region.Contains(0.0));
        Assert.False(region.Contains(-0.5));
    }

    [Theory]
    [InlineData("{\"optimizer\": \"gd\",\n \"variable\": }", "bad.json:2:14: malformed region JSON")]
    [InlineData("{\"variable\": \"lambda\", \"smooth\": true, \"theoremApplies\": true, \"intervals\": []}", "bad.json: region JSON lacks \"optimizer\"")]
    [InlineData("{\"optimizer\": \"gd\", \"variable\": \"nu\", \"smooth\": true, \"theoremApplies\": true}", "bad.json: region JSON \"variable\" is \"nu\", expected \"lambda\" or \"mu\"")]
    [InlineData("{\"optimizer\": \"gd\", \"variable\": \"lambda\", \"smooth\": true, \"theoremApplies\": true, \"intervals\": [{\"lower\": null}]}", "bad.json: region JSON lacks \"intervals[0].upper\" (null means unbounded)")]
    [InlineData("{\"optimizer\": \"gd\", \"variable\": \"lambda\", \"smooth\": true, \"theoremApplies\": true, \"intervals\": [{\"lower\": {\"exact\": \"0\", \"approx\": \"0\", \"closed\": true}, \"upper\": null}]}", "bad.json: region JSON has \"intervals[0].lower.approx\" of kind String, expected Number")]
    [InlineData("{\"optimizer\": \"gd\", \"variable\": \"lambda\", \"smooth\": true, \"theoremApplies\": true, \"intervals\": [{\"lower\": {\"exact\": \"2\", \"approx\": 2, \"closed\": true}, \"upper\": {\"exact\": \"1\", \"approx\": 1, \"closed\": true}}]}", "bad.json: region JSON intervals[0] has lower end 2 above upper end 1")]
    [InlineData("[1, 2]", "bad.json: region JSON the top level is not an object")]
    public void Malformed_region_JSON_gives_one_line_naming_the_source_and_the_problem(string json, string expected)
    {
        var message = Failure.Of(() => RegionJson.Parse(json, "bad.json"));
        Assert.StartsWith(expected, message);
    }
}
