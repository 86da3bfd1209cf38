using System.Text;

namespace EigenVerify.Experiments.Tools;

/// <summary>
/// The command-line reader of every tool of the project. The syntax is the same everywhere:
/// options are <c>--name</c>, a value follows its option as the next argument (a value cannot
/// start with <c>--</c>), an option with several values takes the arguments up to the next
/// option, a bare <c>--</c> (the separator <c>dotnet fsi</c> passes on) is skipped, a value given
/// twice keeps the last one, and <c>--help</c> (or <c>-h</c>) asks for the help text. Problems
/// are <see cref="UsageException"/>s with one line naming the option and what was expected;
/// <see cref="ToolRunner"/> prints them and sets the exit code.
/// </summary>
public sealed class CommandLine
{
    readonly Dictionary<string, ToolOption> byName;

    /// <param name="usage">How the tool is started, e.g. <c>dotnet fsi scripts/edge-of-stability.fsx -- [options]</c>.</param>
    /// <param name="description">What the tool does, one line.</param>
    public CommandLine(string usage, string description, params ToolOption[] options)
    {
        Usage = usage;
        Description = description;
        Options = options;
        byName = new Dictionary<string, ToolOption>(StringComparer.Ordinal);
        foreach (var o in options)
        {
            if (!o.Name.StartsWith("--", StringComparison.Ordinal) || o.Name.Length < 3)
                throw new ArgumentException($"option '{o.Name}' must be spelled --name");
            if (o.Name is "--help" || !byName.TryAdd(o.Name, o))
                throw new ArgumentException($"option '{o.Name}' is declared twice");
        }
    }

    public string Usage { get; }

    public string Description { get; }

    public IReadOnlyList<ToolOption> Options { get; }

    /// <summary>The text <c>--help</c> prints: usage, description, one line per option.</summary>
    public string Help()
    {
        var rows = Options.Select(o => (Left: o.Name + (o.IsFlag ? "" : " " + o.Value + (o.Many ? "..." : "")), o.Help))
            .Append((Left: "--help", Help: "print this text"))
            .ToList();
        var width = rows.Max(r => r.Left.Length);
        var text = new StringBuilder($"usage: {Usage}\n{Description}\noptions:\n");
        foreach (var (left, help) in rows) text.Append("  ").Append(left.PadRight(width)).Append("  ").Append(help).Append('\n');
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Reads <paramref name="args"/>; a <see cref="UsageException"/> for an unknown
    /// argument or a missing value. Values are checked when they are read (see <see cref="ParsedCommandLine"/>).</summary>
    public ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var help = false;
        static bool IsOption(string a) => a.StartsWith("--", StringComparison.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") continue;
            if (a is "--help" or "-h")
            {
                help = true;
                continue;
            }
            if (!byName.TryGetValue(a, out var option)) throw new UsageException($"unknown argument '{a}'");
            if (option.IsFlag)
            {
                values[a] = [];
                continue;
            }
            var given = new List<string>();
            while (i + 1 < args.Count && !IsOption(args[i + 1]) && (option.Many || given.Count == 0)) given.Add(args[++i]);
            if (given.Count == 0) throw new UsageException($"{a} needs {(option.Many ? "at least one value" : "a value")} ({option.Value})");
            if (option.Many && values.TryGetValue(a, out var earlier)) earlier.AddRange(given);
            else values[a] = given;
        }
        return new ParsedCommandLine(this, values, help);
    }

    internal ToolOption Declared(string name) =>
        byName.TryGetValue(name, out var o) ? o : throw new ArgumentException($"the tool reads option '{name}' but does not declare it");
}
