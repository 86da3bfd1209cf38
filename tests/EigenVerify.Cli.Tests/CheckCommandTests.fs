module EigenVerify.Cli.Tests.CheckCommandTests

open System.Text.Json
open Xunit
open EigenVerify.TestSupport
open EigenVerify.Cli.Tests.CliRunner

[<Fact>]
let ``check passes for gradient descent on quadratics and prints the statistics table and a verdict`` () =
    let code, out, err = run [ "check"; "--optimizer"; "gd"; "--family"; "quadratic"; "--runs"; "30"; "--seed"; "5" ]
    Assert.Equal("", err)
    Assert.Equal(0, code)
    let lines = out.Trim().Split('\n') |> Array.map (fun l -> l.TrimEnd())
    // the table: a header, a separator and one row for the one family, each with the same columns
    let table = lines |> Array.filter (fun l -> l.StartsWith "|")
    Assert.Equal(3, table.Length)
    let cells (l: string) = l.Trim('|').Split('|') |> Array.map (fun c -> c.Trim())
    let header = cells table.[0]
    let row = cells table.[2]
    Assert.Equal(header.Length, row.Length)
    Assert.Equal("quadratic", row.[0])
    Assert.Equal("30", row.[Array.findIndex ((=) "runs") header])
    // every heading but the first is explained under the table
    for h in header |> Array.skip 1 do
        Assert.Contains(lines, fun l -> l.StartsWith("  " + h + ": "))
    // the verdict is one line, last
    Assert.StartsWith("PASSED: ", lines.[lines.Length - 1])

[<Fact>]
let ``check's JSON counts add up: converged, diverged and undecided make the runs`` () =
    let code, out, err = run [ "check"; "--optimizer"; "heavy-ball"; "--family"; "quadratic"; "--runs"; "20"; "--seed"; "3"; "--format"; "json" ]
    Assert.True((code = 0), err)
    // JSON mode prints nothing but the document
    Assert.Equal("", err)
    let doc = JsonDocument.Parse(out).RootElement
    let fam = doc.GetProperty("families").[0]
    let n (name: string) = fam.GetProperty(name).GetInt32()
    Assert.Equal(20, n "runs")
    Assert.Equal(n "runs", n "converged" + n "diverged" + n "undecided")
    Assert.Equal(n "converged", n "critical" + n "nonCritical")
    Assert.True(doc.GetProperty("passed").GetBoolean())

[<Fact>]
let ``bad input gives exit code 2 and one line naming the problem`` () =
    assertBadInput [ "check"; "--optimizer"; "nope" ] "unknown optimizer 'nope'"
    assertBadInput [ "check"; "--optimizer"; "sam" ] "not C¹"
    assertBadInput [ "check"; "--optimizer"; "gd"; "--family"; "cubic" ] "unknown family 'cubic'"
    assertBadInput [ "check"; "--optimizer"; "gd"; "--family"; "quadratc" ] "did you mean quadratic?"
    assertBadInput [ "check"; "--optimizer"; "gd"; "--runs"; "0" ] "--runs"
    assertBadInput [ "check"; "--optimizer"; "gd"; "--runs"; "many" ] "--runs expects a whole number"
    assertBadInput [ "check"; "--optimizer"; "gd"; "--rule"; "x.rule" ] "either --optimizer or --rule"
    assertBadInput [ "check"; "--rule"; "/nonexistent/x.rule" ] "no such rule file"

[<Fact>]
let ``a rule file with an error is reported with file, line and column`` () =
    use dir = new TempDir()
    let path = ruleFile dir "broken.rule" "optimizer broken\nparams alpha > 0\nstate x\nx' = x - alpha*grad(y)\n"
    let code, _, err = run [ "check"; "--rule"; path ]
    Assert.Equal(2, code)
    Assert.Contains(path + ":4:", err)

[<Fact>]
let ``a user rule file is checked like a catalog rule`` () =
    use dir = new TempDir()
    let path =
        ruleFile dir "damped.rule" "optimizer damped\nparams alpha > 0, 0 <= beta < 1\nstate x, x_prev\nx' = x - alpha*grad(x) + beta*(x - x_prev)\nx_prev' = x\n"
    let code, out, _ = run [ "check"; "--rule"; path; "--family"; "factorization"; "--runs"; "20" ]
    Assert.Equal(0, code)
    Assert.Contains("| factorization ", out)
