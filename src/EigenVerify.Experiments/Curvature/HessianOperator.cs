using EigenVerify.Experiments.LinearAlgebra;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Curvature;

/// <summary>∇²L(θ) at the current parameters, as an operator.</summary>
public sealed class HessianOperator(TrainingLoss loss) : ISymmetricOperator
{
    public long Dimension => loss.Dimension;

    public Device Device => loss.Device;

    public Tensor Apply(Tensor v) => loss.HessianVectorProduct(v);
}
