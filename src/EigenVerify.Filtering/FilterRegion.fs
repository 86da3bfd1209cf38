namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// What a rule's filter statement means: the exact set it describes at concrete hyperparameters,
/// and its conditions over the declared domain for a symbolic comparison with a closed form.
[<RequireQualifiedAccess>]
module FilterRegion =

    /// Signs a − b may have for `a r b` to hold.
    let private signs (r: Relation) =
        match r with
        | Less -> [ -1 ]
        | LessOrEqual -> [ -1; 0 ]
        | Greater -> [ 1 ]
        | GreaterOrEqual -> [ 0; 1 ]
        | Equal -> [ 0 ]

    /// The isolated points as rational functions of the hyperparameters.
    [<CompiledName("Points")>]
    let points (f: FilterStatement) = f.Points |> List.map (fun p -> Expr.toRationalFunction p.Expr)

    /// The exact set {v : every chain holds} ∪ {isolated points} at concrete hyperparameters.
    /// A side that divides by zero at some v leaves that v out; a point whose value is undefined
    /// at these hyperparameters is no point.
    [<CompiledName("RegionAt")>]
    let regionAt (theta: Map<string, Rational>) (f: FilterStatement) : Region =
        let v = f.Variable.Name
        let inV (p: MPoly) =
            let q = MPoly.substitute theta p
            match MPoly.tryToPoly v q with
            | Some x -> x
            | None -> invalidArg "theta" (sprintf "a hyperparameter of %s has no value" (MPoly.toString q))
        let atTheta (e: Expr) =
            let rf = Expr.toRationalFunction e
            inV rf.Num, inV rf.Den
        // every chain as sign conditions; None when a side is undefined for every v
        let chainConditions (c: FilterChain) =
            let sides = c.Sides |> List.map (fun s -> atTheta s.Expr)
            if sides |> List.exists (fun (_, d) -> Poly.isZero d) then
                None
            else
                let defined = sides |> List.filter (fun (_, d) -> Poly.degree d >= 1) |> List.map (fun (_, d) -> d, [ -1; 1 ])
                // sign(a − b) = sign((na·db − nb·da)·da·db) wherever da·db ≠ 0
                let comparisons =
                    List.zip3 (List.take c.Relations.Length sides) c.Relations (List.tail sides)
                    |> List.map (fun ((na, da), r, (nb, db)) -> (na * db - nb * da) * da * db, signs r)
                Some(defined @ comparisons)
        let chains = f.Chains |> List.map chainConditions
        let conditions = chains |> List.choose id |> List.concat
        let chainsCanHold =
            chains |> List.forall Option.isSome
            && conditions |> List.forall (fun (c, accepted) -> not (Poly.isZero c) || List.contains 0 accepted)
        let conditions = conditions |> List.filter (fun (c, _) -> not (Poly.isZero c))
        let pointValues =
            f.Points
            |> List.choose (fun p ->
                // free of v, so both are constants once θ is substituted; a zero denominator
                // leaves the point undefined here
                let n, d = atTheta p.Expr
                if Poly.degree d = 0 then Some(Poly.eval Rational.Zero n / Poly.leading d) else None)
        let holds (x: SamplePoint) =
            chainsCanHold
            && conditions
               |> List.forall (fun (c, accepted) ->
                   let s =
                       match x with
                       | AtRational r -> Rational.sign (Poly.eval r c)
                       | AtRoot a -> AlgebraicNumber.signAt c a
                   List.contains s accepted)
        let isPoint (x: SamplePoint) =
            match x with
            | AtRational r -> List.contains r pointValues
            | AtRoot _ -> false
        let critical = (conditions |> List.map fst) @ (pointValues |> List.map (fun r -> Poly.x - Poly.constant r))
        Region.decompose critical (fun x -> holds x || isPoint x)

    /// The chains as conditions "c ≥ 0" over the declared domain, each normalised like a closed
    /// form's: every relation must be ≤ or ≥ and every denominator of a side difference must have
    /// a proven sign on the domain (it is cleared). None when that is not so.
    [<CompiledName("Conditions")>]
    let conditions (domains: ParamDomain list) (f: FilterStatement) : MPoly list option =
        let facts = Positivity.facts domains
        let nonNegative (a: Expr) (b: Expr) =
            // a − b ≥ 0 as a polynomial condition
            let d = RationalFunction.sub (Expr.toRationalFunction a) (Expr.toRationalFunction b)
            match Positivity.strictSign facts d.Den with
            | 1 -> Some d.Num
            | -1 -> Some(-d.Num)
            | _ -> None
        let perChain (c: FilterChain) =
            List.zip3 (List.take c.Relations.Length c.Sides) c.Relations (List.tail c.Sides)
            |> List.map (fun (a, r, b) ->
                match r with
                | LessOrEqual -> nonNegative b.Expr a.Expr
                | GreaterOrEqual -> nonNegative a.Expr b.Expr
                | _ -> None)
        let all = f.Chains |> List.collect perChain
        if all |> List.forall Option.isSome then
            Some(all |> List.choose id |> List.map (ClosedForm.normalize facts f.Variable))
        else
            None

    /// Is the isolated point proven to satisfy every chain for every hyperparameter value in the
    /// declared domain (so the point adds nothing to the set)? False means "not proven".
    [<CompiledName("PointInChains")>]
    let pointInChains (domains: ParamDomain list) (f: FilterStatement) (point: FilterSide) =
        let facts = Positivity.facts domains
        let atPoint (e: Expr) = Expr.substitute (Map.ofList [ f.Variable.Name, point.Expr ]) e
        let defined (e: Expr) =
            // the value's denominator must have a proven sign, and so must each side's at the point
            try
                let rf = Expr.toRationalFunction e
                MPoly.tryConstant rf.Den |> Option.isSome || Positivity.strictSign facts rf.Den <> 0
            with :? System.DivideByZeroException ->
                false
        let holds (a: FilterSide) (r: Relation) (b: FilterSide) =
            let ea, eb = atPoint a.Expr, atPoint b.Expr
            defined ea
            && defined eb
            && (let d = RationalFunction.sub (Expr.toRationalFunction ea) (Expr.toRationalFunction eb)
                let sd = if (MPoly.tryConstant d.Den).IsSome then 1 else Positivity.strictSign facts d.Den
                let n = if sd < 0 then -d.Num else d.Num
                // now a − b has the sign of n
                match r with
                | Equal -> MPoly.isZero n
                | LessOrEqual -> Positivity.prove facts false (-n)
                | GreaterOrEqual -> Positivity.prove facts false n
                | Less -> Positivity.prove facts true (-n)
                | Greater -> Positivity.prove facts true n)
        defined point.Expr
        && f.Chains
           |> List.forall (fun c ->
               List.zip3 (List.take c.Relations.Length c.Sides) c.Relations (List.tail c.Sides)
               |> List.forall (fun (a, r, b) -> holds a r b))
