/// Runs the `eigenverify` command in-process, as the tests of every command do.
module EigenVerify.Cli.Tests.CliRunner

open System.IO
open Xunit
open EigenVerify.Cli

/// Runs the command line from `directory` (relative paths resolve there): exit code, standard
/// output, standard error.
let runIn (directory: string) (args: string list) =
    use out = new StringWriter()
    use err = new StringWriter()
    let ctx =
        { Out = out
          Err = err
          ErrIsTerminal = false
          Directory = directory }
    let code = Cli.runIn (Array.ofList args) ctx
    code, out.ToString(), err.ToString()

/// Runs the command line from the current directory.
let run (args: string list) = runIn System.Environment.CurrentDirectory args

/// Exit code 2 and exactly one line on stderr naming the problem, no stack trace, no output.
let assertBadInput (args: string list) (fragment: string) =
    let code, out, err = run args
    Assert.True((code = 2), sprintf "%A: exit %d, stderr %s" args code err)
    Assert.Equal("", out)
    let lines = err.Trim().Split('\n')
    Assert.Single(lines) |> ignore
    Assert.StartsWith("error: ", lines.[0])
    Assert.Contains(fragment, lines.[0])
    // a stack trace would span several lines and name an exception type
    Assert.DoesNotContain("Exception", err)

/// Writes a rule file into the folder and returns its path.
let ruleFile (dir: EigenVerify.TestSupport.TempDir) (name: string) (text: string) =
    let path = dir.File name
    File.WriteAllText(path, text)
    path
