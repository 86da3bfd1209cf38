namespace EigenVerify.Experiments.Tools;

/// <summary>
/// One option of a tool's command line, always spelled <c>--name</c>.
/// </summary>
/// <param name="Name">The option as typed, e.g. <c>--threads</c>.</param>
/// <param name="Value">What its value looks like in the help (e.g. <c>N</c>, <c>DIR</c>,
/// <c>smoke|small</c>); null for a flag, which takes no value.</param>
/// <param name="Help">One line for <c>--help</c>, with the default where there is one.</param>
/// <param name="Many">Takes every following argument up to the next option (e.g. <c>--merge DIR...</c>).</param>
public sealed record ToolOption(string Name, string? Value, string Help, bool Many = false)
{
    public bool IsFlag => Value is null;

    /// <summary>A flag: present or not.</summary>
    public static ToolOption Flag(string name, string help) => new(name, null, help);

    /// <summary>An option with one value.</summary>
    public static ToolOption Single(string name, string value, string help) => new(name, value, help);

    /// <summary>An option with one or more values.</summary>
    public static ToolOption Several(string name, string value, string help) => new(name, value, help, Many: true);

    /// <summary>The data options every tool that reads a data set takes.</summary>
    public static readonly ToolOption DataDir = Single("--data-dir", "DIR", "folder with the standard data files (default: the cache, fetched once)");

    public static readonly ToolOption CacheDir = Single("--cache-dir", "DIR", "cache of fetched and converted data (default .cache)");

    /// <summary>The thread count of the tools that run a config (default: the config's).</summary>
    public static readonly ToolOption Threads = Single("--threads", "N", "intra-op threads (default: the config's)");

    /// <summary>Default of <see cref="CacheDir"/>.</summary>
    public const string DefaultCacheDir = ".cache";
}
