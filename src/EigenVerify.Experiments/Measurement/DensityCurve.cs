namespace EigenVerify.Experiments.Measurement;

/// <summary>An SLQ density: the quadrature (nodes, weights per probe) and its Gaussian-broadened curve.</summary>
public sealed record DensityCurve(double Sigma, double[] Grid, double[] Density, double[][] Nodes, double[][] Weights);
