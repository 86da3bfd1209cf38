using System.Globalization;
using System.Text;
using System.Text.Json;
using EigenVerify.Experiments.EdgeOfStability;
using EigenVerify.Experiments.Measurement;
using ScottPlot;

namespace EigenVerify.Experiments.Figures;

/// <summary>The edge-of-stability results as files: the trajectories (JSON, CSV) and one plot per optimizer.</summary>
public static class EosFigures
{
    /// <summary>Writes eos.json, eos.csv and eos.png under <paramref name="outDir"/>.</summary>
    public static void Write(EosSettings settings, IReadOnlyList<EosTrajectory> runs, string outDir)
    {
        PlotFont.Ensure();
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, "eos.json"), JsonSerializer.Serialize(new { settings, runs }, HessianRecord.Json));
        var csv = new StringBuilder("optimizer,variable,bound,step,loss,accuracy,lambda_max,mu_max\n");
        foreach (var r in runs)
            foreach (var p in r.Points)
                csv.AppendLine(string.Join(",", r.Optimizer, r.Variable, r.Bound is { } b ? F(b) : "", p.Step.ToString(CultureInfo.InvariantCulture), F(p.Loss), F(p.Accuracy), F(p.LambdaMax), p.MuMax is { } m ? F(m) : ""));
        AtomicFile.WriteAllText(Path.Combine(outDir, "eos.csv"), csv.ToString());

        var mp = new Multiplot();
        mp.AddPlots(runs.Count);
        mp.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (var i = 0; i < runs.Count; i++) Draw(mp.GetPlot(i), runs[i]);
        PlotFiles.SavePng(mp, Path.Combine(outDir, "eos.png"), 500 * runs.Count, 450);
    }

    static void Draw(Plot plt, EosTrajectory r)
    {
        var inMu = r.Variable == "mu";
        var xs = r.Points.Select(p => (double)p.Step).ToArray();
        // A region in μ (P⁻¹H) is compared with μ_max; λ_max(H) is orders smaller and stays in eos.csv.
        var ys = r.Points.Select(p => inMu ? p.MuMax ?? double.NaN : p.LambdaMax).ToArray();
        var series = plt.Add.Scatter(xs, ys);
        series.LegendText = inMu ? "μ_max(P⁻¹H)" : "λ_max(H)";
        var top = ys.Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var clipped = false;
        if (r.Bound is { } bound)
        {
            var line = plt.Add.HorizontalLine(bound);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = $"upper end of R ({bound.ToString("G6", CultureInfo.InvariantCulture)})";
            // The first steps can start far above the bound (the catapult); clip the axis at twice
            // the bound so the approach to the bound stays readable.
            clipped = top > 2 * bound;
            top = Math.Min(Math.Max(top, bound), 2 * bound);
        }
        plt.Axes.SetLimitsY(0, 1.05 * top);
        plt.Axes.SetLimitsX(0, Math.Max(1, xs[^1]));
        plt.Title(r.Optimizer + (clipped ? " (axis clipped at 2× bound)" : ""));
        plt.XLabel("step (full batch)");
        plt.YLabel(inMu ? "top eigenvalue" : "λ_max");
        plt.ShowLegend(Alignment.LowerRight);
    }

    static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
