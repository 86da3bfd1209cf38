namespace EigenVerify.Experiments.Data;

/// <summary>
/// Raw images as bytes (0–255) in N×C×H×W order with one class label (0–9) each. Kept as bytes so
/// readers, splits and conversions are exact; tensors are made once, at the edge (<see cref="Tensors"/>).
/// </summary>
public sealed record ImageSet(byte[] Pixels, byte[] Labels, int Channels, int Height, int Width)
{
    public int Count => Labels.Length;
    public int ImageSize => Channels * Height * Width;

    /// <summary>The first <paramref name="n"/> images (all when n ≤ 0 or n ≥ Count).</summary>
    public ImageSet Take(int n)
    {
        if (n <= 0 || n >= Count) return this;
        return new ImageSet(Pixels[..(n * ImageSize)], Labels[..n], Channels, Height, Width);
    }

    /// <summary>The images at the given indices, in that order.</summary>
    public ImageSet Select(IReadOnlyList<int> indices)
    {
        var px = new byte[indices.Count * ImageSize];
        var lb = new byte[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Array.Copy(Pixels, indices[i] * ImageSize, px, i * ImageSize, ImageSize);
            lb[i] = Labels[indices[i]];
        }
        return this with { Pixels = px, Labels = lb };
    }

    /// <summary>Concatenation of sets with the same image shape.</summary>
    public static ImageSet Concat(IReadOnlyList<ImageSet> parts)
    {
        var first = parts[0];
        var px = new byte[parts.Sum(p => p.Pixels.Length)];
        var lb = new byte[parts.Sum(p => p.Labels.Length)];
        int po = 0, lo = 0;
        foreach (var p in parts)
        {
            if (p.Channels != first.Channels || p.Height != first.Height || p.Width != first.Width)
                throw new ArgumentException("image shapes differ");
            p.Pixels.CopyTo(px, po); po += p.Pixels.Length;
            p.Labels.CopyTo(lb, lo); lo += p.Labels.Length;
        }
        return first with { Pixels = px, Labels = lb };
    }
}
