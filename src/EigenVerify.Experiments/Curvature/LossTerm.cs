using static TorchSharp.torch;

namespace EigenVerify.Experiments.Curvature;

/// <summary>One batch's share of the training loss: <c>Weight · Evaluate()</c>, where
/// <c>Evaluate</c> builds the batch's mean loss as a scalar tensor with its autograd graph.</summary>
public sealed record LossTerm(Func<Tensor> Evaluate, double Weight);
