using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EigenVerify.Experiments.Runs;

namespace EigenVerify.Experiments.Measurement;

/// <summary>What the Hessian hook adds to a run's result (<c>extras.hessian</c>).</summary>
/// <param name="Skipped">Why nothing was measured (e.g. a diverged run), else null.</param>
/// <param name="FilterError">Why no region could be obtained, else null.</param>
/// <param name="MeanSquare">The place of (λ_max, σ²) in the rule's mean-square region, else null.</param>
/// <param name="MeanSquareError">Why there is no mean-square placement, else null.</param>
public sealed record HessianRecord(
    SpectrumReport? Spectrum, FilterRecord? Filter, string? Skipped, string? FilterError,
    MeanSquareRecord? MeanSquare = null, string? MeanSquareError = null)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public JsonNode ToJson() => JsonSerializer.SerializeToNode(this, Json)!;

    public static HessianRecord? FromRun(RunResult run) =>
        run.Extras.TryGetValue(HessianHook.ExtraKey, out var node) && node is not null
            ? node.Deserialize<HessianRecord>(Json)
            : null;
}
