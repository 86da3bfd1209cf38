using static TorchSharp.torch;

namespace EigenVerify.Experiments.LinearAlgebra;

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
