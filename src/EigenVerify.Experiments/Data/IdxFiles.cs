namespace EigenVerify.Experiments.Data;

/// <summary>The standard file names of an MNIST-style data folder (with or without .gz).</summary>
public static class IdxFiles
{
    public static readonly string[] Standard =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The path of a standard file, gzipped or not; null when neither exists.</summary>
    public static string? Find(string folder, string name)
    {
        var plain = Path.Combine(folder, name);
        if (File.Exists(plain)) return plain;
        var gz = plain + ".gz";
        return File.Exists(gz) ? gz : null;
    }

    /// <summary>Reads the training (<c>train</c>) or test (<c>t10k</c>) pair from a folder.</summary>
    public static ImageSet ReadSet(string folder, string prefix)
    {
        var images = Find(folder, $"{prefix}-images-idx3-ubyte")
            ?? throw new ExperimentException($"{Path.Combine(folder, prefix + "-images-idx3-ubyte")}[.gz]: file not found");
        var labels = Find(folder, $"{prefix}-labels-idx1-ubyte")
            ?? throw new ExperimentException($"{Path.Combine(folder, prefix + "-labels-idx1-ubyte")}[.gz]: file not found");
        return Idx.ReadPair(images, labels);
    }

    /// <summary>Writes a single-channel set as a gzipped images/labels pair.</summary>
    public static void WriteSet(string folder, string prefix, ImageSet set)
    {
        Idx.Write(Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz"), [set.Count, set.Height, set.Width], set.Pixels);
        Idx.Write(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz"), [set.Count], set.Labels);
    }
}
