/// The JSON contract fixtures in tests/fixtures/json are the CLI's real output, byte for byte;
/// the C# experiments tests read the same files. Regenerate them after a deliberate change with
/// `EIGENVERIFY_UPDATE_FIXTURES=1 dotnet test tests/EigenVerify.Cli.Tests -c Release --filter JsonFixture`.
module EigenVerify.Cli.Tests.JsonFixtureTests

open System
open System.IO
open System.Text.Json
open Xunit
open EigenVerify.TestSupport
open EigenVerify.Cli.Tests.CliRunner

/// File name, arguments. Each is deterministic: exact regions, fixed seeds, no timings.
let fixtures =
    [ "region-gd.json", [ "region"; "--optimizer"; "gd"; "--params"; "alpha=1/10" ]
      "region-heavy-ball.json", [ "region"; "--optimizer"; "heavy-ball"; "--params"; "alpha=1/100,beta=9/10" ]
      "region-usam.json", [ "region"; "--optimizer"; "usam"; "--params"; "alpha=1/10,rho=1/20" ]
      "region-two-step-usam.json", [ "region"; "--optimizer"; "two-step-usam"; "--params"; "alpha=1/10,rho=1/20" ]
      "region-sam.json", [ "region"; "--optimizer"; "sam"; "--params"; "alpha=1/10,rho=1/20" ]
      "region-adam-frozen.json", [ "region"; "--optimizer"; "adam-frozen"; "--params"; "alpha=1/100,beta1=9/10" ]
      "closed-form-nesterov.json", [ "region"; "--optimizer"; "nesterov"; "--samples"; "20" ]
      "regions.json", [ "regions"; "--samples"; "20" ]
      "jacobian-heavy-ball.json", [ "jacobian"; "--optimizer"; "heavy-ball" ]
      "check-gd.json", [ "check"; "--optimizer"; "gd"; "--family"; "quadratic"; "--runs"; "10"; "--seed"; "5" ]
      "prove-gd.json", [ "prove"; "--optimizer"; "gd"; "--params"; "alpha=1/10"; "--out"; "gd-proofs" ] ]

let private folder () = Path.Combine(repositoryRoot (), "tests", "fixtures", "json")

let private generate (args: string list) =
    use dir = new TempDir()
    let code, out, err = runIn dir.Path (args @ [ "--format"; "json" ])
    Assert.True((code = 0), sprintf "%A: %s" args err)
    out

[<Fact>]
let ``the JSON fixtures are what the CLI prints today`` () =
    let update = Environment.GetEnvironmentVariable "EIGENVERIFY_UPDATE_FIXTURES" = "1"
    if update then Directory.CreateDirectory(folder ()) |> ignore
    for name, args in fixtures do
        let actual = generate args
        let path = Path.Combine(folder (), name)
        if update then
            File.WriteAllText(path, actual)
        else
            Assert.True(File.Exists path, sprintf "%s is missing: regenerate the fixtures (see this file's header)" name)
            Assert.True((File.ReadAllText path = actual), sprintf "tests/fixtures/json/%s differs from `eigenverify %s --format json`: regenerate the fixtures if the change is deliberate" name (String.concat " " args))
    // no stray fixture without a generator
    let present = Directory.GetFiles(folder (), "*.json") |> Array.map Path.GetFileName |> Array.sort
    Assert.Equal<string[]>(fixtures |> List.map fst |> List.sort |> Array.ofList, present)

[<Fact>]
let ``each region fixture parses and its exact endpoints agree with hand derivations`` () =
    let read name = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder (), name))).RootElement
    let upper (e: JsonElement) i = e.GetProperty("intervals").[i].GetProperty("upper").GetProperty("exact").GetString()
    // GD: [0, 2/alpha] = [0, 20]; heavy ball: [0, 2(1 + beta)/alpha] = [0, 380]; Adam (frozen):
    // [0, 2(1 + beta1)/(alpha(1 - beta1))] = [0, 3800] in mu
    Assert.Equal("20", upper (read "region-gd.json") 0)
    Assert.Equal("380", upper (read "region-heavy-ball.json") 0)
    let adam = read "region-adam-frozen.json"
    Assert.Equal("3800", upper adam 0)
    Assert.Equal("mu", adam.GetProperty("variable").GetString())
    // USAM: lambda*(1 + rho*lambda) >= 0 ends at -1/rho = -20 (and 0); alpha*lambda*(1 + rho*lambda) <= 2
    // has the roots -10 ± 10√5
    let usam = read "region-usam.json"
    Assert.Equal("-20", upper usam 0)
    Assert.Equal("-10+10*sqrt(5)", upper usam 1)
    Assert.False((read "region-sam.json").GetProperty("theoremApplies").GetBoolean())
