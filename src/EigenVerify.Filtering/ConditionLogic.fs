namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// A constraint on the hyperparameters beyond their declared intervals: "Polynomial ≥ 0", or
/// "Polynomial > 0" when Strict.
type DomainConstraint = { Polynomial: MPoly; Strict: bool }

/// Where conditions are simplified: the declared hyperparameter intervals and extra constraints.
type ConditionDomain =
    { Params: ParamDomain list
      Constraints: DomainConstraint list }

/// A question for an external checker: on the domain, for every value of the variable, do the
/// hypotheses (each ≥ 0) imply the goal (≥ 0)?
type ImplicationQuery =
    { Domain: ConditionDomain
      Variable: string
      Hypotheses: MPoly list
      Goal: MPoly }

/// What a checker returns with a proof: its name, the certificate it checked (e.g. an SMT-LIB
/// file whose answer was `unsat`) and how long it took.
type CheckerEvidence =
    { Checker: string
      Certificate: string
      Seconds: float }

type CheckerAnswer =
    | Proved of CheckerEvidence
    /// A point where the hypotheses hold and the goal fails, with the coordinates the checker
    /// reported as exact rationals (irrational ones are left out); verified before any use.
    | Refuted of point: Map<string, Rational>
    | Unanswered of reason: string

type ImplicationChecker = ImplicationQuery -> CheckerAnswer

/// One condition "Polynomial ≥ 0" and a name that says where it comes from.
type NamedCondition = { Name: string; Polynomial: MPoly }

/// How the decision on one condition was reached: a complete argument for every drop, an exact
/// witness for every independent condition, and the reasons when neither was found.
type Decision =
    /// Dropped: holds on the whole domain for every value of the variable (exact sign proof).
    | HoldsOnDomain
    /// Dropped: the same polynomial as the named condition once positive factors are removed.
    | SameAs of name: string
    /// Dropped: condition = multiplier·h + remainder, multiplier and remainder free of the variable
    /// and ≥ 0 on the domain (exact sign proofs), h the named kept condition.
    | CombinationOf of name: string * multiplier: MPoly * remainder: MPoly
    /// Dropped: every condition is a polynomial in the one product `combined` (e.g. alpha*lambda),
    /// and in that single variable the set where the kept conditions hold lies inside the set where
    /// this one holds (an exact univariate region computation).
    | ImpliedInOneVariable of combined: MPoly
    /// Dropped: the checker proved that the named conditions (all kept or dropped later with
    /// their own proof) imply it on the domain.
    | ImpliedByChecker of names: string list * evidence: CheckerEvidence
    /// Kept: at this exact point of the domain every other condition holds and this one fails.
    | IndependentAt of point: Map<string, Rational>
    /// Kept: neither shown implied nor refuted.
    | Undecided of reasons: string list

type ConditionOutcome =
    { Condition: NamedCondition
      /// The condition with factors of proven constant sign removed: what is printed.
      Simplified: MPoly
      /// Each removed factor with its proven strict sign (+1 or −1) on the domain.
      RemovedFactors: (MPoly * int) list
      Kept: bool
      Decision: Decision }

/// The simplified conjunction {v : every kept condition ≥ 0}, and a decision for every condition.
type Simplification =
    { Variable: string
      Domain: ConditionDomain
      Outcomes: ConditionOutcome list }

/// How many hyperparameter points the witness search tries, and its seed.
type SearchOptions = { ThetaPoints: int; Seed: int }

