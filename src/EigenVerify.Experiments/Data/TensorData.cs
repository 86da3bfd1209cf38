using static TorchSharp.torch;

namespace EigenVerify.Experiments.Data;

/// <summary>
/// A data set as tensors on a device. Images are N×C×H×W, scaled to [0, 1] and then standardised
/// per channel with the mean and standard deviation of the (limited) training set, so test data
/// never informs the normalisation. Labels are int64 class indices.
/// </summary>
public sealed class TensorData(string name, Tensor trainX, Tensor trainY, Tensor testX, Tensor testY) : IDisposable
{
    public string Name { get; } = name;
    public Tensor TrainX { get; } = trainX;
    public Tensor TrainY { get; } = trainY;
    public Tensor TestX { get; } = testX;
    public Tensor TestY { get; } = testY;
    public int TrainCount => (int)TrainY.shape[0];
    public int TestCount => (int)TestY.shape[0];
    public long[] ImageShape => TrainX.shape[1..];

    public void Dispose()
    {
        TrainX.Dispose(); TrainY.Dispose(); TestX.Dispose(); TestY.Dispose();
    }
}
