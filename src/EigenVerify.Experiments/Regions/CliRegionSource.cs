using System.Collections.Concurrent;
using System.Diagnostics;

namespace EigenVerify.Experiments.Regions;

/// <summary>
/// Asks the `eigenverify` command for a region (`region --optimizer NAME --params … --format json`)
/// and caches the answer per (optimizer, parameters): a sweep asks for the same region many times.
/// The command is the core's public interface, so this stays correct as the core evolves, and it
/// keeps the F# core's exact arithmetic out of this process. Rules the core's catalog lacks are
/// read from <c>NAME.rule</c> in a rules folder (<c>region --rule FILE</c>) when that file exists.
/// This class is the only place in the project that starts the command or reads its JSON.
/// </summary>
public sealed class CliRegionSource : IRegionSource
{
    readonly string fileName;
    readonly string[] prefix;
    readonly string? rulesFolder;
    readonly IReadOnlyDictionary<string, string> ruleFiles;
    readonly ConcurrentDictionary<string, FilterRegion> cache = new();

    /// <param name="fileName">Program to start (e.g. <c>dotnet</c>).</param>
    /// <param name="prefix">Arguments before <c>region …</c> (e.g. the CLI's dll path).</param>
    /// <param name="rulesFolder">Folder of <c>NAME.rule</c> files for rules outside the catalog (null: none).</param>
    /// <param name="ruleFiles">Rule files by the optimizer name their header gives, asked before the folder (a user's rule).</param>
    public CliRegionSource(string fileName, IReadOnlyList<string> prefix, string? rulesFolder = null, IReadOnlyDictionary<string, string>? ruleFiles = null)
    {
        this.fileName = fileName;
        this.prefix = prefix.ToArray();
        this.rulesFolder = rulesFolder;
        this.ruleFiles = ruleFiles ?? new Dictionary<string, string>();
    }

    /// <summary>This source, also reading <paramref name="optimizer"/>'s region from <paramref name="file"/>.</summary>
    public CliRegionSource WithRuleFile(string optimizer, string file) =>
        new(fileName, prefix, rulesFolder, new Dictionary<string, string>(ruleFiles) { [optimizer] = Path.GetFullPath(file) });

    /// <summary>The rule files of the combinations the core's catalog lacks (SAM, Two-step USAM
    /// and Hessian USAM with momentum). The build copies none: they are read from the source tree.</summary>
    public static string RulesFolder(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "src", "EigenVerify.Experiments", "Hessian", "rules");

    /// <summary>
    /// The CLI of the repository at <paramref name="repositoryRoot"/>, run as
    /// <c>dotnet src/EigenVerify.Cli/bin/Release/net10.0/eigenverify.dll</c>, built first
    /// (<c>dotnet build src/EigenVerify.Cli -c Release</c>) when that file is missing. The
    /// environment variable EIGENVERIFY_CLI overrides this with a command to run directly.
    /// Either way the rule files come from <see cref="RulesFolder"/>.
    /// </summary>
    public static CliRegionSource Locate(string repositoryRoot)
    {
        var rules = RulesFolder(repositoryRoot);
        var overrideCommand = Environment.GetEnvironmentVariable("EIGENVERIFY_CLI");
        if (!string.IsNullOrWhiteSpace(overrideCommand))
        {
            var parts = overrideCommand.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new CliRegionSource(parts[0], parts[1..], rules);
        }
        var project = Path.Combine(repositoryRoot, "src", "EigenVerify.Cli");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "eigenverify.dll");
        if (!File.Exists(dll)) Build(project);
        return new CliRegionSource("dotnet", [dll], rules);
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

    /// <summary>The rule file standing in for <paramref name="optimizer"/>, if the rules folder has one.</summary>
    string? RuleFile(string optimizer)
    {
        if (ruleFiles.TryGetValue(optimizer, out var given)) return given;
        if (rulesFolder is null) return null;
        var file = Path.Combine(rulesFolder, optimizer + ".rule");
        return File.Exists(file) ? file : null;
    }

    FilterRegion Ask(CatalogQuery query)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in prefix) info.ArgumentList.Add(a);
        var selector = RuleFile(query.Optimizer) is { } file ? new[] { "--rule", file } : ["--optimizer", query.Optimizer];
        foreach (var a in new[] { "region" }.Concat(selector).Concat(["--format", "json"])) info.ArgumentList.Add(a);
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
            // A rule file names its own optimizer: one that disagrees with the file name would
            // place runs in another rule's region.
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
