namespace EigenVerify.Experiments.Measurement;

/// <summary>Settings of the sharpness ascent.</summary>
/// <param name="Rho">Radius ρ of the ball (default 0.05, the smallest ρ of the figures' SAM grids).</param>
/// <param name="Steps">Ascent steps after the starting point.</param>
/// <param name="StepLength">Length of each step as a multiple of ρ.</param>
public sealed record SharpnessOptions(double Rho = 0.05, int Steps = 20, double StepLength = 1.0, int Seed = 0);
