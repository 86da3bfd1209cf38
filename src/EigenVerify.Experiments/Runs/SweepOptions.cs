using static TorchSharp.torch;

namespace EigenVerify.Experiments.Runs;

/// <summary>Where a sweep reads and writes, and which part of it this process runs.</summary>
public sealed record SweepOptions(string OutDir, string? DataDir, string CacheDir, string? Device = null, int ShardIndex = 0, int ShardCount = 1, int? Threads = null)
{
    public string RunsDir => Path.Combine(OutDir, "runs");
}
