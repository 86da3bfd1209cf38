namespace EigenVerify.Numerics

open System
open System.Collections.Concurrent
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

type Outcome =
    | Converged
    | Diverged
    | Undecided

/// The documented convergence test (see README, "check"). With δ_k = ‖s_k − s_{k−1}‖∞, a run
/// converges at iteration k when, for `Patience` consecutive iterations,
///   · δ_k ≤ StepTolerance·(1 + ‖s_k‖∞), and
///   · the geometric tail δ_k·q/(1 − q), with q = (δ_k/δ_{k−w})^{1/w} the mean contraction over
///     the last w ≤ `Window` steps, is ≤ DistanceTolerance·(1 + ‖s_k‖∞)
/// (q ≥ 1 means no contraction: not converged). The second condition rejects plateaus, where
/// steps are tiny but do not shrink.
///
/// Confirmation: a run can pass close to an unstable fixed point along its stable manifold, its
/// unstable component near rounding level, and meet both conditions thousands of steps before
/// it visibly escapes. So when they first hold, the state is perturbed by a random relative
/// kick of size `Kick` (a restart from a nearby generic point, which the theorem equally
/// covers) and iterated on; the run converges only when the conditions hold again after
/// `Confirmations` kicks, and the limit is the last one. Unstable points are left (the kick's
/// unstable component grows), stable ones are re-reached.
///
/// A run diverges when a coordinate leaves [−DivergenceBound, DivergenceBound] or stops being
/// finite; after MaxIterations it is undecided.
type Settings =
    { MaxIterations: int
      StepTolerance: float
      DistanceTolerance: float
      Window: int
      Patience: int
      Confirmations: int
      Kick: float
      DivergenceBound: float }

type LimitAnalysis =
    { /// ‖∇f(x̄)‖∞ at the limit's iterate.
      GradientNorm: float
      /// ∇f(x̄) = 0 within `Runner.criticalTolerance`.
      Critical: bool
      /// ρ(Jac G(s̄)).
      Rho: float
      /// Eigenvalues of ∇²f(x̄) (λ) or of P⁻¹∇²f(x̄) (μ, preconditioned rules), ascending.
      Eigenvalues: float[]
      /// The exact region at the run's hyperparameters, when x̄ is critical and the rule linearizes.
      Region: Result<Region, string> option
      /// Distance of each eigenvalue to the region (0 inside).
      RegionDistances: float[]
      /// ρ(M(λ; θ)) for each eigenvalue λ, from the exact characteristic polynomial evaluated
      /// in double: how far outside the unit disk a measured eigenvalue puts the linearization.
      ModelRhos: float[] }

type RunResult =
    { Case: RunCase
      Params: Map<string, Rational>
      Outcome: Outcome
      Iterations: int
      Final: float[]
      Analysis: LimitAnalysis option }

/// A rule ready to run on many losses: compiled losses and steps are cached (a family reuses
/// its losses across rules and runs), as are exact regions per hyperparameter point.
type Session(model: OptimizerModel) =
    static let losses = ConcurrentDictionary<LossSpec, Lazy<CompiledLoss>>()
    let steps = ConcurrentDictionary<LossSpec, Lazy<StepMap>>()
    let linearized = lazy (RuleAnalysis.linearize model)
    let regions = ConcurrentDictionary<Map<string, Rational>, Lazy<Result<Region, string>>>()

    member _.Model = model

    static member Loss(spec: LossSpec) =
        losses.GetOrAdd(spec, fun s -> lazy (CompiledLoss.prepare (LossSpec.build s))).Value

    member _.Step(spec: LossSpec) =
        steps.GetOrAdd(spec, fun s -> lazy (StepCompiler.compile model (Session.Loss s))).Value

    /// The rule's linearization, or why it has none.
    member _.Linearized = linearized.Value

    member _.CharPolyAt(values: Map<string, Rational>) =
        linearized.Value |> Result.bind (fun s -> RuleAnalysis.charPolyAt s values)

    member _.Region(values: Map<string, Rational>) =
        regions.GetOrAdd(values, fun v -> lazy (linearized.Value |> Result.bind (fun s -> RuleAnalysis.exactRegionAt s v))).Value

