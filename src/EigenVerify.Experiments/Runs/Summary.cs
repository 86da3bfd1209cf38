using System.Globalization;
using System.Text;

namespace EigenVerify.Experiments.Runs;

/// <summary>Builds a sweep's summary from its run results, and its table for the log.</summary>
public static class Summary
{
    public static SweepSummary Build(ExperimentConfig cfg, IReadOnlyList<RunResult> results)
    {
        var rows = new List<SummaryRow>();
        foreach (var group in results.GroupBy(r => (r.Rule, r.Beta)).OrderBy(g => RuleOrder(cfg, g.Key.Rule)).ThenBy(g => g.Key.Beta))
        {
            var byRho = group.GroupBy(r => r.Rho).Select(g => (Rho: g.Key, Runs: g.OrderBy(r => r.Seed).ToList(), Mean: g.Average(r => Finite(r.TestAccuracy)))).ToList();
            // Best mean test accuracy; ties go to the smaller ρ so the choice is deterministic.
            var best = byRho.OrderByDescending(x => x.Mean).ThenBy(x => x.Rho).First();
            var accs = best.Runs.Select(r => Finite(r.TestAccuracy)).ToArray();
            double mean = accs.Average();
            double std = accs.Length > 1 ? Math.Sqrt(accs.Sum(a => (a - mean) * (a - mean)) / (accs.Length - 1)) : 0;
            rows.Add(new SummaryRow(group.Key.Rule, group.Key.Beta, best.Runs[0].LearningRate, best.Rho, mean, std,
                best.Runs.Average(r => r.TrainLoss), accs.Length, best.Runs.Select(r => r.Id).ToArray(),
                byRho.OrderBy(x => x.Rho).ToDictionary(x => x.Rho.ToString("R", CultureInfo.InvariantCulture), x => x.Mean)));
        }
        return new SweepSummary(cfg.Figure, cfg.Title, cfg.Preset, cfg.Dataset, cfg.Model.Describe(), cfg.Epochs, cfg.BatchSize, rows.ToArray());
    }

    static double Finite(double x) => double.IsFinite(x) ? x : 0;

    static int RuleOrder(ExperimentConfig cfg, string rule)
    {
        int i = Array.FindIndex(cfg.Optimizers, o => Optim.OptimizerSpec.KindName(Optim.OptimizerSpec.ParseKind(o.Rule)) == rule);
        return i < 0 ? int.MaxValue : i;
    }

    public static string Table(SweepSummary s)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{s.Title} — preset {s.Preset} ({s.Model}, {s.Epochs} epochs, batch {s.BatchSize})");
        sb.AppendLine($"{"optimizer",-14} {"beta",5} {"lr",7} {"best rho",9} {"test acc",9} {"train loss",11}");
        foreach (var r in s.Rows)
            sb.AppendLine(FormattableString.Invariant($"{r.Rule,-14} {r.Beta,5:0.##} {r.LearningRate,7:0.####} {(r.BestRho == 0 ? "-" : r.BestRho.ToString("R", CultureInfo.InvariantCulture)),9} {100 * r.TestAccuracy,8:F2}% {r.TrainLoss,11:F4}"));
        return sb.ToString().TrimEnd();
    }
}
