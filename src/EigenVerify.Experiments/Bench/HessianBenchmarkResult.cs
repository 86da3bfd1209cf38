namespace EigenVerify.Experiments.Bench;

/// <summary>Timings of the Hessian machinery on the default MLP.</summary>
public sealed record HessianBenchmarkResult(
    string Model, long Parameters, int Examples, int Threads, double GradientSeconds, double HvpSeconds, double Ratio,
    double LanczosSeconds, int LanczosIterations, bool LanczosConverged, double LambdaMax);