[<RequireQualifiedAccess>]
module Runner =
    let defaults =
        { MaxIterations = 20000
          StepTolerance = 1e-12
          DistanceTolerance = 1e-9
          Window = 64
          Patience = 5
          Confirmations = 1
          Kick = 1e-6
          DivergenceBound = 1e6 }

    /// ∇f(x̄) counts as zero below this (‖·‖∞): converged runs at critical points end with
    /// gradients near 1e-10 or below (step tolerance over step size), while the non-critical
    /// fixed points of USAM-type rules keep gradients of order one.
    let criticalTolerance = 1e-6

    /// Iterates the compiled step; returns the outcome, iterations used and the last state.
    let iterate (settings: Settings) (step: StepMap) (theta: float[]) (start: float[]) =
        let mutable s = Array.copy start
        let mutable t = Array.zeroCreate start.Length
        let mutable k = 0
        let mutable calm = 0
        let mutable outcome = Undecided
        let w = settings.Window
        let deltas = Array.zeroCreate<float> w
        let mutable kicks = 0
        // the history the tail estimate uses restarts after each kick
        let mutable since = 0
        let rng = Random(20251010)
        while outcome = Undecided && k < settings.MaxIterations do
            step.Invoke(s, t, theta)
            k <- k + 1
            since <- since + 1
            let mutable delta = 0.0
            let mutable size = 0.0
            let mutable finite = true
            for i in 0 .. s.Length - 1 do
                let v = t.[i]
                if Double.IsNaN v || abs v > settings.DivergenceBound then finite <- false
                delta <- max delta (abs (v - s.[i]))
                size <- max size (abs s.[i])
            if not finite then outcome <- Diverged
            else
                // the step δ_{k−back}, back = min(since − 1, w − 1), is still in the ring
                let back = min (since - 1) (w - 1)
                let earlier = deltas.[(k - back) % w]
                deltas.[k % w] <- delta
                let tail =
                    if delta = 0.0 then 0.0
                    elif back = 0 || earlier = 0.0 then infinity
                    else
                        let q = Math.Pow(delta / earlier, 1.0 / float back)
                        if q >= 1.0 then infinity else delta * q / (1.0 - q)
                let scale = 1.0 + size
                let still = delta <= settings.StepTolerance * scale && tail <= settings.DistanceTolerance * scale
                calm <- (if still then calm + 1 else 0)
                if calm >= settings.Patience then
                    if kicks >= settings.Confirmations then
                        outcome <- Converged
                    else
                        kicks <- kicks + 1
                        calm <- 0
                        since <- 0
                        for i in 0 .. t.Length - 1 do
                            let sign = if rng.Next 2 = 0 then -1.0 else 1.0
                            t.[i] <- t.[i] + sign * settings.Kick * (0.5 + 0.5 * rng.NextDouble()) * (1.0 + abs t.[i])
            let tmp = s
            s <- t
            t <- tmp
        outcome, k, s

    /// θ for the compiled step: hyperparameters in declaration order, then P's diagonal.
    let theta (m: OptimizerModel) (values: Map<string, Rational>) (precond: Rational list) =
        StepCompiler.theta m (values |> Map.map (fun _ v -> Rational.toFloat v)) (precond |> List.map Rational.toFloat |> Array.ofList)

    /// The curvature scale at a point: the Hessian's spectral radius.
    let curvature (c: CompiledLoss) (x: float[]) =
        Spectrum.symmetricEigenvalues (CompiledLoss.hessianAt c x) |> Array.map abs |> Array.fold max 0.0

    /// Everything measured at a limit state.
    let analyse (session: Session) (c: CompiledLoss) (values: Map<string, Rational>) (precond: float[]) (th: float[]) (final: float[]) =
        let m = session.Model
        let n = c.Loss.Dimension
        let x = Array.sub final 0 n
        let g = CompiledLoss.gradientAt c x
        let gn = g |> Array.map abs |> Array.fold max 0.0
        let (_, jac) = Tangent.evaluate m c th final
        let rho = Spectrum.spectralRadius jac
        let h = CompiledLoss.hessianAt c x
        let critical = gn <= criticalTolerance
        let usesMu =
            match session.Linearized with
            | Ok s -> s.Variable = Mu
            | Error _ -> m.UsesPreconditioner
        let eig = if usesMu then Spectrum.preconditionedEigenvalues h precond else Spectrum.symmetricEigenvalues h
        let region = if critical then Some(session.Region values) else None
        let distances =
            match region with
            | Some(Ok r) -> eig |> Array.map (RegionAt.distance r)
            | _ -> [||]
        let modelRhos =
            match region, session.CharPolyAt values with
            | Some(Ok _), Ok p ->
                eig
                |> Array.map (fun l ->
                    p
                    |> Array.map (fun c -> Poly.coeffs c |> Array.rev |> Array.fold (fun acc a -> acc * l + Rational.toFloat a) 0.0)
                    |> Spectrum.rootRadius)
            | _ -> [||]
        { GradientNorm = gn
          Critical = critical
          Rho = rho
          Eigenvalues = eig
          Region = region
          RegionDistances = distances
          ModelRhos = modelRhos }

    /// Runs one case of a rule.
    let run (settings: Settings) (session: Session) (case: RunCase) : RunResult =
        let m = session.Model
        let c = Session.Loss case.Spec
        let step = session.Step case.Spec
        let start = case.Start |> List.concat |> List.map Rational.toFloat |> Array.ofList
        let x0 = Array.sub start 0 c.Loss.Dimension
        // the curvature scale: at the origin (a fixed, start-independent point), or at the start
        // where the origin is flat
        let atOrigin = curvature c (Array.zeroCreate c.Loss.Dimension)
        let scale = if atOrigin > 1e-3 then atOrigin else curvature c x0
        let values = RunCase.resolve m scale case.ParamDraws
        let pre = RunCase.precond case.PrecondDraws
        let th = theta m values pre
        let (outcome, k, final) = iterate settings step th start
        let analysis =
            if outcome = Converged then Some(analyse session c values (pre |> List.map Rational.toFloat |> Array.ofList) th final)
            else None
        { Case = case
          Params = values
          Outcome = outcome
          Iterations = k
          Final = final
          Analysis = analysis }
