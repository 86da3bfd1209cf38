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
