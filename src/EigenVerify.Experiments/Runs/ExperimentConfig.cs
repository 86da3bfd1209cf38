using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EigenVerify.Experiments.Models;

namespace EigenVerify.Experiments.Runs;

/// <summary>
/// A figure's experiment as data (scripts/experiments/figureN.json). The file holds the base
/// settings and named presets; a preset is deep-merged over the base (objects merge, other values
/// replace), so a preset states only what it changes.
/// </summary>
public sealed record ExperimentConfig
{
    public string Figure { get; init; } = "";
    public string Title { get; init; } = "";
    public string Dataset { get; init; } = "mnist";
    public ModelSpec Model { get; init; } = new();
    public OptimizerEntry[] Optimizers { get; init; } = [];
    /// <summary><c>heavy-ball</c> or <c>nesterov</c>: how β enters.</summary>
    public string Momentum { get; init; } = "heavy-ball";
    public MomentumEntry[] Betas { get; init; } = [new()];
    public int Epochs { get; init; } = 1;
    public int BatchSize { get; init; } = 128;
    public int[] Seeds { get; init; } = [0];
    public int TrainLimit { get; init; }
    public int TestLimit { get; init; }
    /// <summary>Intra-op threads; a fixed number keeps float sums in a fixed order (determinism).</summary>
    public int Threads { get; init; } = 2;
    /// <summary><c>float32</c> or <c>float64</c>.</summary>
    public string Dtype { get; init; } = "float32";
    public string Device { get; init; } = "cpu";
    /// <summary>Not part of a run's identity: the preset this config was resolved from.</summary>
    public string Preset { get; init; } = "";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A diverged run records NaN / Infinity losses; JSON has no such numbers, so spell them.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads a config file and resolves one preset.</summary>
    public static ExperimentConfig Load(string path, string preset)
    {
        if (!File.Exists(path)) throw new ExperimentException($"{path}: config file not found");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new ExperimentException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: invalid JSON ({FirstLine(e.Message)})"); }
        if (root is not JsonObject obj) throw new ExperimentException($"{path}: expected a JSON object");
        var presets = obj["presets"] as JsonObject;
        var merged = (JsonObject)obj.DeepClone();
        merged.Remove("presets");
        if (presets == null || presets[preset] is not JsonObject chosen)
            throw new ExperimentException($"{path}: no preset '{preset}' (available: {string.Join(", ", presets?.Select(p => p.Key) ?? [])})");
        Merge(merged, (JsonObject)chosen.DeepClone());
        merged["preset"] = preset;
        try
        {
            var cfg = merged.Deserialize<ExperimentConfig>(Json) ?? throw new ExperimentException($"{path}: empty config");
            return cfg.Validated(path);
        }
        catch (JsonException e) { throw new ExperimentException($"{path} (preset {preset}): {FirstLine(e.Message)}"); }
    }

    static string FirstLine(string s) => s.Split('\n')[0].Trim();

    static void Merge(JsonObject target, JsonObject over)
    {
        foreach (var (key, value) in over.ToList())
        {
            over.Remove(key);
            if (value is JsonObject o && target[key] is JsonObject t) Merge(t, o);
            else target[key] = value;
        }
    }

    ExperimentConfig Validated(string path)
    {
        string where = $"{path} (preset {Preset})";
        if (!Data.DatasetLoader.Known.Contains(Dataset)) throw new ExperimentException($"{where}: unknown dataset '{Dataset}'");
        if (Optimizers.Length == 0) throw new ExperimentException($"{where}: no optimizers");
        // The parsers name the bad word; the file and preset are said here.
        T Checked<T>(Func<T> parse)
        {
            try { return parse(); }
            catch (ExperimentException e) { throw new ExperimentException($"{where}: {e.Message}"); }
        }
        foreach (var o in Optimizers)
        {
            var spec = new Optim.OptimizerSpec { Kind = Checked(() => Optim.OptimizerSpec.ParseKind(o.Rule)) };
            if (spec.UsesRho && o.Rhos.Length == 0) throw new ExperimentException($"{where}: optimizer '{o.Rule}' needs a non-empty rhos list");
        }
        Checked(() => Optim.OptimizerSpec.ParseMomentum(Momentum));
        if (Epochs < 1 || BatchSize < 1 || Seeds.Length == 0 || Betas.Length == 0)
            throw new ExperimentException($"{where}: epochs, batchSize, seeds and betas must be positive / non-empty");
        if (Dtype is not ("float32" or "float64")) throw new ExperimentException($"{where}: dtype '{Dtype}' (known: float32, float64)");
        return this;
    }

    /// <summary>Every run of the sweep, in a fixed order (optimizer, ρ, β, seed).</summary>
    public IReadOnlyList<RunSpec> Runs()
    {
        var runs = new List<RunSpec>();
        var momentum = Optim.OptimizerSpec.ParseMomentum(Momentum);
        foreach (var o in Optimizers)
        {
            var kind = Optim.OptimizerSpec.ParseKind(o.Rule);
            var rhos = new Optim.OptimizerSpec { Kind = kind }.UsesRho ? o.Rhos : [0.0];
            foreach (var rho in rhos)
                // Adam carries its own momentum (β₁): one run per ρ and seed, not one per β.
                foreach (var b in kind == Optim.OptimizerKind.Adam ? [new MomentumEntry { Beta = 0, LearningRate = o.LearningRate ?? Betas[0].LearningRate }] : Betas)
                    foreach (var seed in Seeds)
                        runs.Add(new RunSpec(new Optim.OptimizerSpec
                        {
                            Kind = kind,
                            Rho = rho,
                            Momentum = b.Beta == 0 ? Optim.Momentum.None : momentum,
                            Beta = b.Beta,
                            LearningRate = o.LearningRate ?? b.LearningRate,
                        }, seed));
        }
        return runs;
    }

    /// <summary>The settings every run of the sweep shares, as canonical JSON (part of each run's identity).</summary>
    public string SharedFingerprint() => JsonSerializer.Serialize(new
    {
        Dataset,
        Model,
        Epochs,
        BatchSize,
        TrainLimit,
        TestLimit,
        Threads,
        Dtype,
    }, Json);
}
