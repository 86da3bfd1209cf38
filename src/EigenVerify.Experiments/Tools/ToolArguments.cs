using System.Globalization;

namespace EigenVerify.Experiments.Tools;

/// <summary>
/// The command-line reading the Hessian tools share (edge of stability, sweep measurement,
/// benchmark): options one at a time with a bare <c>--</c> skipped, option values and positive
/// integers checked with the same messages, and the data options every tool takes
/// (<c>--data-dir DIR</c>, <c>--cache-dir DIR</c>, default <c>.cache</c>).
/// </summary>
sealed class ToolArguments(string[] args)
{
    int index = -1;

    public string? DataDir { get; private set; }
    public string CacheDir { get; private set; } = ".cache";

    /// <summary>The next option, skipping <c>--</c>; false after the last one.</summary>
    public bool Next(out string option)
    {
        while (++index < args.Length)
        {
            if (args[index] == "--") continue;
            option = args[index];
            return true;
        }
        option = "";
        return false;
    }

    /// <summary>The value of the current option.</summary>
    public string Value() =>
        index + 1 < args.Length ? args[++index] : throw new UsageException($"{args[index]} needs a value");

    /// <summary>The value of the current option as a positive integer.</summary>
    public int Positive()
    {
        var option = args[index];
        var text = Value();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k > 0
            ? k
            : throw new UsageException($"{option} {text}: expected a positive integer");
    }

    /// <summary>Reads <paramref name="option"/> if it is one of the data options; false if not.</summary>
    public bool Data(string option)
    {
        switch (option)
        {
            case "--data-dir": DataDir = Value(); return true;
            case "--cache-dir": CacheDir = Value(); return true;
            default: return false;
        }
    }
}
