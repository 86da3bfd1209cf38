namespace EigenVerify.Experiments.Tests.Support;

/// <summary>
/// A fresh folder under the system temp folder, deleted with everything in it on dispose. Tests
/// that write files take one with <c>using</c>, so it goes away when the test fails too.
/// </summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eigenverify-tests-" + Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still open elsewhere (a child process being killed): the system temp
            // folder is cleared eventually; failing the test over it would hide its real result.
        }
    }
}
