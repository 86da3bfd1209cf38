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
                csv.AppendLine(string.Join(",", r.Optimizer, r.Variable, F(r.Bound), p.Step.ToString(CultureInfo.InvariantCulture), F(p.Loss), F(p.Accuracy), F(p.LambdaMax), p.MuMax is { } m ? F(m) : ""));
        AtomicFile.WriteAllText(Path.Combine(outDir, "eos.csv"), csv.ToString());

        var mp = new Multiplot();
        mp.AddPlots(runs.Count);
        mp.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var plt = mp.GetPlot(i);
            var xs = r.Points.Select(p => (double)p.Step).ToArray();
            // Adam's bound is in μ (P⁻¹H); λ_max(H) is orders smaller and stays in eos.csv.
            var ys = r.Points.Select(p => r.Variable == "mu" ? p.MuMax ?? double.NaN : p.LambdaMax).ToArray();
            var series = plt.Add.Scatter(xs, ys);
            series.LegendText = r.Variable == "mu" ? "μ_max(P⁻¹H)" : "λ_max(H)";
            var bound = plt.Add.HorizontalLine(r.Bound);
            bound.LinePattern = LinePattern.Dashed;
            bound.LegendText = r.Variable == "mu" ? "2(1+β₁)/(α(1−β₁))" : r.Optimizer.Contains(" hb ") ? "2(1+β)/α" : "2/α";
            // The first steps can start far above the bound (the catapult); clip the axis at twice
            // the bound so the approach to the bound stays readable.
            var top = ys.Where(double.IsFinite).DefaultIfEmpty(r.Bound).Max();
            var clipped = top > 2 * r.Bound;
            plt.Axes.SetLimitsY(0, 1.05 * Math.Min(Math.Max(top, r.Bound), 2 * r.Bound));
            plt.Axes.SetLimitsX(0, Math.Max(1, xs[^1]));
            plt.Title(r.Optimizer + (clipped ? " (axis clipped at 2× bound)" : ""));
            plt.XLabel("step (full batch)");
            plt.YLabel(r.Variable == "mu" ? "top eigenvalue" : "λ_max");
            plt.ShowLegend(Alignment.LowerRight);
        }
        var tmp = Path.Combine(Path.GetFullPath(outDir), $".eos.{Environment.ProcessId}.png");
        mp.SavePng(tmp, 500 * runs.Count, 450);
        File.Move(tmp, Path.Combine(outDir, "eos.png"), overwrite: true);
    }

    static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
