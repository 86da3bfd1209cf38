// Torch's seed and thread count are process-wide: tests that train must not interleave.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
