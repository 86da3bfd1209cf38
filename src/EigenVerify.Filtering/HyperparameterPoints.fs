namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// Random rational hyperparameter points inside a declared domain, reproducible from a seed.
[<RequireQualifiedAccess>]
module HyperparameterPoints =

    /// A rational strictly inside the domain (or on a closed end, now and then).
    let value (rng: System.Random) (d: ParamDomain) =
        let small () = Rational.ofFraction (rng.Next(1, 200)) (rng.Next(1, 40))
        let fraction () = Rational.ofFraction (rng.Next(1, 97)) 97
        match d.Lower, d.Upper with
        | Some lo, Some hi ->
            if lo.Inclusive && rng.Next 10 = 0 then lo.Value
            elif hi.Inclusive && rng.Next 10 = 0 then hi.Value
            else lo.Value + (hi.Value - lo.Value) * fraction ()
        | Some lo, None -> if lo.Inclusive && rng.Next 10 = 0 then lo.Value else lo.Value + small ()
        | None, Some hi -> if hi.Inclusive && rng.Next 10 = 0 then hi.Value else hi.Value - small ()
        | None, None -> small () - small ()

    let point (rng: System.Random) (domains: ParamDomain list) =
        domains |> List.map (fun d -> d.Name, value rng d) |> Map.ofList

    let points (seed: int) (count: int) (domains: ParamDomain list) =
        let rng = System.Random seed
        List.init count (fun _ -> point rng domains)

    /// `count` points of the model's whole domain (bounds and relations): drawn in the box like
    /// `points`, and each tested exactly against every relation, a failing draw discarded. Gives
    /// fewer points (possibly none) when too few of 50·count draws fall inside.
    let pointsOf (seed: int) (count: int) (m: OptimizerModel) =
        if m.Relations.IsEmpty then
            points seed count m.Params
        else
            let rng = System.Random seed
            Seq.init (50 * count) (fun _ -> point rng m.Params)
            |> Seq.filter (fun p -> m.Relations |> List.forall (fun r -> Hyperparameters.relationHolds r p))
            |> Seq.truncate count
            |> List.ofSeq
