using System.Collections.Concurrent;
using System.Diagnostics;

namespace EigenVerify.Experiments.Regions;

/// <summary>
/// Asks the `eigenverify` command for a region (`region --optimizer NAME --params … --format json`)
/// and caches the answer per (optimizer, parameters): a sweep asks for the same region many times.
/// The command is the core's public interface, so this stays correct as the core evolves, and it
/// keeps the F# core's exact arithmetic out of this process. Every rule a trained optimizer maps to
/// is in the core's catalog. This class is the only place in the project that starts the command or reads its JSON.
/// </summary>
public sealed class CliRegionSource : IRegionSource
{
    readonly string fileName;
    readonly string[] prefix;
    readonly ConcurrentDictionary<string, FilterRegion> cache = new();

    /// <param name="fileName">Program to start (e.g. <c>dotnet</c>).</param>
    /// <param name="prefix">Arguments before <c>region …</c> (e.g. the CLI's dll path).</param>
    public CliRegionSource(string fileName, IReadOnlyList<string> prefix)
    {
        this.fileName = fileName;
        this.prefix = prefix.ToArray();
    }

    /// <summary>
    /// The CLI of the repository at <paramref name="repositoryRoot"/>, run as
    /// <c>dotnet src/EigenVerify.Cli/bin/Release/net10.0/eigenverify.dll</c>, built first
    /// (<c>dotnet build src/EigenVerify.Cli -c Release</c>) when that file is missing. The
    /// environment variable EIGENVERIFY_CLI overrides this with a command to run directly.
    /// </summary>
    public static CliRegionSource Locate(string repositoryRoot)
    {
        var overrideCommand = Environment.GetEnvironmentVariable("EIGENVERIFY_CLI");
        if (!string.IsNullOrWhiteSpace(overrideCommand))
        {
            var parts = overrideCommand.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new CliRegionSource(parts[0], parts[1..]);
        }
        var project = Path.Combine(repositoryRoot, "src", "EigenVerify.Cli");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "eigenverify.dll");
        if (!File.Exists(dll)) Build(project);
        return new CliRegionSource("dotnet", [dll]);
    }

    static void Build(string project)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "build", project, "-c", "Release", "-nologo", "-v", "quiet" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new ExperimentException($"could not start `dotnet build {project}`");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new ExperimentException($"`dotnet build {project} -c Release` failed (exit {process.ExitCode}): {FirstLine(errors.Result + "\n" + output)}");
    }

    public FilterRegion Region(CatalogQuery query) => cache.GetOrAdd(query.Describe(), _ => Ask(query));

    FilterRegion Ask(CatalogQuery query)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in prefix) info.ArgumentList.Add(a);
        foreach (var a in new[] { "region", "--optimizer", query.Optimizer, "--format", "json" }) info.ArgumentList.Add(a);
        if (query.Params.Count > 0)
        {
            info.ArgumentList.Add("--params");
            info.ArgumentList.Add(query.ParamsText);
        }
        var command = $"{fileName} {string.Join(' ', info.ArgumentList)}";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new ExperimentException($"could not start `{command}`");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ExperimentException($"could not start `{command}`: {e.Message}");
        }
        using (process)
        {
            var stderrTask = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var stderr = stderrTask.Result.Trim();
            if (process.ExitCode != 0)
                throw new ExperimentException($"`{command}` failed (exit {process.ExitCode}): {FirstLine(stderr.Length > 0 ? stderr : stdout)}");
            var region = RegionJson.Parse(stdout, $"output of `{command}`");
            // An answer about another rule would place runs in the wrong region.
            if (region.Optimizer != query.Optimizer)
                throw new ExperimentException($"`{command}` answered for optimizer '{region.Optimizer}', not '{query.Optimizer}'");
            return region;
        }
    }

    static string FirstLine(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return line ?? "(no output)";
    }
}
