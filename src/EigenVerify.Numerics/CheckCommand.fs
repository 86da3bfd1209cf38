namespace EigenVerify.Numerics

open System
open System.IO
open Spectre.Console
open EigenVerify.Algebra
open EigenVerify.Symbolic
open FsCheck
open FsCheck.FSharp

/// What `eigenverify check` runs: statistics of one family under one rule.
type FamilyStats =
    { Family: string
      Runs: int
      Converged: int
      Diverged: int
      Undecided: int
      Critical: int
      NonCritical: int
      AtEdge: int
      /// At the edge with a nonsingular Hessian: ρ ≈ 1 not merely from the flat directions
      /// (λ = 0 always gives the root z = 1).
      AtSharpEdge: int
      MedianIterations: int
      MaxRho: float
      RhoFailures: int
      RegionFailures: int
      RegionChecked: int }

/// A violating run after shrinking, with the seed that reproduces the original.
type Counterexample =
    { Family: string
      Seed: int64
      Original: RunResult
      Shrunk: RunResult
      ShrinkSteps: int
      Violations: string list }

/// `eigenverify check`: many runs of one rule on sampled losses, properties (a) and (b) on each.
[<RequireQualifiedAccess>]
module CheckCommand =
    type Args =
        { Optimizer: string option
          RuleFile: string option
          Family: string option
          Runs: int
          Seed: int64 }

    let defaults = { Optimizer = None; RuleFile = None; Family = None; Runs = 200; Seed = 1L }

    /// Consecutive seeds share one loss this many times (different hyperparameters and starts),
    /// so compiling the loss is paid once per group.
    let runsPerLoss = 5L

    /// The case with this seed: the loss from seed ⌊s/5⌋, the rest from s, so one seed alone
    /// replays a case (`--runs 1 --seed s`).
    let caseFor (m: OptimizerModel) (family: Family) (seed: int64) : RunCase =
        let rnd (s: int64) = Rnd(uint64 s)
        let lossSeed = if seed >= 0L then seed / runsPerLoss else (seed - runsPerLoss + 1L) / runsPerLoss
        let spec = (Gen.sampleWithSeed (rnd lossSeed) 10 1 family.Generator).[0]
        (Gen.sampleWithSeed (rnd seed) 10 1 (RunCase.caseGen m.State.Length m.Params.Length (Gen.constant spec))).[0]

    let private fail (err: TextWriter) (msg: string) =
        err.WriteLine("error: " + msg)
        2

    let loadModel (a: Args) : Result<OptimizerModel, string> = RuleSource.load a.Optimizer a.RuleFile

    let stats (family: string) (results: RunResult[]) : FamilyStats =
        let analyses = results |> Array.choose (fun r -> r.Analysis)
        let iterations = results |> Array.map (fun r -> r.Iterations) |> Array.sort
        let count p = results |> Array.filter p |> Array.length
        { Family = family
          Runs = results.Length
          Converged = analyses.Length
          Diverged = count (fun r -> r.Outcome = Diverged)
          Undecided = count (fun r -> r.Outcome = Undecided)
          Critical = analyses |> Array.filter (fun a -> a.Critical) |> Array.length
          NonCritical = analyses |> Array.filter (fun a -> not a.Critical) |> Array.length
          AtEdge = analyses |> Array.filter RunProperties.atEdge |> Array.length
          AtSharpEdge = analyses |> Array.filter (fun a -> RunProperties.atEdge a && a.Eigenvalues |> Array.forall (fun l -> abs l > 1e-6)) |> Array.length
          MedianIterations = (if iterations.Length = 0 then 0 else iterations.[iterations.Length / 2])
          MaxRho = (if analyses.Length = 0 then nan else analyses |> Array.map (fun a -> a.Rho) |> Array.max)
          RhoFailures = analyses |> Array.filter (RunProperties.rhoHolds >> not) |> Array.length
          RegionFailures = analyses |> Array.filter (fun a -> RunProperties.regionHolds a = Some false) |> Array.length
          RegionChecked = analyses |> Array.filter (fun a -> (RunProperties.regionHolds a).IsSome) |> Array.length }

    /// Greedy shrinking: take the first simpler case that still violates a property, repeat.
    let shrink (settings: Settings) (session: Session) (start: RunResult) : RunResult * int =
        let rec go (current: RunResult) steps =
            if steps >= 100 then current, steps
            else
                let next =
                    RunCase.shrink current.Case
                    |> Seq.map (fun c -> try Some(Runner.run settings session c) with _ -> None)
                    |> Seq.choose id
                    |> Seq.tryFind (fun r -> not (RunProperties.violations r).IsEmpty)
                match next with
                | Some r -> go r (steps + 1)
                | None -> current, steps
        go start 0

    let private floats (xs: float[]) = xs |> Array.map (sprintf "%.6g") |> String.concat ", "

    /// The counterexample block: everything needed to understand and replay it.
    let describe (m: OptimizerModel) (a: Args) (c: Counterexample) (w: TextWriter) =
        let r = c.Shrunk
        let loss = LossSpec.build r.Case.Spec
        let source =
            match a.RuleFile with
            | Some f -> sprintf "--rule %s" f
            | None -> sprintf "--optimizer %s" m.Name
        w.WriteLine(sprintf "counterexample (family %s, seed %d, shrunk in %d steps):" c.Family c.Seed c.ShrinkSteps)
        for v in c.Violations do
            w.WriteLine("  violated: " + v)
        w.WriteLine(sprintf "  loss (n = %d): f(x) = %s" loss.Dimension (Loss.toText loss))
        w.WriteLine("  hyperparameters: " + (m.Params |> List.map (fun p -> sprintf "%s = %O" p.Name r.Params.[p.Name]) |> String.concat ", "))
        if m.UsesPreconditioner then
            w.WriteLine("  preconditioner diagonal: " + (RunCase.precond r.Case.PrecondDraws |> List.map string |> String.concat ", "))
        List.zip m.State r.Case.Start
        |> List.iter (fun (s, v) -> w.WriteLine(sprintf "  start %s = (%s)" s (v |> List.map string |> String.concat ", ")))
        w.WriteLine(sprintf "  limit after %d iterations: (%s)" r.Iterations (floats r.Final))
        match r.Analysis with
        | Some an ->
            w.WriteLine(sprintf "  rho(Jac G) = %.12g; |grad f| = %.3g; Hessian eigenvalues: %s" an.Rho an.GradientNorm (floats an.Eigenvalues))
            match an.Region with
            | Some(Ok region) -> w.WriteLine("  exact region: " + EigenVerify.Filtering.Region.toText region)
            | _ -> ()
        | None -> ()
        w.WriteLine(sprintf "  replay: eigenverify check %s --family %s --runs 1 --seed %d" source c.Family c.Seed)

    let private console (out: TextWriter) =
        let settings = AnsiConsoleSettings(Out = AnsiConsoleOutput(out))
        if not (Object.ReferenceEquals(out, Console.Out)) then
            settings.Ansi <- AnsiSupport.No
            settings.ColorSystem <- ColorSystemSupport.NoColors
            settings.Interactive <- InteractionSupport.No
        let c = AnsiConsole.Create settings
        c.Profile.Width <- max c.Profile.Width 160
        c

    /// Runs the check; 0 when every property held, 1 with counterexamples, 2 on bad input.
    let run (a: Args) (out: TextWriter) (err: TextWriter) : int =
        match loadModel a with
        | Error e -> fail err e
        | Ok m ->
            match m.Smoothness with
            | NonSmooth reason ->
                fail err (sprintf "%s is not C¹ (%s): the filtering theorem does not apply, so there is nothing to check" m.Name reason)
            | Smooth ->
                let families =
                    match a.Family with
                    | None -> Ok Families.all
                    | Some name ->
                        match Families.tryFind name with
                        | Some f -> Ok [ f ]
                        | None -> Error(sprintf "unknown family '%s' (known: %s)" name (Families.all |> List.map (fun f -> f.Name) |> String.concat ", "))
                match families with
                | Error e -> fail err e
                | Ok _ when a.Runs < 1 -> fail err (sprintf "--runs must be at least 1 (got %d)" a.Runs)
                | Ok families ->
                    let settings = Runner.defaults
                    let session = Session(m)
                    let con = console out
                    con.MarkupLine(sprintf "checking [bold]%s[/] on %d famil%s, %d runs each, seed %d" (Markup.Escape m.Name) families.Length (if families.Length = 1 then "y" else "ies") a.Runs a.Seed)
                    match session.Linearized with
                    | Error e -> con.WriteLine(sprintf "no exact region for %s (%s): property (b) is skipped" m.Name e)
                    | Ok _ -> ()
                    let results =
                        con.Progress().Start(fun ctx ->
                            families
                            |> List.map (fun f ->
                                let task = ctx.AddTask(f.Name, maxValue = float a.Runs)
                                let seeds = Array.init a.Runs (fun i -> a.Seed + int64 i)
                                let rs =
                                    seeds
                                    |> Array.Parallel.map (fun s ->
                                        let r = Runner.run settings session (caseFor m f s)
                                        task.Increment 1.0
                                        s, r)
                                f, rs))
                    let table = Table()
                    for h in [ "family"; "runs"; "conv"; "div"; "undec"; "crit"; "non-crit"; "edge"; "edge, H nonsing."; "med iters"; "max rho"; "(a) fail"; "(b) checked"; "(b) fail" ] do
                        table.AddColumn(h) |> ignore
                    let allStats = results |> List.map (fun (f, rs) -> stats f.Name (Array.map snd rs))
                    for s in allStats do
                        table.AddRow(
                            [| s.Family; string s.Runs; string s.Converged; string s.Diverged; string s.Undecided; string s.Critical
                               string s.NonCritical; string s.AtEdge; string s.AtSharpEdge; string s.MedianIterations
                               (if Double.IsNaN s.MaxRho then "-" else sprintf "%.6f" s.MaxRho)
                               string s.RhoFailures; string s.RegionChecked; string s.RegionFailures |]
                            |> Array.map Markup.Escape
                        )
                        |> ignore
                    con.Write table
                    let total = allStats |> List.sumBy (fun s -> s.Runs)
                    let converged = allStats |> List.sumBy (fun s -> s.Converged)
                    let edge = allStats |> List.sumBy (fun s -> s.AtEdge)
                    let sharp = allStats |> List.sumBy (fun s -> s.AtSharpEdge)
                    let nonCritical = allStats |> List.sumBy (fun s -> s.NonCritical)
                    con.WriteLine(
                        sprintf "converged %d/%d (%.1f%%), at the edge (rho >= 1 - %g) %d (%.1f%% of converged; %d with a nonsingular Hessian), non-critical fixed points %d"
                            converged total (100.0 * float converged / float total) RunProperties.edgeWidth edge
                            (if converged = 0 then 0.0 else 100.0 * float edge / float converged) sharp nonCritical
                    )
                    con.WriteLine(
                        sprintf "tolerances: (a) rho <= 1 + %g; (b) distance to the exact region <= %g*(1 + |lambda|); convergence: step <= %g and estimated distance to the limit <= %g (times 1 + |state|) for %d iterations, confirmed after %d random kick(s) of relative size %g, within %d iterations"
                            RunProperties.rhoTolerance RunProperties.regionTolerance settings.StepTolerance settings.DistanceTolerance settings.Patience settings.Confirmations settings.Kick settings.MaxIterations
                    )
                    let counterexamples =
                        results
                        |> List.choose (fun (f, rs) ->
                            rs
                            |> Array.tryFind (fun (_, r) -> not (RunProperties.violations r).IsEmpty)
                            |> Option.map (fun (s, r) ->
                                let shrunk, steps = shrink settings session r
                                { Family = f.Name
                                  Seed = s
                                  Original = r
                                  Shrunk = shrunk
                                  ShrinkSteps = steps
                                  Violations = RunProperties.violations shrunk }))
                    if counterexamples.IsEmpty then
                        con.WriteLine(sprintf "passed: every converged run satisfied (a) and, at critical points, (b)")
                        0
                    else
                        for c in counterexamples do
                            describe m a c out
                        out.WriteLine(sprintf "FAILED: %d famil%s with counterexamples" counterexamples.Length (if counterexamples.Length = 1 then "y" else "ies"))
                        1
