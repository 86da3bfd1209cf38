namespace EigenVerify.Experiments.Runs;

/// <summary>A finished sweep in brief (summary.json): its settings and, per optimizer and β, the kept ρ.</summary>
public sealed record SweepSummary(string Figure, string Title, string Preset, string Dataset, string Model, int Epochs, int BatchSize, SummaryRow[] Rows);
