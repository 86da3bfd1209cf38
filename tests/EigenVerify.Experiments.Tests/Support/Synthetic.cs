using EigenVerify.Experiments.Data;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>
/// A small learnable MNIST-shaped data set written as standard IDX files: class c lights up a
/// 4×4 block at a class-specific place, on top of seeded noise.
/// </summary>
public static class Synthetic
{
    public static ImageSet Images(int n, ulong seed)
    {
        var rng = new SplitMix(seed);
        var px = new byte[n * 784];
        var lb = new byte[n];
        for (int k = 0; k < n; k++)
        {
            int c = rng.NextBelow(10);
            lb[k] = (byte)c;
            for (int i = 0; i < 784; i++) px[k * 784 + i] = (byte)rng.NextBelow(60);
            int r0 = 2 + (c / 5) * 12, c0 = 2 + (c % 5) * 5;
            for (int r = 0; r < 4; r++)
                for (int q = 0; q < 4; q++)
                    px[k * 784 + (r0 + r) * 28 + c0 + q] = 250;
        }
        return new ImageSet(px, lb, 1, 28, 28);
    }

    /// <summary>Writes <paramref name="train"/> training and <paramref name="test"/> test images as IDX files into <paramref name="folder"/>.</summary>
    public static void WriteMnistFolder(string folder, int train, int test)
    {
        Directory.CreateDirectory(folder);
        IdxFiles.WriteSet(folder, "train", Images(train, 1));
        IdxFiles.WriteSet(folder, "t10k", Images(test, 2));
    }
}
