using System.Text.Json;
using System.Text.Json.Nodes;

namespace EigenVerify.Experiments.Runs;

/// <summary>What a finished run leaves on disk (runs/&lt;id&gt;.json), enough to summarise and resume.</summary>
public sealed record RunResult
{
    public string Id { get; init; } = "";
    public string Figure { get; init; } = "";
    public string Rule { get; init; } = "";
    public double Rho { get; init; }
    public string Momentum { get; init; } = "none";
    public double Beta { get; init; }
    public double LearningRate { get; init; }
    public int Seed { get; init; }
    /// <summary>The shared settings and the optimizer, canonical JSON: a run is reused only if this matches.</summary>
    public string Fingerprint { get; init; } = "";
    public string Model { get; init; } = "";
    public string Dataset { get; init; } = "";
    public int TrainCount { get; init; }
    public int TestCount { get; init; }
    public EpochMetrics[] History { get; init; } = [];
    public double TestAccuracy { get; init; }
    public double TrainLoss { get; init; }
    public bool Diverged { get; init; }
    public double Seconds { get; init; }
    /// <summary>Room for later measurements (e.g. Hessian spectra), keyed by name.</summary>
    public Dictionary<string, JsonNode?> Extras { get; init; } = [];

    /// <summary>A trained run's result with the fields every trainer fills the same way: the
    /// settings, the data sizes, the history and what follows from its last epoch.</summary>
    public static RunResult Trained(ExperimentConfig cfg, string id, int seed, int trainCount, int testCount, IReadOnlyList<EpochMetrics> history, double seconds)
    {
        var last = history[^1];
        return new RunResult
        {
            Id = id,
            Figure = cfg.Figure,
            Seed = seed,
            Model = cfg.Model.Describe(),
            Dataset = cfg.Dataset,
            TrainCount = trainCount,
            TestCount = testCount,
            History = history.ToArray(),
            TestAccuracy = last.TestAccuracy,
            TrainLoss = last.TrainLoss,
            Diverged = !double.IsFinite(last.TrainLoss),
            Seconds = seconds,
        };
    }

    /// <summary>The result of a run of a hand-written optimizer (a sweep's run, or one compared
    /// with a rule), fingerprinted so that it is reused only with the same settings.</summary>
    public static RunResult OfSpec(ExperimentConfig cfg, RunSpec run, int trainCount, int testCount, IReadOnlyList<EpochMetrics> history, double seconds) =>
        Trained(cfg, run.Id, run.Seed, trainCount, testCount, history, seconds) with
        {
            Rule = Optim.OptimizerSpec.KindName(run.Optimizer.Kind),
            Rho = run.Optimizer.Rho,
            Momentum = run.Optimizer.Momentum.ToString(),
            Beta = run.Optimizer.Beta,
            LearningRate = run.Optimizer.LearningRate,
            Fingerprint = FingerprintOf(cfg, run),
        };

    public static string FingerprintOf(ExperimentConfig cfg, RunSpec run) =>
        cfg.SharedFingerprint() + JsonSerializer.Serialize(run.Optimizer, ExperimentConfig.Json);

    /// <summary>The same result with wall-clock times zeroed: what must match between repeated runs.</summary>
    public RunResult WithoutTimings() => this with
    {
        Seconds = 0,
        History = History.Select(h => h with { Seconds = 0 }).ToArray(),
    };

    public string ToJson() => JsonSerializer.Serialize(this, ExperimentConfig.Json);

    /// <summary>Reads a run file; null when it is missing, unreadable or half-written (the run is redone).</summary>
    public static RunResult? TryRead(string path)
    {
        try { return File.Exists(path) ? JsonSerializer.Deserialize<RunResult>(File.ReadAllText(path), ExperimentConfig.Json) : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>Structural equality ignoring timings (records compare arrays by reference).</summary>
    public bool SameOutcomeAs(RunResult other) =>
        WithoutTimings().ToJson() == other.WithoutTimings().ToJson();
}
