using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests.Data;

/// <summary>The IDX reader and writer on small files written here byte by byte, good and broken.</summary>
public class IdxTests
{
    static (string Images, string Labels) WritePair(TempDir t, int n, bool gz, byte[]? labels = null)
    {
        var pixels = Enumerable.Range(0, n * 4).Select(i => (byte)(i * 7)).ToArray();
        labels ??= Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
        var img = t[gz ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte"];
        var lab = t[gz ? "train-labels-idx1-ubyte.gz" : "train-labels-idx1-ubyte"];
        var ib = Bytes.Idx([n, 2, 2], pixels);
        var lb = Bytes.Idx([labels.Length], labels);
        File.WriteAllBytes(img, gz ? Bytes.Gzip(ib) : ib);
        File.WriteAllBytes(lab, gz ? Bytes.Gzip(lb) : lb);
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
    public void Idx_write_produces_the_format_byte_for_byte_gzipped()
    {
        using var t = new TempDir();
        var data = Enumerable.Range(0, 60).Select(i => (byte)(255 - i)).ToArray();
        Idx.Write(t["x.gz"], [3, 4, 5], data);
        // The file is the hand-assembled IDX, gzipped: checked against the format, not against
        // the reader (which then reads it back too).
        Assert.Equal(Bytes.Idx([3, 4, 5], data), Bytes.Gunzip(File.ReadAllBytes(t["x.gz"])));
        var (dims, back) = Idx.Read(t["x.gz"]);
        Assert.Equal(new[] { 3, 4, 5 }, dims);
        Assert.Equal(data, back);
    }

    [Fact]
    public void A_truncated_idx_file_is_reported_with_its_name()
    {
        using var t = new TempDir();
        var full = Bytes.Idx([2, 2, 2], new byte[8]);
        File.WriteAllBytes(t["cut"], full[..^3]);
        var msg = Failure.Of(() => Idx.Read(t["cut"]));
        Assert.StartsWith(t["cut"], msg);
        Assert.Contains("truncated", msg);
        File.WriteAllBytes(t["header"], full[..6]);
        Assert.Contains("truncated IDX header", Failure.Of(() => Idx.Read(t["header"])));
    }

    [Fact]
    public void Bad_magic_wrong_type_trailing_bytes_and_broken_gzip_are_errors_naming_the_file()
    {
        using var t = new TempDir();
        File.WriteAllBytes(t["magic"], [1, 2, 8, 1, 0, 0, 0, 0]);
        Assert.Contains("magic", Failure.Of(() => Idx.Read(t["magic"])));
        File.WriteAllBytes(t["type"], [0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
        Assert.Contains("not unsigned byte", Failure.Of(() => Idx.Read(t["type"])));
        File.WriteAllBytes(t["trail"], Bytes.Idx([2], [1, 2, 3]));
        Assert.Contains("trailing", Failure.Of(() => Idx.Read(t["trail"])));
        var gz = Bytes.Gzip(Bytes.Idx([4], [1, 2, 3, 4]));
        gz[12] ^= 0xff; gz[13] ^= 0xff; // damage the deflate stream
        File.WriteAllBytes(t["bad.gz"], gz[..^6]);
        var msg = Failure.Of(() => Idx.Read(t["bad.gz"]));
        Assert.StartsWith(t["bad.gz"], msg);
        Assert.Contains("not found", Failure.Of(() => Idx.Read(t["absent"])));
    }

    [Fact]
    public void Labels_that_do_not_match_the_images_are_rejected()
    {
        using var t = new TempDir();
        var (img, lab) = WritePair(t, 3, false, labels: [1, 2]);
        var msg = Failure.Of(() => Idx.ReadPair(img, lab));
        Assert.StartsWith(lab, msg);
        Assert.Contains("2 labels do not match 3 images", msg);
        var (img2, lab2) = WritePair(t, 2, false, labels: [1, 12]);
        Assert.Contains("label 12 at index 1", Failure.Of(() => Idx.ReadPair(img2, lab2)));
        Assert.Contains("expected 1 dimension", Failure.Of(() => Idx.ReadPair(img2, img2)));
    }
}
