using EigenVerify.Experiments.Tools;
using Xunit;

namespace EigenVerify.Experiments.Tests.Tools;

/// <summary>The one command-line reader of the tools, and each tool's options and errors.</summary>
public class ToolCommandLineTests
{
    static readonly CommandLine Sample = new("sample -- [options]", "a tool for the tests",
        ToolOption.Single("--out", "DIR", "where"),
        ToolOption.Single("--count", "N", "how many"),
        ToolOption.Single("--mode", "a|b|c", "which"),
        ToolOption.Single("--shard", "i/N", "which part"),
        ToolOption.Several("--merge", "DIR", "folders"),
        ToolOption.Flag("--list", "just list"));

    static UsageException Refused(params string[] args) => Assert.Throws<UsageException>(() => Sample.Parse(args));

    [Fact]
    public void Options_flags_and_lists_are_read_with_a_bare_separator_skipped()
    {
        var a = Sample.Parse(["--", "--out", "results/x", "--list", "--merge", "s0", "s1", "--count", "3", "--merge", "s2"]);
        Assert.False(a.HelpRequested);
        Assert.Equal("results/x", a.Value("--out"));
        Assert.True(a.Has("--list"));
        Assert.Equal(["s0", "s1", "s2"], a.Values("--merge"));
        Assert.Equal(3, a.PositiveInt("--count"));
        // Not given: the fallback, or null / empty.
        Assert.False(a.Has("--mode"));
        Assert.Equal("b", a.Choice("--mode", "b", "a", "b", "c"));
        Assert.Null(a.Value("--shard"));
        Assert.Equal((0, 1), a.Shard("--shard"));
        Assert.Empty(Sample.Parse([]).Values("--merge"));
        // A value given twice keeps the last.
        Assert.Equal("second", Sample.Parse(["--out", "first", "--out", "second"]).Value("--out"));
    }

    [Fact]
    public void Help_is_asked_for_with_either_spelling_and_lists_every_option()
    {
        Assert.True(Sample.Parse(["--out", "x", "--help"]).HelpRequested);
        Assert.True(Sample.Parse(["-h"]).HelpRequested);
        var lines = Sample.Help().Split('\n');
        Assert.Equal("usage: sample -- [options]", lines[0]);
        Assert.Equal(["--out DIR", "--count N", "--mode a|b|c", "--shard i/N", "--merge DIR...", "--list", "--help"],
            lines.SkipWhile(l => l != "options:").Skip(1).Select(l => l.Trim().Split("  ")[0]));
    }

