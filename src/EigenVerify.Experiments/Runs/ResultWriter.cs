using System.Globalization;
using System.Text;
using System.Text.Json;
using EigenVerify.Experiments.Figures;
using ScottPlot;

namespace EigenVerify.Experiments.Runs;

/// <summary>Writes a sweep's summary as JSON, CSV and PNG plots (all atomically).</summary>
public static class ResultWriter
{
    static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public static void Write(ExperimentConfig cfg, SweepSummary summary, IReadOnlyList<RunResult> results, string outDir)
    {
        PlotFont.Ensure();
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(summary, ExperimentConfig.Json));

        var csv = new StringBuilder("optimizer,beta,learning_rate,best_rho,test_accuracy,test_accuracy_std,train_loss,seeds\n");
        foreach (var r in summary.Rows)
            csv.AppendLine($"{r.Rule},{F(r.Beta)},{F(r.LearningRate)},{F(r.BestRho)},{F(r.TestAccuracy)},{F(r.TestAccuracyStd)},{F(r.TrainLoss)},{r.Seeds}");
        AtomicFile.WriteAllText(Path.Combine(outDir, "summary.csv"), csv.ToString());

        var runs = new StringBuilder("run,optimizer,rho,beta,learning_rate,seed,epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds\n");
        foreach (var r in results)
            foreach (var h in r.History)
                runs.AppendLine($"{r.Id},{r.Rule},{F(r.Rho)},{F(r.Beta)},{F(r.LearningRate)},{r.Seed},{h.Epoch},{F(h.TrainLoss)},{F(h.TrainAccuracy)},{F(h.TestLoss)},{F(h.TestAccuracy)},{F(h.Seconds)}");
        AtomicFile.WriteAllText(Path.Combine(outDir, "runs.csv"), runs.ToString());

        PlotFiles.SavePng(AccuracyPlot(summary), Path.Combine(outDir, "accuracy.png"), 1000, 520);
        PlotFiles.SavePng(CurvesPlot(summary, results), Path.Combine(outDir, "curves.png"), 1400, 560);
    }

    /// <summary>Test accuracy of each optimizer at its best ρ, one bar colour per β.</summary>
    static Plot AccuracyPlot(SweepSummary s)
    {
        var plt = new Plot();
        var rules = s.Rows.Select(r => r.Rule).Distinct().ToList();
        var betas = s.Rows.Select(r => r.Beta).Distinct().Order().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        double width = 0.8 / betas.Count;
        foreach (var r in s.Rows)
        {
            int i = rules.IndexOf(r.Rule), j = betas.IndexOf(r.Beta);
            plt.Add.Bar(new Bar
            {
                Position = i + (j - (betas.Count - 1) / 2.0) * width,
                Value = 100 * r.TestAccuracy,
                Error = 100 * r.TestAccuracyStd,
                Size = width * 0.9,
                FillColor = palette.GetColor(j),
            });
        }
        for (int j = 0; j < betas.Count; j++)
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = betas[j] == 0 ? "no momentum" : $"β = {F(betas[j])}", FillColor = palette.GetColor(j) });
        plt.ShowLegend(Alignment.LowerRight);
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rules.Count).Select(i => (double)i).ToArray(), rules.ToArray());
        double lo = s.Rows.Min(r => 100 * r.TestAccuracy);
        plt.Axes.SetLimitsY(Math.Max(0, Math.Floor(lo / 5) * 5 - 5), 100);
        plt.Title($"{s.Title} — test accuracy at the best ρ ({s.Preset})");
        plt.YLabel("test accuracy (%)");
        return plt;
    }

    /// <summary>Training loss and test accuracy per epoch for the kept run of each optimizer.</summary>
    static Multiplot CurvesPlot(SweepSummary s, IReadOnlyList<RunResult> results)
    {
        var mp = new Multiplot();
        mp.AddPlots(2);
        mp.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var loss = mp.GetPlot(0);
        var acc = mp.GetPlot(1);
        var byId = results.ToDictionary(r => r.Id);
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var row in s.Rows)
        {
            var run = byId[row.RunIds[0]];
            double[] xs = run.History.Select(h => (double)h.Epoch).ToArray();
            var color = palette.GetColor(k % 10);
            string label = row.Label + (row.BestRho == 0 ? "" : $" ρ={F(row.BestRho)}");
            var a = loss.Add.Scatter(xs, run.History.Select(h => double.IsFinite(h.TrainLoss) ? h.TrainLoss : double.NaN).ToArray(), color);
            a.LegendText = label;
            if (row.Beta != 0) a.LinePattern = LinePattern.Dashed;
            var b = acc.Add.Scatter(xs, run.History.Select(h => 100 * h.TestAccuracy).ToArray(), color);
            b.LegendText = label;
            if (row.Beta != 0) b.LinePattern = LinePattern.Dashed;
            k++;
        }
        loss.Title("training loss"); loss.XLabel("epoch"); loss.YLabel("cross-entropy");
        acc.Title("test accuracy"); acc.XLabel("epoch"); acc.YLabel("%");
        loss.Legend.IsVisible = false; // one legend (beside the accuracy panel) serves both
        acc.ShowLegend(Edge.Right);
        return mp;
    }
}
