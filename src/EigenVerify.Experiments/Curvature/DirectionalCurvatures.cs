using static TorchSharp.torch;

namespace EigenVerify.Experiments.Curvature;

/// <summary>
/// Per-sample curvatures along one direction: aᵢ = vᵀ∇²ℓᵢ(θ)v for the loss ℓᵢ of each example
/// alone, by one Hessian-vector product per example (double backward). With the model in eval
/// mode the training loss over these examples is their mean, so the mean of the aᵢ is vᵀHv, which
/// is λ_max when v is H's top unit eigenvector: the mean-square analysis treats the aᵢ as the
/// curvatures a minibatch averages.
/// </summary>
public static class DirectionalCurvatures
{
    /// <param name="model">The network, in the mode the measurement wants (eval for a trained one).</param>
    /// <param name="direction">A unit vector in the flat parameter space (float64, parameter order).</param>
    /// <param name="criterion">Mean loss of a batch from the model's outputs and the targets.</param>
    public static double[] PerSample(
        nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor targets, Tensor direction, Func<Tensor, Tensor, Tensor> criterion)
    {
        var n = inputs.shape[0];
        if (targets.shape[0] != n) throw new ArgumentException($"{n} inputs but {targets.shape[0]} targets");
        var curvatures = new double[n];
        for (long i = 0; i < n; i++)
        {
            using var scope = NewDisposeScope();
            // A loss of one example: one batch of one, weight 1.
            var loss = TrainingLoss.ForModel(model, inputs.narrow(0, i, 1), targets.narrow(0, i, 1), 1, criterion, "one example");
            var hv = loss.HessianVectorProduct(direction);
            curvatures[i] = hv.dot(direction.to(hv.dtype).to(hv.device)).item<double>();
        }
        return curvatures;
    }
}
