using System.IO.Compression;

namespace EigenVerify.Experiments.Data;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST: 2 zero bytes, a type byte (0x08 = unsigned byte),
/// the number of dimensions, each dimension as a big-endian int32, then the data. Files may be
/// gzipped (detected by the gzip magic bytes, not by the name).
/// </summary>
public static class Idx
{
    /// <summary>Reads an unsigned-byte IDX file: its dimensions and data, checked for length.</summary>
    public static (int[] Dims, byte[] Data) Read(string path)
    {
        if (!File.Exists(path)) throw new ExperimentException($"{path}: file not found");
        byte[] raw;
        try
        {
            raw = File.ReadAllBytes(path);
            if (raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
            {
                using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                raw = ms.ToArray();
            }
        }
        catch (InvalidDataException e) { throw new ExperimentException($"{path}: corrupt gzip data ({e.Message})"); }
        catch (IOException e) { throw new ExperimentException($"{path}: cannot read ({e.Message})"); }
        return Parse(raw, path);
    }

    static (int[], byte[]) Parse(byte[] raw, string path)
    {
        if (raw.Length < 4) throw new ExperimentException($"{path}: truncated IDX header ({raw.Length} bytes)");
        if (raw[0] != 0 || raw[1] != 0) throw new ExperimentException($"{path}: not an IDX file (bad magic number)");
        if (raw[2] != 0x08) throw new ExperimentException($"{path}: IDX element type 0x{raw[2]:x2} is not unsigned byte (0x08)");
        int nd = raw[3];
        if (nd == 0) throw new ExperimentException($"{path}: IDX file has no dimensions");
        int header = 4 + 4 * nd;
        if (raw.Length < header) throw new ExperimentException($"{path}: truncated IDX header ({raw.Length} of {header} bytes)");
        var dims = new int[nd];
        long expected = 1;
        for (int i = 0; i < nd; i++)
        {
            int o = 4 + 4 * i;
            dims[i] = raw[o] << 24 | raw[o + 1] << 16 | raw[o + 2] << 8 | raw[o + 3];
            if (dims[i] < 0) throw new ExperimentException($"{path}: negative IDX dimension {i}");
            expected *= dims[i];
        }
        long actual = raw.Length - header;
        if (actual < expected) throw new ExperimentException($"{path}: truncated: {actual} data bytes, expected {expected} for dimensions {string.Join('x', dims)}");
        if (actual > expected) throw new ExperimentException($"{path}: {actual - expected} unexpected trailing bytes after {string.Join('x', dims)} data");
        return (dims, raw[header..]);
    }

    /// <summary>Writes an unsigned-byte IDX file, gzipped when the name ends in .gz; atomically.</summary>
    public static void Write(string path, int[] dims, byte[] data)
    {
        long n = dims.Aggregate(1L, (a, d) => a * d);
        if (n != data.Length) throw new ArgumentException($"data has {data.Length} bytes, dimensions say {n}");
        using var ms = new MemoryStream();
        ms.Write([0, 0, 0x08, (byte)dims.Length]);
        foreach (var d in dims) ms.Write([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        ms.Write(data);
        var bytes = ms.ToArray();
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var zipped = new MemoryStream();
            using (var gz = new GZipStream(zipped, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes);
            bytes = zipped.ToArray();
        }
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Reads an images file and its labels file and checks they describe the same set.</summary>
    public static ImageSet ReadPair(string imagesPath, string labelsPath)
    {
        var (idims, pixels) = Read(imagesPath);
        var (ldims, labels) = Read(labelsPath);
        if (idims.Length != 3) throw new ExperimentException($"{imagesPath}: expected 3 dimensions (count, rows, columns), found {idims.Length}");
        if (ldims.Length != 1) throw new ExperimentException($"{labelsPath}: expected 1 dimension (count), found {ldims.Length}");
        if (idims[0] != ldims[0]) throw new ExperimentException($"{labelsPath}: {ldims[0]} labels do not match {idims[0]} images in {imagesPath}");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] > 9) throw new ExperimentException($"{labelsPath}: label {labels[i]} at index {i} is not a class 0–9");
        return new ImageSet(pixels, labels, 1, idims[1], idims[2]);
    }
}
