using EigenVerify.Experiments.Data;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Data;

/// <summary>Images as tensors: scaling and standardisation.</summary>
public class TensorDataTests
{
    [Fact]
    public void Images_are_standardised_with_training_statistics_only()
    {
        TorchRuntime.Preload();
        var train = new ImageSet([0, 255, 0, 255, 255, 0, 255, 0], [1, 2], 1, 2, 2);
        var test = new ImageSet([51, 51, 51, 51], [3], 1, 2, 2);
        using var d = DatasetLoader.ToTensors("t", train, test, CPU, ScalarType.Float64);
        // 8 values, four 0s and four 1s: mean 0.5, unbiased std sqrt(8·0.25/7). Both sides are
        // float64 arithmetic on a handful of numbers, so they agree to rounding (1e-12).
        double std = Math.Sqrt(8 * 0.25 / 7);
        Assert.Equal((0 - 0.5) / std, d.TrainX[0, 0, 0, 0].item<double>(), 1e-12); // (tolerance: see above)
        Assert.Equal((0.2 - 0.5) / std, d.TestX[0, 0, 1, 1].item<double>(), 1e-12); // 51/255 = 0.2
        Assert.Equal(new long[] { 1, 2 }, d.TrainY.data<long>().ToArray());
    }
}
