using System.Diagnostics;
using System.Globalization;
using EigenVerify.Experiments.Models;
using EigenVerify.Experiments.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Bench;

/// <summary>
/// Time per training epoch of the default MLP (784-256-256-10, ReLU, batch 128, float32) here
/// and in PyTorch (<c>scripts/bench/mlp_epoch_peer.py</c>) with the same thread count, data size
/// and update, in one run. Data are random (timing does not depend on the values). The command
/// line is <see cref="Tools.EpochBenchmarkTool"/>'s.
/// </summary>
public static class EpochBenchmark
{
    /// <summary>The optimizers both sides time, by their config names.</summary>
    public static readonly string[] Optimizers = ["sgd", "usam"];

    /// <summary>Median seconds per epoch of <paramref name="optimizer"/> (a config name), after one warm-up epoch.</summary>
    public static double TimeEpochs(string optimizer, int threads, int samples, int epochs)
    {
        TorchRuntime.Seed(0, threads);
        var x = torch.randn(samples, 1, 28, 28);
        var y = torch.randint(0, 10, [samples], dtype: ScalarType.Int64);
        using var model = new ModelSpec().Build([1, 28, 28], 10, CPU, ScalarType.Float32);
        using var opt = new TrainingOptimizer(model.parameters(), new OptimizerSpec { Kind = OptimizerSpec.ParseKind(optimizer), LearningRate = 0.01, Rho = 0.05 });
        var times = new List<double>();
        for (int e = 0; e <= epochs; e++)
        {
            var clock = Stopwatch.StartNew();
            var perm = torch.randperm(samples);
            for (int s = 0; s < samples; s += 128)
            {
                using var scope = NewDisposeScope();
                var idx = perm.narrow(0, s, Math.Min(128, samples - s));
                var xb = x.index_select(0, idx);
                var yb = y.index_select(0, idx);
                opt.Step(() => nn.functional.cross_entropy(model.forward(xb), yb));
            }
            if (e > 0) times.Add(clock.Elapsed.TotalSeconds); // epoch 0 warms up allocators and caches
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>
    /// The PyTorch side: <c>PYTHON scripts/bench/mlp_epoch_peer.py</c>, which prints one line
    /// "optimizer seconds" per optimizer. Empty, with a note through <paramref name="warn"/>, when
    /// the peer cannot run: the TorchSharp numbers stand alone then.
    /// </summary>
    public static IReadOnlyList<EpochTiming> RunPeer(string python, string repositoryRoot, int threads, int samples, int epochs, Action<string> warn)
    {
        var script = Path.Combine(repositoryRoot, "scripts", "bench", "mlp_epoch_peer.py");
        var psi = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, "--threads", I(threads), "--samples", I(samples), "--epochs", I(epochs) }) psi.ArgumentList.Add(a);
        psi.Environment["OMP_NUM_THREADS"] = I(threads);
        try
        {
            using var p = Process.Start(psi)!;
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                warn($"PyTorch peer failed (exit {p.ExitCode}); is python3-torch installed?");
                return [];
            }
            return lines.Select(l => l.Split(' ')).Where(a => a.Length == 2)
                .Select(a => new EpochTiming(a[0], double.Parse(a[1], CultureInfo.InvariantCulture))).ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            warn($"{python} not found: install python3 and python3-torch for the PyTorch side");
            return [];
        }
    }

    static string I(int k) => k.ToString(CultureInfo.InvariantCulture);
}
