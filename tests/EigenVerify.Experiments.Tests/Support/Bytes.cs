using System.IO.Compression;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>File contents assembled by hand, byte by byte, as the formats specify them.</summary>
public static class Bytes
{
    /// <summary>An IDX file of unsigned bytes: magic 00 00 08 nd, big-endian dimensions, data.</summary>
    public static byte[] Idx(int[] dims, byte[] data)
    {
        var b = new List<byte> { 0, 0, 8, (byte)dims.Length };
        foreach (var d in dims) b.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        b.AddRange(data);
        return b.ToArray();
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionMode.Compress, leaveOpen: true)) gz.Write(raw);
        return ms.ToArray();
    }

    public static byte[] Gunzip(byte[] packed)
    {
        using var gz = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }
}