    [Fact]
    public void Unknown_arguments_and_missing_values_are_refused_naming_the_argument()
    {
        Assert.Equal("unknown argument '--bogus'", Refused("--bogus").Message);
        Assert.Equal("unknown argument 'stray'", Refused("stray").Message);
        Assert.Equal("unknown argument '-x'", Refused("-x").Message);
        Assert.Equal("--out needs a value (DIR)", Refused("--out").Message);
        // A value cannot start with "--": the next option is not taken as the value.
        Assert.Equal("--out needs a value (DIR)", Refused("--out", "--list").Message);
        Assert.Equal("--merge needs at least one value (DIR)", Refused("--merge", "--list").Message);
        // A single-valued option takes one value; the next bare word is an unknown argument.
        Assert.Equal("unknown argument 'y'", Refused("--out", "x", "y").Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("+2")]
    [InlineData("2.5")]
    [InlineData("two")]
    [InlineData("99999999999")]
    public void A_count_that_is_not_a_positive_integer_is_refused(string text)
    {
        var a = Sample.Parse(["--count", text]);
        Assert.Equal($"--count {text}: expected a positive integer", Assert.Throws<UsageException>(() => a.PositiveInt("--count")).Message);
    }

    [Fact]
    public void A_choice_outside_its_words_is_refused_listing_them()
    {
        var a = Sample.Parse(["--mode", "d"]);
        Assert.Equal("--mode d: expected a, b or c", Assert.Throws<UsageException>(() => a.Choice("--mode", "a", "a", "b", "c")).Message);
        Assert.Equal("--mode d: expected a or b", Assert.Throws<UsageException>(() => a.Choice("--mode", "a", "a", "b")).Message);
        Assert.Equal("c", Sample.Parse(["--mode", "c"]).Choice("--mode", "a", "a", "b", "c"));
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    public void A_shard_is_an_index_below_its_count(string text, int index, int count) =>
        Assert.Equal((index, count), Sample.Parse(["--shard", text]).Shard("--shard"));

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("1/2/3")]
    [InlineData("a/b")]
    public void A_shard_outside_its_count_is_refused(string text)
    {
        var a = Sample.Parse(["--shard", text]);
        Assert.StartsWith($"--shard {text}: expected i/N with 0 ≤ i < N", Assert.Throws<UsageException>(() => a.Shard("--shard")).Message);
    }

    [Fact]
    public void Reading_an_undeclared_option_or_declaring_one_twice_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Sample.Parse([]).Value("--outt"));
        Assert.Throws<ArgumentException>(() => new CommandLine("x", "y", ToolOption.Flag("--a", "a"), ToolOption.Flag("--a", "again")));
        Assert.Throws<ArgumentException>(() => new CommandLine("x", "y", ToolOption.Flag("-a", "one dash")));
        Assert.Throws<ArgumentException>(() => new CommandLine("x", "y", ToolOption.Flag("--help", "reserved")));
    }

    static (int Code, List<string> Out, List<string> Err) RunSample(string[] args, Func<ParsedCommandLine, int> body)
    {
        var output = new List<string>();
        var errors = new List<string>();
        var code = ToolRunner.Run(Sample, args, output.Add, errors.Add, body);
        return (code, output, errors);
    }

    [Fact]
    public void The_runner_turns_help_bad_arguments_and_failed_runs_into_exit_codes_and_one_line()
    {
        var ran = false;
        var help = RunSample(["--help"], _ => { ran = true; return 0; });
        Assert.Equal(0, help.Code);
        Assert.Equal([Sample.Help()], help.Out);
        Assert.Empty(help.Err);
        Assert.False(ran); // help does not run the tool

        var usage = RunSample(["--count", "0"], a => a.PositiveInt("--count", 1));
        Assert.Equal(2, usage.Code);
        Assert.Empty(usage.Out);
        Assert.Equal(["error: --count 0: expected a positive integer (see --help)"], usage.Err);

        var failed = RunSample([], _ => throw new ExperimentException("data/x.idx: truncated"));
        Assert.Equal(1, failed.Code);
        Assert.Equal(["error: data/x.idx: truncated"], failed.Err);

        Assert.Equal(7, RunSample(["--count", "7"], a => a.PositiveInt("--count", 1)).Code);
    }

    // ---- the tools ---------------------------------------------------------------------------

    /// <summary>Every tool's options: the scripts' users type these, so they only ever grow.</summary>
    public static TheoryData<string, string[]> ToolOptions() => new()
    {
        { nameof(FigureSweepTool), ["--preset", "--device", "--threads", "--data-dir", "--cache-dir", "--out", "--shard", "--merge", "--runs", "--list"] },
        { nameof(EdgeOfStabilityTool), ["--preset", "--out", "--data-dir", "--cache-dir", "--threads", "--no-core"] },
        { nameof(SweepMeasurementTool), ["--figure", "--preset", "--out", "--data-dir", "--cache-dir", "--device", "--threads"] },
        { nameof(HessianBenchmarkTool), ["--examples", "--threads", "--repetitions", "--data-dir", "--cache-dir"] },
        { nameof(EpochBenchmarkTool), ["--threads", "--samples", "--epochs", "--python"] },
    };

    static CommandLine CommandLineOf(string tool) => tool switch
    {
        nameof(FigureSweepTool) => FigureSweepTool.CommandLine,
        nameof(EdgeOfStabilityTool) => EdgeOfStabilityTool.CommandLine,
        nameof(SweepMeasurementTool) => SweepMeasurementTool.CommandLine,
        nameof(HessianBenchmarkTool) => HessianBenchmarkTool.CommandLine,
        nameof(EpochBenchmarkTool) => EpochBenchmarkTool.CommandLine,
        _ => throw new ArgumentException(tool),
    };

    [Theory]
    [MemberData(nameof(ToolOptions))]
    public void Every_tool_keeps_the_options_its_script_documents(string tool, string[] options)
    {
        var commandLine = CommandLineOf(tool);
        Assert.Equal(options.Order(), commandLine.Options.Select(o => o.Name).Order());
        Assert.All(options, o => Assert.Contains($"\n  {o} ", "\n" + commandLine.Help()));
    }

    static (int Code, List<string> Out, List<string> Err) RunTool(Func<Action<string>, Action<string>, int> run)
    {
        var output = new List<string>();
        var errors = new List<string>();
        return (run(output.Add, errors.Add), output, errors);
    }

    [Fact]
    public void Every_tool_refuses_a_bad_value_in_one_line_before_doing_any_work()
    {
        // None of these gets as far as loading data, building the core or training: the
        // repository root below does not exist, and the output lists stay empty.
        const string root = "/nonexistent-repository";
        var cases = new (Func<Action<string>, Action<string>, int> Run, string Error)[]
        {
            ((o, e) => FigureSweepTool.Run(root + "/scripts/experiments/figure1.json", ["--shard", "3/3"], o, e), "error: --shard 3/3: expected i/N with 0 ≤ i < N"),
            ((o, e) => FigureSweepTool.Run(root + "/scripts/experiments/figure1.json", ["--threads", "0"], o, e), "error: --threads 0: expected a positive integer"),
            ((o, e) => EdgeOfStabilityTool.Run(root, ["--preset", "paper"], o, e), "error: --preset paper: expected smoke or small"),
            ((o, e) => EdgeOfStabilityTool.Run(root, ["--threads", "two"], o, e), "error: --threads two: expected a positive integer"),
            ((o, e) => SweepMeasurementTool.Run(root, ["--preset", "smoke"], o, e), "error: --figure is required"),
            ((o, e) => HessianBenchmarkTool.Run(["--repetitions", "-1"], o, e), "error: --repetitions -1: expected a positive integer"),
            ((o, e) => EpochBenchmarkTool.Run(root, ["--samples", "1e4"], o, e), "error: --samples 1e4: expected a positive integer"),
            ((o, e) => EpochBenchmarkTool.Run(root, ["--threads"], o, e), "error: --threads needs a value"),
        };
        foreach (var (run, expected) in cases)
        {
            var (code, output, errors) = RunTool(run);
            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.StartsWith(expected, Assert.Single(errors));
            Assert.EndsWith("(see --help)", errors[0]);
        }
    }

    [Fact]
    public void A_run_id_outside_the_sweep_is_refused_with_exit_code_2_before_any_work()
    {
        var (code, output, errors) = RunTool((o, e) => FigureSweepTool.Run(Support.Repository.Path("scripts", "experiments", "figure1.json"), ["--runs", "sgd_beta0_seed0,sgd_beta0_seed9"], o, e));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("error: --runs: sgd_beta0_seed9 not in the figure1 sweep (its runs: sgd_beta0_seed0, ", Assert.Single(errors));
    }

    [Fact]
    public void A_missing_config_is_a_failed_run_with_exit_code_1_naming_the_file()
    {
        var figure = RunTool((o, e) => FigureSweepTool.Run("/nonexistent/cfg.json", ["--preset", "smoke"], o, e));
        Assert.Equal((1, "error: /nonexistent/cfg.json: config file not found"), (figure.Code, Assert.Single(figure.Err)));
        var measure = RunTool((o, e) => SweepMeasurementTool.Run("/nonexistent", ["--figure", "figure9"], o, e));
        Assert.Equal((1, "error: /nonexistent/scripts/experiments/figure9.json: config file not found"), (measure.Code, Assert.Single(measure.Err)));
    }
}
