using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments;

/// <summary>Native loading, device choice and determinism settings, in one place.</summary>
public static class TorchRuntime
{
    static bool preloaded;

    /// <summary>
    /// Loads libtorch and LibTorchSharp from <c>runtimes/&lt;rid&gt;/native</c> next to this assembly.
    /// Applications built with the SDK find them through their deps.json; a host such as
    /// <c>dotnet fsi</c> does not, and TorchSharp would then fall back to unpatched copies from the
    /// NuGet cache. Loading our (patched) copies by full path first makes every later lookup by
    /// name hit them. Harmless where they are missing (e.g. a CUDA package supplies its own).
    /// </summary>
    public static void Preload()
    {
        if (preloaded) return;
        preloaded = true;
        var here = Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location);
        if (string.IsNullOrEmpty(here)) return;
        var rid = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "win";
        var arch = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        var native = Path.Combine(here, "runtimes", $"{rid}-{arch}", "native");
        if (!Directory.Exists(native)) return;
        string Lib(string name) => rid switch { "win" => name + ".dll", "osx" => "lib" + name + ".dylib", _ => "lib" + name + ".so" };
        foreach (var name in new[] { "c10", "torch_cpu", "torch", "LibTorchSharp" })
        {
            var path = Path.Combine(native, Lib(name));
            if (File.Exists(path)) NativeLibrary.TryLoad(path, out _);
        }
        // SkiaSharp (ScottPlot's renderer) probes only absolute paths, so point it at the folder.
        foreach (var managed in new[] { "SkiaSharp", "HarfBuzzSharp" })
        {
            try
            {
                NativeLibrary.SetDllImportResolver(Assembly.Load(managed), (name, _, _) =>
                {
                    var path = Path.Combine(native, Lib(name.StartsWith("lib", StringComparison.Ordinal) ? name[3..] : name));
                    return File.Exists(path) && NativeLibrary.TryLoad(path, out var h) ? h : IntPtr.Zero;
                });
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException) { } // resolver already set, or not shipped
        }
    }

    /// <summary>Parses a device name (<c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>) and checks it is usable.</summary>
    public static Device SelectDevice(string name)
    {
        Preload();
        var lower = name.Trim().ToLowerInvariant();
        if (lower == "cpu") return CPU;
        if (lower.StartsWith("cuda", StringComparison.Ordinal))
        {
            bool available;
            try
            {
                torch.InitializeDeviceType(DeviceType.CUDA);
                available = cuda.is_available();
            }
            catch (Exception e) when (e is NotSupportedException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
            {
                available = false;
            }
            if (!available)
                throw new ExperimentException($"device '{name}': CUDA is not available; reference a TorchSharp-cuda package instead of TorchSharp-cpu, or use --device cpu");
            return torch.device(lower);
        }
        throw new ExperimentException($"device '{name}': expected cpu, cuda or cuda:N");
    }

    /// <summary>
    /// Makes a CPU run repeatable: fixed intra-op thread count (float reductions are summed in a
    /// thread-count-dependent order) and a seeded torch generator for initialisation.
    /// </summary>
    public static void Seed(int seed, int threads)
    {
        Preload();
        if (threads > 0 && torch.get_num_threads() != threads) torch.set_num_threads(threads);
        torch.manual_seed(seed);
        torch.random.manual_seed(seed);
    }
}
