namespace EigenVerify.Experiments.EdgeOfStability;

/// <summary>One measurement along a run.</summary>
public sealed record EosPoint(int Step, double Loss, double Accuracy, double LambdaMax, double? MuMax);
