namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// One condition of the closed-disk description of the characteristic polynomial, instantiated
/// and normalised ("Condition ≥ 0"), with how the simplification on the declared domain decided
/// it: kept with an exact witness (or undecided), or dropped with a complete argument.
type DecidedCondition =
    { Origin: DiskOrigin
      /// What the condition says before clearing denominators: "p(1) >= 0", "q(0) <= 1 for q = S(p)".
      Name: string
      Condition: MPoly
      Decision: Decision }

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
      /// Degree of the characteristic polynomial in z.
      Degree: int
      /// Each condition reads "c ≥ 0"; normalised (positive factors removed, coprime integers).
      Conditions: MPoly list
      /// The kept conditions with the decision that keeps them, in the order of Conditions.
      Kept: DecidedCondition list
      /// Every left-out condition with its complete argument (never sampling evidence).
      Dropped: DecidedCondition list
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
        fst (ConditionLogic.removePositiveFactors (ConditionLogic.ofParams facts.Domains) v.Name c)

    /// The set {v : every condition ≥ 0} at concrete hyperparameters.
    let regionAt (v: EigenVariable) (conditions: MPoly list) (theta: Map<string, Rational>) : Region =
        conditions
        |> List.map (fun c ->
            let c = MPoly.substitute theta c
            match MPoly.tryToPoly v.Name c with
            | Some p -> p, [ 0; 1 ]
            | None -> invalidArg "theta" (sprintf "a hyperparameter of %s has no value" (MPoly.toString c)))
        |> Region.ofSignConditions

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

    /// The closed form on the declared domain: the exact closed-disk description of p's degree
    /// (DiskConditions: exact for every real coefficient vector, so exact at a(θ, v) for every θ),
    /// simplified by ConditionLogic. A condition is left out only with a complete argument (an
    /// exact sign proof, an exact combination or univariate inclusion, or a `checker` proof); it
    /// is kept when an exact witness shows the others do not imply it, or when neither is found.
    let private deriveFrom
        (disk: Result<DiskCondition list, string>)
        (options: SearchOptions)
        (checker: ImplicationChecker option)
        (domain: ConditionDomain)
        (variable: EigenVariable)
        (charPoly: MPoly)
        : Result<ClosedForm, string> =
        let domains = domain.Params
        let v = variable.Name
        match disk with
        | Error e -> Error e
        | Ok raw ->
            let n = MPoly.degreeIn "z" charPoly
            let named =
                raw |> List.map (fun c -> { Name = DiskConditions.originText n c.Origin; Polynomial = c.Polynomial })
            let simplification = ConditionLogic.simplify domain v checker options named
            let decided =
                List.zip raw simplification.Outcomes
                |> List.map (fun (c, o) -> o.Kept, { Origin = c.Origin; Name = o.Condition.Name; Condition = o.Simplified; Decision = o.Decision })
            let kept = decided |> List.filter fst |> List.map snd
            let dropped = decided |> List.filter (fst >> not) |> List.map snd
            let conditions = kept |> List.map (fun d -> d.Condition)
            let facts = Positivity.facts domains
            let statement, isolated =
                match shapeStatement facts v conditions with
                | Some(st, iso) -> st, iso
                | None -> AllNonNegative conditions, []
            Ok
                { Variable = variable
                  Degree = n
                  Conditions = conditions
                  Kept = kept
                  Dropped = dropped
                  Statement = statement
                  IsolatedPoints = isolated }

    /// The closed form on a domain with relations (ConditionDomain); p monic in z.
    let deriveOver
        (options: SearchOptions)
        (checker: ImplicationChecker option)
        (domain: ConditionDomain)
        (variable: EigenVariable)
        (charPoly: MPoly)
        : Result<ClosedForm, string> =
        deriveFrom (DiskConditions.ofMonic "z" charPoly) options checker domain variable charPoly

    /// The closed form of p = det(D·zI − N) for M = N/D (coefficients with the denominator D):
    /// p's leading coefficient must be D^k exactly and D must have a proven strict sign on the
    /// domain (an Error otherwise). The conditions are those of the monic p/D^k, each multiplied
    /// by an even power of D^k (DiskConditions.ofCleared): the same truth value wherever D ≠ 0,
    /// that is on the whole domain.
    let deriveCleared
        (options: SearchOptions)
        (checker: ImplicationChecker option)
        (domain: ConditionDomain)
        (denominator: MPoly)
        (variable: EigenVariable)
        (charPoly: MPoly)
        : Result<ClosedForm, string> =
        let cs = MPoly.coeffsIn "z" charPoly
        let k = cs.Length - 1
        if cs.[k] <> MPoly.pow k denominator then
            Error(sprintf "the characteristic polynomial's leading coefficient is not (%s)^%d" (MPoly.toString denominator) k)
        elif ConditionLogic.strictSign domain denominator = 0 then
            Error(sprintf "the denominator %s is not shown nonzero on the domain" (MPoly.toString denominator))
        else
            deriveFrom (DiskConditions.ofCleared "z" charPoly) options checker domain variable charPoly

    let deriveWith
        (options: SearchOptions)
        (checker: ImplicationChecker option)
        (domains: ParamDomain list)
        (variable: EigenVariable)
        (charPoly: MPoly)
        : Result<ClosedForm, string> =
        deriveOver options checker (ConditionLogic.ofParams domains) variable charPoly

    /// The closed form with the default witness search.
    let derive (checker: ImplicationChecker option) (domains: ParamDomain list) (variable: EigenVariable) (charPoly: MPoly) =
        deriveWith ConditionLogic.defaultOptions checker domains variable charPoly

    /// Same normalised conditions (as sets): symbolic equality of two closed forms.
    let sameConditions (a: MPoly list) (b: MPoly list) =
        a.Length = b.Length
        && a |> List.forall (fun x -> b |> List.contains x)
        && b |> List.forall (fun x -> a |> List.contains x)
