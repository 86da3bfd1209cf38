namespace EigenVerify.Numerics

open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The exact region of a rule at concrete rational hyperparameters, from the rule's
/// linearization (the same model the runs use), and the position of a measured eigenvalue in it.
[<RequireQualifiedAccess>]
module RegionAt =
    /// The characteristic polynomial det(zI − M(λ; θ)) with θ symbolic, or why there is none.
    let charPoly (m: OptimizerModel) : Result<EigenVariable * Polynomial, string> =
        Linearization.atCriticalPoint m |> Result.map (fun l -> l.Variable, Linearization.charPolyExact l)

    /// R(θ) = {λ : every root of p(·, λ; θ) in the closed unit disk}, exactly.
    let compute (variable: EigenVariable, p: Polynomial) (values: Map<string, Rational>) : Result<Region, string> =
        let fixedP = Polynomial.substitute (fun v -> values.TryFind v |> Option.map Polynomial.constant) p
        let zDegree = fixedP.Terms |> Map.toSeq |> Seq.map (fun (mono, _) -> Monomial.exponentOf "z" mono) |> Seq.max
        let lDegree = fixedP.Terms |> Map.toSeq |> Seq.map (fun (mono, _) -> Monomial.exponentOf variable.Name mono) |> Seq.max
        let coeffs = Array.init (zDegree + 1) (fun _ -> Array.create (lDegree + 1) Rational.zero)
        let mutable stray = None
        for KeyValue(mono, c) in fixedP.Terms do
            match mono |> List.tryFind (fun (v, _) -> v <> "z" && v <> variable.Name) with
            | Some(v, _) -> stray <- Some v
            | None ->
                let zi = Monomial.exponentOf "z" mono
                let li = Monomial.exponentOf variable.Name mono
                coeffs.[zi].[li] <- coeffs.[zi].[li] + c
        match stray with
        | Some v -> Error(sprintf "hyperparameter '%s' has no value" v)
        | None -> LambdaCharPoly.create coeffs |> Result.bind ExactRegion.compute

    /// Distance from x to the region (0 inside), with endpoints as doubles: a display and
    /// tolerance helper, never an exact decision.
    let distance (r: Region) (x: float) =
        let endpoint (b: Bound option) = b |> Option.map (fun b -> Algebraic.toFloat b.Value)
        let intervalDistance (i: Interval) =
            match endpoint i.Lower, endpoint i.Upper with
            | Some lo, _ when x < lo -> lo - x
            | _, Some hi when x > hi -> x - hi
            | _ -> 0.0
        Seq.append (r.Intervals |> Seq.map intervalDistance) (r.Points |> Seq.map (fun p -> abs (x - Algebraic.toFloat p)))
        |> Seq.fold min infinity
