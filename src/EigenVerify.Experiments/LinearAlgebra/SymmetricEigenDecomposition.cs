namespace EigenVerify.Experiments.LinearAlgebra;

/// <summary>Eigenvalues (ascending) and orthonormal eigenvectors (columns of <c>Vectors</c>).</summary>
public sealed record SymmetricEigenDecomposition(double[] Values, double[,] Vectors);
