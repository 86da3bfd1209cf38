using System.Text.Json;

namespace EigenVerify.Experiments.Regions;

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
