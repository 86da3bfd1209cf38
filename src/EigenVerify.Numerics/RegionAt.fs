namespace EigenVerify.Numerics

open EigenVerify.Algebra
open EigenVerify.Filtering

/// Where a measured eigenvalue sits relative to an exact region (the regions themselves come
/// from `EigenVerify.Filtering.RuleAnalysis`, from the same rule model the runs use).
[<RequireQualifiedAccess>]
module internal RegionAt =
    /// Distance from x to the region (0 inside), with endpoints as doubles: a display and
    /// tolerance helper, never an exact decision.
    let distance (r: Region) (x: float) =
        let endpoint (b: Bound option) = b |> Option.map (fun b -> AlgebraicNumber.toFloat b.Value)
        let intervalDistance (i: Interval) =
            match endpoint i.Lower, endpoint i.Upper with
            | Some lo, _ when x < lo -> lo - x
            | _, Some hi when x > hi -> x - hi
            | _ -> 0.0
        Seq.append (r.Intervals |> Seq.map intervalDistance) (r.Points |> Seq.map (fun p -> abs (x - AlgebraicNumber.toFloat p)))
        |> Seq.fold min infinity
