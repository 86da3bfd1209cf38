namespace EigenVerify.Experiments.Tools;

/// <summary>
/// How every tool ends: <c>--help</c> prints the help and exits 0; a bad command line prints one
/// line <c>error: … (see --help)</c> and exits 2; a failed run (bad file, bad config, missing
/// data or core) prints one line <c>error: …</c> and exits 1; otherwise the tool's own exit code.
/// No stack trace reaches the user for any of these.
/// </summary>
public static class ToolRunner
{
    public static int Run(CommandLine commandLine, IReadOnlyList<string> args, Action<string> log, Action<string> error, Func<ParsedCommandLine, int> body)
    {
        try
        {
            var parsed = commandLine.Parse(args);
            if (parsed.HelpRequested)
            {
                log(commandLine.Help());
                return 0;
            }
            return body(parsed);
        }
        catch (UsageException e)
        {
            error($"error: {e.Message} (see --help)");
            return 2;
        }
        catch (ExperimentException e)
        {
            error($"error: {e.Message}");
            return 1;
        }
    }
}