/// Simplification of a conjunction of polynomial conditions on a declared domain. Nothing is
/// dropped without a complete argument (an exact sign proof, an exact algebraic combination, or
/// a checker's proof); a condition is called independent only with an exact rational witness.
[<RequireQualifiedAccess>]
module ConditionLogic =

    [<CompiledName("DefaultOptions")>]
    let defaultOptions = { ThetaPoints = 96; Seed = 2025 }

    [<CompiledName("OfParams")>]
    let ofParams (domains: ParamDomain list) = { Params = domains; Constraints = [] }

    let private names (d: ConditionDomain) = d.Params |> List.map (fun p -> p.Name)

    /// Is the point (hyperparameters only) inside the declared intervals and the constraints?
    [<CompiledName("InDomain")>]
    let inDomain (d: ConditionDomain) (theta: Map<string, Rational>) =
        d.Params
        |> List.forall (fun p ->
            match Map.tryFind p.Name theta with
            | None -> false
            | Some x -> Hyperparameters.inDomain p x)
        && d.Constraints
           |> List.forall (fun c ->
               let s = (MPoly.eval theta c.Polynomial).Sign
               if c.Strict then s > 0 else s >= 0)

    /// Candidate values of one hyperparameter: inclusive ends, points very close to every end
    /// (an exclusive end is approached to within 10⁻⁶ of the interval), and interior points.
    let private candidateValues (p: ParamDomain) =
        let eps = [ Rational.ofFraction 1 1000000; Rational.ofFraction 1 1000; Rational.ofFraction 1 10 ]
        let spread = [ Rational.ofFraction 1 2; Rational.one; Rational.ofInt 2; Rational.ofInt 5; Rational.ofInt 10; Rational.ofInt 100 ]
        let values =
            match p.Lower, p.Upper with
            | Some lo, Some hi ->
                let w = hi.Value - lo.Value
                [ if lo.Inclusive then yield lo.Value
                  for e in eps -> lo.Value + w * e
                  for k in 1 .. 7 -> lo.Value + w * Rational.ofFraction k 8
                  for e in eps -> hi.Value - w * e
                  if hi.Inclusive then yield hi.Value ]
            | Some lo, None ->
                [ if lo.Inclusive then yield lo.Value
                  for e in eps -> lo.Value + e
                  for s in spread -> lo.Value + s ]
            | None, Some hi ->
                [ if hi.Inclusive then yield hi.Value
                  for e in eps -> hi.Value - e
                  for s in spread -> hi.Value - s ]
            | None, None ->
                [ Rational.zero ] @ (spread |> List.collect (fun s -> [ s; -s ])) @ (eps |> List.collect (fun e -> [ e; -e ]))
        values |> List.filter (Hyperparameters.inDomain p) |> List.distinct

    /// Hyperparameter points for the witness search: every candidate value of every parameter
    /// appears (in a diagonal sweep), and seeded random combinations fill the budget.
    [<CompiledName("ThetaPoints")>]
    let thetaPoints (options: SearchOptions) (d: ConditionDomain) : Map<string, Rational> list =
        let lists = d.Params |> List.map (fun p -> p.Name, Array.ofList (candidateValues p))
        if lists |> List.exists (fun (_, vs) -> vs.Length = 0) then
            []
        elif lists.IsEmpty then
            [ Map.empty ]
        else
            let longest = lists |> List.map (fun (_, vs) -> vs.Length) |> List.max
            let diagonal =
                [ for i in 0 .. longest - 1 -> lists |> List.map (fun (n, vs) -> n, vs.[i % vs.Length]) |> Map.ofList ]
            let rng = System.Random options.Seed
            let random =
                List.init (max 0 (options.ThetaPoints - diagonal.Length)) (fun _ ->
                    lists |> List.map (fun (n, vs) -> n, vs.[rng.Next vs.Length]) |> Map.ofList)
            (diagonal @ random) |> List.distinct |> List.filter (inDomain d)

    /// Values of the variable that meet every sign pattern of the polynomials: a rational in each
    /// open cell between consecutive real roots, outside all roots, and every rational root.
    let private lambdaSamples (polys: Poly list) =
        let roots =
            polys
            |> List.filter (fun p -> Poly.degree p >= 1)
            |> List.collect AlgebraicNumber.realRoots
            |> List.sortWith AlgebraicNumber.compare
            |> List.fold
                (fun acc x ->
                    match acc with
                    | y :: _ when AlgebraicNumber.compare x y = 0 -> acc
                    | _ -> x :: acc)
                []
            |> List.rev
            |> Array.ofList
        if roots.Length = 0 then
            [ Rational.zero ]
        else
            let below = Rational.ofBigInt (Rational.floor (fst (AlgebraicNumber.interval roots.[0]))) - Rational.one
            let above = Rational.ofBigInt (Rational.ceiling (snd (AlgebraicNumber.interval roots.[roots.Length - 1]))) + Rational.one
            [ yield below
              for i in 0 .. roots.Length - 2 -> AlgebraicNumber.rationalBetween roots.[i] roots.[i + 1]
              yield above
              yield! roots |> Array.choose AlgebraicNumber.tryRational ]

    let private univariate (v: string) (theta: Map<string, Rational>) (p: MPoly) =
        match MPoly.tryToPoly v (MPoly.substitute theta p) with
        | Some q -> q
        | None -> invalidArg "p" (sprintf "%s has a variable that is neither %s nor a hyperparameter" (MPoly.toString p) v)

    /// At the hyperparameters θ, a value of v where every polynomial of `others` is ≥ 0 and `goal`
    /// is < 0, if the cell samples find one (exact).
    let private witnessAt (v: string) (theta: Map<string, Rational>) (others: MPoly list) (goal: MPoly) =
        let o = others |> List.map (univariate v theta)
        let g = univariate v theta goal
        lambdaSamples (g :: o)
        |> List.tryFind (fun x -> (Poly.eval x g).Sign < 0 && o |> List.forall (fun p -> (Poly.eval x p).Sign >= 0))
        |> Option.map (fun x -> theta |> Map.add v x)

    /// Is the full point (hyperparameters and v) a witness: in the domain, others ≥ 0, goal < 0?
    [<CompiledName("IsWitness")>]
    let isWitness (d: ConditionDomain) (v: string) (others: MPoly list) (goal: MPoly) (point: Map<string, Rational>) =
        point.ContainsKey v
        && inDomain d (point |> Map.remove v)
        && (MPoly.eval point goal).Sign < 0
        && others |> List.forall (fun p -> (MPoly.eval point p).Sign >= 0)

    let private powInterval (lo: Rational) (hi: Rational) (e: int) =
        let a, b = Rational.pow e lo, Rational.pow e hi
        if e % 2 = 0 && lo.Sign < 0 && hi.Sign > 0 then Rational.zero, Rational.max a b
        else Rational.min a b, Rational.max a b

    let private mulInterval (al: Rational, ah: Rational) (bl: Rational, bh: Rational) =
        let ps = [ al * bl; al * bh; ah * bl; ah * bh ]
        List.min ps, List.max ps

    /// An enclosure of p over a box of closed rational intervals (interval arithmetic, exact).
    let private enclosure (box: Map<string, Rational * Rational>) (p: MPoly) =
        MPoly.terms p
        |> List.fold
            (fun (lo: Rational, hi: Rational) (m, c) ->
                let tl, th =
                    m |> Map.fold (fun acc v e -> let l, h = box.[v] in mulInterval acc (powInterval l h e)) (c, c)
                lo + tl, hi + th)
            (Rational.zero, Rational.zero)

    /// p ≥ 0 (or > 0 when strict) on the closed hull of the declared intervals of its variables,
    /// by interval arithmetic on up to 256 sub-boxes (bisecting the widest side). Needs both ends
    /// of every interval; proving it on the hull proves it on the domain.
    let private boxProof (d: ConditionDomain) (strict: bool) (p: MPoly) =
        let bounds =
            MPoly.variables p
            |> List.map (fun v ->
                match d.Params |> List.tryFind (fun q -> q.Name = v) with
                | Some { Lower = Some lo; Upper = Some hi } -> Some(v, (lo.Value, hi.Value))
                | _ -> None)
        if bounds |> List.exists Option.isNone || bounds.IsEmpty then
            false
        else
            let queue = System.Collections.Generic.Queue<Map<string, Rational * Rational>>()
            queue.Enqueue(bounds |> List.choose id |> Map.ofList)
            let mutable budget = 256
            let mutable failed = false
            while not failed && queue.Count > 0 do
                let box = queue.Dequeue()
                let lo, hi = enclosure box p
                let settled = if strict then lo.Sign > 0 else lo.Sign >= 0
                if not settled then
                    if (if strict then hi.Sign <= 0 else hi.Sign < 0) || budget <= 0 then
                        failed <- true
                    else
                        budget <- budget - 1
                        let v, (l, h) = box |> Map.toList |> List.maxBy (fun (_, (l, h)) -> h - l)
                        let mid = Rational.midpoint l h
                        queue.Enqueue(box |> Map.add v (l, mid))
                        queue.Enqueue(box |> Map.add v (mid, h))
            not failed

    let private onBox (d: ConditionDomain) (strict: bool) (p: MPoly) =
        if strict then CoreAdapter.strictSign d.Params p > 0 || boxProof d true p
        else CoreAdapter.provesNonNegative d.Params p || boxProof d false p

    /// p = c·r + q with r a constraint (r ≥ 0, or r > 0 when strict), c > 0 rational and q ≥ 0 on
    /// the intervals (q > 0 when p must be strictly positive and r is not strict): then p ≥ 0 (or
    /// > 0) on the whole domain, whatever c > 0 is. The c tried are those that cancel a monomial
    /// r and p share.
    let private byConstraint (d: ConditionDomain) (strict: bool) (p: MPoly) =
        let pTerms = Map.ofList (MPoly.terms p)
        (not (MPoly.isZero p))
        && d.Constraints
           |> List.exists (fun r ->
               MPoly.terms r.Polynomial
               |> List.choose (fun (m, a) -> Map.tryFind m pTerms |> Option.map (fun b -> b / a))
               |> List.filter (fun c -> c.Sign > 0)
               |> List.distinct
               |> List.exists (fun c ->
                   let q = p - MPoly.scale c r.Polynomial
                   if strict && not r.Strict then onBox d true q else onBox d false q))

    /// p ≥ 0 on the domain for every value of every variable, by an exact proof.
    [<CompiledName("ProvesNonNegative")>]
    let provesNonNegative (d: ConditionDomain) (p: MPoly) =
        onBox d false p || byConstraint d false p

    /// +1 / −1 when p > 0 / p < 0 everywhere on the domain by an exact proof, else 0.
    [<CompiledName("StrictSign")>]
    let strictSign (d: ConditionDomain) (p: MPoly) =
        match CoreAdapter.strictSign d.Params p with
        | 0 ->
            if boxProof d true p || byConstraint d true p then 1
            elif boxProof d true (-p) || byConstraint d true (-p) then -1
            else 0
        | s -> s

    /// When every polynomial is a polynomial in one product m = v·(monomial in the
    /// hyperparameters), e.g. m = alpha*lambda: the univariate polynomials in m.
    let private inOneProduct (v: string) (polys: MPoly list) =
        let monomials = polys |> List.collect (MPoly.terms >> List.map fst) |> List.filter (fun m -> not m.IsEmpty)
        match monomials |> List.filter (fun m -> Map.tryFind v m = Some 1) |> List.tryHead with
        | None -> None
        | Some m ->
            let power (t: Map<string, int>) =
                let k = defaultArg (Map.tryFind v t) 0
                if k > 0 && t = (m |> Map.map (fun _ e -> e * k)) then Some k else None
            if monomials |> List.forall (fun t -> (power t).IsSome) then
                let toPoly (p: MPoly) =
                    MPoly.terms p
                    |> List.fold
                        (fun acc (t, c) ->
                            let k = if t.IsEmpty then 0 else (power t).Value
                            acc + Poly.scale c (Poly.monomial k))
                        Poly.zero
                Some(MPoly.monomial Rational.one m, polys |> List.map toPoly)
            else
                None

    /// Removes the content in v when its sign is proved constant on the domain, then scales to
    /// coprime integer coefficients.
    [<CompiledName("RemovePositiveFactors")>]
    let removePositiveFactors (d: ConditionDomain) (v: string) (c: MPoly) : MPoly * (MPoly * int) list =
        if MPoly.isZero c then
            c, []
        else
            let content = MPoly.contentIn v c
            let c, removed =
                if List.isEmpty (MPoly.variables content) || MPoly.degreeIn v c = 0 then
                    c, []
                else
                    match strictSign d content with
                    | 0 -> c, []
                    | s ->
                        match MPoly.exactDiv c content with
                        | Some q -> (if s > 0 then q else -q), [ content, s ]
                        | None -> c, []
            MPoly.scale (Rational.inverse (MPoly.rationalContent c)) c, removed

    /// c = a·h + b with a, b free of v and ≥ 0 on the domain: b the part of c at v = 0 with
    /// a = (c − b)/h, or a = lc(c)/lc(h) (leading coefficients in v) with b = c − a·h.
    let private combination (d: ConditionDomain) (v: string) (c: MPoly) (h: MPoly) =
        if MPoly.degreeIn v h <= 0 || MPoly.degreeIn v c <= 0 then
            None
        else
            let atZero = MPoly.substitute (Map.ofList [ v, Rational.zero ]) c
            let byLeading =
                if MPoly.degreeIn v c = MPoly.degreeIn v h then
                    let lc (p: MPoly) = (MPoly.coeffsIn v p) |> Array.last
                    MPoly.exactDiv (lc c) (lc h)
                else
                    None
            let candidates =
                [ match MPoly.exactDiv (c - atZero) h with
                  | Some a -> yield a
                  | None -> ()
                  match byLeading with
                  | Some a -> yield a
                  | None -> () ]
            candidates
            |> List.tryPick (fun a ->
                let b = c - a * h
                if MPoly.degreeIn v a <= 0 && MPoly.degreeIn v b <= 0
                   && provesNonNegative d a
                   && provesNonNegative d b then
                    Some(a, b)
                else
                    None)

    type private Working =
        { Condition: NamedCondition
          Simplified: MPoly
          Removed: (MPoly * int) list
          mutable Kept: bool
          mutable Decision: Decision option }

    /// Simplifies the conjunction {v : every condition ≥ 0} on the domain. Steps: remove factors
    /// of proven sign; drop conditions that hold everywhere and duplicates; search exact witnesses
    /// of independence at hyperparameter points (including points within 10⁻⁶ of exclusive ends);
    /// then, for each condition without a witness (higher degree first), try an exact
    /// combination with one kept condition, then the checker, against the conditions still kept.
    /// Dropping one at a time keeps every drop sound: each is implied by what is kept at that
    /// moment, and everything dropped later is implied by what stays.
    [<CompiledName("Simplify")>]
    let simplify
        (domain: ConditionDomain)
        (v: string)
        (checker: ImplicationChecker option)
        (options: SearchOptions)
        (conditions: NamedCondition list)
        : Simplification =
        let allowed = Set.ofList (v :: names domain)
        for c in conditions do
            match MPoly.variables c.Polynomial |> List.tryFind (fun x -> not (allowed.Contains x)) with
            | Some x -> invalidArg "conditions" (sprintf "condition '%s' uses '%s', which is neither %s nor a declared hyperparameter" c.Name x v)
            | None -> ()
        let work =
            conditions
            |> List.map (fun c ->
                let s, removed = removePositiveFactors domain v c.Polynomial
                { Condition = c; Simplified = s; Removed = removed; Kept = true; Decision = None })
            |> Array.ofList
        // conditions that hold everywhere, and duplicates of an earlier condition
        for i in 0 .. work.Length - 1 do
            let w = work.[i]
            let always =
                match MPoly.tryConstant w.Simplified with
                | Some x -> x.Sign >= 0
                | None -> MPoly.degreeIn v w.Simplified = 0 && provesNonNegative domain w.Simplified
            if always then
                w.Kept <- false
                w.Decision <- Some HoldsOnDomain
            else
                match work.[0 .. i - 1] |> Array.tryFind (fun e -> e.Kept && e.Simplified = w.Simplified) with
                | Some e ->
                    w.Kept <- false
                    w.Decision <- Some(SameAs e.Condition.Name)
                | None -> ()
        let live () = work |> Array.filter (fun w -> w.Kept)
        // exact witnesses of independence against every other live condition
        let thetas = thetaPoints options domain
        /// Looks for exact witnesses for the live conditions `isOpen` selects, against all other
        /// live conditions: one root isolation per hyperparameter point gives the signs of every
        /// live condition at every cell sample, then each open condition looks for its pattern.
        let search (isOpen: Working -> bool) =
            let mutable remaining = thetas
            while not remaining.IsEmpty && live () |> Array.exists isOpen do
                let theta = List.head remaining
                remaining <- List.tail remaining
                let current = live ()
                let polys = current |> Array.map (fun w -> univariate v theta w.Simplified)
                let samples = lambdaSamples (List.ofArray polys) |> Array.ofList
                let signs = samples |> Array.map (fun x -> polys |> Array.map (fun p -> (Poly.eval x p).Sign))
                current
                |> Array.iteri (fun j w ->
                    if isOpen w then
                        let fits (s: int[]) = s.[j] < 0 && s |> Array.indexed |> Array.forall (fun (i, x) -> i = j || x >= 0)
                        match Array.zip samples signs |> Array.tryFind (snd >> fits) with
                        | Some(x, _) -> w.Decision <- Some(IndependentAt(theta |> Map.add v x))
                        | None -> ())
        search (fun w -> w.Decision.IsNone)
        // the rest: exact combinations, then the checker, higher degree in v first
        let order =
            live ()
            |> Array.filter (fun w -> w.Decision.IsNone)
            |> Array.sortBy (fun w -> -(MPoly.degreeIn v w.Simplified), -(MPoly.totalDegree w.Simplified))
        for w in order do
            let others = live () |> Array.filter (fun o -> not (obj.ReferenceEquals(o, w)))
            let oneProduct =
                // the conditions before removing factors (sign-corrected): the same sets on the
                // domain, and a removed factor such as alpha may be part of the product
                let signed (o: Working) =
                    let s = o.Removed |> List.fold (fun acc (_, sg) -> acc * sg) 1
                    if s > 0 then o.Condition.Polynomial else -o.Condition.Polynomial
                match inOneProduct v (signed w :: (others |> Array.map signed |> List.ofArray)) with
                | Some(m, goal :: rest) ->
                    // for fixed hyperparameters m ranges over a subset of the reals, so inclusion of
                    // the univariate sets over all reals proves the implication
                    let outside = CoreAdapter.signRegion ((goal, [ -1 ]) :: (rest |> List.map (fun p -> p, [ 0; 1 ])))
                    if Region.isEmpty outside then Some m else None
                | _ -> None
            match oneProduct, others |> Array.tryPick (fun h -> combination domain v w.Simplified h.Simplified |> Option.map (fun (a, b) -> h, a, b)) with
            | Some m, _ ->
                w.Kept <- false
                w.Decision <- Some(ImpliedInOneVariable m)
            | None, Some(h, a, b) ->
                w.Kept <- false
                w.Decision <- Some(CombinationOf(h.Condition.Name, a, b))
            | None, None ->
                let reasons = [ sprintf "no witness at %d hyperparameter points" thetas.Length; "no exact argument (one product, combination with one kept condition)" ]
                match checker with
                | None -> w.Decision <- Some(Undecided(reasons @ [ "no checker was given" ]))
                | Some check ->
                    let query =
                        { Domain = domain
                          Variable = v
                          Hypotheses = others |> Array.map (fun o -> o.Simplified) |> List.ofArray
                          Goal = w.Simplified }
                    match check query with
                    | Proved evidence ->
                        w.Kept <- false
                        w.Decision <- Some(ImpliedByChecker(others |> Array.map (fun o -> o.Condition.Name) |> List.ofArray, evidence))
                    | Refuted point ->
                        let hyps = query.Hypotheses
                        if isWitness domain v hyps w.Simplified point then
                            w.Decision <- Some(IndependentAt point)
                        else
                            let theta = point |> Map.remove v
                            let found =
                                if names domain |> List.forall theta.ContainsKey && inDomain domain theta then
                                    witnessAt v theta hyps w.Simplified
                                else
                                    None
                            match found with
                            | Some p -> w.Decision <- Some(IndependentAt p)
                            | None -> w.Decision <- Some(Undecided(reasons @ [ "the checker reported a counterexample that is not an exact rational point" ]))
                    | Unanswered why -> w.Decision <- Some(Undecided(reasons @ [ why ]))
        // conditions kept undecided may have become independent of what is kept now
        search (fun w ->
            match w.Decision with
            | Some(Undecided _) -> true
            | _ -> false)
        { Variable = v
          Domain = domain
          Outcomes =
            work
            |> Array.map (fun w ->
                { Condition = w.Condition
                  Simplified = w.Simplified
                  RemovedFactors = w.Removed
                  Kept = w.Kept
                  Decision = w.Decision |> Option.defaultValue (Undecided [ "not examined" ]) })
            |> List.ofArray }

    /// The kept conditions, in their original order.
    [<CompiledName("Kept")>]
    let kept (s: Simplification) = s.Outcomes |> List.filter (fun o -> o.Kept) |> List.map (fun o -> o.Simplified)

    /// The exact set {v : every kept condition ≥ 0} at concrete hyperparameters.
    [<CompiledName("RegionAt")>]
    let regionAt (s: Simplification) (theta: Map<string, Rational>) : Region =
        kept s |> List.map (univariate s.Variable theta) |> CoreAdapter.nonNegativeRegion

    /// The decision in words, for a report: why the condition is printed or left out.
    [<CompiledName("DecisionText")>]
    let decisionText (v: string) (o: ConditionOutcome) =
        let point (p: Map<string, Rational>) = p |> Map.toList |> List.map (fun (k, x) -> sprintf "%s=%O" k x) |> String.concat ", "
        match o.Decision with
        | HoldsOnDomain -> "dropped: holds everywhere on the declared domain (exact sign proof)"
        | SameAs n -> sprintf "dropped: the same condition as %s" n
        | CombinationOf(n, a, b) ->
            sprintf "dropped: equals (%s)*[%s] + (%s) with both parts >= 0 on the domain (exact sign proofs)" (MPoly.toString a) n (MPoly.toString b)
        | ImpliedInOneVariable m ->
            sprintf "dropped: every condition is a polynomial in %s alone, and there the kept ones imply it (exact univariate regions)" (MPoly.toString m)
        | ImpliedByChecker(ns, e) ->
            sprintf "dropped: implied by %s on the domain (%s proof, %.2f s)" (String.concat ", " ns) e.Checker e.Seconds
        | IndependentAt p -> sprintf "kept: not implied by the others (at %s they hold and it fails)" (point p)
        | Undecided rs -> sprintf "kept: implication not decided (%s)" (String.concat "; " rs)
