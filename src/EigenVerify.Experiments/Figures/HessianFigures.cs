using System.Globalization;
using System.Text;
using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Runs;
using ScottPlot;

namespace EigenVerify.Experiments.Figures;

/// <summary>
/// A figure's Hessian results, written next to its summary: <c>hessian.csv</c> and
/// <c>hessian.md</c> (λ_max against the bound for every run, and (λ_max, σ²) in the mean-square
/// region), <c>meansquare-points.csv</c> (the placed points), <c>spectrum.png</c> (top eigenvalues
/// of each optimizer's kept run, and every run's λ_max as a share of its bound) and
/// <c>density.png</c> (SLQ spectral densities of the kept runs).
/// </summary>
public static class HessianFigures
{
    static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    static string F(double? x) => x is { } v ? F(v) : "";

    /// <summary>Writes the files when at least one run carries a Hessian record; returns the table.</summary>
    public static string? Write(SweepSummary summary, IReadOnlyList<RunResult> results, string outDir, Action<string> log)
    {
        var measured = results.Select(r => (Run: r, Record: HessianRecord.FromRun(r))).Where(x => x.Record is not null).Select(x => (x.Run, Record: x.Record!)).ToList();
        if (measured.Count == 0) return null;
        PlotFont.Ensure();
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, "hessian.csv"), Csv(measured));
        AtomicFile.WriteAllText(Path.Combine(outDir, "meansquare-points.csv"), MeanSquarePoints(measured));
        var table = Table(summary, measured);
        AtomicFile.WriteAllText(Path.Combine(outDir, "hessian.md"), table);
        var kept = summary.Rows
            .Select(row => (Row: row, Entry: measured.FirstOrDefault(m => m.Run.Id == row.RunIds[0])))
            .Where(x => x.Entry.Record?.Spectrum is not null)
            .Select(x => (x.Row, x.Entry.Record.Spectrum!))
            .ToList();
        PlotFiles.SavePng(SpectrumPlot(summary, kept, measured), Path.Combine(outDir, "spectrum.png"), 1400, SpectrumHeight(measured));
        if (kept.Any(k => k.Item2.Density is not null))
            PlotFiles.SavePng(DensityPlot(summary, kept), Path.Combine(outDir, "density.png"), 1000, 560);
        log(table);
        log($"wrote {Path.Combine(outDir, "hessian.csv")}, hessian.md, meansquare-points.csv, spectrum.png, density.png");
        return table;
    }

    static string Csv(IEnumerable<(RunResult Run, HessianRecord Record)> measured)
    {
        var csv = new StringBuilder("run,optimizer,rho,beta,learning_rate,seed,catalog,params,variable,top_value,lambda_max,lambda_min,mu_max,region,bound,fraction_of_bound,inside,flagged,stochastic,trace,trace_se,sharpness,sharpness_rho,examples,lanczos_steps,lanczos_converged,skipped,filter_error,"
            + "curvature_examples,curvature_mean,curvature_variance,ms_noise,ms_samples,ms_batch,ms_factor,sigma2,ms_region,ms_bound,ms_fraction_of_bound,ms_inside,ms_max_sigma2,ms_error\n");
        foreach (var (run, rec) in measured)
        {
            var s = rec.Spectrum;
            var f = rec.Filter;
            var m = rec.MeanSquare;
            csv.AppendLine(string.Join(",",
                run.Id, run.Rule, F(run.Rho), F(run.Beta), F(run.LearningRate), run.Seed.ToString(CultureInfo.InvariantCulture),
                f?.Optimizer ?? "", Quote(f?.Params ?? ""), f?.Variable ?? "", F(f?.Value),
                F(s?.Top.Values[0]), F(s?.Minimum), F(s?.Preconditioned?.Values[0]),
                Quote(f?.Region ?? ""), F(f?.Bound), F(f?.FractionOfBound),
                f is null ? "" : f.TheoremApplies ? (f.Inside ? "yes" : "no") : "n/a",
                f?.Flagged == true ? "yes" : f is null ? "" : "no", f?.Stochastic == true ? "yes" : f is null ? "" : "no",
                F(s?.Trace?.Mean), F(s?.Trace?.StandardError), F(s?.Sharpness?.Value), F(s?.SharpnessRho),
                s?.Examples.ToString(CultureInfo.InvariantCulture) ?? "", s?.Top.Iterations.ToString(CultureInfo.InvariantCulture) ?? "",
                s is null ? "" : s.Top.Converged ? "yes" : "no", Quote(rec.Skipped ?? ""), Quote(rec.FilterError ?? ""),
                s?.Curvatures?.Examples.ToString(CultureInfo.InvariantCulture) ?? "", F(s?.Curvatures?.Mean), F(s?.Curvatures?.Variance),
                m?.Noise ?? "", m?.Samples.ToString(CultureInfo.InvariantCulture) ?? "", m?.Batch.ToString(CultureInfo.InvariantCulture) ?? "",
                m?.Factor ?? "", F(m?.BatchVariance), Quote(m?.Region ?? ""), F(m?.Bound), F(m?.FractionOfBound),
                m is null ? "" : m.Inside ? "yes" : "no", m?.MaxBatchVariance is { } limit ? F(limit) : m?.MaxBatchVarianceExact ?? "",
                Quote(rec.MeanSquareError ?? "")));
        }
        return csv.ToString();
    }

    /// <summary>The placed (λ_max, σ²) points, one per run with a mean-square placement: the rule
    /// (<c>optimizer</c>, a catalog name), the point, then the run, the rule's hyperparameters and
    /// whether the point lies in the mean-square region.</summary>
    static string MeanSquarePoints(IEnumerable<(RunResult Run, HessianRecord Record)> measured)
    {
        var csv = new StringBuilder("optimizer,lambda_max,sigma2,run,params,inside\n");
        foreach (var (run, rec) in measured)
            if (rec.MeanSquare is { } m)
                csv.AppendLine(string.Join(",", m.Optimizer, F(m.Value), F(m.BatchVariance), run.Id, Quote(m.Params), m.Inside ? "yes" : "no"));
        return csv.ToString();
    }

    static string Quote(string s) => s.Length == 0 ? "" : "\"" + s.Replace("\"", "\"\"") + "\"";

    /// <summary>The λ_max-versus-bound table (Markdown), every run of the sweep.</summary>
    public static string Table(SweepSummary summary, IReadOnlyList<(RunResult Run, HessianRecord Record)> measured)
    {
        var sb = new StringBuilder();
        var data = measured.Select(m => m.Record.Spectrum?.Data).FirstOrDefault(d => d is not null) ?? "";
        sb.AppendLine($"{summary.Title} — preset {summary.Preset}: top Hessian eigenvalue against the optimizer's exact region");
        sb.AppendLine($"(loss measured on the {data}; μ = eigenvalue of P⁻¹H for Adam)");
        sb.AppendLine();
        sb.AppendLine("| run | λ_max (μ_max) | region R | bound | % of bound | in R | λ_min | tr H ± se | sharpness (ρ=0.05) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (run, rec) in measured)
        {
            var s = rec.Spectrum;
            var f = rec.Filter;
            string Num(double? x) => x is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";
            var value = f is not null ? (f.Variable == "mu" ? "μ " : "") + Num(f.Value) : Num(s?.Top.Values[0]);
            var inR = rec.Skipped is not null ? rec.Skipped
                : f is null ? "no region: " + (rec.FilterError ?? "?")
                : !f.TheoremApplies ? "theorem n/a"
                : f.Inside ? "yes" : f.Stochastic ? "**no** (minibatch)" : "**no**";
            var trace = s?.Trace is { } t ? $"{Num(t.Mean)} ± {Num(t.StandardError)}" : "–";
            var percent = f?.FractionOfBound is { } p ? (100 * p).ToString("F1", CultureInfo.InvariantCulture) + " %" : "–";
            sb.AppendLine($"| {run.Id} | {value} | {(f is null ? "–" : f.TheoremApplies ? f.Region : "–")} | {Num(f?.Bound)} | {percent} | {inR} | {Num(s?.Minimum)} | {trace} | {Num(s?.Sharpness?.Value)} |");
        }
        var flagged = measured.Where(m => m.Record.Filter?.Flagged == true).ToList();
        sb.AppendLine();
        sb.AppendLine(flagged.Count == 0
            ? "Every measured run's top eigenvalue lies in its optimizer's region."
            : $"{flagged.Count} run(s) outside their region (flagged): " + string.Join("; ", flagged.Select(m =>
                $"{m.Run.Id} by {m.Record.Filter!.Distance.ToString("G3", CultureInfo.InvariantCulture)}" + (m.Record.Filter.Stochastic ? " (minibatch: the theorem does not cover it)" : ""))));
        MeanSquareTable(sb, measured);
        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// (λ_max, σ²) in the exact mean-square region, beside the deterministic check: σ² = p·s² is
    /// the variance of a batch's curvature along the top eigenvector. Written when a run has one.
    /// </summary>
    static void MeanSquareTable(StringBuilder sb, IReadOnlyList<(RunResult Run, HessianRecord Record)> measured)
    {
        var placed = measured.Where(m => m.Record.MeanSquare is not null).ToList();
        if (placed.Count == 0) return;
        string Num(double? x) => x is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";
        sb.AppendLine();
        sb.AppendLine("Mean-square placement: per-sample curvatures aᵢ = vᵀHᵢv along the top eigenvector v, s² their variance,");
        sb.AppendLine("σ² = p·s² the batch curvature's variance (p = (n − B)/(B(n − 1))); the region is where the second moment");
        sb.AppendLine("of the linearized minibatch iteration stays bounded (variance: rules affine in λ; curvature list: every moment of the batch).");
        sb.AppendLine();
        sb.AppendLine("| run | λ_max | mean aᵢ | s² | σ² | B of n | noise | mean-square region | % of bound | in R_ms | largest stable σ² |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (run, rec) in placed)
        {
            var m = rec.MeanSquare!;
            var percent = m.FractionOfBound is { } p ? (100 * p).ToString("F1", CultureInfo.InvariantCulture) + " %" : "–";
            var limit = m.MaxBatchVariance is { } v ? Num(v) : m.MaxBatchVarianceExact ?? "–";
            sb.AppendLine($"| {run.Id} | {Num(m.Value)} | {Num(m.CurvatureMean)} | {Num(m.SampleVariance)} | {Num(m.BatchVariance)} | {m.Batch} of {m.Samples} | {m.Noise} | {m.Region} | {percent} | {(m.Inside ? "yes" : "**no**")} | {limit} |");
        }
        var outside = placed.Where(m => !m.Record.MeanSquare!.Inside).ToList();
        sb.AppendLine();
        sb.AppendLine(outside.Count == 0
            ? "Every placed run lies in its mean-square region."
            : $"{outside.Count} run(s) outside their mean-square region: " + string.Join(", ", outside.Select(m => m.Run.Id)) + ".");
    }

    /// <summary>Bar colours of the placement panel, each named in its legend.</summary>
    static readonly (Color Color, string Meaning) InsideRegion = (Colors.SteelBlue, "λ_max in R");
    static readonly (Color Color, string Meaning) OutsideButMeanSquare = (Colors.Orange, "outside R, inside the mean-square region");
    static readonly (Color Color, string Meaning) OutsideRegion = (Colors.OrangeRed, "outside R (and outside the mean-square region, or none placed)");

    static (Color Color, string Meaning) Placement(HessianRecord record) =>
        record.Filter!.Inside ? InsideRegion
        : record.MeanSquare is { Inside: true } ? OutsideButMeanSquare
        : OutsideRegion;

    /// <summary>Height in pixels of spectrum.png: room for one labelled bar per placed run.</summary>
    static int SpectrumHeight(IReadOnlyList<(RunResult Run, HessianRecord Record)> measured) =>
        Math.Max(560, 260 + 22 * measured.Count(m => m.Record.Filter?.FractionOfBound is not null));

    /// <summary>
    /// Left: the top eigenvalues of each optimizer's kept run. Right: every placed run's λ_max as a
    /// share of its region's largest end, one horizontal bar per run so that run names read
    /// horizontally inside the frame, coloured by where the run lies (legend below the panel,
    /// outside the bars). Runs the theorem does not cover (SAM) have no bar; the axis title says so.
    /// </summary>
    static Multiplot SpectrumPlot(SweepSummary s, IReadOnlyList<(SummaryRow Row, SpectrumReport Spectrum)> kept, IReadOnlyList<(RunResult Run, HessianRecord Record)> measured)
    {
        var mp = new Multiplot();
        mp.AddPlots(2);
        mp.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var left = mp.GetPlot(0);
        var palette = new ScottPlot.Palettes.Category10();
        var k = 0;
        foreach (var (row, spectrum) in kept)
        {
            var values = spectrum.Top.Values;
            var xs = Enumerable.Range(1, values.Length).Select(i => (double)i).ToArray();
            var line = left.Add.Scatter(xs, values, palette.GetColor(k % 10));
            line.LegendText = row.Label + (row.BestRho == 0 ? "" : $" ρ={F(row.BestRho)}");
            if (row.Beta != 0) line.LinePattern = LinePattern.Dashed;
            k++;
        }
        // titles short enough to fit their panel at 1400 px; the details go to legends and labels
        left.Title("top Hessian eigenvalues, kept runs", size: 14);
        var indices = kept.Select(x => x.Spectrum.Top.Values.Length).DefaultIfEmpty(1).Max();
        left.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(1, indices).Select(i => (double)i).ToArray(), Enumerable.Range(1, indices).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
        left.XLabel("index i (dashed: with momentum)");
        left.YLabel("λ_i");
        left.ShowLegend(Edge.Right);

        var right = mp.GetPlot(1);
        var placed = measured.Where(m => m.Record.Filter?.FractionOfBound is not null).ToList();
        var bars = placed.Select((m, i) =>
        {
            var (color, _) = Placement(m.Record);
            // first run at the top
            return new Bar { Position = placed.Count - 1 - i, Value = 100 * m.Record.Filter!.FractionOfBound!.Value, FillColor = color, Size = 0.7 };
        }).ToArray();
        var barPlot = right.Add.Bars(bars);
        barPlot.Horizontal = true;
        right.Add.VerticalLine(100, 1.5f, Colors.Black, LinePattern.Dashed);
        right.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, placed.Count).Select(i => (double)(placed.Count - 1 - i)).ToArray(), placed.Select(m => m.Run.Id).ToArray());
        right.Axes.Left.MajorTickStyle.Length = 0;
        // limits set explicitly: the bars start at 0 and the 100 % line is always in view
        right.Axes.SetLimitsX(0, Math.Max(110, bars.Select(b => b.Value).DefaultIfEmpty(0).Max() * 1.05));
        right.Axes.SetLimitsY(-0.6, Math.Max(placed.Count, 1) - 0.4);
        right.Title($"λ_max against the exact region R ({s.Preset})", size: 14);
        right.XLabel("λ_max as % of R's largest end");
        right.Legend.ManualItems.Clear();
        foreach (var (color, meaning) in new[] { InsideRegion, OutsideButMeanSquare, OutsideRegion })
            right.Legend.ManualItems.Add(new LegendItem { LabelText = meaning, FillColor = color });
        right.Legend.ManualItems.Add(new LegendItem { LabelText = "end of R (100 %)", LineColor = Colors.Black, LinePattern = LinePattern.Dashed, LineWidth = 1.5f });
        right.Legend.ManualItems.Add(new LegendItem { LabelText = "SAM runs: not C¹, the theorem gives no region (no bar)" });
        right.ShowLegend(Edge.Bottom);
        return mp;
    }

    static Plot DensityPlot(SweepSummary s, IReadOnlyList<(SummaryRow Row, SpectrumReport Spectrum)> kept)
    {
        var plt = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var k = 0;
        foreach (var (row, spectrum) in kept)
        {
            if (spectrum.Density is not { } d) continue;
            // The density spans many decades (a bulk near 0, outliers far out): plot log₁₀, with a
            // floor so empty stretches stay finite.
            var ys = d.Density.Select(v => Math.Log10(Math.Max(v, 1e-8))).ToArray();
            var line = plt.Add.Scatter(d.Grid, ys, palette.GetColor(k % 10));
            line.MarkerSize = 0;
            line.LegendText = row.Label + (row.BestRho == 0 ? "" : $" ρ={F(row.BestRho)}");
            if (row.Beta != 0) line.LinePattern = LinePattern.Dashed;
            k++;
        }
        plt.Title($"{s.Title}: Hessian spectral density (SLQ, Gaussian σ = 1 % of the span)");
        plt.XLabel("eigenvalue λ");
        plt.YLabel("log₁₀ density");
        plt.ShowLegend(Edge.Right);
        return plt;
    }
}
