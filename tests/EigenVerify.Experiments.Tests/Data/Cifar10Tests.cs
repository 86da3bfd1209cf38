using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests.Data;

/// <summary>The CIFAR-10 binary batch reader on records written here byte by byte, good and broken.</summary>
public class Cifar10Tests
{
    static byte[] CifarRecord(byte label, byte fill)
    {
        var r = new byte[Cifar10.RecordSize];
        r[0] = label;
        for (int i = 1; i < r.Length; i++) r[i] = (byte)(fill + i % 3);
        return r;
    }

    [Fact]
    public void A_cifar_batch_reads_labels_and_planes_in_order()
    {
        using var t = new TempDir();
        File.WriteAllBytes(t["b.bin"], [.. CifarRecord(3, 10), .. CifarRecord(9, 100)]);
        var set = Cifar10.ReadBatch(t["b.bin"]);
        Assert.Equal(new byte[] { 3, 9 }, set.Labels);
        Assert.Equal((3, 32, 32), (set.Channels, set.Height, set.Width));
        Assert.Equal(2 * 3072, set.Pixels.Length);
        Assert.Equal((byte)(10 + 1 % 3), set.Pixels[0]);   // first pixel byte follows the label byte
        Assert.Equal((byte)(100 + 1 % 3), set.Pixels[3072]);
    }

    [Fact]
    public void A_cifar_folder_concatenates_the_five_training_batches_in_order()
    {
        using var t = new TempDir();
        for (int i = 0; i < 5; i++) File.WriteAllBytes(t[Cifar10.TrainFiles[i]], CifarRecord((byte)i, 0));
        File.WriteAllBytes(t[Cifar10.TestFile], CifarRecord(7, 0));
        var (train, test) = Cifar10.ReadFolder(t.Path);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, train.Labels);
        Assert.Equal(new byte[] { 7 }, test.Labels);
    }

    [Fact]
    public void Broken_or_missing_cifar_files_give_clear_messages()
    {
        using var t = new TempDir();
        File.WriteAllBytes(t["cut.bin"], [.. CifarRecord(1, 0), .. new byte[100]]);
        var msg = Failure.Of(() => Cifar10.ReadBatch(t["cut.bin"]));
        Assert.StartsWith(t["cut.bin"], msg);
        Assert.Contains("100 bytes left over", msg);
        File.WriteAllBytes(t["label.bin"], CifarRecord(10, 0));
        Assert.Contains("label 10", Failure.Of(() => Cifar10.ReadBatch(t["label.bin"])));
        File.WriteAllBytes(t["empty.bin"], []);
        Assert.Contains("empty", Failure.Of(() => Cifar10.ReadBatch(t["empty.bin"])));
        var missing = Failure.Of(() => Cifar10.ReadFolder(t.Path));
        Assert.Contains("data_batch_1.bin", missing);
        Assert.Contains(t.Path, missing);
        Assert.Contains("cifar-10-binary.tar.gz", missing);
    }
}
