namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// One searched interval of a tuning and where it comes from.
type TuneBox =
    { Parameter: FreeParameter
      /// true: chosen by default (see `Origin`); false: given by the caller.
      IsDefault: bool
      Origin: string }

/// A tuning's answer with the intervals it searched.
type TuningSearchResult = { Result: TuningResult; Boxes: TuneBox list }

/// The words every front end (command line, library) uses for the parts of rate and tuning
/// results, so that both say the same thing.
[<RequireQualifiedAccess>]
module RateWording =

    /// Why a point is a candidate of the worst case.
    let reason (r: CandidateReason) =
        match r with
        | SpectrumEnd -> "spectrum end"
        | BranchesMeet -> "branches meet"
        | BranchStationary -> "branch stationary"

    /// "exact", "epsilon" or "none".
    let certificateKind (c: OptimalityCertificate) =
        match c with
        | ExactGlobal _ -> "exact"
        | WithinEpsilon _ -> "epsilon"
        | NotCertified _ -> "none"

    /// How the optimum's rate was checked.
    let rateCheck (c: RateCheck) =
        match c with
        | ByWorstCase _ -> "the rate at this rational point by the exact worst-case algorithm"
        | ByDiskConditions tight -> "closed-disk conditions of radius rate checked on the whole spectrum in the parameters' number field: " + tight

    /// The optimality certificate in one line.
    let certificate (c: OptimalityCertificate) (epsilon: Rational) =
        match c with
        | ExactGlobal argument -> "exact: " + argument
        | WithinEpsilon(level, boxes) ->
            sprintf "within epsilon = %O: every point of the box has worst-case rate > %O (>= rate - epsilon), by exact interval arithmetic on %d boxes" epsilon level boxes
        | NotCertified reason -> "not certified: " + reason

