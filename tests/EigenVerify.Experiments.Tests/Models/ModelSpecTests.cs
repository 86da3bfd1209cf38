using EigenVerify.Experiments.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Models;

/// <summary>The networks a config can ask for, built and counted.</summary>
public class ModelSpecTests
{
    static long Count(nn.Module<Tensor, Tensor> m) => m.parameters().Sum(p => p.numel());

    [Fact]
    public void The_mlp_has_the_layers_its_widths_say()
    {
        TorchRuntime.Preload();
        using var m = new ModelSpec { Hidden = [5, 4] }.Build([1, 28, 28], 10, CPU, ScalarType.Float32);
        // (784·5 + 5) + (5·4 + 4) + (4·10 + 10)
        Assert.Equal(784 * 5 + 5 + 5 * 4 + 4 + 4 * 10 + 10, Count(m));
        using var y = m.forward(torch.zeros(3, 1, 28, 28));
        Assert.Equal(new long[] { 3, 10 }, y.shape);
        Assert.Contains("activation 'swish'", Assert.Throws<ExperimentException>(() => new ModelSpec { Activation = "swish" }.Build([1, 28, 28], 10, CPU, ScalarType.Float32)).Message);
    }

    [Fact]
    public void A_tiny_wide_resnet_maps_cifar_images_to_ten_logits_and_wrn_16_8_has_its_11_million_weights()
    {
        TorchRuntime.Preload();
        using var tiny = new ModelSpec { Kind = "wideresnet", Depth = 10, Widen = 1, BaseWidth = 4 }.Build([3, 32, 32], 10, CPU, ScalarType.Float32);
        using var y = tiny.forward(torch.randn(2, 3, 32, 32));
        Assert.Equal(new long[] { 2, 10 }, y.shape);
        using var full = new ModelSpec { Kind = "wideresnet", Depth = 16, Widen = 8, BaseWidth = 16 }.Build([3, 32, 32], 10, CPU, ScalarType.Float32);
        // Zagoruyko & Komodakis report 11.0M parameters for WRN-16-8 on CIFAR-10.
        Assert.InRange(Count(full), 10_950_000, 11_050_000);
        Assert.Contains("6n+4", Assert.Throws<ExperimentException>(() => new ModelSpec { Kind = "wideresnet", Depth = 12 }.Build([3, 32, 32], 10, CPU, ScalarType.Float32)).Message);
    }
}
