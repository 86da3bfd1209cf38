using System.Globalization;

namespace EigenVerify.Experiments.Runs;

/// <summary>One optimizer at one β: the ρ kept (best mean test accuracy over seeds, as the paper keeps it).</summary>
public sealed record SummaryRow(string Rule, double Beta, double LearningRate, double BestRho, double TestAccuracy, double TestAccuracyStd,
    double TrainLoss, int Seeds, string[] RunIds, Dictionary<string, double> AccuracyByRho)
{
    public string Label => Rule + (Beta == 0 ? "" : $" β={Beta.ToString(CultureInfo.InvariantCulture)}");
}