/// Tuning as a caller asks for it: the free names, the values of the others, the searched
/// intervals given (the rest chosen by default) and the certificate's slack, checked against the
/// rule, then `Tuning.tune`. The command line and the library both call `run`, so both give the
/// same boxes, the same answer and the same refusals.
[<RequireQualifiedAccess>]
module TuningSearch =

    /// The certificate's slack when the caller gives none.
    let defaultEpsilon = Rational.ofFraction 1 1000

    // The checks below stop at the first problem; the message is returned as the Error of `run`.
    exception private Refused of string

    let private fail msg = raise (Refused msg)

    /// The smallest of the simple rationals ≥ a (a itself when rational).
    let private rationalAtOrAbove (a: AlgebraicNumber) =
        match AlgebraicNumber.tryRational a with
        | Some x -> x
        | None ->
            let _, hi = AlgebraicNumber.interval (AlgebraicNumber.refineTo (Rational.ofFraction 1 1000000) a)
            AlgebraicNumber.rationalBetween a (AlgebraicNumber.ofRational (hi + Rational.ofFraction 1 1000000))

    /// sup of {q ≥ lower : ρ(p(·; q)) ≤ 1} for p in z and q alone; None when unbounded.
    let private stableSup (name: string) (lower: Rational) (p: MPoly) : AlgebraicNumber option option =
        match ExactMachinery.unitDiskRegion name p with
        | Error e -> fail e
        | Ok region ->
            let lo = AlgebraicNumber.ofRational lower
            let tops =
                [ for i in region.Intervals do
                      match i.Upper with
                      | None -> yield None
                      | Some b when AlgebraicNumber.compare b.Value lo >= 0 -> yield Some b.Value
                      | Some _ -> ()
                  for x in region.Points do
                      if AlgebraicNumber.compare x lo >= 0 then yield Some x ]
            match tops with
            | [] -> Some None
            | _ when tops |> List.contains None -> None
            | _ -> Some(Some(tops |> List.choose id |> List.max))

    /// The default searched interval of a free parameter without a given box: the closure of its
    /// declared domain; an end the domain leaves open (α > 0 has no upper end) becomes the largest
    /// value at which both spectrum ends are still stable, ρ(M(μ)) ≤ 1 and ρ(M(L)) ≤ 1, with the
    /// other free parameters at the ends and midpoint of their intervals. Beyond it the
    /// worst-case rate exceeds 1 at those values.
    let private defaultBoxes
        (m: OptimizerModel)
        (p: MPoly)
        (variable: string)
        (lowerEnd: Rational)
        (upperEnd: Rational)
        (free: string list)
        (given: (string * (Rational * Rational)) list)
        =
        let domain name = m.Params |> List.find (fun d -> d.Name = name)
        let bounded =
            free
            |> List.choose (fun name ->
                match List.tryFind (fun (n, _) -> n = name) given with
                | Some(_, (lo, hi)) -> Some(name, { Parameter = { Name = name; Min = lo; Max = hi }; IsDefault = false; Origin = "given by --box" })
                | None ->
                    let d = domain name
                    match d.Lower, d.Upper with
                    | Some lo, Some hi ->
                        Some(name, { Parameter = { Name = name; Min = lo.Value; Max = hi.Value }; IsDefault = true; Origin = "default: the closure of the declared domain" })
                    | None, _ -> fail (sprintf "%s has no lower end in its domain (%s): give its searched interval with --box %s=LOWER..UPPER" name (Hyperparameters.domainText [ d ]) name)
                    | Some _, None -> None)
        let open' = free |> List.filter (fun n -> not (bounded |> List.exists (fun (b, _) -> b = n)))
        let unbounded =
            open'
            |> List.map (fun name ->
                let others = bounded |> List.filter (fun (n, _) -> n <> name)
                if open'.Length > 1 then
                    fail (sprintf "%s have no upper end in their domains: give at least all but one of their intervals with --box" (String.concat " and " open'))
                let samples =
                    others
                    |> List.map (fun (n, b) -> [ n, b.Parameter.Min; n, Rational.midpoint b.Parameter.Min b.Parameter.Max; n, b.Parameter.Max ])
                    |> List.fold (fun acc choices -> [ for a in acc do for c in choices -> a @ [ c ] ]) [ [] ]
                let lower = (domain name).Lower.Value.Value
                let supremum (sample: (string * Rational) list) =
                    [ lowerEnd; upperEnd ]
                    |> List.map (fun e -> stableSup name lower (MPoly.substitute (Map.ofList ((variable, e) :: sample)) p))
                    |> List.fold
                        (fun acc s ->
                            match acc, s with
                            | Some(Some a), Some(Some b) -> Some(Some(if AlgebraicNumber.compare a b <= 0 then a else b))
                            | Some None, _ | _, Some None -> Some None
                            | None, s -> s
                            | s, None -> s)
                        None
                let sups = samples |> List.map supremum
                if sups |> List.exists Option.isNone then
                    fail (sprintf "no default upper end for %s: the spectrum ends stay stable for %s however large; give --box %s=%O..UPPER" name name name lower)
                let finite = sups |> List.choose id |> List.choose id
                if finite.IsEmpty then
                    fail (sprintf "no %s >= %O keeps both spectrum ends stable: the worst-case rate exceeds 1 everywhere; give --box to search anyway" name lower)
                let top = rationalAtOrAbove (List.max finite)
                if top <= lower then
                    fail (sprintf "the stable values of %s reduce to %O: give --box to search an interval" name lower)
                let at =
                    if others.IsEmpty then ""
                    else
                        others
                        |> List.map (fun (n, b) -> sprintf "%s in {%O, %O, %O}" n b.Parameter.Min (Rational.midpoint b.Parameter.Min b.Parameter.Max) b.Parameter.Max)
                        |> String.concat ", "
                        |> sprintf " (at %s)"
                name,
                { Parameter = { Name = name; Min = lower; Max = top }
                  IsDefault = true
                  Origin =
                    sprintf
                        "default: from the domain's end to the largest %s with rho(M(%O)) <= 1 and rho(M(%O)) <= 1%s, rounded up to a rational; larger %s give a rate above 1 there"
                        name lowerEnd upperEnd at name })
        free |> List.map (fun n -> (bounded @ unbounded) |> List.find (fun (b, _) -> b = n) |> snd)

    /// Tunes the `free` hyperparameters (1 or 2, each declared by the rule) of `m` for eigenvalues
    /// in [lower, upper], the others at `fixedValues`, over the intervals `given` (the free
    /// parameters left out get the default box), with the certificate's slack `epsilon` > 0.
    /// An Error is the one-line reason, in the command line's words (which name its options).
    [<CompiledName("Run")>]
    let run
        (m: OptimizerModel)
        (lower: Rational)
        (upper: Rational)
        (free: string list)
        (fixedValues: (string * Rational) list)
        (given: (string * (Rational * Rational)) list)
        (epsilon: Rational)
        : Result<TuningSearchResult, string> =
        try
            if free.Length > 2 then fail (sprintf "--free: tuning takes 1 or 2 free hyperparameters, got %d" free.Length)
            match fixedValues |> List.tryFind (fun (n, _) -> List.contains n free) with
            | Some(n, _) -> fail (sprintf "--fixed: '%s' is also free" n)
            | None -> ()
            let missing = m.Params |> List.filter (fun d -> not (List.contains d.Name free) && not (fixedValues |> List.exists (fun (n, _) -> n = d.Name)))
            if not missing.IsEmpty then
                fail (sprintf "--fixed: give a value to %s (or make it free)" (missing |> List.map (fun d -> d.Name) |> String.concat ", "))
            for n, _ in given do
                if not (List.contains n free) then fail (sprintf "--box: '%s' is not a free hyperparameter (free: %s)" n (String.concat ", " free))
            if epsilon.Sign <= 0 then fail (sprintf "--epsilon must be positive, got %O" epsilon)
            match Hyperparameters.validate (m.Params |> List.filter (fun d -> not (List.contains d.Name free))) fixedValues with
            | Error e -> fail ("--fixed: " + e)
            | Ok _ -> ()
            // the fixed values go in before p is made monic, so a denominator of fixed
            // hyperparameters alone is a nonzero rational
            let pFixed, v =
                match ExactMachinery.charPolyFixing m (Map.ofList fixedValues) with
                | Ok x -> x
                | Error e -> fail (m.Name + ": " + e)
            let boxes = defaultBoxes m pFixed v lower upper free given
            match Tuning.tune m lower upper (boxes |> List.map (fun b -> b.Parameter)) fixedValues epsilon with
            | Ok t -> Ok { Result = t; Boxes = boxes }
            | Error e -> fail (m.Name + ": " + e)
        with Refused msg ->
            Error msg
