namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// One end of an interval: an exact real algebraic number, included or not.
type Bound = { Value: AlgebraicNumber; Closed: bool }

/// An interval of the real line; `None` stands for −∞ (lower) or +∞ (upper).
type Interval = { Lower: Bound option; Upper: Bound option }

/// A subset of ℝ given by finitely many disjoint intervals and isolated points, all sorted, with
/// no two pieces touching (a maximal decomposition, so two equal sets have equal values).
type Region = { Intervals: Interval list; Points: AlgebraicNumber list }

/// Where membership is asked: at a rational sample point or at an algebraic critical value.
type SamplePoint =
    | AtRational of Rational
    | AtRoot of AlgebraicNumber

[<RequireQualifiedAccess>]
module Region =

    let empty = { Intervals = []; Points = [] }

    let everything = { Intervals = [ { Lower = None; Upper = None } ]; Points = [] }

    let isEmpty (r: Region) = r.Intervals.IsEmpty && r.Points.IsEmpty

    let private boundEqual (a: Bound option) (b: Bound option) =
        match a, b with
        | None, None -> true
        | Some a, Some b -> a.Closed = b.Closed && AlgebraicNumber.compare a.Value b.Value = 0
        | _ -> false

    /// Set equality (the representation is canonical), decided exactly.
    let equal (a: Region) (b: Region) =
        a.Intervals.Length = b.Intervals.Length
        && a.Points.Length = b.Points.Length
        && List.forall2 (fun (x: Interval) (y: Interval) -> boundEqual x.Lower y.Lower && boundEqual x.Upper y.Upper) a.Intervals b.Intervals
        && List.forall2 (fun x y -> AlgebraicNumber.compare x y = 0) a.Points b.Points

    /// {s·x : x ∈ r} for a rational s > 0 (the order of the pieces is kept).
    let internal scale (s: Rational) (r: Region) =
        let bound (b: Bound option) = b |> Option.map (fun b -> { b with Value = AlgebraicNumber.scale s b.Value })
        { Intervals = r.Intervals |> List.map (fun i -> { Lower = bound i.Lower; Upper = bound i.Upper })
          Points = r.Points |> List.map (AlgebraicNumber.scale s) }

    /// Is the real algebraic number xa in the region? (Decided exactly.)
    let containsAlgebraic (xa: AlgebraicNumber) (r: Region) =
        let above (b: Bound option) =
            match b with
            | None -> true
            | Some b ->
                let c = AlgebraicNumber.compare xa b.Value
                c > 0 || (c = 0 && b.Closed)
        let below (b: Bound option) =
            match b with
            | None -> true
            | Some b ->
                let c = AlgebraicNumber.compare xa b.Value
                c < 0 || (c = 0 && b.Closed)
        r.Intervals |> List.exists (fun i -> above i.Lower && below i.Upper)
        || r.Points |> List.exists (fun p -> AlgebraicNumber.compare xa p = 0)

    /// Is the rational x in the region?
    let contains (x: Rational) (r: Region) = containsAlgebraic (AlgebraicNumber.ofRational x) r

    /// A rational strictly between a < b with a small denominator: the simplest rational in the
    /// middle half of the gap between their isolating intervals (refined until they are apart).
    /// Simple samples keep every later membership test on small numbers.
    let private sampleBetween (a: AlgebraicNumber) (b: AlgebraicNumber) =
        let halve (x: AlgebraicNumber) =
            let lo, hi = AlgebraicNumber.interval x
            if lo = hi then x else AlgebraicNumber.refineTo ((hi - lo) / Rational.OfInt 2) x
        let rec apart (a: AlgebraicNumber) (b: AlgebraicNumber) =
            let u = snd (AlgebraicNumber.interval a)
            let v = fst (AlgebraicNumber.interval b)
            if u < v then u, v else apart (halve a) (halve b)
        let u, v = apart a b
        let quarter = (v - u) / Rational.OfInt 4
        Isolation.simplest (u + quarter) (v - quarter)

    /// The cell decomposition with the samples made available to the test at a critical value:
    /// `cellMember x` decides the open cell holding the rational x, and `rootMember left c right`
    /// the critical value c, given the samples of the cells on either side of it. Membership is
    /// constant on each open cell between consecutive real roots of `critical` (the caller
    /// guarantees this), so one sample per cell and one test per root decide the whole set.
    ///
    /// With `closed` the set is known to be closed, so a critical value next to a member cell is
    /// a member without a test (only candidates for isolated points are tested).
    let internal decomposeAround
        (closed: bool)
        (critical: Poly list)
        (cellMember: Rational -> bool)
        (rootMember: Rational -> AlgebraicNumber -> Rational -> bool)
        : Region =
        let critical = critical |> List.filter (fun c -> Poly.degree c >= 1 || Poly.isZero c)
        if critical |> List.exists Poly.isZero then
            invalidArg "critical" "a critical polynomial is zero: the cells are not defined"
        // roots of each factor separately (smaller degrees isolate faster), merged and deduplicated
        let roots =
            critical
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
        let m = roots.Length
        // the outer cells get the integers just beyond the isolating intervals of the extreme roots
        let cellSample i =
            if m = 0 then Rational.zero
            elif i = 0 then Rational.OfBigInt(Rational.floor (fst (AlgebraicNumber.interval roots.[0])) - System.Numerics.BigInteger.One)
            elif i = m then Rational.OfBigInt(Rational.floor (snd (AlgebraicNumber.interval roots.[m - 1])) + System.Numerics.BigInteger.One)
            else sampleBetween roots.[i - 1] roots.[i]
        let samples = Array.init (m + 1) cellSample
        let cellIn = samples |> Array.map cellMember
        let pointIn =
            roots
            |> Array.mapi (fun i c -> (closed && (cellIn.[i] || cellIn.[i + 1])) || rootMember samples.[i] c samples.[i + 1])
        let intervals = ResizeArray()
        let points = ResizeArray()
        let mutable openLower: Bound option option = None
        for i in 0 .. m do
            if cellIn.[i] && openLower.IsNone then
                openLower <- Some(if i = 0 then None else Some { Value = roots.[i - 1]; Closed = pointIn.[i - 1] })
            if i < m then
                match openLower with
                | Some lower ->
                    if not (pointIn.[i] && cellIn.[i + 1]) then
                        intervals.Add { Lower = lower; Upper = Some { Value = roots.[i]; Closed = pointIn.[i] } }
                        openLower <- None
                | None ->
                    if pointIn.[i] && not cellIn.[i + 1] then points.Add roots.[i]
        match openLower with
        | Some lower -> intervals.Add { Lower = lower; Upper = None }
        | None -> ()
        { Intervals = List.ofSeq intervals; Points = List.ofSeq points }

    /// The exact one-dimensional cell decomposition: `decomposeAround` with one membership test
    /// for rational samples and critical values alike.
    let decomposeWith (closed: bool) (critical: Poly list) (isMember: SamplePoint -> bool) : Region =
        decomposeAround closed critical (AtRational >> isMember) (fun _ c _ ->
            match AlgebraicNumber.tryRational c with
            | Some r -> isMember (AtRational r)
            | None -> isMember (AtRoot c))

    /// `decomposeWith` for a set not known to be closed: every critical value is tested.
    let decompose (critical: Poly list) (isMember: SamplePoint -> bool) = decomposeWith false critical isMember

    /// The set {λ : every condition holds}, each condition a polynomial with the sign it must
    /// have (a list of accepted signs among −1, 0, 1).
    let ofSignConditions (conditions: (Poly * int list) list) : Region =
        let nonZero = conditions |> List.filter (fun (c, _) -> not (Poly.isZero c))
        let zeroOk = conditions |> List.forall (fun (c, signs) -> not (Poly.isZero c) || List.contains 0 signs)
        if not zeroOk then
            empty
        else
            let critical = nonZero |> List.map fst
            // a set {c ≥ 0 for all c} is closed
            let closed = nonZero |> List.forall (fun (_, signs) -> List.contains 0 signs && List.contains 1 signs)
            decomposeWith closed critical (fun x ->
                nonZero
                |> List.forall (fun (c, signs) ->
                    let s =
                        match x with
                        | AtRational r -> Rational.sign (Poly.eval r c)
                        | AtRoot a -> AlgebraicNumber.signAt c a
                    List.contains s signs))

    /// Intervals and isolated points in increasing order, each rendered by the given functions.
    let private pieces (number: AlgebraicNumber -> string) (minusInf: string) (plusInf: string) (point: string -> string) (r: Region) =
        let intervalPieces =
            r.Intervals
            |> List.map (fun i ->
                let lo =
                    match i.Lower with
                    | None -> "(" + minusInf
                    | Some b -> (if b.Closed then "[" else "(") + number b.Value
                let hi =
                    match i.Upper with
                    | None -> plusInf + ")"
                    | Some b -> number b.Value + (if b.Closed then "]" else ")")
                i.Lower |> Option.map (fun b -> b.Value), lo + ", " + hi)
        let pointPieces = r.Points |> List.map (fun p -> Some p, point (number p))
        // −∞ first, then by the left end
        let order (a: AlgebraicNumber option, _) (b: AlgebraicNumber option, _) =
            match a, b with
            | None, None -> 0
            | None, _ -> -1
            | _, None -> 1
            | Some x, Some y -> AlgebraicNumber.compare x y
        intervalPieces @ pointPieces |> List.sortWith order |> List.map snd

    /// Plain text in increasing order: "[-10-10*sqrt(5), -20] U [0, -10+10*sqrt(5)]", "{-20} U [0, 38]".
    let toText (r: Region) =
        match pieces AlgebraicNumber.toString "-inf" "+inf" (fun s -> "{" + s + "}") r with
        | [] -> "empty"
        | ps -> String.concat " U " ps

    let toLatex (r: Region) =
        match pieces AlgebraicNumber.toLatex "-\\infty" "+\\infty" (fun s -> "\\{" + s + "\\}") r with
        | [] -> "\\emptyset"
        | ps -> String.concat " \\cup " ps
