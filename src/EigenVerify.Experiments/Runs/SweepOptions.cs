using static TorchSharp.torch;

namespace EigenVerify.Experiments.Runs;

/// <summary>Where a sweep reads and writes, and which part of it this process runs.</summary>
public sealed record SweepOptions(string OutDir, string? DataDir, string CacheDir, string? Device = null, int ShardIndex = 0, int ShardCount = 1, int? Threads = null)
{
    /// <summary>When set, only these runs (by id) are trained, e.g. to redo a few runs of a sweep
    /// with a newer measurement; the summary is still written only once every run is present.</summary>
    public IReadOnlyList<string>? OnlyRuns { get; init; }

    public string RunsDir => Path.Combine(OutDir, "runs");
}
