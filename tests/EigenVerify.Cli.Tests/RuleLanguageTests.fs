/// The rule language end to end through the command line: names, new values on later lines,
/// constant lets and the size caps, each against a hand derivation or an equivalent rule.
module EigenVerify.Cli.Tests.RuleLanguageTests

open System
open System.IO
open System.Text.Json
open Xunit
open EigenVerify.Cli

let private run (args: string list) = CliRunner.run args

// One folder for the whole module, removed when the test process exits.
let private scratch = new EigenVerify.TestSupport.TempDir()
do System.AppDomain.CurrentDomain.ProcessExit.Add(fun _ -> (scratch :> IDisposable).Dispose())

let private tempDir () =
    let dir = Path.Combine(scratch.Path, Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory dir |> ignore
    dir

let private tempRule (name: string) (text: string) =
    let path = Path.Combine(tempDir (), name)
    File.WriteAllText(path, text)
    path

let private fixture (name: string) = Path.Combine(AppContext.BaseDirectory, "fixtures", "language", name)

let private json (args: string list) =
    let code, out, err = run args
    Assert.True((code = 0), err)
    JsonDocument.Parse(out).RootElement

/// Exit code 2, nothing on standard output, one error line on standard error containing each
/// fragment, and no stack trace.
let private assertRefused (args: string list) (fragments: string list) =
    let code, out, err = run args
    Assert.Equal(2, code)
    Assert.Equal("", out)
    let lines = err.Trim().Split('\n')
    Assert.Single(lines) |> ignore
    Assert.StartsWith("error: ", lines.[0])
    for f in fragments do
        Assert.Contains(f, lines.[0])
    Assert.DoesNotContain("Exception", err)

/// Heavy ball with its momentum hyperparameter called `beta`, and no filter line.
let private heavyBall (beta: string) =
    sprintf
        "optimizer hb\nparams alpha > 0, 0 <= %s < 1\nstate x, x_prev\nx' = x - alpha*grad(x) + %s*(x - x_prev)\nx_prev' = x\n"
        beta
        beta

/// The four commands a rule file goes through, writing certificates to a fresh folder.
let private commands (file: string) (beta: string) =
    [ [ "region"; "--rule"; file; "--format"; "json" ]
      [ "region"; "--rule"; file; "--params"; sprintf "alpha=1/10,%s=9/10" beta; "--format"; "json" ]
      [ "jacobian"; "--rule"; file ]
      [ "check"; "--rule"; file; "--runs"; "2" ]
      [ "prove"; "--rule"; file; "--params"; sprintf "alpha=1/10,%s=9/10" beta; "--out"; tempDir () ] ]

[<Fact>]
let ``names of the eigenvalue, the characteristic variable and the language are refused by every command`` () =
    // column 24 of "params alpha > 0, 0 <= NAME < 1" is where NAME starts
    for n in [ "lambda"; "mu"; "z"; "and"; "or"; "let"; "state"; "grad" ] do
        let file = tempRule "hb.rule" (heavyBall n)
        for args in commands file n do
            assertRefused args [ "hb.rule:2:24: reserved-name"; sprintf "'%s'" n ]

[<Fact>]
let ``names the certificates or the solver use give the region of any other name`` () =
    let reference = tempRule "hb.rule" (heavyBall "beta")
    let outputs (file: string) (beta: string) =
        commands file beta
        |> List.take 3
        |> List.map (fun args ->
            let code, out, err = run args
            Assert.True((code = 0), sprintf "%s: %s" beta err)
            out)
    let expected = outputs reference "beta"
    for n in [ "p"; "det"; "assert"; "push"; "pi"; "s"; "c0"; "disc" ] do
        let file = tempRule "hb.rule" (heavyBall n)
        let actual = outputs file n
        // the same text once the name is written as beta; the replacement is applied to both,
        // since a name such as p also occurs as a word of the output ("p(0) <= 1")
        let back (s: string) = Text.RegularExpressions.Regex.Replace(s, sprintf @"\b%s\b" (Text.RegularExpressions.Regex.Escape n), "beta")
        List.iter2 (fun (e: string) (a: string) -> Assert.Equal(back e, back a)) expected actual
        // the numeric runs and the certificates work under the name too
        for args in commands file n |> List.skip 3 do
            let code, _, err = run args
            Assert.True((code = 0), sprintf "%s: %s" n err)

[<Fact>]
let ``a rule without a filter has no agreement field and a null statement`` () =
    let file = tempRule "hb.rule" (heavyBall "beta")
    let cf = json [ "region"; "--rule"; file; "--format"; "json" ]
    Assert.Equal(JsonValueKind.Null, cf.GetProperty("paper").ValueKind)
    let mutable ignored = Unchecked.defaultof<JsonElement>
    Assert.False(cf.TryGetProperty("agreement", &ignored))
    Assert.False(cf.TryGetProperty("agrees", &ignored))
    let exact = json [ "region"; "--rule"; file; "--params"; "alpha=1/10,beta=9/10"; "--format"; "json" ]
    Assert.False(exact.TryGetProperty("agreement", &ignored))
    Assert.False(exact.TryGetProperty("agrees", &ignored))

[<Fact>]
let ``heavy ball written with its buffer's new value has heavy ball's polynomial and region`` () =
    // by hand, state (x, v): v' = beta v + H x and x' = x - alpha (beta v + H x) give
    // M = [[1 - alpha lambda, -alpha beta], [lambda, beta]] and
    // det(zI - M) = (z - 1 + alpha lambda)(z - beta) + alpha beta lambda = z^2 - (1 + beta - alpha lambda) z + beta,
    // heavy ball's polynomial, so 0 <= lambda <= 2(1 + beta)/alpha
    let file = fixture "sequential-heavy-ball.rule"
    let cf = json [ "region"; "--rule"; file; "--format"; "json" ]
    Assert.Equal("z^2 - (1 + beta - alpha*lambda)*z + beta", cf.GetProperty("charpoly").GetString())
    Assert.Equal("0 <= lambda <= 2*(1 + beta)/alpha", cf.GetProperty("closedForm").GetString())
    Assert.True(cf.GetProperty("agreement").GetProperty("symbolic").GetBoolean())
    // alpha = 1/10, beta = 9/10: 2 (1 + 9/10) / (1/10) = 38
    let exact = json [ "region"; "--rule"; file; "--params"; "alpha=1/10,beta=9/10"; "--format"; "json" ]
    let intervals = exact.GetProperty("intervals")
    Assert.Equal(1, intervals.GetArrayLength())
    Assert.Equal("0", intervals.[0].GetProperty("lower").GetProperty("exact").GetString())
    Assert.Equal("38", intervals.[0].GetProperty("upper").GetProperty("exact").GetString())
    // the compiled step runs the lines in order: converged runs stay inside the region
    let code, _, err = run [ "check"; "--rule"; file; "--runs"; "20" ]
    Assert.True((code = 0), err)

[<Fact>]
let ``a new value used above its update or of a state without an update is refused at its position`` () =
    let early = tempRule "early.rule" "optimizer early\nparams alpha > 0, 0 <= beta < 1\nstate x, v\nx' = x - alpha*v'\nv' = beta*v + grad(x)\n"
    // "x' = x - alpha*v'": v' starts at column 16; its update is on line 5
    assertRefused [ "region"; "--rule"; early ] [ "early.rule:4:16: use-before-definition"; "line 5" ]
    let own = tempRule "own.rule" "optimizer own\nparams alpha > 0\nstate x\nx' = x' - alpha*grad(x)\n"
    assertRefused [ "region"; "--rule"; own ] [ "own.rule:4:6: use-before-definition" ]
    let unknown = tempRule "unknown.rule" "optimizer unknown\nparams alpha > 0\nstate x\nx' = x - alpha*w'\n"
    assertRefused [ "region"; "--rule"; unknown ] [ "unknown.rule:4:16: unknown-name"; "w'" ]

[<Fact>]
let ``a let holding a constant keeps the rule smooth, a let depending on the state does not`` () =
    // x' = x - (alpha/2) grad(x) is gradient descent with step alpha/2: 0 <= lambda <= 4/alpha
    let cf = json [ "region"; "--rule"; fixture "constant-let.rule"; "--format"; "json" ]
    Assert.True(cf.GetProperty("smooth").GetBoolean())
    Assert.Equal("0 <= lambda <= 4/alpha", cf.GetProperty("closedForm").GetString())
    let stateLet =
        tempRule "state-let.rule" "optimizer state-let\nparams alpha > 0\nstate x\nlet s = 1 + dot(x, x)\nx' = x - alpha/s*grad(x)\n"
    let code, out, err = run [ "region"; "--rule"; stateLet ]
    Assert.True((code = 0), err)
    Assert.Contains("dividing by s is undefined where it vanishes", out)

[<Fact>]
let ``two hundred lets that each use the previous one twice answer as gradient descent`` () =
    // y_k = (y_{k-1} + y_{k-1})/2 = x for every k, so the rule is x' = x - alpha grad(x)
    let cf = json [ "region"; "--rule"; fixture "let-chain-200.rule"; "--format"; "json" ]
    Assert.Equal("0 <= lambda <= 2/alpha", cf.GetProperty("closedForm").GetString())
    Assert.True(cf.GetProperty("agreement").GetProperty("symbolic").GetBoolean())

[<Fact>]
let ``forty inner gradient steps answer with gradient descent's region`` () =
    // the Jacobian is (1 - alpha lambda)^40, inside the unit disk exactly when 0 <= alpha lambda <= 2
    let exact = json [ "region"; "--rule"; fixture "inner-gd-40.rule"; "--params"; "alpha=1/10"; "--format"; "json" ]
    let intervals = exact.GetProperty("intervals")
    Assert.Equal(1, intervals.GetArrayLength())
    Assert.Equal("0", intervals.[0].GetProperty("lower").GetProperty("exact").GetString())
    Assert.Equal("20", intervals.[0].GetProperty("upper").GetProperty("exact").GetString())

[<Fact>]
let ``a tower of powers and a literal of 100000 digits are refused by their caps`` () =
    // "x' = x - ((alpha^1000)^1000)^1000*grad(x)" on line 5: the outer '^' is at column 30
    assertRefused [ "region"; "--rule"; fixture "power-tower.rule" ] [ "power-tower.rule:5:"; "too-large"; "1000" ]
    assertRefused [ "region"; "--rule"; fixture "long-literal.rule" ] [ "long-literal.rule:5:10: too-large"; "at most 1000 digits" ]
    assertRefused [ "region"; "--rule"; tempRule "exp.rule" "optimizer e\nparams alpha > 0\nstate x\nx' = x - 1e-100000*alpha*grad(x)\n" ] [ "exp.rule:4:10: too-large" ]
