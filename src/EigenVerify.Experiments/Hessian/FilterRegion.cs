using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace EigenVerify.Experiments.Hessian;

/// <summary>An endpoint of a region interval: the exact algebraic number as the core prints it,
/// a float approximation (≥ 15 significant digits), and whether the interval includes it.</summary>
public sealed record RegionEndpoint(string Exact, double Approx, bool Closed);

/// <summary>An interval of the region; a null end is unbounded (−∞ or +∞).</summary>
public sealed record RegionInterval(RegionEndpoint? Lower, RegionEndpoint? Upper)
{
    public bool Contains(double x) =>
        (Lower is null || x > Lower.Approx || (Lower.Closed && x == Lower.Approx))
        && (Upper is null || x < Upper.Approx || (Upper.Closed && x == Upper.Approx));

    public override string ToString() =>
        (Lower is { Closed: true } ? "[" : "(")
        + (Lower is null ? "−∞" : RegionText.Number(Lower.Exact, Lower.Approx))
        + ", "
        + (Upper is null ? "+∞" : RegionText.Number(Upper.Exact, Upper.Approx))
        + (Upper is { Closed: true } ? "]" : ")");
}

/// <summary>An isolated point of the region.</summary>
public sealed record RegionPoint(string Exact, double Approx);

/// <summary>
/// The exact region R(θ) of eigenvalues that a convergent run of the optimizer can end at, as the
/// F# core reports it (`eigenverify region --format json`). <c>Variable</c> is <c>lambda</c> for
/// eigenvalues of H and <c>mu</c> for eigenvalues of P⁻¹H (preconditioned rules).
/// </summary>
public sealed record FilterRegion(
    string Optimizer,
    string Variable,
    IReadOnlyDictionary<string, string> Params,
    string Charpoly,
    IReadOnlyList<RegionInterval> Intervals,
    IReadOnlyList<RegionPoint> Points,
    bool Smooth,
    bool TheoremApplies,
    string? Reason)
{
    public bool Contains(double x) => Intervals.Any(i => i.Contains(x)) || Points.Any(p => p.Approx == x);

    public override string ToString()
    {
        var parts = Intervals.Select(i => i.ToString())
            .Concat(Points.Select(p => "{" + RegionText.Number(p.Exact, p.Approx) + "}"))
            .ToList();
        return parts.Count == 0 ? "∅" : string.Join(" ∪ ", parts);
    }

    /// <summary>The hyperparameters as the CLI takes them, e.g. <c>alpha=1/10,beta=9/10</c>.</summary>
    public string ParamsText => string.Join(",", Params.Select(kv => $"{kv.Key}={kv.Value}"));
}

