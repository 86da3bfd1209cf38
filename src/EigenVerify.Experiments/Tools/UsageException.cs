namespace EigenVerify.Experiments.Tools;

/// <summary>A bad command line: the tool prints it as one <c>error:</c> line and exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);
