using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Hessian;

/// <summary>
/// A symmetric linear map on ℝⁿ that is known only through its products with vectors — the
/// Hessian of a training loss never exists as a matrix, only as Hessian-vector products.
/// Vectors are one-dimensional float64 tensors of length <see cref="Dimension"/> on
/// <see cref="Device"/>; the Krylov methods keep their bases in float64 whatever the model's
/// dtype, so orthogonality does not degrade with float32 parameters.
/// </summary>
public interface ISymmetricOperator
{
    long Dimension { get; }

    Device Device { get; }

    /// <summary>Returns A·v as a new float64 tensor that the caller owns.</summary>
    Tensor Apply(Tensor v);
}

/// <summary>An explicit symmetric matrix as an operator (tests, small problems).</summary>
public sealed class DenseSymmetricOperator : ISymmetricOperator
{
    readonly Tensor matrix;

    public DenseSymmetricOperator(Tensor matrix)
    {
        if (matrix.dim() != 2 || matrix.shape[0] != matrix.shape[1])
            throw new ArgumentException($"expected a square matrix, got shape [{string.Join(", ", matrix.shape)}]");
        this.matrix = matrix.to(ScalarType.Float64).detach();
    }

    public long Dimension => matrix.shape[0];

    public Device Device => matrix.device;

    public Tensor Apply(Tensor v) => matrix.matmul(v);
}

/// <summary>
/// The symmetric form P^{-1/2} H P^{-1/2} of a diagonally preconditioned operator P⁻¹H. The two
/// are similar (P⁻¹H = P^{-1/2} (P^{-1/2} H P^{-1/2}) P^{1/2}), so they have the same
/// eigenvalues μ, and the symmetric form lets Lanczos find them; an eigenvector u of the
/// symmetric form gives the eigenvector P^{-1/2} u of P⁻¹H.
/// </summary>
public sealed class PreconditionedOperator : ISymmetricOperator
{
    readonly ISymmetricOperator inner;
    readonly Tensor inverseSqrt;

    /// <param name="inner">H.</param>
    /// <param name="diagonal">The diagonal of P, flattened in parameter order; every entry must be positive.</param>
    public PreconditionedOperator(ISymmetricOperator inner, Tensor diagonal)
    {
        if (diagonal.dim() != 1 || diagonal.shape[0] != inner.Dimension)
            throw new ArgumentException($"preconditioner has shape [{string.Join(", ", diagonal.shape)}], expected [{inner.Dimension}]");
        var p = diagonal.to(ScalarType.Float64).to(inner.Device).detach();
        if (p.le(0.0).any().item<bool>())
            throw new ArgumentException("preconditioner has a non-positive diagonal entry; P^{-1/2} is undefined");
        this.inner = inner;
        inverseSqrt = p.rsqrt();
    }

    public long Dimension => inner.Dimension;

    public Device Device => inner.Device;

    /// <summary>The diagonal of P^{-1/2}: maps eigenvectors of the symmetric form to those of P⁻¹H.</summary>
    public Tensor InverseSqrtDiagonal => inverseSqrt;

    public Tensor Apply(Tensor v)
    {
        using var scope = NewDisposeScope();
        var result = inverseSqrt * inner.Apply(inverseSqrt * v);
        return result.MoveToOuterDisposeScope();
    }
}

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
