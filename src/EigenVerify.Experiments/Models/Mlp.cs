using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace EigenVerify.Experiments.Models;

/// <summary>
/// A fully connected network: flatten, then (Linear, activation) per hidden width, then a Linear
/// layer to the class logits. The paper does not give its MLP's widths; our default (two hidden
/// layers of 256, ReLU) is our choice and is recorded in every result file.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    readonly Sequential layers;

    public Mlp(long inputSize, IReadOnlyList<int> hidden, int classes, string activation) : base("Mlp")
    {
        var modules = new List<(string, Module<Tensor, Tensor>)>();
        long width = inputSize;
        for (int i = 0; i < hidden.Count; i++)
        {
            modules.Add(($"linear{i}", Linear(width, hidden[i])));
            modules.Add(($"act{i}", Activation(activation)));
            width = hidden[i];
        }
        modules.Add(("out", Linear(width, classes)));
        layers = Sequential(modules);
        RegisterComponents();
    }

    /// <summary>relu, tanh, gelu, or softplus (smooth, for experiments that want a C² loss).</summary>
    public static Module<Tensor, Tensor> Activation(string name) => name switch
    {
        "relu" => ReLU(),
        "tanh" => Tanh(),
        "gelu" => GELU(),
        "softplus" => Softplus(),
        _ => throw new ExperimentException($"unknown activation '{name}' (known: relu, tanh, gelu, softplus)"),
    };

    public override Tensor forward(Tensor x) => layers.forward(x.flatten(1));

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
