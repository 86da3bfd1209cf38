using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Models;

/// <summary>A model as data, as it appears in experiment configs and result files.</summary>
public sealed record ModelSpec
{
    /// <summary><c>mlp</c> or <c>wideresnet</c>.</summary>
    public string Kind { get; init; } = "mlp";
    public int[] Hidden { get; init; } = [256, 256];
    public string Activation { get; init; } = "relu";
    public int Depth { get; init; } = 16;
    public int Widen { get; init; } = 8;
    public int BaseWidth { get; init; } = 16;
    public double Dropout { get; init; }

    /// <summary>Builds the network for images of the given C×H×W shape, on a device and dtype.</summary>
    public nn.Module<Tensor, Tensor> Build(long[] imageShape, int classes, Device device, ScalarType dtype)
    {
        nn.Module<Tensor, Tensor> m = Kind switch
        {
            "mlp" => new Mlp(imageShape.Aggregate(1L, (a, b) => a * b), Hidden, classes, Activation),
            "wideresnet" => new WideResNet(Depth, Widen, BaseWidth, (int)imageShape[0], classes, Dropout),
            _ => throw new ExperimentException($"unknown model kind '{Kind}' (known: mlp, wideresnet)"),
        };
        return m.to(dtype).to(device);
    }

    public string Describe() => Kind == "mlp"
        ? $"MLP {string.Join('-', Hidden)} {Activation}"
        : $"WRN-{Depth}-{Widen} (base {BaseWidth})";
}
