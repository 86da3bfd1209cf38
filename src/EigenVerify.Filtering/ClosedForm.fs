namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// A condition of the closed-disk test for a characteristic polynomial of degree k ≤ 2 in z.
type DiskCondition =
    /// p(1) ≥ 0.
    | AtOne
    /// p(−1) ≥ 0 (degree 2).
    | AtMinusOne
    /// −p(−1) ≥ 0 (degree 1).
    | MinusAtMinusOne
    /// p(0) ≤ 1 (degree 2): the product of the roots is at most 1.
    | ConstantAtMostOne

/// A complete exact argument for leaving a condition out.
type ExactArgument =
    /// The condition is free of the eigenvalue and holds on the whole declared domain.
    | HoldsOnDomain
    /// 1 − p(0) = b + a·s with a, b ≥ 0 on the domain and s ≥ 0 a condition that is kept.
    | ImpliedByKept of kept: MPoly
    /// The condition is non-negative once the eigenvalue is (another kept condition says so).
    | NonNegativeOnceVariableIs

/// Why a condition of the closed-disk test was left out of the stated closed form.
type DropReason =
    | ImpliedExactly of ExactArgument
    /// The exact regions with and without it agreed at this many sampled hyperparameter points.
    | CheckedBySampling of points: int

type DroppedCondition =
    { Origin: DiskCondition
      Condition: MPoly
      Reason: DropReason }

/// A bound of a closed form as derived: Numerator / Denominator, the denominator constant or of
/// proven positive sign on the domain (kept unreduced: it is printed the way it was found).
type Quotient = { Numerator: MPoly; Denominator: MPoly }

/// The shape of a closed form: bounds on one polynomial s(v) in the eigenvalue, or the plain
/// conditions when they have no common shape.
type ClosedFormStatement =
    /// lower ≤ s ≤ upper.
    | Between of lower: Quotient * shape: MPoly * upper: Quotient
    /// s ≥ lower.
    | AtLeast of shape: MPoly * lower: Quotient
    /// s ≤ upper.
    | AtMost of shape: MPoly * upper: Quotient
    /// every condition ≥ 0.
    | AllNonNegative of MPoly list

/// A closed form for symbolic hyperparameters: R = {v : every condition ≥ 0}, valid on the
/// declared domain, and the same set written in the paper's shape.
type ClosedForm =
    { Variable: EigenVariable
      /// Each condition reads "c ≥ 0"; normalised (positive factors removed, coprime integers).
      Conditions: MPoly list
      Dropped: DroppedCondition list
      Statement: ClosedFormStatement
      /// Isolated points of the region (v = point), each a quotient in the hyperparameters.
      IsolatedPoints: Quotient list }

