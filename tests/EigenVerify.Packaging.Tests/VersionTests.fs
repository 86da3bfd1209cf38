/// The version has one source, the first release heading of CHANGELOG.md: the build reads it for
/// every assembly and package. These tests read the heading on their own and compare.
module EigenVerify.Packaging.Tests.VersionTests

open System
open System.Diagnostics
open System.IO
open Xunit
open EigenVerify.Packaging.Tests.Repository

/// The version of the first `## x.y.z ...` heading, read line by line (no regular expression, so
/// that this is not the build's own code run twice).
let changelogVersion (text: string) =
    let isVersion (s: string) =
        let parts = s.Split '.'
        parts.Length = 3 && parts |> Array.forall (fun p -> p <> "" && p |> Seq.forall Char.IsAsciiDigit)
    text.Split '\n'
    |> Array.map (fun line -> line.TrimEnd '\r')
    |> Array.tryPick (fun line ->
        if line.StartsWith "## " then
            let token = line.Substring(3).Split(' ').[0]
            if isVersion token then Some token else None
        else None)

let private productVersion (dll: string) =
    let v = FileVersionInfo.GetVersionInfo(dll).ProductVersion
    // The SDK appends "+<commit>" to the informational version; the release part comes first.
    v.Split('+').[0]

[<Fact>]
let ``the tool and the libraries carry the version of CHANGELOG.md's first heading`` () =
    let expected = changelogVersion (File.ReadAllText(Path.Combine(root, "CHANGELOG.md")))
    Assert.True(expected.IsSome, "CHANGELOG.md has no `## x.y.z` heading")
    let dlls =
        [ cliDll ]
        @ [ for name in [ "Algebra"; "Symbolic"; "Filtering"; "Proofs"; "Numerics" ] ->
                Path.Combine(AppContext.BaseDirectory, $"EigenVerify.{name}.dll") ]
    for dll in dlls do
        Assert.Equal(expected.Value, productVersion dll)

/// A folder holding the repository's Directory.Build.props, a CHANGELOG.md and an empty project,
/// for MSBuild to evaluate.
let private withChangelog (changelog: string) (check: string -> unit) =
    use temp = new TempFolder()
    File.Copy(Path.Combine(root, "Directory.Build.props"), Path.Combine(temp.Path, "Directory.Build.props"))
    File.WriteAllText(Path.Combine(temp.Path, "CHANGELOG.md"), changelog)
    File.WriteAllText(Path.Combine(temp.Path, "probe.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />")
    check temp.Path

[<Fact>]
let ``the build takes the first release heading, not a later one`` () =
    withChangelog "# Changelog\n\n## 3.4.5 — unreleased\n\n- a change\n\n## 3.4.4 — 2026-01-01\n" (fun dir ->
        let r = run "dotnet" [ "msbuild"; "probe.csproj"; "-getProperty:Version" ] dir []
        Assert.Equal(0, r.ExitCode)
        Assert.Equal("3.4.5", r.Stdout.Trim()))

[<Fact>]
let ``a changelog without a release heading stops the build with a line naming the file`` () =
    withChangelog "# Changelog\n\nNothing released yet.\n" (fun dir ->
        let r = run "dotnet" [ "msbuild"; "probe.csproj"; "-t:EigenVerifyCheckVersion"; "-nologo" ] dir []
        Assert.NotEqual(0, r.ExitCode)
        let expected = Path.Combine(dir, "CHANGELOG.md") + ": no version heading"
        Assert.Contains(expected, r.Stdout))
