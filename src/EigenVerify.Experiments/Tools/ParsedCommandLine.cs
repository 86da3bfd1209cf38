using System.Globalization;

namespace EigenVerify.Experiments.Tools;

/// <summary>
/// The options a command line gave, read by name with their checks: the value, a positive
/// integer, one of a few words, a shard <c>i/N</c>. A bad value is a <see cref="UsageException"/>
/// of the form <c>--option VALUE: expected …</c>. Reading an option the tool did not declare is a
/// programming error (<see cref="ArgumentException"/>).
/// </summary>
public sealed class ParsedCommandLine
{
    readonly CommandLine commandLine;
    readonly IReadOnlyDictionary<string, List<string>> values;

    internal ParsedCommandLine(CommandLine commandLine, IReadOnlyDictionary<string, List<string>> values, bool helpRequested)
    {
        this.commandLine = commandLine;
        this.values = values;
        HelpRequested = helpRequested;
    }

    /// <summary><c>--help</c> or <c>-h</c> was given.</summary>
    public bool HelpRequested { get; }

    /// <summary>Whether the option was given (for a flag: whether it is set).</summary>
    public bool Has(string name)
    {
        commandLine.Declared(name);
        return values.ContainsKey(name);
    }

    /// <summary>The option's value, or null when it was not given.</summary>
    public string? Value(string name)
    {
        commandLine.Declared(name);
        return values.TryGetValue(name, out var v) ? v[^1] : null;
    }

    public string Value(string name, string fallback) => Value(name) ?? fallback;

    /// <summary>The option's value; a <see cref="UsageException"/> when it was not given.</summary>
    public string Required(string name) => Value(name) ?? throw new UsageException($"{name} is required ({commandLine.Declared(name).Value})");

    /// <summary>Every value of an option with several values, in order (empty when not given).</summary>
    public IReadOnlyList<string> Values(string name)
    {
        commandLine.Declared(name);
        return values.TryGetValue(name, out var v) ? v : [];
    }

    /// <summary>The option's value as a positive integer, or null when it was not given.</summary>
    public int? PositiveInt(string name) => Value(name) is { } text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0
            ? k
            : throw new UsageException($"{name} {text}: expected a positive integer")
        : null;

    public int PositiveInt(string name, int fallback) => PositiveInt(name) ?? fallback;

    /// <summary>The option's value when it is one of <paramref name="allowed"/>; <paramref name="fallback"/> when not given.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        var text = Value(name);
        if (text is null) return fallback;
        return allowed.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new UsageException($"{name} {text}: expected {string.Join(", ", allowed[..^1])}{(allowed.Length > 1 ? " or " : "")}{allowed[^1]}");
    }

    /// <summary>A shard <c>i/N</c> with 0 ≤ i &lt; N; (0, 1), the whole sweep, when not given.</summary>
    public (int Index, int Count) Shard(string name)
    {
        var text = Value(name);
        if (text is null) return (0, 1);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i < n)
            return (i, n);
        throw new UsageException($"{name} {text}: expected i/N with 0 ≤ i < N, e.g. 0/4 (Slurm: {name} $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)");
    }
}