[<RequireQualifiedAccess>]
module ClosedForm =

    let private exactDiv (p: MPoly) (d: MPoly) =
        match MPoly.exactDiv p d with
        | Some q -> q
        | None -> invalidOp "a division expected to be exact left a remainder"

    /// p with v = value.
    let private at (v: string) (value: Rational) (p: MPoly) = MPoly.substitute (Map.ofList [ v, value ]) p

    /// Removes factors of proven constant sign on the domain (content in v, rational content).
    let internal normalize (facts: Positivity.Facts) (v: EigenVariable) (c: MPoly) =
        if MPoly.isZero c then
            c
        else
            let content = MPoly.contentIn v.Name c
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
    let regionAt (v: EigenVariable) (conditions: MPoly list) (theta: Map<string, Rational>) : Region =
        conditions
        |> List.map (fun c ->
            let c = MPoly.substitute theta c
            match MPoly.tryToPoly v.Name c with
            | Some p -> p, [ 0; 1 ]
            | None -> invalidArg "theta" (sprintf "a hyperparameter of %s has no value" (MPoly.toString c)))
        |> Region.ofSignConditions

    /// The exact closed-disk conditions for a monic p of degree k ≤ 2 in z, as (origin, c ≥ 0).
    let diskConditions (charPoly: MPoly) : Result<(DiskCondition * MPoly) list, string> =
        let k = MPoly.degreeIn "z" charPoly
        let at (x: int) = MPoly.substitutePoly "z" (MPoly.ofInt x) charPoly
        match k with
        | 1 -> Ok [ AtOne, at 1; MinusAtMinusOne, -(at -1) ]
        | 2 ->
            let a0 = (MPoly.coeffsIn "z" charPoly).[0]
            Ok [ AtOne, at 1; AtMinusOne, at -1; ConstantAtMostOne, MPoly.one - a0 ]
        | k -> Error(sprintf "no closed form for a characteristic polynomial of degree %d in z (only degrees 1 and 2); use --params for the exact region" k)

    /// Finds s with every condition a(θ)·s + b(θ), a of proven sign, and states the bounds.
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
                        | 1 -> Some(true, { Numerator = -b; Denominator = a })
                        | -1 -> Some(false, { Numerator = b; Denominator = -a })
                        | _ -> None
                    | _ -> None)
            if bounds |> List.exists Option.isNone then
                None
            else
                let bounds = List.choose id bounds
                let lowers = bounds |> List.filter fst |> List.map snd
                let uppers = bounds |> List.filter (fst >> not) |> List.map snd
                let statement =
                    match lowers, uppers with
                    | [ l ], [ u ] -> Some(Between(l, s, u))
                    | [ l ], [] -> Some(AtLeast(s, l))
                    | [], [ u ] -> Some(AtMost(s, u))
                    | _ -> None
                // a double linear factor g of s with the lower bound 0: s ≥ 0 keeps the root of g
                // as a point cut off from the rest
                let isolated =
                    match lowers with
                    | [ l ] when MPoly.isZero l.Numerator ->
                        let g = MPoly.gcd s (MPoly.derivative v s)
                        if MPoly.degreeIn v g = 1 then
                            let cs = MPoly.coeffsIn v g
                            let rest = exactDiv s (g * g)
                            let simple = MPoly.degreeIn v (MPoly.gcd rest g) = 0
                            if simple then [ { Numerator = -cs.[0]; Denominator = cs.[1] } ] else []
                        else
                            []
                    | _ -> []
                statement |> Option.map (fun st -> st, isolated)

    /// The closed form on the declared domain. `exactAt` gives the exact region at concrete
    /// hyperparameters; with `samples` it justifies drops that have no exact argument here.
    let derive
        (domains: ParamDomain list)
        (variable: EigenVariable)
        (charPoly: MPoly)
        (exactAt: Map<string, Rational> -> Region)
        (samples: Map<string, Rational> list)
        : Result<ClosedForm, string> =
        let v = variable.Name
        match diskConditions charPoly with
        | Error e -> Error e
        | Ok raw ->
            let facts = Positivity.facts domains
            let normalized = raw |> List.map (fun (o, c) -> o, normalize facts variable c)
            // conditions free of v: drop those that hold on the whole domain
            let dropped = ResizeArray<DroppedCondition>()
            let mutable kept = []
            for (origin, c) in normalized do
                if MPoly.degreeIn v c = 0 && Positivity.prove facts false c then
                    dropped.Add { Origin = origin; Condition = c; Reason = ImpliedExactly HoldsOnDomain }
                else
                    kept <- kept @ [ origin, c ]
            // "p(0) <= 1" for k = 2 is usually implied by the other two; prove it or sample it
            let vNonNegative = kept |> List.exists (fun (_, c) -> c = MPoly.var v)
            let third = kept |> List.tryFind (fun (o, c) -> o = ConstantAtMostOne && MPoly.degreeIn v c > 0)
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
                    dropped.Add { Origin = origin; Condition = c; Reason = ImpliedExactly(ImpliedByKept o) }
                    kept <- kept |> List.filter (fun (o, _) -> o <> origin)
                | None ->
                    if vNonNegative && Positivity.prove withV false c then
                        dropped.Add { Origin = origin; Condition = c; Reason = ImpliedExactly NonNegativeOnceVariableIs }
                        kept <- kept |> List.filter (fun (o, _) -> o <> origin)
                    elif not samples.IsEmpty
                         && samples |> List.forall (fun theta -> Region.equal (regionAt variable others theta) (exactAt theta)) then
                        dropped.Add { Origin = origin; Condition = c; Reason = CheckedBySampling samples.Length }
                        kept <- kept |> List.filter (fun (o, _) -> o <> origin)
            | None -> ()
            let conditions = kept |> List.map snd
            let statement, isolated =
                match shapeStatement facts v conditions with
                | Some(st, iso) -> st, iso
                | None -> AllNonNegative conditions, []
            Ok
                { Variable = variable
                  Conditions = conditions
                  Dropped = List.ofSeq dropped
                  Statement = statement
                  IsolatedPoints = isolated }

    /// Same normalised conditions (as sets): symbolic equality of two closed forms.
    let sameConditions (a: MPoly list) (b: MPoly list) =
        a.Length = b.Length
        && a |> List.forall (fun x -> b |> List.contains x)
        && b |> List.forall (fun x -> a |> List.contains x)
