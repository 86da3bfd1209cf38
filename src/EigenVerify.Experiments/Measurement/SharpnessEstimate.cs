namespace EigenVerify.Experiments.Measurement;

/// <summary>The sharpness value, the loss at θ, and ‖ε*‖ of the best perturbation found.</summary>
public sealed record SharpnessEstimate(double Value, double BaseLoss, double PerturbationNorm, int Evaluations);
