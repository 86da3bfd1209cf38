using System.Globalization;

namespace EigenVerify.Experiments.Regions;

/// <summary>
/// Places measured top eigenvalues in the optimizer's exact region and says how far outside a
/// run is. Comparisons use the endpoints' float approximations: the measured values are floats
/// with Lanczos error far above 1e-15, so the exact endpoints cannot sharpen the decision.
/// </summary>
public static class FilterCheck
{
    /// <param name="top">Measured top eigenvalues, largest first (of H, or of P⁻¹H for a "mu" region).</param>
    /// <param name="minimum">The smallest measured eigenvalue, if measured.</param>
    /// <param name="variable">"lambda" or "mu": which spectrum <paramref name="top"/> belongs to.</param>
    public static FilterCheckResult Check(
        string run, FilterRegion region, IReadOnlyList<double> top, double? minimum, string variable, bool stochastic)
    {
        if (top.Count == 0) throw new ArgumentException("no measured eigenvalues to place");
        if (variable != region.Variable)
            throw new ExperimentException($"run {run}: the region of {region.Optimizer} is stated in {region.Variable} but the measured eigenvalues are {variable}s; measure {(region.Variable == "mu" ? "P⁻¹H (the preconditioned spectrum)" : "H")}");
        var letter = variable == "mu" ? "μ" : "λ";
        var header = $"{run} — {region.Optimizer}({region.ParamsText})";
        var lines = new List<string>();
        if (!region.TheoremApplies)
        {
            lines.Add($"{header}: the theorem does not apply{(region.Reason is null ? "" : $" ({region.Reason})")}; {letter}_max = {RegionText.Value(top[0])} is reported without a region");
            return new FilterCheckResult(run, region, [], null, false, stochastic, lines);
        }
        var placements = top.Select((v, i) => Place(region, i == 0 ? $"{letter}_max" : $"{letter}_{i + 1}", v)).ToList();
        var low = minimum is { } m ? Place(region, $"{letter}_min", m) : null;
        var flagged = !placements[0].Inside;
        lines.Add($"{header}: R = {region}");
        lines.Add("  " + placements[0].Text);
        var othersOutside = placements.Skip(1).Count(p => !p.Inside);
        if (placements.Count > 1)
            lines.Add(othersOutside == 0
                ? $"  all top {placements.Count} in R"
                : $"  {othersOutside} of the top {placements.Count} outside R: " + string.Join("; ", placements.Skip(1).Where(p => !p.Inside).Select(p => p.Text)));
        if (low is not null) lines.Add("  " + low.Text);
        if (flagged)
        {
            var p = placements[0];
            var percent = p.FractionOfBound is { } f ? $"{(f - 1) * 100:F1} % " : "";
            var why = stochastic
                ? "expected for minibatch training: the theorem covers deterministic iterations that converge, and gradient noise keeps the iterate moving"
                : "a deterministic run outside its region has not converged to a fixed point (or the measurement is off)";
            lines.Add($"  FLAGGED: {p.Symbol} is {percent}{(p.Above ? "above" : "below")} the region by {RegionText.Value(p.Distance)} — {why}");
        }
        return new FilterCheckResult(run, region, placements, low, flagged, stochastic, lines);
    }

    /// <summary>Places one value: inside (with its share of the containing interval's upper end)
    /// or outside (with the distance to the nearest interval end or isolated point).</summary>
    public static Placement Place(FilterRegion region, string symbol, double value)
    {
        var v = RegionText.Value(value);
        var inside = region.Intervals.FirstOrDefault(i => i.Contains(value));
        if (inside is not null)
        {
            double? fraction = inside.Upper is { Approx: > 0 } u ? value / u.Approx : null;
            var share = fraction is { } f ? $" ({Percent(f)} of the bound)" : "";
            return new Placement(symbol, value, true, inside, fraction, 0, false, $"{symbol} = {v} ∈ {inside}{share}");
        }
        var point = region.Points.FirstOrDefault(p => p.Approx == value);
        if (point is not null)
            return new Placement(symbol, value, true, null, null, 0, false, $"{symbol} = {v} is the isolated point {RegionText.Number(point.Exact, point.Approx)} of R");

        // Outside: find the nearest piece of the region.
        RegionInterval? nearest = null;
        var distance = double.PositiveInfinity;
        var above = false;
        foreach (var interval in region.Intervals)
        {
            if (interval.Upper is { } u && value >= u.Approx && value - u.Approx < distance)
                (nearest, distance, above) = (interval, value - u.Approx, true);
            if (interval.Lower is { } l && value <= l.Approx && l.Approx - value < distance)
                (nearest, distance, above) = (interval, l.Approx - value, false);
        }
        RegionPoint? nearestPoint = null;
        foreach (var p in region.Points)
            if (Math.Abs(value - p.Approx) < distance)
                (nearest, nearestPoint, distance, above) = (null, p, Math.Abs(value - p.Approx), value > p.Approx);
        if (nearest is null && nearestPoint is null)
            return new Placement(symbol, value, false, null, null, double.PositiveInfinity, false, $"{symbol} = {v} ∉ R = ∅");
        if (nearestPoint is not null)
            return new Placement(symbol, value, false, null, null, distance, above,
                $"{symbol} = {v} ∉ R = {region}: {RegionText.Value(distance)} from the isolated point {RegionText.Number(nearestPoint.Exact, nearestPoint.Approx)}");
        double? ratio = above && nearest!.Upper is { Approx: > 0 } up ? value / up.Approx : null;
        var extra = ratio is { } r ? $" ({Percent(r)} of the bound)" : "";
        return new Placement(symbol, value, false, nearest, ratio, distance, above,
            $"{symbol} = {v} ∉ R = {region}: {RegionText.Value(distance)} {(above ? "above the upper" : "below the lower")} end of {nearest}{extra}");
    }

    static string Percent(double fraction) =>
        (fraction * 100).ToString(fraction < 0.1 ? "G2" : "F0", CultureInfo.InvariantCulture) + " %";
}
