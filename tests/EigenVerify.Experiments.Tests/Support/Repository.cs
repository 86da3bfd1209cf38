namespace EigenVerify.Experiments.Tests.Support;

/// <summary>The repository the tests run in: the folder holding EigenVerify.sln above the test assembly.</summary>
public static class Repository
{
    static readonly Lazy<string> root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EigenVerify.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (with EigenVerify.sln) was not found above " + AppContext.BaseDirectory);
    });

    public static string Root => root.Value;

    /// <summary>A path relative to the root, given as its parts.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
