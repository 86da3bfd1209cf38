namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// One free hyperparameter of a tuning problem and the closed interval searched for it.
type FreeParameter =
    { Name: string
      Min: Rational
      Max: Rational }

/// Exact bounds on the worst-case rate F(θ) = max over v in [lo, hi] of ρ(p(·; v, θ)), for
/// characteristic polynomials of degree 1 or 2 in z, through closed-disk conditions:
///   z + a₀:            |z| ≤ t for the root  ⟺  t² − a₀² ≥ 0
///   z² + a₁z + a₀:     both roots |z| ≤ t    ⟺  t² − a₀ ≥ 0, t² + a₀ ≥ 0, (t² + a₀)² − a₁²t² ≥ 0
/// and the same with > for the open disk (Jury's conditions for p(t·z), with |a₁|t ≤ t² + a₀
/// squared, which needs t² + a₀ ≥ 0 beside it). So ρ ≤ t ⟺ all hold and ρ ≥ t ⟺ one is ≤ 0.
[<RequireQualifiedAccess>]
module RateBounds =

    /// The conditions above with s standing for t², as polynomials in s and p's other variables.
    [<CompiledName("SquaredConditions")>]
    let squaredConditions (s: MPoly) (p: MPoly) : Result<MPoly list, string> =
        let cs = MPoly.coeffsIn "z" p

        match cs.Length - 1 with
        | 1 -> Ok [ s - cs.[0] * cs.[0] ]
        | 2 ->
            let a0, a1 = cs.[0], cs.[1]
            Ok [ s - a0; s + a0; (s + a0) * (s + a0) - a1 * a1 * s ]
        | k -> Error(sprintf "exact rate bounds at algebraic hyperparameters need degree 1 or 2 in z, not %d" k)

    /// c ≥ 0 on all of [lo, hi], for c with coefficients in the field: the real roots of c are among
    /// those of its norm, so c has one sign on each open cell between them and is checked at one
    /// rational point per cell and at both ends; at the roots themselves c ≥ 0 by continuity.
    let private nonNegativeOn (f: ExtensionField) (c: Poly[]) (lo: Rational) (hi: Rational) =
        let c = ExtensionPoly.trim f c
        let sign x = f.Sign(ExtensionPoly.evalRational f c x)

        if c.Length = 0 then
            true
        elif lo = hi || ExtensionPoly.degree c = 0 then
            sign lo >= 0 && sign hi >= 0
        else
            let loA, hiA = AlgebraicNumber.ofRational lo, AlgebraicNumber.ofRational hi

            let inside =
                AlgebraicNumber.realRoots (ExtensionPoly.norm f c)
                |> List.ofSeq
                |> List.filter (fun x -> AlgebraicNumber.compare x loA > 0 && AlgebraicNumber.compare x hiA < 0)

            let fences = loA :: inside @ [ hiA ]
            let samples = fences |> List.pairwise |> List.map (fun (a, b) -> AlgebraicNumber.rationalBetween a b)
            (lo :: hi :: samples) |> List.forall (fun x -> sign x >= 0)

    /// Does c vanish somewhere in [lo, hi]?
    let private vanishesOn (f: ExtensionField) (c: Poly[]) (lo: Rational) (hi: Rational) =
        let c = ExtensionPoly.trim f c
        let zeroAt x = f.IsZero(ExtensionPoly.evalRational f c x)
        c.Length = 0 || zeroAt lo || zeroAt hi || (lo < hi && ExtensionPoly.degree c >= 1 && ExtensionPoly.sturmCount f c lo hi >= 1)

    /// Decides F(θ*)² = s* exactly, for θ* and s* in one field: every squared condition with s*
    /// is ≥ 0 on [lo, hi] (so F ≤ √s*) and one of them vanishes somewhere in [lo, hi] (so F ≥ √s*
    /// there). Ok names the tight condition; Error says which part failed.
    [<CompiledName("VerifySquaredRate")>]
    let verifySquaredRate
        (f: ExtensionField)
        (variable: string)
        (p: MPoly)
        (theta: Map<string, Poly>)
        (sStar: Poly)
        (lo: Rational)
        (hi: Rational)
        : Result<string, string> =
        let sName = "rate squared"

        match squaredConditions (MPoly.var sName) p with
        | Error e -> Error e
        | Ok conditions ->
            let values = theta |> Map.add sName sStar
            let inLambda = conditions |> List.map (ExtensionPoly.specialize f variable values)

            match inLambda |> List.tryFindIndex (fun c -> not (nonNegativeOn f c lo hi)) with
            | Some i -> Error(sprintf "disk condition %d is negative somewhere in the spectrum: the rate exceeds the candidate value" (i + 1))
            | None ->
                match inLambda |> List.tryFindIndex (fun c -> vanishesOn f c lo hi) with
                | Some i -> Ok(sprintf "disk condition %d of %d vanishes in the spectrum; all are non-negative on it" (i + 1) conditions.Length)
                | None -> Error "every disk condition is positive on the spectrum: the rate is below the candidate value"

    /// An exact proof that F(θ) ≥ t on the whole box of one free parameter, for rational t: with
    /// Cₑ = {θ : ρ(p(·; e, θ)) ≤ t} (exact radius-t regions) at the spectrum ends e, a θ with
    /// F(θ) < t would have an open neighbourhood inside every Cₑ and the box, so it suffices that
    /// the Cₑ and the box share no interval of positive length.
    [<CompiledName("ExactLowerBound1D")>]
    let exactLowerBound1D (variable: string) (p: MPoly) (lo: Rational) (hi: Rational) (free: FreeParameter) (t: Rational) : Result<bool, string> =
        let ends = List.distinct [ lo; hi ]

        let regions =
            ends
            |> List.map (fun e -> RadiusRegion.compute free.Name (MPoly.substitute (Map.ofList [ variable, e ]) p) t)

        match regions |> List.tryPick (function Error e -> Some e | Ok _ -> None) with
        | Some e -> Error e
        | None ->
            let regions = regions |> List.map (function Ok r -> r.Region | Error _ -> invalidOp "unreachable")
            let box = (AlgebraicNumber.ofRational free.Min, AlgebraicNumber.ofRational free.Max)

            let clip (a: AlgebraicNumber, b: AlgebraicNumber) (i: Interval) =
                let a' = match i.Lower with Some bd when AlgebraicNumber.compare bd.Value a > 0 -> bd.Value | _ -> a
                let b' = match i.Upper with Some bd when AlgebraicNumber.compare bd.Value b < 0 -> bd.Value | _ -> b
                if AlgebraicNumber.compare a' b' < 0 then Some(a', b') else None

            let pieces =
                regions
                |> List.fold
                    (fun (acc: (AlgebraicNumber * AlgebraicNumber) list) (r: Region) ->
                        acc |> List.collect (fun piece -> r.Intervals |> List.choose (clip piece)))
                    [ box ]

            Ok pieces.IsEmpty

    /// Branch and bound over the box of free parameters: every box must carry an eigenvalue v and a
    /// closed-disk condition of radius `level` (in the form p(level) ≥ 0, ±p(−level) ≥ 0,
    /// level² − a₀ ≥ 0) whose exact interval enclosure over the box is negative; then every θ in
    /// the box has a root of modulus > level, so F(θ) > level. Eigenvalues tried: the spectrum
    /// ends, then a rational near the numeric worst case at the box centre (`guide`). Ok gives
    /// the number of boxes; Error gives a box that could not be certified.
    [<CompiledName("BranchAndBound")>]
    let branchAndBound
        (variable: string)
        (p: MPoly)
        (lo: Rational)
        (hi: Rational)
        (free: FreeParameter list)
        (level: Rational)
        (guide: Map<string, Rational> -> Rational)
        (maxBoxes: int)
        : Result<int, string> =
        if MPoly.degreeIn "z" p > 2 then
            Error(sprintf "the branch and bound uses closed-disk conditions of degree 1 or 2 in z, not %d" (MPoly.degreeIn "z" p))
        else
            let conditionsAt (v: Rational) =
                match RadiusRegion.conditions (MPoly.constant level) (MPoly.substitute (Map.ofList [ variable, v ]) p) with
                | Ok cs -> cs |> List.map (fun c -> Enclosure.centred c.Condition)
                | Error e -> invalidArg "p" e

            let cache = System.Collections.Generic.Dictionary<Rational, Enclosure.Centred list>()

            let conditionsAt (v: Rational) =
                match cache.TryGetValue v with
                | true, cs -> cs
                | _ ->
                    let cs = conditionsAt v
                    cache.[v] <- cs
                    cs

            let atEnds = List.distinct [ lo; hi ] |> List.map conditionsAt
            let negative box (cs: Enclosure.Centred list) = cs |> List.exists (fun c -> (Enclosure.evalCentred box c).Hi.Sign < 0)
            let widths = free |> List.map (fun q -> q.Name, q.Max - q.Min) |> Map.ofList
            let stack = System.Collections.Generic.Stack<Map<string, Enclosure>>()
            stack.Push(free |> List.map (fun q -> q.Name, Enclosure.create q.Min q.Max) |> Map.ofList)
            let mutable certified = 0
            let mutable seen = 0
            let mutable failure = None

            while failure.IsNone && stack.Count > 0 do
                let box = stack.Pop()
                seen <- seen + 1

                let ok =
                    atEnds |> List.exists (negative box)
                    || negative box (conditionsAt (guide (box |> Map.map (fun _ e -> Enclosure.midpoint e))))

                // a box 2⁻⁶⁰ of the searched width that still fails is reported, not split: the
                // level is at best barely beaten there, and splitting on only grows the numbers
                let tiny = box |> Map.forall (fun n e -> Enclosure.width e * Rational.Pow(Rational.ofInt 2, 60) <= widths.[n])

                if ok then
                    certified <- certified + 1
                elif seen >= maxBoxes || tiny then
                    let text = box |> Map.toList |> List.map (fun (n, e) -> sprintf "%s in [%O, %O]" n e.Lo e.Hi) |> String.concat ", "
                    failure <- Some(sprintf "gave up after %d boxes; not certified: %s" seen text)
                else
                    // split the widest side relative to its initial width
                    let name =
                        box
                        |> Map.toList
                        |> List.maxBy (fun (n, e) -> if widths.[n].IsZero then Rational.zero else Enclosure.width e / widths.[n])
                        |> fst

                    let e = box.[name]
                    let m = Enclosure.midpoint e
                    stack.Push(Map.add name (Enclosure.create e.Lo m) box)
                    stack.Push(Map.add name (Enclosure.create m e.Hi) box)

            match failure with
            | Some f -> Error f
            | None -> Ok certified
