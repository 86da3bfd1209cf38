module EigenVerify.Proofs.Tests.ClosedFormCheckerTests

open System.IO
open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Proofs
open EigenVerify.TestSupport
open EigenVerify.Proofs.Tests.SolverFacts

let private fixturePath (name: string) =
    let root = repositoryRoot ()
    Path.Combine(root, "tests", "EigenVerify.Filtering.Tests", "fixtures", name + ".rule")

let private fixture (name: string) = Rule.parseOrRaise (File.ReadAllText(fixturePath name))

let private closedForm (m: OptimizerModel) =
    match RuleAnalysis.linearize m |> Result.bind (RuleAnalysis.closedForm (Some(ImplicationChecker.z3 "z3" 60))) with
    | Ok cf -> cf
    | Error e -> failwith e

let private inDomain (m: OptimizerModel) (point: Map<string, Rational>) =
    m.Params |> List.forall (fun d -> Hyperparameters.inDomain d point.[d.Name])

[<SolverFact>]
let ``with z3, every printed condition of the degree 3 to 5 fixtures is shown not implied by the others`` () =
    requireZ3 ()
    for name in
        [ "two-lag-heavy-ball"; "delayed-gradient-2"; "delayed-gradient-3"; "delayed-gradient-4"; "triple-momentum"
          "nesterov-lookahead"; "nesterov-wide" ] do
        let m = fixture name
        let cf = closedForm m
        Assert.NotEmpty(cf.Kept)
        for k in cf.Kept do
            match k.Decision with
            | IndependentAt point ->
                // checked again here, exactly: in the domain, the others hold, this one fails
                Assert.True(inDomain m point, sprintf "%s, %s: witness outside the domain" name k.Name)
                Assert.True((MPoly.eval point k.Condition).Sign < 0, sprintf "%s, %s: the condition holds at its witness" name k.Name)
                for other in cf.Conditions |> List.filter (fun c -> c <> k.Condition) do
                    Assert.True((MPoly.eval point other).Sign >= 0, sprintf "%s, %s: another condition fails at the witness" name k.Name)
            | other -> failwithf "%s, %s: kept without a witness (%A)" name k.Name other
        for d in cf.Dropped do
            match d.Decision with
            | IndependentAt _
            | Undecided _ -> failwithf "%s, %s: dropped without an argument" name d.Name
            | _ -> ()

[<SolverFact>]
let ``the implication checker refutes a false implication with an exact point and proves a true one`` () =
    requireZ3 ()
    let alpha, lam = MPoly.var "alpha", MPoly.var "lambda"
    let domain = ConditionLogic.ofParams [ { Name = "alpha"; Lower = Some { Value = Rational.zero; Inclusive = false }; Upper = None } ]
    let check = ImplicationChecker.z3 "z3" 60
    // λ ≥ 0 does not imply 2 − αλ ≥ 0: z3 must give a point with λ ≥ 0 and αλ > 2
    match check { Domain = domain; Variable = "lambda"; Hypotheses = [ lam ]; Goal = MPoly.constant (Rational.ofInt 2) - alpha * lam } with
    | Refuted point ->
        Assert.True(point.["alpha"].Sign > 0 && point.["lambda"].Sign >= 0)
        Assert.True(point.["alpha"] * point.["lambda"] > Rational.ofInt 2)
    | other -> failwithf "expected a counterexample, got %A" other
    // 0 ≤ αλ ≤ 1 implies 2 − αλ ≥ 0
    match check { Domain = domain; Variable = "lambda"; Hypotheses = [ lam; MPoly.one - alpha * lam ]; Goal = MPoly.constant (Rational.ofInt 2) - alpha * lam } with
    | Proved e ->
        Assert.Equal("z3", e.Checker)
        Assert.Contains("(check-sat)", e.Certificate)
    | other -> failwithf "expected a proof, got %A" other