/// <summary>Reads the core's region JSON; malformed input gives one line naming the source and position.</summary>
public static class RegionJson
{
    public static FilterRegion Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ExperimentException($"{source}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: malformed region JSON ({FirstSentence(e.Message)})");
        }
        using (document)
        {
            var root = document.RootElement;
            string where = source;
            try
            {
                if (root.ValueKind != JsonValueKind.Object) throw Fail("the top level is not an object");
                var optimizer = String(root, "optimizer");
                var variable = String(root, "variable");
                if (variable != "lambda" && variable != "mu") throw Fail($"\"variable\" is \"{variable}\", expected \"lambda\" or \"mu\"");
                var parameters = new Dictionary<string, string>();
                if (Member(root, "params", JsonValueKind.Object, optional: true) is { } ps)
                    foreach (var p in ps.EnumerateObject())
                        parameters[p.Name] = p.Value.ValueKind == JsonValueKind.String
                            ? p.Value.GetString()!
                            : throw Fail($"\"params.{p.Name}\" is not a string");
                var theoremApplies = Bool(root, "theoremApplies");
                var smooth = Bool(root, "smooth");
                var charpoly = Member(root, "charpoly", JsonValueKind.String, optional: true)?.GetString() ?? "";
                string? reason = null;
                foreach (var key in new[] { "reason", "why", "message" })
                    if (Member(root, key, JsonValueKind.String, optional: true) is { } r) reason = r.GetString();
                var intervals = new List<RegionInterval>();
                if (Member(root, "intervals", JsonValueKind.Array, optional: !theoremApplies) is { } array)
                {
                    var index = 0;
                    foreach (var item in array.EnumerateArray())
                    {
                        var path = $"intervals[{index++}]";
                        if (item.ValueKind != JsonValueKind.Object) throw Fail($"{path} is not an object");
                        var lower = Endpoint(item, "lower", path);
                        var upper = Endpoint(item, "upper", path);
                        if (lower is not null && upper is not null && lower.Approx > upper.Approx)
                            throw Fail($"{path} has lower end {lower.Exact} above upper end {upper.Exact}");
                        intervals.Add(new RegionInterval(lower, upper));
                    }
                }
                var points = new List<RegionPoint>();
                if (Member(root, "points", JsonValueKind.Array, optional: true) is { } pointArray)
                {
                    var index = 0;
                    foreach (var item in pointArray.EnumerateArray())
                    {
                        var path = $"points[{index++}]";
                        if (item.ValueKind != JsonValueKind.Object) throw Fail($"{path} is not an object");
                        points.Add(new RegionPoint(String(item, "exact", path), Number(item, "approx", path)));
                    }
                }
                return new FilterRegion(optimizer, variable, parameters, charpoly, intervals, points, smooth, theoremApplies, reason);
            }
            catch (RegionFormatException e)
            {
                throw new ExperimentException($"{where}: region JSON {e.Message}");
            }
        }
    }

    sealed class RegionFormatException(string message) : Exception(message);

    static RegionFormatException Fail(string message) => new(message);

    static JsonElement? Member(JsonElement obj, string name, JsonValueKind kind, bool optional, string path = "")
    {
        var full = path.Length == 0 ? name : $"{path}.{name}";
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return optional ? null : throw Fail($"lacks \"{full}\"");
        if (value.ValueKind != kind) throw Fail($"has \"{full}\" of kind {value.ValueKind}, expected {kind}");
        return value;
    }

    static string String(JsonElement obj, string name, string path = "") =>
        Member(obj, name, JsonValueKind.String, optional: false, path)!.Value.GetString()!;

    static double Number(JsonElement obj, string name, string path = "") =>
        Member(obj, name, JsonValueKind.Number, optional: false, path)!.Value.GetDouble();

    static bool Bool(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value)) throw Fail($"lacks \"{name}\"");
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail($"has \"{name}\" of kind {value.ValueKind}, expected a boolean"),
        };
    }

    static RegionEndpoint? Endpoint(JsonElement interval, string name, string path)
    {
        if (!interval.TryGetProperty(name, out var value)) throw Fail($"lacks \"{path}.{name}\" (null means unbounded)");
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object) throw Fail($"has \"{path}.{name}\" of kind {value.ValueKind}, expected an object or null");
        var full = $"{path}.{name}";
        return new RegionEndpoint(String(value, "exact", full), Number(value, "approx", full), Bool(value, "closed"));
    }

    static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message.TrimEnd('.') : message[..cut];
    }
}

/// <summary>Number formatting shared by region and placement texts.</summary>
public static class RegionText
{
    /// <summary>The exact form when it is short (e.g. <c>20</c>, <c>95/7</c>), else the approximation.</summary>
    public static string Number(string exact, double approx) =>
        exact.Length <= 12 ? exact.Replace("-", "−") : Value(approx);

    public static string Value(double x) => x.ToString("G4", CultureInfo.InvariantCulture).Replace("-", "−");
}

/// <summary>Hyperparameters as exact rationals for the core (it takes no floats).</summary>
public static class ExactDecimal
{
    /// <summary>
    /// The rational with the shortest decimal expansion that round-trips to <paramref name="x"/>,
    /// e.g. 0.1 → <c>1/10</c>, 0.05 → <c>1/20</c>, 2 → <c>2</c>: the number the user wrote in the
    /// config, not the binary float nearest to it.
    /// </summary>
    public static string ToRational(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentException($"{x} is not a finite number");
        var text = x.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        if (negative) text = text[1..];
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
            text = text.Remove(dot, 1);
        }
        var numerator = BigInteger.Parse(text, CultureInfo.InvariantCulture);
        var denominator = BigInteger.One;
        if (exponent >= 0) numerator *= BigInteger.Pow(10, exponent);
        else denominator = BigInteger.Pow(10, -exponent);
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }
        var sign = negative && !numerator.IsZero ? "-" : "";
        return denominator.IsOne ? $"{sign}{numerator}" : $"{sign}{numerator}/{denominator}";
    }
}
