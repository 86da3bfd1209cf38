namespace EigenVerify.Experiments.Tools;

/// <summary>A bad command line of one of the Hessian tools; they print it and exit 2.</summary>
sealed class UsageException(string message) : Exception(message);
