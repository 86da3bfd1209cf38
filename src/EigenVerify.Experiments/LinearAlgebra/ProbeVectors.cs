using static TorchSharp.torch;

namespace EigenVerify.Experiments.LinearAlgebra;

/// <summary>Seeded probe vectors, drawn on the CPU so a seed gives the same vectors on every device.</summary>
public static class ProbeVectors
{
    /// <summary>Entries ±1 with probability ½ each.</summary>
    public static Tensor Rademacher(long n, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        var bits = randint(0, 2, [n], dtype: ScalarType.Float64, generator: generator);
        return (bits * 2.0 - 1.0).to(device).MoveToOuterDisposeScope();
    }

    /// <summary>Independent standard normal entries.</summary>
    public static Tensor Gaussian(long n, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        return randn([n], dtype: ScalarType.Float64, generator: generator).to(device).MoveToOuterDisposeScope();
    }
}
