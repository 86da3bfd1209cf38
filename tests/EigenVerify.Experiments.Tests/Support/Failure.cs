using Xunit;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>What a user sees when something is refused.</summary>
public static class Failure
{
    /// <summary>The message of the <see cref="ExperimentException"/> <paramref name="action"/>
    /// must throw; it must be one line (the tools print it as one <c>error:</c> line).</summary>
    public static string Of(Action action)
    {
        var message = Assert.Throws<ExperimentException>(action).Message;
        Assert.DoesNotContain('\n', message);
        return message;
    }
}
