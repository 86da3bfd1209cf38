using System.Reflection;
using System.Runtime.InteropServices;

namespace EigenVerify.Experiments;

/// <summary>A user-facing problem (bad file, bad config, bad flag): printed as one line, no trace.</summary>
public sealed class ExperimentException(string message) : Exception(message);
