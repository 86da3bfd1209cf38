namespace EigenVerify.Experiments.LinearAlgebra;

/// <summary>Settings of a Lanczos run.</summary>
/// <param name="MaxIterations">Krylov dimension cap (also capped by the operator's dimension).</param>
/// <param name="Tolerance">A Ritz pair (θ, y) counts as converged when its residual ‖Ay − θy‖ is at
/// most Tolerance · max|θ| (relative to the largest Ritz value in magnitude, an estimate of ‖A‖).</param>
/// <param name="Seed">Seed of the random start vector.</param>
public sealed record LanczosOptions(int MaxIterations = 100, double Tolerance = 1e-6, int Seed = 0);
