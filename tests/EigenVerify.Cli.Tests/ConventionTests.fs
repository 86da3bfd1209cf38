/// The conventions every command follows (README, "Command-line conventions").
module EigenVerify.Cli.Tests.ConventionTests

open System.Text.Json
open Xunit
open EigenVerify.Cli
open EigenVerify.Cli.Tests.CliRunner

[<Fact>]
let ``no arguments print the usage on stderr and exit 2`` () =
    let code, out, err = run []
    Assert.Equal(2, code)
    Assert.Equal("", out)
    Assert.StartsWith("usage: eigenverify <command>", err)
    for c in Cli.commands do
        Assert.Contains("\n  " + c.Name + " ", err)

[<Fact>]
let ``-h and --help print the usage on stdout and succeed, globally and per command`` () =
    for flag in [ "-h"; "--help"; "help" ] do
        let code, out, err = run [ flag ]
        Assert.Equal(0, code)
        Assert.Equal("", err)
        Assert.StartsWith("usage: eigenverify <command>", out)
    for c in Cli.commands do
        for flag in [ "-h"; "--help" ] do
            let code, out, _ = run [ c.Name; flag ]
            Assert.Equal(0, code)
            Assert.Contains(sprintf "usage: eigenverify %s " c.Name, out)
            // every option of the command is listed in its help
            for o in c.Options do
                Assert.Contains("  --" + o.Name, out)
        let _, viaHelp, _ = run [ "help"; c.Name ]
        let _, viaFlag, _ = run [ c.Name; "--help" ]
        Assert.Equal(viaFlag, viaHelp)

[<Fact>]
let ``--version prints the assembly's version`` () =
    let code, out, _ = run [ "--version" ]
    Assert.Equal(0, code)
    let expected = typeof<Command>.Assembly.GetName().Version
    Assert.Matches(sprintf @"^eigenverify %d\.%d\.%d" expected.Major expected.Minor expected.Build, out.Trim())

[<Fact>]
let ``--opt=value reads the same as --opt value`` () =
    let spaced = run [ "region"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=9/10"; "--format"; "json" ]
    let joined = run [ "region"; "--optimizer=heavy-ball"; "--params=alpha=1/10,beta=9/10"; "--format=json" ]
    let code, out, _ = joined
    Assert.Equal(0, code)
    // the value after the first '=' is kept whole (it holds '=' itself)
    Assert.Equal("9/10", JsonDocument.Parse(out).RootElement.GetProperty("params").GetProperty("beta").GetString())
    Assert.Equal(spaced, joined)

[<Fact>]
let ``mistyped commands and options get a did-you-mean suggestion`` () =
    assertBadInput [ "regoins" ] "did you mean 'regions'?"
    assertBadInput [ "jacobain"; "--optimizer"; "gd" ] "did you mean 'jacobian'?"
    assertBadInput [ "region"; "--optimzer"; "gd" ] "did you mean --optimizer?"
    assertBadInput [ "prove"; "--optimizer"; "gd"; "--chekc" ] "did you mean --check?"
    assertBadInput [ "check"; "--optimizer"; "gd"; "--run"; "3" ] "did you mean --runs?"
    assertBadInput [ "--verison" ] "did you mean --version?"
    // nothing close: no suggestion, but the command's help is named
    let _, _, err = run [ "region"; "--zzzzzzzz" ]
    Assert.DoesNotContain("did you mean", err)
    Assert.Contains("eigenverify region --help", err)

[<Fact>]
let ``malformed option use is bad input`` () =
    assertBadInput [ "region"; "--optimizer" ] "--optimizer needs a value"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--optimizer"; "gd" ] "more than once"
    assertBadInput [ "prove"; "--all=yes" ] "--all is a flag"
    assertBadInput [ "region"; "gd" ] "unexpected argument 'gd'"

[<Fact>]
let ``the edit distance counts insertions, deletions and substitutions`` () =
    // hand-counted: kitten -> sitting is 3 edits (k/s, e/i, +g)
    Assert.Equal(3, CommandLine.distance "kitten" "sitting")
    Assert.Equal(0, CommandLine.distance "region" "region")
    Assert.Equal(1, CommandLine.distance "region" "regions")
    Assert.Equal(2, CommandLine.distance "regoins" "regions")
    Assert.Equal(None, CommandLine.suggest "xyz" [ "regions"; "check" ])

[<Fact>]
let ``every command that prints results accepts text, json and latex`` () =
    let cases =
        [ [ "regions"; "--samples"; "2" ]
          [ "region"; "--optimizer"; "gd" ]
          [ "region"; "--optimizer"; "gd"; "--params"; "alpha=1/10" ]
          [ "jacobian"; "--optimizer"; "gd" ]
          [ "check"; "--optimizer"; "gd"; "--family"; "quadratic"; "--runs"; "2" ] ]
    for args in cases do
        for format in [ "text"; "json"; "latex" ] do
            let code, out, err = run (args @ [ "--format"; format ])
            Assert.True((code = 0), sprintf "%A %s: %s" args format err)
            Assert.Equal("", err)
            Assert.NotEqual<string>("", out.Trim())
            match format with
            | "json" -> JsonDocument.Parse(out) |> ignore
            | "latex" -> Assert.Contains("\\", out)
            | _ -> ()
    for c in Cli.commands do
        Assert.Contains(c.Options, fun o -> o.Name = "format")

[<Fact>]
let ``the exit code table is the one documented in the README`` () =
    let readme = System.IO.File.ReadAllText(System.IO.Path.Combine(EigenVerify.TestSupport.repositoryRoot (), "README.md"))
    for code, meaning in Cli.exitCodes do
        Assert.Contains(sprintf "| %d | %s |" code meaning, readme)
    Assert.Equal<int list>([ 0; 1; 2; 3; 4 ], Cli.exitCodes |> List.map fst)

[<Fact>]
let ``progress goes to a terminal only, and never in JSON mode`` () =
    let progressLines (terminal: bool) (format: string) =
        use out = new System.IO.StringWriter()
        use err = new System.IO.StringWriter()
        let ctx =
            { Out = out
              Err = err
              ErrIsTerminal = terminal
              Directory = System.Environment.CurrentDirectory }
        let code = Cli.runIn [| "check"; "--optimizer"; "gd"; "--family"; "quadratic"; "--runs"; "3"; "--format"; format |] ctx
        Assert.Equal(0, code)
        err.ToString()
    Assert.Contains("checking gd: run 3 of 3", progressLines true "text")
    Assert.Equal("", progressLines true "json")
    Assert.Equal("", progressLines false "text")

[<Fact>]
let ``an internal error exits 4 with one line, never a stack trace`` () =
    let failing: Command =
        { Name = "fail"
          Summary = "fails"
          Usage = ""
          Options = []
          Run = fun _ _ -> invalidOp "boom" }
    use out = new System.IO.StringWriter()
    use err = new System.IO.StringWriter()
    let ctx =
        { Out = out
          Err = err
          ErrIsTerminal = false
          Directory = System.Environment.CurrentDirectory }
    let code = Cli.runWith [ failing ] [| "fail" |] ctx
    Assert.Equal(4, code)
    Assert.Equal("internal error: InvalidOperationException: boom", err.ToString().Trim())
