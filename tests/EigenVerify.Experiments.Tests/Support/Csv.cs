using System.Text;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>Reads the CSV files the project writes (a header row; fields quoted with "" when they hold a comma or quote).</summary>
public static class Csv
{
    /// <summary>The rows after the header, each as column name → field.</summary>
    public static List<Dictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = Fields(lines[0]);
        return lines.Skip(1).Select(line =>
        {
            var fields = Fields(line);
            if (fields.Count != header.Count) throw new InvalidDataException($"{path}: {fields.Count} fields in '{line}', the header has {header.Count}");
            return header.Zip(fields).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }

    static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
