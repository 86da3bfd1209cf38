namespace EigenVerify.Numerics

open System
open EigenVerify.Algebra
open EigenVerify.Symbolic
open FsCheck
open FsCheck.FSharp

/// Statistics of one family under one rule.
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

/// Many runs of one rule on sampled losses, properties (a) and (b) on each; pure apart from the
/// per-run callback (progress).
[<RequireQualifiedAccess>]
module PropertyCheck =

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
            if steps >= 100 then
                current, steps
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

    /// The runs of one family: seeds seed, seed + 1, …, in parallel; `afterRun` is called once
    /// per finished run (from any thread).
    let runFamily (settings: Settings) (session: Session) (family: Family) (runs: int) (seed: int64) (afterRun: unit -> unit) =
        let m = session.Model
        Array.init runs (fun i -> seed + int64 i)
        |> Array.Parallel.map (fun s ->
            let r = Runner.run settings session (caseFor m family s)
            afterRun ()
            s, r)

    /// The first violating run of a family, shrunk.
    let counterexample (settings: Settings) (session: Session) (family: Family) (results: (int64 * RunResult)[]) : Counterexample option =
        results
        |> Array.tryFind (fun (_, r) -> not (RunProperties.violations r).IsEmpty)
        |> Option.map (fun (s, r) ->
            let shrunk, steps = shrink settings session r
            { Family = family.Name
              Seed = s
              Original = r
              Shrunk = shrunk
              ShrinkSteps = steps
              Violations = RunProperties.violations shrunk })

    let private floats (xs: float[]) = xs |> Array.map (sprintf "%.6g") |> String.concat ", "

    /// Everything needed to understand a counterexample, one line each (the replay command is
    /// the caller's: it knows how the rule was named).
    let describe (m: OptimizerModel) (c: Counterexample) : string list =
        let r = c.Shrunk
        let loss = LossSpec.build r.Case.Spec
        [ yield sprintf "loss (n = %d): f(x) = %s" loss.Dimension (Loss.toText loss)
          yield "hyperparameters: " + (m.Params |> List.map (fun p -> sprintf "%s = %O" p.Name r.Params.[p.Name]) |> String.concat ", ")
          if m.UsesPreconditioner then
              yield "preconditioner diagonal: " + (RunCase.precond r.Case.PrecondDraws |> List.map string |> String.concat ", ")
          for s, v in List.zip m.State r.Case.Start do
              yield sprintf "start %s = (%s)" s (v |> List.map string |> String.concat ", ")
          yield sprintf "limit after %d iterations: (%s)" r.Iterations (floats r.Final)
          match r.Analysis with
          | Some an ->
              yield sprintf "rho(Jac G) = %.12g; |grad f| = %.3g; Hessian eigenvalues: %s" an.Rho an.GradientNorm (floats an.Eigenvalues)
              match an.Region with
              | Some(Ok region) -> yield "exact region: " + EigenVerify.Filtering.Region.toText region
              | _ -> ()
          | None -> () ]
