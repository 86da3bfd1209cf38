namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// Why a condition of the closed-disk test was left out of the stated closed form.
type DropReason =
    /// A complete exact argument (in words).
    | ImpliedExactly of argument: string
    /// The exact regions with and without it agreed at this many sampled hyperparameter points.
    | CheckedBySampling of points: int

type DroppedCondition =
    { Origin: string
      Condition: MPoly
      Reason: DropReason }

/// A closed form for symbolic hyperparameters: R = {v : every condition ≥ 0}, valid on the
/// declared domain, and the same set written in the paper's shape.
type ClosedForm =
    { Variable: string
      /// Each condition reads "c ≥ 0"; normalised (positive factors removed, coprime integers).
      Conditions: MPoly list
      Dropped: DroppedCondition list
      /// The common shape s(v) the conditions bound, e.g. lambda*(1 + rho*lambda).
      Shape: MPoly option
      /// "0 <= lambda <= 2*(1 + beta)/alpha".
      Statement: string
      /// Isolated points of the region, as text ("lambda = -1/rho").
      IsolatedPoints: string list }

[<RequireQualifiedAccess>]
module ClosedForm =

    let private exactDiv (p: MPoly) (d: MPoly) =
        match MPoly.exactDiv p d with
        | Some q -> q
        | None -> invalidOp "a division expected to be exact left a remainder"

    /// p with v = value.
    let private at (v: string) (value: Rational) (p: MPoly) = MPoly.substitute (Map.ofList [ v, value ]) p

    /// Removes factors of proven constant sign on the domain (content in v, rational content).
    let normalize (facts: Positivity.Facts) (v: string) (c: MPoly) =
        if MPoly.isZero c then
            c
        else
            let content = MPoly.contentIn v c
            let c =
                if List.isEmpty (MPoly.variables content) then
                    c
                else
                    match Positivity.strictSign facts content with
                    | 1 -> exactDiv c content
                    | -1 -> -(exactDiv c content)
                    | _ -> c
            MPoly.primitive c

    /// The set {v : every condition ≥ 0} at concrete hyperparameters.
    let regionAt (v: string) (conditions: MPoly list) (theta: Map<string, Rational>) : Region =
        conditions
        |> List.map (fun c ->
            let c = MPoly.substitute theta c
            match MPoly.tryToPoly v c with
            | Some p -> p, [ 0; 1 ]
            | None -> invalidArg "theta" (sprintf "a hyperparameter of %s has no value" (MPoly.toString c)))
        |> Region.ofSignConditions

    /// The exact closed-disk conditions for a monic p of degree k ≤ 2 in z, as (origin, c ≥ 0).
    let diskConditions (charPoly: MPoly) : Result<(string * MPoly) list, string> =
        let k = MPoly.degreeIn "z" charPoly
        let at (x: int) = MPoly.substitutePoly "z" (MPoly.ofInt x) charPoly
        match k with
        | 1 -> Ok [ "p(1) >= 0", at 1; "-p(-1) >= 0", -(at -1) ]
        | 2 ->
            let a0 = (MPoly.coeffsIn "z" charPoly).[0]
            Ok [ "p(1) >= 0", at 1; "p(-1) >= 0", at -1; "p(0) <= 1", MPoly.one - a0 ]
        | k -> Error(sprintf "no closed form for a characteristic polynomial of degree %d in z (only degrees 1 and 2); use --params for the exact region" k)

    /// "num/den" in the paper's style, the denominator positive.
    let fractionText (v: string) (num: MPoly) (den: MPoly) =
        if MPoly.isZero num then
            "0"
        elif List.isEmpty (MPoly.variables den) then
            SymPoly.toFactoredText v (MPoly.scale (Rational.inverse (MPoly.eval Map.empty den)) num)
        else
            let n = SymPoly.toFactoredText v num
            let d = SymPoly.toFactoredText v den
            let n = if n.Contains " " && not (n.StartsWith "(") && not (n.Contains "*(") then "(" + n + ")" else n
            let d = if d.Contains "*" || d.Contains " " then "(" + d + ")" else d
            n + "/" + d

    /// Finds s with every condition a(θ)·s + b(θ), a of proven sign, and writes the bounds.
    let private shapeStatement (facts: Positivity.Facts) (v: string) (conditions: MPoly list) =
        let withV = conditions |> List.filter (fun c -> MPoly.degreeIn v c > 0)
        match withV |> List.sortBy (MPoly.degreeIn v) with
        | [] -> None
        | first :: _ ->
            let s0 = first - at v Rational.zero first
            let s = exactDiv s0 (MPoly.contentIn v s0)
            // the coefficient of the lowest power of v decides the orientation of s
            let lowest = MPoly.coeffsIn v s |> Array.find (fun c -> not (MPoly.isZero c))
            let s = if Positivity.strictSign facts lowest < 0 then -s else s
            let bounds =
                conditions
                |> List.map (fun c ->
                    let b = at v Rational.zero c
                    match MPoly.exactDiv (c - b) s with
                    | Some a when MPoly.degreeIn v a = 0 ->
                        match Positivity.strictSign facts a with
                        | 1 -> Some(true, -b, a)
                        | -1 -> Some(false, b, -a)
                        | _ -> None
                    | _ -> None)
            if bounds |> List.exists Option.isNone then
                None
            else
                let bounds = List.choose id bounds
                let lowers = bounds |> List.filter (fun (lower, _, _) -> lower)
                let uppers = bounds |> List.filter (fun (lower, _, _) -> not lower)
                let text (_, n, d) = fractionText v n d
                let sText = SymPoly.toFactoredText v s
                let statement =
                    match lowers, uppers with
                    | [ l ], [ u ] -> Some(sprintf "%s <= %s <= %s" (text l) sText (text u))
                    | [ l ], [] -> Some(sprintf "%s >= %s" sText (text l))
                    | [], [ u ] -> Some(sprintf "%s <= %s" sText (text u))
                    | _ -> None
                // a double linear factor g of s with the lower bound 0: s ≥ 0 keeps the root of g
                // as a point cut off from the rest
                let isolated =
                    match lowers with
                    | [ (_, n, _) ] when MPoly.isZero n ->
                        let g = MPoly.gcd s (MPoly.derivative v s)
                        if MPoly.degreeIn v g = 1 then
                            let cs = MPoly.coeffsIn v g
                            let rest = exactDiv s (g * g)
                            let simple = MPoly.degreeIn v (MPoly.gcd rest g) = 0
                            if simple then [ sprintf "%s = %s" v (fractionText v (-cs.[0]) cs.[1]) ] else []
                        else
                            []
                    | _ -> []
                statement |> Option.map (fun st -> s, st, isolated)

    /// The closed form on the declared domain. `exactAt` gives the exact region at concrete
    /// hyperparameters; with `samples` it justifies drops that have no exact argument here.
    let derive
        (domains: ParamDomain list)
        (v: string)
        (charPoly: MPoly)
        (exactAt: Map<string, Rational> -> Region)
        (samples: Map<string, Rational> list)
        : Result<ClosedForm, string> =
        match diskConditions charPoly with
        | Error e -> Error e
        | Ok raw ->
            let facts = Positivity.facts domains
            let normalized = raw |> List.map (fun (o, c) -> o, normalize facts v c)
            // conditions free of v: drop those that hold on the whole domain
            let dropped = ResizeArray<DroppedCondition>()
            let mutable kept = []
            for (origin, c) in normalized do
                if MPoly.degreeIn v c = 0 && Positivity.prove facts false c then
                    dropped.Add
                        { Origin = origin; Condition = c; Reason = ImpliedExactly "holds everywhere on the declared domain" }
                else
                    kept <- kept @ [ origin, c ]
            // "p(0) <= 1" for k = 2 is usually implied by the other two; prove it or sample it
            let vNonNegative = kept |> List.exists (fun (_, c) -> c = MPoly.var v)
            let third = kept |> List.tryFind (fun (o, c) -> o = "p(0) <= 1" && MPoly.degreeIn v c > 0)
            match third with
            | Some(origin, c) ->
                let others = kept |> List.filter (fun (o, _) -> o <> origin) |> List.map snd
                let withV = { facts with NonNegative = (if vNonNegative then Set.singleton v else Set.empty) }
                // c = b + a·o with a, b free of v and ≥ 0 on the domain, o ≥ 0 another condition
                let viaOther =
                    others
                    |> List.tryFind (fun o ->
                        MPoly.degreeIn v o > 0
                        && (let b = at v Rational.zero c
                            match MPoly.exactDiv (c - b) o with
                            | Some a when MPoly.degreeIn v a = 0 -> Positivity.prove facts false a && Positivity.prove facts false b
                            | _ -> false))
                match viaOther with
                | Some o ->
                    dropped.Add
                        { Origin = origin
                          Condition = c
                          Reason =
                            ImpliedExactly(
                                sprintf "1 - p(0) = b + a*s with a, b >= 0 on the declared domain and s = %s >= 0 kept" (SymPoly.toFactoredText v o)
                            ) }
                    kept <- kept |> List.filter (fun (o, _) -> o <> origin)
                | None ->
                    if vNonNegative && Positivity.prove withV false c then
                        dropped.Add
                            { Origin = origin
                              Condition = c
                              Reason = ImpliedExactly(sprintf "non-negative once %s >= 0 on the declared domain" v) }
                        kept <- kept |> List.filter (fun (o, _) -> o <> origin)
                    elif not samples.IsEmpty
                         && samples |> List.forall (fun theta -> Region.equal (regionAt v others theta) (exactAt theta)) then
                        dropped.Add { Origin = origin; Condition = c; Reason = CheckedBySampling samples.Length }
                        kept <- kept |> List.filter (fun (o, _) -> o <> origin)
            | None -> ()
            let conditions = kept |> List.map snd
            let shape, statement, isolated =
                match shapeStatement facts v conditions with
                | Some(s, st, iso) -> Some s, st, iso
                | None ->
                    None,
                    conditions |> List.map (fun c -> SymPoly.toText v c + " >= 0") |> String.concat " and ",
                    []
            Ok
                { Variable = v
                  Conditions = conditions
                  Dropped = List.ofSeq dropped
                  Shape = shape
                  Statement = statement
                  IsolatedPoints = isolated }

    /// The statement with its isolated points, as printed in tables.
    let fullText (cf: ClosedForm) =
        match cf.IsolatedPoints with
        | [] -> cf.Statement
        | pts -> sprintf "%s (isolated point %s)" cf.Statement (String.concat ", " pts)

    /// Same normalised conditions (as sets): symbolic equality of two closed forms.
    let sameConditions (a: MPoly list) (b: MPoly list) =
        a.Length = b.Length
        && a |> List.forall (fun x -> b |> List.contains x)
        && b |> List.forall (fun x -> a |> List.contains x)
