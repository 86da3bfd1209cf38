using EigenVerify.Experiments.Bench;

namespace EigenVerify.Experiments.Tools;

/// <summary>The command line of <c>scripts/bench/rule-epoch.fsx</c> (see <see cref="RuleEpochBenchmark"/>):
/// prints both paths' seconds per epoch and the ratio rule / hand-written.</summary>
public static class RuleEpochBenchmarkTool
{
    public static readonly CommandLine CommandLine = new(
        "dotnet fsi scripts/bench/rule-epoch.fsx -- [options]",
        "Times an epoch of the default MLP through a rule's program and through the hand-written optimizer, alternating, in one run.",
        ToolOption.Single("--threads", "N", "intra-op threads (default 2)"),
        ToolOption.Single("--samples", "N", "random images per epoch (default 10000)"),
        ToolOption.Single("--epochs", "N", "timed epochs of each after one warm-up; the medians are compared (default 3)"),
        ToolOption.Single("--rules", "NAME,...", $"the pairs to time (default all: {string.Join(",", RuleEpochBenchmark.Pairs.Select(p => p.Rule))})"));

    public static int Run(string repositoryRoot, string[] args) => Run(repositoryRoot, args, Console.Out.WriteLine, Console.Error.WriteLine);

    public static int Run(string repositoryRoot, string[] args, Action<string> log, Action<string> error) =>
        ToolRunner.Run(CommandLine, args, log, error, a =>
        {
            var threads = a.PositiveInt("--threads", 2);
            var samples = a.PositiveInt("--samples", 10000);
            var epochs = a.PositiveInt("--epochs", 3);
            var names = a.Value("--rules") is { } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : RuleEpochBenchmark.Pairs.Select(p => p.Rule).ToArray();
            var pairs = names.Select(n => RuleEpochBenchmark.Pairs.FirstOrDefault(p => p.Rule == n) is var p && p.Rule is not null ? p
                : throw new UsageException($"--rules {n}: no hand-written counterpart to time (known: {string.Join(", ", RuleEpochBenchmark.Pairs.Select(q => q.Rule))})")).ToList();
            TorchRuntime.Preload();
            log($"MLP 784-256-256-10 ReLU float32, batch 128, {samples} samples, {threads} threads, median of {epochs} epochs after one warm-up, rule and hand-written epochs alternating");
            log($"{"rule",-14} {"hand-written",-18} {"rule s/epoch",13} {"hand s/epoch",13} {"ratio",7}");
            foreach (var pair in pairs)
            {
                var t = RuleEpochBenchmark.Time(pair, threads, samples, epochs);
                log(FormattableString.Invariant($"{t.Rule,-14} {t.HandWritten,-18} {t.RuleSeconds,13:F3} {t.HandSeconds,13:F3} {t.Ratio,7:F2}"));
            }
            return 0;
        });
}
