using System.Globalization;
using EigenVerify.Experiments.Bench;

namespace EigenVerify.Experiments.Tools;

/// <summary>The command line of <c>scripts/bench/mlp-epoch.fsx</c> (see <see cref="EpochBenchmark"/>):
/// prints both sides' seconds per epoch and their ratio.</summary>
public static class EpochBenchmarkTool
{
    public static readonly CommandLine CommandLine = new(
        "dotnet fsi scripts/bench/mlp-epoch.fsx -- [options]",
        "Times an epoch of the default MLP here and in PyTorch (scripts/bench/mlp_epoch_peer.py) in the same run.",
        ToolOption.Single("--threads", "N", "intra-op threads on both sides (default 2)"),
        ToolOption.Single("--samples", "N", "random images per epoch (default 10000)"),
        ToolOption.Single("--epochs", "N", "timed epochs after one warm-up; the median is reported (default 3)"),
        ToolOption.Single("--python", "EXE", "the Python that runs the peer (default python3)"));

    public static int Run(string repositoryRoot, string[] args) => Run(repositoryRoot, args, Console.Out.WriteLine, Console.Error.WriteLine);

    public static int Run(string repositoryRoot, string[] args, Action<string> log, Action<string> error) =>
        ToolRunner.Run(CommandLine, args, log, error, a =>
        {
            var threads = a.PositiveInt("--threads", 2);
            var samples = a.PositiveInt("--samples", 10000);
            var epochs = a.PositiveInt("--epochs", 3);
            var python = a.Value("--python", "python3");
            TorchRuntime.Preload();
            log($"MLP 784-256-256-10 ReLU, batch 128, {samples} samples, {threads} threads, median of {epochs} epochs after one warm-up");
            var mine = EpochBenchmark.Optimizers.Select(o => new EpochTiming(o, EpochBenchmark.TimeEpochs(o, threads, samples, epochs))).ToList();
            var peer = EpochBenchmark.RunPeer(python, repositoryRoot, threads, samples, epochs, error);
            log($"{"rule",-6} {"TorchSharp s/epoch",19} {"PyTorch s/epoch",16} {"ratio",7}");
            foreach (var m in mine)
            {
                var p = peer.FirstOrDefault(x => x.Optimizer == m.Optimizer);
                var ps = p is null ? "n/a" : p.SecondsPerEpoch.ToString("F3", CultureInfo.InvariantCulture);
                var ratio = p is null ? "n/a" : (m.SecondsPerEpoch / p.SecondsPerEpoch).ToString("F2", CultureInfo.InvariantCulture);
                log(FormattableString.Invariant($"{m.Optimizer,-6} {m.SecondsPerEpoch,19:F3} {ps,16} {ratio,7}"));
            }
            return 0;
        });
}
