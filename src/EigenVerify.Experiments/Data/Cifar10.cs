namespace EigenVerify.Experiments.Data;

/// <summary>
/// CIFAR-10 "binary version": data_batch_1.bin … data_batch_5.bin (training, 50 000 images) and
/// test_batch.bin (10 000), each record one label byte then 3072 bytes (1024 red, 1024 green,
/// 1024 blue, row-major 32×32). The files cannot be downloaded here: the user supplies the folder.
/// </summary>
public static class Cifar10
{
    public const int RecordSize = 1 + 3 * 32 * 32;
    public static readonly string[] TrainFiles = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];
    public const string TestFile = "test_batch.bin";

    public static string MissingMessage(string folder) =>
        $"CIFAR-10 binary batches not found in {folder}: download 'CIFAR-10 binary version' (cifar-10-binary.tar.gz) " +
        $"on a machine with internet access, extract it, and put {string.Join(", ", TrainFiles)} and {TestFile} in {folder} " +
        "(or pass --data-dir to the folder that holds them)";

    /// <summary>Reads one batch file; its length must be a whole number of records.</summary>
    public static ImageSet ReadBatch(string path)
    {
        if (!File.Exists(path)) throw new ExperimentException($"{path}: file not found");
        var raw = File.ReadAllBytes(path);
        if (raw.Length == 0) throw new ExperimentException($"{path}: empty CIFAR-10 batch");
        if (raw.Length % RecordSize != 0)
            throw new ExperimentException($"{path}: truncated or corrupt CIFAR-10 batch: {raw.Length} bytes is not a multiple of the {RecordSize}-byte record ({raw.Length % RecordSize} bytes left over)");
        int n = raw.Length / RecordSize;
        var labels = new byte[n];
        var pixels = new byte[n * (RecordSize - 1)];
        for (int i = 0; i < n; i++)
        {
            byte label = raw[i * RecordSize];
            if (label > 9) throw new ExperimentException($"{path}: record {i} has label {label}, not a class 0–9");
            labels[i] = label;
            Array.Copy(raw, i * RecordSize + 1, pixels, i * (RecordSize - 1), RecordSize - 1);
        }
        return new ImageSet(pixels, labels, 3, 32, 32);
    }

    /// <summary>The standard split: the five training batches in order, and the test batch.</summary>
    public static (ImageSet Train, ImageSet Test) ReadFolder(string folder)
    {
        var missing = TrainFiles.Append(TestFile).Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0) throw new ExperimentException(MissingMessage(folder) + $" (missing: {string.Join(", ", missing)})");
        var train = ImageSet.Concat(TrainFiles.Select(f => ReadBatch(Path.Combine(folder, f))).ToList());
        return (train, ReadBatch(Path.Combine(folder, TestFile)));
    }
}
