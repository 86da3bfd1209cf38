module EigenVerify.Cli.Tests.RegionCommandTests

open System
open System.IO
open System.Text.Json
open Xunit
open EigenVerify.TestSupport
open EigenVerify.Cli.Tests.CliRunner

[<Fact>]
let ``region with params prints the documented JSON for heavy ball`` () =
    let code, out, _ = run [ "region"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=9/10"; "--format"; "json" ]
    Assert.Equal(0, code)
    let expected =
        """{"optimizer": "heavy-ball", "variable": "lambda", "params": {"alpha": "1/10", "beta": "9/10"}, "charpoly": "z^2 + (1/10*lambda - 19/10)*z + 9/10", "intervals": [{"lower": {"exact": "0", "approx": 0.0, "closed": true}, "upper": {"exact": "38", "approx": 38.0, "closed": true}}], "points": [], "smooth": true, "theoremApplies": true}"""
    Assert.Equal(expected, out.Trim())

let private json (args: string list) =
    let code, out, err = run args
    Assert.True((code = 0), err)
    JsonDocument.Parse(out).RootElement

[<Fact>]
let ``region JSON gives exact endpoints, approximations and isolated points`` () =
    let usam = json [ "region"; "--optimizer"; "usam"; "--params"; "alpha=1/10,rho=1/20"; "--format"; "json" ]
    let intervals = usam.GetProperty("intervals")
    Assert.Equal(2, intervals.GetArrayLength())
    Assert.Equal("-10-10*sqrt(5)", intervals.[0].GetProperty("lower").GetProperty("exact").GetString())
    // −10 − 10√5 = −32.36067977499789696…; a double carries about 16 digits
    Assert.Equal(-32.360679774997897, intervals.[0].GetProperty("lower").GetProperty("approx").GetDouble(), 13)
    Assert.Equal("-10+10*sqrt(5)", intervals.[1].GetProperty("upper").GetProperty("exact").GetString())
    let two = json [ "region"; "--optimizer"; "two-step-usam"; "--params"; "alpha=1/10,rho=1/20"; "--format"; "json" ]
    let points = two.GetProperty("points")
    Assert.Equal(1, points.GetArrayLength())
    Assert.Equal("-20", points.[0].GetProperty("exact").GetString())
    // 15 significant digits of 9.31142463753536…
    Assert.Equal(9.31142463753536, two.GetProperty("intervals").[0].GetProperty("upper").GetProperty("approx").GetDouble(), 14)
    let adam = json [ "region"; "--optimizer"; "adam-frozen"; "--params"; "alpha=1/10,beta1=9/10"; "--format"; "json" ]
    Assert.Equal("mu", adam.GetProperty("variable").GetString())

[<Fact>]
let ``SAM gets theoremApplies false and a reason instead of a region`` () =
    let sam = json [ "region"; "--optimizer"; "sam"; "--params"; "alpha=1/10,rho=1/20"; "--format"; "json" ]
    Assert.False(sam.GetProperty("theoremApplies").GetBoolean())
    Assert.False(sam.GetProperty("smooth").GetBoolean())
    Assert.Contains("C¹", sam.GetProperty("reason").GetString())
    let mutable ignored = Unchecked.defaultof<JsonElement>
    Assert.False(sam.TryGetProperty("intervals", &ignored))

[<Fact>]
let ``region without params prints the closed form beside the paper's statement`` () =
    let code, out, _ = run [ "region"; "--optimizer"; "heavy-ball" ]
    Assert.Equal(0, code)
    Assert.Contains("closed form: 0 <= lambda <= 2*(1 + beta)/alpha", out)
    Assert.Contains("paper: 0 <= lambda <= 2*(1 + beta)/alpha", out)
    Assert.Contains("agrees", out)

let private threeStateRule =
    """# gradient descent that also remembers its last two iterates
optimizer remember-two
params alpha > 0
state x, x1, x2
x' = x - alpha*grad(x)
x1' = x
x2' = x1
"""

let private fourStateRule =
    """# heavy ball carrying two extra stale copies
optimizer heavy-ball-stale
params alpha > 0, 0 <= beta < 1
state x, x_prev, s1, s2
x' = x - alpha*grad(x) + beta*(x - x_prev)
x_prev' = x
s1' = x_prev
s2' = s1
"""

[<Fact>]
let ``a three-state rule gets a cubic characteristic polynomial and the gradient-descent region`` () =
    use dir = new TempDir()
    let file = ruleFile dir "remember-two.rule" threeStateRule
    let code, out, _ = run [ "jacobian"; "--rule"; file ]
    Assert.Equal(0, code)
    // M = [[1 − αλ, 0, 0], [1, 0, 0], [0, 1, 0]]: p = z²(z − 1 + αλ)
    Assert.Contains("p(z) = det(zI - M) = z^3 - (1 - alpha*lambda)*z^2", out)
    let reg = json [ "region"; "--rule"; file; "--params"; "alpha=1/10"; "--format"; "json" ]
    Assert.Equal("20", reg.GetProperty("intervals").[0].GetProperty("upper").GetProperty("exact").GetString())
    // the closed form of a cubic: p(1) = αλ and −p(−1) = 2(2 − αλ) (by hand, α > 0 removed)
    let _, text, _ = run [ "region"; "--rule"; file ]
    Assert.Contains("closed form: 0 <= lambda <= 2/alpha", text)

[<Fact>]
let ``a four-state rule keeps heavy ball's region`` () =
    use dir = new TempDir()
    let file = ruleFile dir "heavy-ball-stale.rule" fourStateRule
    let reg = json [ "region"; "--rule"; file; "--params"; "alpha=1/10,beta=9/10"; "--format"; "json" ]
    let i = reg.GetProperty("intervals")
    Assert.Equal(1, i.GetArrayLength())
    Assert.Equal("0", i.[0].GetProperty("lower").GetProperty("exact").GetString())
    Assert.Equal("38", i.[0].GetProperty("upper").GetProperty("exact").GetString())

[<Fact>]
let ``a rule with a state that flips sign keeps the region of the moving part`` () =
    // c' = −c adds the eigenvalue −1 for every λ: p = (z + 1)(z − 1 + αλ), D ≡ 0, R = [0, 2/α]
    use dir = new TempDir()
    let file = ruleFile dir "flip-state.rule" "optimizer flip-state\nparams alpha > 0\nstate x, c\nx' = x - alpha*grad(x)\nc' = -c\n"
    let reg = json [ "region"; "--rule"; file; "--params"; "alpha=1/10"; "--format"; "json" ]
    let i = reg.GetProperty("intervals")
    Assert.Equal(1, i.GetArrayLength())
    Assert.Equal("0", i.[0].GetProperty("lower").GetProperty("exact").GetString())
    Assert.Equal("20", i.[0].GetProperty("upper").GetProperty("exact").GetString())

[<Fact>]
let ``jacobian shows the blocks, M and p for heavy ball, and LaTeX on request`` () =
    let code, out, _ = run [ "jacobian"; "--optimizer"; "heavy-ball" ]
    Assert.Equal(0, code)
    Assert.Contains("[ 1 + beta - alpha*lambda, -beta ]", out)
    Assert.Contains("p(z) = det(zI - M) = z^2 - (1 + beta - alpha*lambda)*z + beta", out)
    // a constant term with mixed signs keeps them
    let _, gd, _ = run [ "jacobian"; "--optimizer"; "gd" ]
    Assert.Contains("p(z) = det(zI - M) = z - 1 + alpha*lambda", gd)
    let _, usam, _ = run [ "jacobian"; "--optimizer"; "usam" ]
    Assert.Contains("p(z) = det(zI - M) = z - 1 + alpha*lambda + alpha*rho*lambda^2", usam)
    let code, latex, _ = run [ "jacobian"; "--optimizer"; "heavy-ball"; "--format"; "latex" ]
    Assert.Equal(0, code)
    let lines = latex.Trim().Split('\n') |> Array.map (fun l -> l.Trim())
    Assert.Equal(2, lines.Length)
    // M(λ) = [[1 + β − αλ, −β], [1, 0]]: two rows of two cells, read back from the pmatrix
    let m = Text.RegularExpressions.Regex.Match(lines.[0], @"^M\(\\lambda\) = \\begin\{pmatrix\} (.*) \\end\{pmatrix\}$")
    Assert.True(m.Success, lines.[0])
    let cells = m.Groups.[1].Value.Split(@" \\ ") |> Array.map (fun row -> row.Split(" & ") |> Array.map (fun c -> c.Trim()))
    Assert.Equal<string[][]>([| [| @"-\alpha \lambda + \beta + 1"; @"-\beta" |]; [| "1"; "0" |] |], cells)
    // p(z) collected by powers of z, each coefficient once, no \left( \right) pairs
    Assert.Equal(@"p(z) = z^{2} + (\alpha \lambda - \beta - 1) z + \beta", lines.[1])

[<Fact>]
let ``the regions table lists every catalog rule with its agreement`` () =
    let code, out, _ = run [ "regions"; "--samples"; "5" ]
    Assert.Equal(0, code)
    for name in EigenVerify.Symbolic.Catalog.names do
        Assert.Contains("| " + name + " ", out)
    Assert.Contains("0 <= lambda*(1 + rho*lambda)^2 <= 2/alpha (isolated point lambda = -1/rho)", out)
    Assert.DoesNotContain("DIFFERS", out)
    Assert.DoesNotContain("NO (", out)

let private stalingHeavyBall (filter: string option) =
    "optimizer hb-file\nparams alpha > 0, 0 <= beta < 1\nstate x, x_prev\nx' = x - alpha*grad(x) + beta*(x - x_prev)\nx_prev' = x\n"
    + (filter |> Option.map (fun f -> "filter " + f + "\n") |> Option.defaultValue "")

[<Fact>]
let ``a rule file's filter statement is compared with the derived closed form and the exact regions`` () =
    use dir = new TempDir()
    let file = ruleFile dir "hb-file.rule" (stalingHeavyBall (Some "0 <= lambda <= 2*(1 + beta)/alpha"))
    let code, text, _ = run [ "region"; "--rule"; file ]
    Assert.Equal(0, code)
    Assert.Contains("paper: 0 <= lambda <= 2*(1 + beta)/alpha", text)
    Assert.Contains("agreement: agrees: symbolically equal; exact regions equal at 200/200 random points", text)
    let j = json [ "region"; "--rule"; file; "--format"; "json" ]
    Assert.Equal("0 <= lambda <= 2*(1 + beta)/alpha", j.GetProperty("paper").GetString())
    Assert.True(j.GetProperty("agreement").GetProperty("symbolic").GetBoolean())
    Assert.Equal(200, j.GetProperty("agreement").GetProperty("paperMatches").GetInt32())
    Assert.Equal("agrees", j.GetProperty("agreement").GetProperty("verdict").GetString())

[<Fact>]
let ``a wrong filter statement is reported as a disagreement`` () =
    // heavy ball's bound is 2(1 + β)/α, not 2/α: they differ for β > 0
    use dir = new TempDir()
    let file = ruleFile dir "hb-wrong.rule" (stalingHeavyBall (Some "0 <= lambda <= 2/alpha"))
    let code, text, _ = run [ "region"; "--rule"; file ]
    Assert.Equal(0, code)
    Assert.Contains("agreement: DIFFERS: not symbolically equal", text)
    let a = (json [ "region"; "--rule"; file; "--format"; "json" ]).GetProperty("agreement")
    Assert.False(a.GetProperty("symbolic").GetBoolean())
    Assert.True(a.GetProperty("paperMatches").GetInt32() < a.GetProperty("points").GetInt32())
    Assert.Equal(200, a.GetProperty("closedFormMatches").GetInt32())
    Assert.Equal("differs", a.GetProperty("verdict").GetString())

[<Fact>]
let ``a filter statement that describes the same set by other polynomials is not shown equal, and never called a disagreement`` () =
    // Four inner gradient steps: M = (1 − αλ)⁴, so p(z) = z − (1 − αλ)⁴ and the region is
    // |1 − αλ| ≤ 1, i.e. 0 ≤ λ ≤ 2/α, the stated set. The closed form is 1 − (1 − αλ)⁴ ≥ 0 (a
    // different polynomial), so equality is not shown symbolically, while the exact regions agree
    // at every sampled point.
    use dir = new TempDir()
    let text =
        "optimizer inner-gd-4\nparams alpha > 0\nstate x\nlet x1 = x - alpha*grad(x)\nlet x2 = x1 - alpha*grad(x1)\n"
        + "let x3 = x2 - alpha*grad(x2)\nx' = x3 - alpha*grad(x3)\nfilter 0 <= lambda <= 2/alpha\n"
    let file = ruleFile dir "inner-gd-4.rule" text
    let code, out, _ = run [ "region"; "--rule"; file ]
    Assert.Equal(0, code)
    Assert.Contains("agreement: not shown equal: not symbolically equal; exact regions equal at 200/200 random points", out)
    Assert.DoesNotContain("DIFFERS", out)
    let a = (json [ "region"; "--rule"; file; "--format"; "json" ]).GetProperty("agreement")
    Assert.Equal(("unproven", false, 200, 200), (a.GetProperty("verdict").GetString(), a.GetProperty("symbolic").GetBoolean(), a.GetProperty("paperMatches").GetInt32(), a.GetProperty("closedFormMatches").GetInt32()))

[<Fact>]
let ``a rule without a filter statement has no statement and no agreement to report`` () =
    use dir = new TempDir()
    let file = ruleFile dir "hb-none.rule" (stalingHeavyBall None)
    let j = json [ "region"; "--rule"; file; "--format"; "json" ]
    Assert.Equal(JsonValueKind.Null, j.GetProperty("paper").ValueKind)
    let mutable ignored = Unchecked.defaultof<JsonElement>
    Assert.False(j.TryGetProperty("agreement", &ignored))
    Assert.Equal("0 <= lambda <= 2*(1 + beta)/alpha", j.GetProperty("closedForm").GetString())
    let _, text, _ = run [ "region"; "--rule"; file ]
    Assert.Contains("agreement: no paper statement to compare", text)
    Assert.DoesNotContain("DIFFERS", text)

[<Fact>]
let ``a filter statement error in a rule file is reported as file:line:col with its kind`` () =
    use dir = new TempDir()
    let file = ruleFile dir "hb-bad.rule" (stalingHeavyBall (Some "0 <= mu <= 2/alpha"))
    let code, _, err = run [ "region"; "--rule"; file ]
    Assert.Equal(2, code)
    Assert.Matches(@"hb-bad\.rule:6:13: filter-variable: ", err)

[<Fact>]
let ``every bad input exits with 2 and one line naming the problem`` () =
    assertBadInput [ "region"; "--optimizer"; "no-such"; "--params"; "alpha=1" ] "unknown optimizer 'no-such'"
    assertBadInput [ "region"; "--params"; "alpha=1" ] "missing --optimizer NAME or --rule FILE"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--rule"; "x.rule" ] "either --optimizer or --rule"
    assertBadInput [ "region"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10" ] "missing hyperparameter 'beta'"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha=1/10,beta=1/2" ] "unknown hyperparameter 'beta'"
    assertBadInput [ "region"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/10,beta=1" ] "outside its domain"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha=-1" ] "outside its domain"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha" ] "name=value"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha=one" ] "not an exact number"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--params"; "alpha=1,alpha=2" ] "given twice"
    assertBadInput [ "region"; "--rule"; "/nonexistent/dir/none.rule" ] "/nonexistent/dir/none.rule: no such rule file"
    assertBadInput [ "region"; "--optimizer"; "gd"; "--format"; "yaml" ] "yaml"
    assertBadInput [ "jacobian"; "--optimizer"; "gd"; "--format"; "jsn" ] "did you mean json?"
    assertBadInput [ "regions"; "--samples"; "0" ] "--samples"
    assertBadInput [ "frobnicate" ] "frobnicate"
    assertBadInput [ "jacobian"; "--optimizer"; "sam" ] "C¹"

