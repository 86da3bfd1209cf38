namespace EigenVerify.Experiments;

/// <summary>
/// Writes go to a temporary file in the same folder and are then renamed over the target, so a
/// killed process leaves either the old file or the new one, never half of one.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, tmp =>
    {
        using var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write);
        fs.Write(bytes);
        fs.Flush(flushToDisk: true);
    });

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Lets <paramref name="writeTo"/> write a temporary file, then renames it to
    /// <paramref name="path"/>. The temporary name keeps the target's extension, for writers that
    /// choose the format by it (plots); it is removed if the writer fails.
    /// </summary>
    public static void Write(string path, Action<string> writeTo)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}{Path.GetExtension(path)}");
        try
        {
            writeTo(tmp);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
