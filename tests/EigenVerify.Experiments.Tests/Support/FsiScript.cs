using System.Diagnostics;
using Xunit;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>Runs a script of <c>scripts/</c> the way its users do.</summary>
public static class FsiScript
{
    /// <summary>Runs <c>dotnet fsi SCRIPT -- ARGS</c> from the repository root, asserts it exits
    /// with 0, and returns its standard output.</summary>
    public static string Run(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "fsi", script, "--" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // Smoke presets are sized for under two minutes on two cores; the margin covers the first
        // fetch of the data package, a cold build and a machine shared with other builds.
        bool exited = p.WaitForExit(TimeSpan.FromMinutes(10));
        if (!exited) p.Kill(entireProcessTree: true);
        Assert.True(exited, $"{script} did not finish within 10 minutes");
        Assert.True(p.ExitCode == 0, $"{script}: exit {p.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
