using static TorchSharp.torch;

namespace EigenVerify.Experiments.LinearAlgebra;

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
