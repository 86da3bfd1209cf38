using System.Diagnostics;
using System.Globalization;
using EigenVerify.Experiments.Models;
using EigenVerify.Experiments.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Bench;

/// <summary>
/// Time per training epoch of the default MLP (784-256-256-10, ReLU, batch 128, float32) here
/// and in PyTorch (scripts/bench/mlp_epoch_peer.py) with the same thread count, data size and
/// update, in one run; prints both and their ratio. Data are random (timing does not depend on
/// the values). Usage: dotnet fsi scripts/bench/mlp-epoch.fsx -- [--threads 2] [--samples 10000]
/// [--epochs 3] [--python python3].
/// </summary>
public static class EpochBenchmark
{
    public sealed record Timing(string Rule, double SecondsPerEpoch);

    public static int Run(string[] args)
    {
        int threads = 2, samples = 10000, epochs = 3;
        string python = "python3";
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--samples": samples = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--epochs": epochs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--python": python = args[i + 1]; break;
                default: Console.Error.WriteLine($"error: unknown argument '{args[i]}'"); return 2;
            }
        }
        Console.WriteLine($"MLP 784-256-256-10 ReLU, batch 128, {samples} samples, {threads} threads, median of {epochs} epochs after one warm-up");
        var mine = new[] { "sgd", "usam" }.Select(r => new Timing(r, TimeEpochs(r, threads, samples, epochs))).ToList();
        var peer = RunPeer(python, threads, samples, epochs);
        Console.WriteLine($"{"rule",-6} {"TorchSharp s/epoch",19} {"PyTorch s/epoch",16} {"ratio",7}");
        foreach (var m in mine)
        {
            var p = peer.FirstOrDefault(x => x.Rule == m.Rule);
            string ps = p == null ? "n/a" : p.SecondsPerEpoch.ToString("F3", CultureInfo.InvariantCulture);
            string ratio = p == null ? "n/a" : (m.SecondsPerEpoch / p.SecondsPerEpoch).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine($"{m.Rule,-6} {m.SecondsPerEpoch,19:F3} {ps,16} {ratio,7}");
        }
        return 0;
    }

    public static double TimeEpochs(string rule, int threads, int samples, int epochs)
    {
        TorchRuntime.Seed(0, threads);
        var x = torch.randn(samples, 1, 28, 28);
        var y = torch.randint(0, 10, [samples], dtype: ScalarType.Int64);
        using var model = new ModelSpec().Build([1, 28, 28], 10, CPU, ScalarType.Float32);
        using var opt = new TrainingOptimizer(model.parameters(), new OptimizerSpec { Kind = OptimizerSpec.ParseKind(rule), LearningRate = 0.01, Rho = 0.05 });
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

    static List<Timing> RunPeer(string python, int threads, int samples, int epochs)
    {
        var script = Path.Combine(FindRepoRoot(), "scripts", "bench", "mlp_epoch_peer.py");
        var psi = new ProcessStartInfo(python, $"\"{script}\" --threads {threads} --samples {samples} --epochs {epochs}")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        try
        {
            using var p = Process.Start(psi)!;
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            if (p.ExitCode != 0) { Console.Error.WriteLine($"PyTorch peer failed (exit {p.ExitCode}); is python3-torch installed?"); return []; }
            // lines "rule seconds"
            return lines.Select(l => l.Split(' ')).Where(a => a.Length == 2)
                .Select(a => new Timing(a[0], double.Parse(a[1], CultureInfo.InvariantCulture))).ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"{python} not found: install python3 and python3-torch for the PyTorch side");
            return [];
        }
    }

    static string FindRepoRoot()
    {
        // The assembly sits in src/EigenVerify.Experiments/bin/<config>/<tfm>/ of the repository.
        var dir = new DirectoryInfo(Path.GetDirectoryName(typeof(EpochBenchmark).Assembly.Location) ?? Environment.CurrentDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "EigenVerify.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Environment.CurrentDirectory;
    }
}
