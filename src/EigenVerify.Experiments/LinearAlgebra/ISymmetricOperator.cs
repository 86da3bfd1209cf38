using static TorchSharp.torch;

namespace EigenVerify.Experiments.LinearAlgebra;

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
