namespace EigenVerify

open System
open EigenVerify.Numerics

/// The statistics of one loss family under one rule.
[<NoComparison>]
type FamilyStatistics =
    { /// The family's name.
      Family: string
      /// Runs made.
      Runs: int
      /// Runs that converged.
      Converged: int
      /// Runs that diverged.
      Diverged: int
      /// Runs neither converged nor diverged within the iteration limit.
      Undecided: int
      /// Converged runs whose limit is a critical point of the loss.
      Critical: int
      /// Converged runs whose limit is not a critical point (e.g. USAM's extra fixed points).
      NonCritical: int
      /// Converged runs at the edge of stability: ρ(Jac G) ≥ 1 − EdgeWidth.
      AtEdge: int
      /// At the edge with a nonsingular Hessian (not merely through flat directions).
      AtSharpEdge: int
      /// Median iterations over all runs.
      MedianIterations: int
      /// Largest ρ(Jac G) at a limit; NaN when no run converged.
      MaxRho: float
      /// Converged runs violating (a): ρ(Jac G) ≤ 1 + RhoTolerance.
      RhoFailures: int
      /// Runs where (b) was checked: critical limits of a rule with an exact region.
      RegionChecked: int
      /// Runs violating (b): every Hessian eigenvalue in the exact region.
      RegionFailures: int }

/// A violating run, shrunk, with the seed that reproduces the original.
[<NoComparison>]
type PropertyCounterexample =
    { /// The family it came from.
      Family: string
      /// The seed of the original run: checking one run from this seed replays it.
      Seed: int64
      /// Shrinking steps taken.
      ShrinkSteps: int
      /// The violated properties, in words.
      Violations: string[]
      /// Loss, hyperparameters, start, limit, ρ and eigenvalues of the shrunk run, one line each.
      Details: string[] }

/// The outcome of a property check of one rule.
[<NoComparison>]
type PropertyReport =
    { /// The rule's name.
      Optimizer: string
      /// Runs per family.
      Runs: int
      /// The first seed; run i of a family uses seed + i.
      Seed: int64
      /// Per-family statistics, in the order checked.
      Families: FamilyStatistics[]
      /// At most one per family.
      Counterexamples: PropertyCounterexample[]
      /// True when every converged run satisfied (a) and, at critical points, (b).
      Passed: bool
      /// Why property (b) was skipped (the rule has no exact region), or "".
      RegionSkipped: string
      /// (a) holds when ρ(Jac G) ≤ 1 + RhoTolerance.
      RhoTolerance: float
      /// (b) holds when each eigenvalue is within RegionTolerance·(1 + |λ|) of the exact region.
      RegionTolerance: float
      /// "At the edge": ρ ≥ 1 − EdgeWidth.
      EdgeWidth: float
      /// The convergence test and tolerances, in words.
      Settings: string }

/// Property-based checks of the theorem on sampled losses: (a) a converged run has
/// ρ(Jac G) ≤ 1 at its limit; (b) at a critical limit, every Hessian eigenvalue lies in the exact
/// region of the run's hyperparameters.
[<RequireQualifiedAccess>]
module Property =

    /// The loss families, in the order checked.
    [<CompiledName("Families")>]
    let families () : string[] = Families.all |> List.map (fun f -> f.Name) |> Array.ofList

    /// Checks `runs` runs per family (`family` one name, or "" for all), run i of a family from
    /// seed + i; `progress` (may be null) receives the family name after each run. Raises
    /// EigenVerifyException: NotApplicable for a rule that is not C¹, InvalidArgument for an
    /// unknown family or runs below 1.
    [<CompiledName("Check")>]
    let check (rule: OptimizerRule) (family: string) (runs: int) (seed: int64) (progress: IProgress<string>) : PropertyReport =
        let m = rule.Model
        if not rule.IsSmooth then
            Errors.fail
                ErrorKind.NotApplicable
                (sprintf "%s is not C¹ (%s): the filtering theorem does not apply, so there is nothing to check" rule.Name rule.NonSmoothReason)
        let chosen =
            if String.IsNullOrEmpty family then
                Families.all
            else
                match Families.tryFind family with
                | Some f -> [ f ]
                | None ->
                    Errors.fail
                        ErrorKind.InvalidArgument
                        (sprintf "unknown family '%s' (known: %s)" family (String.concat ", " (families ())))
        if runs < 1 then
            Errors.fail ErrorKind.InvalidArgument (sprintf "the number of runs must be at least 1 (got %d)" runs)
        let settings = Runner.defaults
        let session = Session(m)
        let results =
            chosen
            |> List.map (fun f ->
                let report () = if not (isNull progress) then progress.Report f.Name
                f, PropertyCheck.runFamily settings session f runs seed report)
        let stats = results |> List.map (fun (f, rs) -> PropertyCheck.stats f.Name (Array.map snd rs))
        let counterexamples =
            results
            |> List.choose (fun (f, rs) -> PropertyCheck.counterexample settings session f rs)
            |> List.map (fun c ->
                { Family = c.Family
                  Seed = c.Seed
                  ShrinkSteps = c.ShrinkSteps
                  Violations = Array.ofList c.Violations
                  Details = PropertyCheck.describe m c |> Array.ofList })
        { Optimizer = rule.Name
          Runs = runs
          Seed = seed
          Families =
            stats
            |> List.map (fun s ->
                { Family = s.Family
                  Runs = s.Runs
                  Converged = s.Converged
                  Diverged = s.Diverged
                  Undecided = s.Undecided
                  Critical = s.Critical
                  NonCritical = s.NonCritical
                  AtEdge = s.AtEdge
                  AtSharpEdge = s.AtSharpEdge
                  MedianIterations = s.MedianIterations
                  MaxRho = s.MaxRho
                  RhoFailures = s.RhoFailures
                  RegionChecked = s.RegionChecked
                  RegionFailures = s.RegionFailures })
            |> Array.ofList
          Counterexamples = Array.ofList counterexamples
          Passed = counterexamples.IsEmpty
          RegionSkipped =
            match session.Linearized with
            | Error e -> sprintf "no exact region for %s (%s): property (b) is skipped" rule.Name e
            | Ok _ -> ""
          RhoTolerance = RunProperties.rhoTolerance
          RegionTolerance = RunProperties.regionTolerance
          EdgeWidth = RunProperties.edgeWidth
          Settings =
            sprintf
                "convergence: step <= %g and estimated distance to the limit <= %g (times 1 + |state|) for %d iterations, confirmed after %d random kick(s) of relative size %g, within %d iterations"
                settings.StepTolerance
                settings.DistanceTolerance
                settings.Patience
                settings.Confirmations
                settings.Kick
                settings.MaxIterations }