[<Fact>]
let ``rule errors are reported as file:line:col`` () =
    use dir = new TempDir()
    let file = ruleFile dir "broken.rule" "optimizer broken\nparams alpha > 0\nstate x\nx' = x - alpha*grad(x\n"
    let code, _, err = run [ "region"; "--rule"; file ]
    Assert.Equal(2, code)
    Assert.Matches(@"^error: .*broken\.rule:4:\d+: \S+: ", err.Trim())
    use dir = new TempDir()
    let unknown = ruleFile dir "unknown.rule" "optimizer u\nparams alpha > 0\nstate x\nx' = x - gamma*grad(x)\n"
    let _, _, err2 = run [ "jacobian"; "--rule"; unknown ]
    Assert.Matches(@"unknown\.rule:4:\d+: unknown-name: ", err2)

[<Fact>]
let ``a rule whose critical points are not fixed points is refused with the reason`` () =
    use dir = new TempDir()
    let file = ruleFile dir "decay.rule" "optimizer decay\nparams alpha > 0\nstate x\nx' = x - alpha*grad(x) - alpha*x/10\n"
    let code, _, err = run [ "region"; "--rule"; file; "--params"; "alpha=1/10" ]
    Assert.Equal(2, code)
    Assert.StartsWith("error: decay: ", err)
