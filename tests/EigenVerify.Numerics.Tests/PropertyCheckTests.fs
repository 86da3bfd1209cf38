module EigenVerify.Numerics.Tests.PropertyCheckTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Numerics

[<Fact>]
let ``one seed alone replays a run of a batch, as the printed replay command promises`` () =
    let m = Catalog.load "heavy-ball"
    let f = (Families.tryFind "network").Value
    let session = Session m
    // a batch of five runs from seed 10, then seed 12 alone in a fresh session
    let batch = PropertyCheck.runFamily Runner.defaults session f 5 10L ignore
    let alone = PropertyCheck.runFamily Runner.defaults (Session m) f 1 12L ignore
    let seed, inBatch = batch.[2]
    Assert.Equal(12L, seed)
    let _, replayed = alone.[0]
    Assert.Equal(inBatch.Case, replayed.Case)
    Assert.Equal(inBatch.Outcome, replayed.Outcome)
    Assert.Equal(inBatch.Iterations, replayed.Iterations)
    Assert.Equal<float[]>(inBatch.Final, replayed.Final)
    // consecutive seeds share the loss (compiled once per group of 5) but not the start
    let a = PropertyCheck.caseFor m f 10L
    let b = PropertyCheck.caseFor m f 11L
    Assert.Equal(a.Spec, b.Spec)
    Assert.NotEqual<Rational list list>(a.Start, b.Start)
    // the next group has another loss
    Assert.NotEqual((PropertyCheck.caseFor m f 15L).Spec, a.Spec)

[<Fact>]
let ``a counterexample is described with loss, hyperparameters, start, limit and rho`` () =
    let m = Catalog.load "gd"
    let session = Session m
    let case =
        { Spec = Quadratic([ Rational.ofInt -1 ], [], [ Rational.zero ])
          ParamDraws = [ Rational.parse "1/2" ]
          PrecondDraws = [ Rational.zero ]
          Start = [ [ Rational.zero ] ] }
    // the plain iteration (no confirming kick) stays on the saddle of f = -x^2/2: a ready-made
    // violation of (a), since there rho(Jac G) = 1 + alpha > 1
    let r = Runner.run { Runner.defaults with Confirmations = 0 } session case
    let violations = RunProperties.violations r
    Assert.NotEmpty(violations)
    Assert.StartsWith("(a) converged but rho(Jac G) = ", violations.Head)
    let c = { Family = "quadratic"; Seed = 42L; Original = r; Shrunk = r; ShrinkSteps = 0; Violations = violations }
    let lines = PropertyCheck.describe m c
    Assert.StartsWith("loss (n = 1): f(x) = ", lines.[0])
    Assert.StartsWith("hyperparameters: alpha = ", lines.[1])
    Assert.Contains("start x = (0)", lines)
    Assert.Contains(lines, fun l -> l.StartsWith "limit after ")
    Assert.Contains(lines, fun l -> l.StartsWith "rho(Jac G) = ")

[<Fact>]
let ``sampled hyperparameters satisfy the rule's relations exactly, every one of them`` () =
    let m =
        Rule.parseOrRaise (
            String.concat "\n" [ "optimizer ordered"; "params alpha > 0, 0 < beta1 < 1, 0 < beta2 < 1, beta1 < beta2, -1 <= c <= 1, c <= beta1"; "state x"; "x' = x - alpha*grad(x)" ]
        )
    let rng = System.Random 7
    let draws () = List.init m.Params.Length (fun _ -> Rational.ofFraction (rng.Next 10000) 10000)
    let cases = List.init 500 (fun _ -> draws ())
    // the relations bite: resolved inside the box alone, many draws put beta1 >= beta2 or c > beta1
    let boxOnly = { m with Relations = [] }
    let outside =
        cases
        |> List.filter (fun d ->
            let v = RunCase.resolve boxOnly 1.0 d
            not (v.["beta1"] < v.["beta2"] && v.["c"] <= v.["beta1"]))
    Assert.True(outside.Length > 100, sprintf "only %d of 500 box draws violate the relations" outside.Length)
    for d in cases do
        let v = RunCase.resolve m 1.0 d
        // checked here from the rule text, independently of the checker's relation polynomials
        Assert.True(v.["alpha"] > Rational.zero)
        Assert.True(Rational.zero < v.["beta1"] && v.["beta1"] < v.["beta2"] && v.["beta2"] < Rational.one, sprintf "%A" v)
        Assert.True(-Rational.one <= v.["c"] && v.["c"] <= v.["beta1"], sprintf "%A" v)
