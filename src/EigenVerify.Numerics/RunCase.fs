namespace EigenVerify.Numerics

open System
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open FsCheck
open FsCheck.FSharp

/// One run: a loss, uniform draws in [0, 1) that become hyperparameters through each
/// parameter's distribution, the frozen preconditioner's draws, and the start (one list per
/// state vector). Everything is an exact rational so a case prints and replays exactly.
type RunCase =
    { Spec: LossSpec
      ParamDraws: Rational list
      PrecondDraws: Rational list
      Start: Rational list list }

/// How draws become hyperparameters. Step sizes and radii are log-uniform and scaled by the
/// curvature L at the start (the Hessian's spectral radius there), so a run is neither
/// trivially slow nor trivially divergent; bounded parameters are uniform inside their domain.
[<RequireQualifiedAccess>]
module RunCase =
    /// αL ∈ [10⁻², 4] log-uniformly: from slow descent to beyond the GD edge 2/α.
    let stepRange = 1e-2, 4.0
    /// ρL ∈ [10⁻², 8] log-uniformly: large radii reach USAM's non-critical fixed points.
    let radiusRange = 1e-2, 8.0
    /// Start coordinates are uniform on [−startBox, startBox].
    let startBox = 2.0

    /// An exact rational with `digits` significant decimal digits.
    let roundRational (digits: int) (x: float) : Rational =
        if x = 0.0 || Double.IsNaN x || Double.IsInfinity x then Rational.zero
        else
            let e = int (floor (log10 (abs x))) - digits + 1
            let scaled = Math.Round(x / Math.Pow(10.0, float e))
            let m = Rational.ofBigInt (Numerics.BigInteger scaled)
            if e >= 0 then m * Rational.pow e (Rational.ofInt 10) else m / Rational.pow (-e) (Rational.ofInt 10)

    let inDomain (d: ParamDomain) (v: Rational) =
        let lowOk = d.Lower |> Option.forall (fun b -> if b.Inclusive then v >= b.Value else v > b.Value)
        let highOk = d.Upper |> Option.forall (fun b -> if b.Inclusive then v <= b.Value else v < b.Value)
        lowOk && highOk

    let private logUniform (lo: float, hi: float) (u: float) = lo * Math.Pow(hi / lo, u)

    /// The hyperparameter values for the draws (4 significant digits, exact), each in its interval.
    let private resolveBox (m: OptimizerModel) (curvature: float) (draws: Rational list) : Map<string, Rational> =
        let l = if curvature > 1e-8 then curvature else 1.0
        List.zip m.Params draws
        |> List.map (fun (d, u) ->
            let u = Rational.toFloat u
            let value =
                match d.Lower, d.Upper with
                | Some lo, Some hi ->
                    // stay strictly inside: open ends and degenerate corners are not generic
                    let a = Rational.toFloat lo.Value
                    let b = Rational.toFloat hi.Value
                    a + (b - a) * (0.02 + 0.93 * u)
                | Some lo, None when lo.Value.Sign >= 0 ->
                    let range = if d.Name.StartsWith "rho" then radiusRange else stepRange
                    Rational.toFloat lo.Value + logUniform range u / l
                | Some lo, None -> Rational.toFloat lo.Value + 1.0 + u
                | None, Some hi -> Rational.toFloat hi.Value - 1.0 - u
                | None, None -> 2.0 * u - 1.0
            let r = roundRational 4 value
            // rounding must not leave the domain
            let r =
                if inDomain d r then r
                else roundRational 12 value
            d.Name, r)
        |> Map.ofList

    /// Draws tried per case before a rule's relations are declared unsatisfiable by sampling.
    let relationAttempts = 1000

    /// The hyperparameter values for the draws (4 significant digits, exact). With relations
    /// between hyperparameters every candidate is tested exactly against them: the draws are
    /// shifted deterministically (u_i + k·(i + 1)·0.6180 mod 1, k = 0, 1, …) until a candidate
    /// satisfies them all; a rule whose relations no candidate meets is refused, never run
    /// outside its domain. Without relations this is the first candidate (k = 0).
    let resolve (m: OptimizerModel) (curvature: float) (draws: Rational list) : Map<string, Rational> =
        let step = Rational.ofFraction 6180 10000
        let shifted (k: int) =
            draws
            |> List.mapi (fun i u ->
                let x = u + Rational.ofInt (k * (i + 1)) * step
                x - Rational.ofBigInt (Rational.floor x))
        let holds (values: Map<string, Rational>) =
            m.Relations |> List.forall (fun r -> Hyperparameters.relationHolds r values)
        Seq.init relationAttempts (fun k -> resolveBox m curvature (shifted k))
        |> Seq.tryFind holds
        |> Option.defaultWith (fun () ->
            invalidArg
                "m"
                (sprintf
                    "no hyperparameter draw of %d satisfies the constraints %s of %s"
                    relationAttempts
                    (m.Relations |> List.map (fun r -> r.Text) |> String.concat ", ")
                    m.Name))

    /// Preconditioner entries in [1/2, 2], log-uniform.
    let precond (draws: Rational list) =
        draws |> List.map (fun u -> roundRational 3 (Math.Pow(2.0, 2.0 * Rational.toFloat u - 1.0)))

    let private unitDraw: Gen<Rational> = Gen.choose (0, 9999) |> Gen.map (fun k -> Rational.ofFraction k 10000)

    /// The prime denominator of start coordinates: a fine grid with no structured values.
    let startDenominator = 1000003

    /// Uniform on a fine grid of [−2, 2] without 0: a coarse grid would hit the measure-zero
    /// sets the theorem excludes (a coordinate exactly 0 keeps a run on the stable manifold of
    /// a saddle whenever the loss is even in that coordinate).
    let private coordinate: Gen<Rational> =
        gen {
            let! k = Gen.choose (1, 2 * startDenominator)
            let! negative = Gen.elements [ false; true ]
            return Rational.ofFraction (if negative then -k else k) startDenominator
        }

    /// A random case for a rule with `k` state vectors and `p` hyperparameters.
    let caseGen (states: int) (parameters: int) (family: Gen<LossSpec>) : Gen<RunCase> =
        gen {
            let! spec = family
            let n = LossSpec.dimension spec
            let! draws = Gen.listOfLength parameters unitDraw
            let! pre = Gen.listOfLength n unitDraw
            let! start = Gen.listOfLength states (Gen.listOfLength n coordinate)
            return { Spec = spec; ParamDraws = draws; PrecondDraws = pre; Start = start }
        }

    /// Toward 0, then toward one significant digit (draws only).
    let private simpler (r: Rational) =
        [ Rational.zero; roundRational 1 (Rational.toFloat r) ] |> List.distinct |> List.filter ((<>) r)

    /// Starts shrink to fewer significant digits but never to 0: shrinking must not walk into
    /// the non-generic starts that property (a) is not about (property (d) covers those).
    let private simplerStart (r: Rational) =
        [ roundRational 1 (Rational.toFloat r); roundRational 2 (Rational.toFloat r) ]
        |> List.distinct
        |> List.filter (fun v -> v <> r && not v.IsZero)

    /// Smaller cases: a simpler loss (the start truncated to its dimension), then simpler
    /// starts and draws.
    let shrink (c: RunCase) : RunCase list =
        let fit (spec: LossSpec) =
            let n = LossSpec.dimension spec
            let pad (xs: Rational list) = (xs @ List.replicate n (Rational.ofFraction 1 2)) |> List.truncate n
            { c with Spec = spec; PrecondDraws = pad c.PrecondDraws; Start = c.Start |> List.map pad }
        let each (f: Rational -> Rational list) (xs: Rational list) =
            [ for i, v in List.indexed xs do for v' in f v -> xs |> List.mapi (fun j y -> if i = j then v' else y) ]
        [ for s in LossSpec.shrink c.Spec -> fit s
          for i, s in List.indexed c.Start do
              for s' in each simplerStart s -> { c with Start = c.Start |> List.mapi (fun j y -> if i = j then s' else y) }
          for d in each simpler c.ParamDraws -> { c with ParamDraws = d }
          for d in each simpler c.PrecondDraws -> { c with PrecondDraws = d } ]
