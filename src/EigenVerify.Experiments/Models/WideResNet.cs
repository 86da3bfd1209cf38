using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace EigenVerify.Experiments.Models;

/// <summary>
/// Wide residual network (Zagoruyko &amp; Komodakis) for 32×32 images: a 3×3 stem of
/// <c>baseWidth</c> channels, three groups of (depth−4)/6 pre-activation basic blocks with
/// baseWidth·k, 2·baseWidth·k and 4·baseWidth·k channels (strides 1, 2, 2), then BN, ReLU, global
/// average pooling and a linear classifier. WRN-16-8 is depth 16, k = 8, baseWidth 16; tests use
/// e.g. depth 10, k = 1, baseWidth 4.
/// </summary>
public sealed class WideResNet : Module<Tensor, Tensor>
{
    readonly Conv2d stem;
    readonly ModuleList<Module<Tensor, Tensor>> blocks;
    readonly BatchNorm2d finalNorm;
    readonly Linear classifier;

    public WideResNet(int depth, int widen, int baseWidth, int inChannels, int classes, double dropout) : base("WideResNet")
    {
        if (depth < 10 || (depth - 4) % 6 != 0) throw new ExperimentException($"WideResNet depth {depth}: must be 6n+4 with n ≥ 1 (10, 16, 22, 28, …)");
        int n = (depth - 4) / 6;
        int[] widths = [baseWidth * widen, 2 * baseWidth * widen, 4 * baseWidth * widen];
        stem = Conv2d(inChannels, baseWidth, 3, padding: 1, bias: false);
        blocks = new ModuleList<Module<Tensor, Tensor>>();
        int width = baseWidth;
        for (int g = 0; g < 3; g++)
            for (int b = 0; b < n; b++)
            {
                blocks.Add(new Block(width, widths[g], b == 0 && g > 0 ? 2 : 1, dropout));
                width = widths[g];
            }
        finalNorm = BatchNorm2d(width);
        classifier = Linear(width, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = stem.forward(x);
        foreach (var b in blocks) h = b.forward(h);
        h = functional.relu(finalNorm.forward(h));
        h = functional.adaptive_avg_pool2d(h, [1, 1]).flatten(1);
        return classifier.forward(h).MoveToOuterDisposeScope();
    }

    sealed class Block : Module<Tensor, Tensor>
    {
        readonly BatchNorm2d bn1, bn2;
        readonly Conv2d conv1, conv2;
        readonly Conv2d? shortcut;
        readonly double dropout;

        public Block(int inC, int outC, int stride, double dropout) : base("WideBlock")
        {
            bn1 = BatchNorm2d(inC);
            conv1 = Conv2d(inC, outC, 3, stride: stride, padding: 1, bias: false);
            bn2 = BatchNorm2d(outC);
            conv2 = Conv2d(outC, outC, 3, padding: 1, bias: false);
            shortcut = inC != outC || stride != 1 ? Conv2d(inC, outC, 1, stride: stride, bias: false) : null;
            this.dropout = dropout;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var a = functional.relu(bn1.forward(x));
            var h = conv1.forward(a);
            h = functional.relu(bn2.forward(h));
            if (dropout > 0) h = functional.dropout(h, dropout, training);
            h = conv2.forward(h);
            return h + (shortcut == null ? x : shortcut.forward(a));
        }
    }
}
