using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests.Regions;

/// <summary>Placing measured eigenvalues in hand-written regions (see <see cref="RegionFixtures"/>) and flagging runs outside.</summary>
public class FilterCheckTests
{
    [Fact]
    public void A_top_eigenvalue_inside_the_region_is_placed_with_its_share_of_the_bound()
    {
        var region = RegionJson.Parse(RegionFixtures.Gd, "gd.json");
        Assert.Equal("[0, 20]", region.ToString());
        var check = FilterCheck.Check("sgd_seed0", region, [19.6, 12.0, 3.0], -0.01, "lambda", stochastic: false);
        Assert.False(check.Flagged);
        Assert.Equal(0.98, check.Top[0].FractionOfBound!.Value, 1e-15); // 19.6/20: one rounded division, within an ulp
        Assert.All(check.Top, p => Assert.True(p.Inside));
        // λ_min = −0.01 lies just below the region: reported, but it does not flag the run.
        Assert.False(check.Minimum!.Inside);
        Assert.Equal(0.01, check.Minimum.Distance); // 0 − (−0.01): exact
        Assert.Equal(
        [
            "sgd_seed0 — gd(alpha=1/10): R = [0, 20]",
            "  λ_max = 19.6 ∈ [0, 20] (98 % of the bound)",
            "  all top 3 in R",
            "  λ_min = −0.01 ∉ R = [0, 20]: 0.01 below the lower end of [0, 20]",
        ], check.Lines);
    }

    [Fact]
    public void A_top_eigenvalue_above_the_bound_flags_the_run_and_says_by_how_much()
    {
        var region = RegionJson.Parse(RegionFixtures.Gd, "gd.json");
        var check = FilterCheck.Check("sgd_seed0", region, [23.0], null, "lambda", stochastic: true);
        Assert.True(check.Flagged);
        Assert.False(check.Top[0].Inside);
        Assert.True(check.Top[0].Above);
        Assert.Equal(3.0, check.Top[0].Distance); // 23 − 20: exact
        Assert.Equal(1.15, check.Top[0].FractionOfBound!.Value); // 23/20 correctly rounded is the double nearest 1.15
        Assert.Equal(
        [
            "sgd_seed0 — gd(alpha=1/10): R = [0, 20]",
            "  λ_max = 23 ∉ R = [0, 20]: 3 above the upper end of [0, 20] (115 % of the bound)",
            "  FLAGGED: λ_max is 15.0 % above the region by 3 — expected for minibatch training: the theorem covers deterministic iterations that converge, and gradient noise keeps the iterate moving",
        ], check.Lines);
        // The same placement for a full-batch run says it has not converged instead.
        var deterministic = FilterCheck.Check("gd", region, [23.0], null, "lambda", stochastic: false);
        Assert.True(deterministic.Flagged);
        Assert.Equal("  FLAGGED: λ_max is 15.0 % above the region by 3 — a deterministic run outside its region has not converged to a fixed point (or the measurement is off)", deterministic.Lines[^1]);
    }

    [Fact]
    public void Closed_and_open_endpoints_decide_membership_exactly_at_the_bound()
    {
        var closed = RegionJson.Parse(RegionFixtures.Gd, "gd.json");
        Assert.True(FilterCheck.Place(closed, "λ", 20.0).Inside);
        Assert.False(FilterCheck.Place(closed, "λ", Math.BitIncrement(20.0)).Inside);
        var open = RegionJson.Parse(RegionFixtures.Gd.Replace("\"approx\": 20.0, \"closed\": true", "\"approx\": 20.0, \"closed\": false"), "gd-open.json");
        Assert.False(FilterCheck.Place(open, "λ", 20.0).Inside);
        Assert.Equal("[0, 20)", open.ToString());
    }

    [Fact]
    public void USAM_negative_branch_contains_strongly_negative_curvature_but_not_the_gap()
    {
        var region = RegionJson.Parse(RegionFixtures.Usam, "usam.json");
        Assert.Equal(2, region.Intervals.Count);
        Assert.True(FilterCheck.Place(region, "λ", -25.0).Inside); // −10−10√5 ≤ −25 ≤ −20
        Assert.Null(FilterCheck.Place(region, "λ", -25.0).FractionOfBound); // a negative upper end is no "bound" share
        var gap = FilterCheck.Place(region, "λ", -5.0);
        Assert.False(gap.Inside);
        Assert.Equal(5.0, gap.Distance); // nearer to 0 (the positive branch) than to −20; 0 − (−5) is exact
        Assert.False(gap.Above);
        Assert.Equal("λ = −5 ∉ R = [−32.36, −20] ∪ [0, 12.36]: 5 below the lower end of [0, 12.36]", gap.Text);
    }

    [Fact]
    public void Two_step_USAM_isolated_point_is_part_of_the_region_and_nearby_values_are_not()
    {
        var region = RegionJson.Parse(RegionFixtures.TwoStep, "two-step.json");
        Assert.Equal("[0, 9.311] ∪ {−20}", region.ToString());
        Assert.True(FilterCheck.Place(region, "λ", -20.0).Inside);
        var near = FilterCheck.Place(region, "λ", -19.0);
        Assert.False(near.Inside);
        Assert.Equal(1.0, near.Distance); // |−19 − (−20)|: exact
        Assert.True(near.Above);
        Assert.Equal("λ = −19 ∉ R = [0, 9.311] ∪ {−20}: 1 from the isolated point −20", near.Text);
        var top = FilterCheck.Place(region, "λ", 9.0);
        Assert.Equal(9.0 / 9.31142463753536, top.FractionOfBound!.Value); // the same one division
    }

    [Fact]
    public void SAM_gets_no_region_and_is_never_flagged()
    {
        var region = RegionJson.Parse(RegionFixtures.Sam, "sam.json");
        Assert.False(region.TheoremApplies);
        var check = FilterCheck.Check("sam_rho0.05", region, [950.0], null, "lambda", stochastic: true); // however large
        Assert.False(check.Flagged);
        Assert.Empty(check.Top);
        Assert.Equal(["sam_rho0.05 — sam(alpha=1/10,rho=1/20): the theorem does not apply (the update is not C1 at critical points); λ_max = 950 is reported without a region"], check.Lines);
    }

    [Fact]
    public void A_region_in_mu_refuses_eigenvalues_of_H()
    {
        var region = RegionJson.Parse(RegionFixtures.Adam, "adam.json");
        Assert.Equal("run adam: the region of adam-frozen is stated in mu but the measured eigenvalues are lambdas; measure P⁻¹H (the preconditioned spectrum)",
            Failure.Of(() => FilterCheck.Check("adam", region, [5.0], null, "lambda", stochastic: true)));
        var ok = FilterCheck.Check("adam", region, [2974.0], null, "mu", stochastic: false);
        Assert.Equal("μ_max = 2974 ∈ [0, 3800] (78 % of the bound)", ok.Top[0].Text);
    }
}
