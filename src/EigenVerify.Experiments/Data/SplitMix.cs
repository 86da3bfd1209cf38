namespace EigenVerify.Experiments.Data;

/// <summary>
/// A tiny seeded generator (SplitMix64) for data order and splits: its output is fixed by the
/// algorithm, independent of .NET's or torch's random number generators and of the device.
/// </summary>
public sealed class SplitMix(ulong seed)
{
    ulong state = seed;

    public ulong Next()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n) by rejection, so no modulo bias.</summary>
    public int NextBelow(int n)
    {
        ulong bound = (ulong)n, limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = Next(); while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>Fisher–Yates permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = NextBelow(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
