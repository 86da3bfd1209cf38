namespace EigenVerify.Cli

open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The options of `eigenverify tune`.
type TuneOptions =
    { Optimizer: string option
      Rule: string option
      /// "MU..L".
      Spectrum: string option
      /// "alpha,beta".
      Free: string option
      /// "rho=1/20".
      Fixed: string option
      /// "alpha=0..1/10,beta=0..1"; parameters left out get the default box.
      Box: string option
      /// Default 1/1000.
      Epsilon: string option
      Format: Format }

/// `eigenverify tune`: minimax hyperparameters over a spectrum, exact, with a certificate.
[<RequireQualifiedAccess>]
module TuneCommand =

    let private fail msg = raise (UsageError msg)

    let defaultEpsilon = Rational.ofFraction 1 1000

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

    /// The default searched interval of a free parameter without --box: the closure of its declared
    /// domain; an end the domain leaves open (α > 0 has no upper end) becomes the largest value at
    /// which both spectrum ends are still stable, ρ(M(μ)) ≤ 1 and ρ(M(L)) ≤ 1, with the other free
    /// parameters at the ends and midpoint of their intervals. Beyond it the worst-case rate
    /// exceeds 1 at those values.
    let private defaultBoxes (m: OptimizerModel) (p: MPoly) (variable: string) (spectrum: Spectrum) (free: string list) (given: (string * Spectrum) list) =
        let domain name = m.Params |> List.find (fun d -> d.Name = name)
        let bounded =
            free
            |> List.choose (fun name ->
                match List.tryFind (fun (n, _) -> n = name) given with
                | Some(_, r) -> Some(name, { Parameter = { Name = name; Min = r.Lower; Max = r.Upper }; IsDefault = false; Origin = "given by --box" })
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
                    [ spectrum.Lower; spectrum.Upper ]
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
                        name spectrum.Lower spectrum.Upper at name })
        free |> List.map (fun n -> (bounded @ unbounded) |> List.find (fun (b, _) -> b = n) |> snd)

    [<CompiledName("Compute")>]
    let compute (o: TuneOptions) : TuneReport =
        let m =
            match RuleSource.load o.Optimizer o.Rule with
            | Ok m -> m
            | Error e -> fail e
        let spectrum =
            match o.Spectrum with
            | Some s -> RateInputs.range "--spectrum" s
            | None -> fail "--spectrum MU..L is required (the eigenvalues the rate is taken over)"
        let free =
            match o.Free with
            | Some f -> RateInputs.names m "--free" f
            | None -> fail (sprintf "--free is required: 1 or 2 of %s's hyperparameters (%s)" m.Name (m.Params |> List.map (fun d -> d.Name) |> String.concat ", "))
        if free.Length > 2 then fail (sprintf "--free: tuning takes 1 or 2 free hyperparameters, got %d" free.Length)
        let fixedValues = o.Fixed |> Option.map (RateInputs.assignments "--fixed") |> Option.defaultValue []
        match fixedValues |> List.tryFind (fun (n, _) -> List.contains n free) with
        | Some(n, _) -> fail (sprintf "--fixed: '%s' is also free" n)
        | None -> ()
        let missing = m.Params |> List.filter (fun d -> not (List.contains d.Name free) && not (fixedValues |> List.exists (fun (n, _) -> n = d.Name)))
        if not missing.IsEmpty then
            fail (sprintf "--fixed: give a value to %s (or make it free)" (missing |> List.map (fun d -> d.Name) |> String.concat ", "))
        let given = o.Box |> Option.map (RateInputs.boxes "--box") |> Option.defaultValue []
        for n, _ in given do
            if not (List.contains n free) then fail (sprintf "--box: '%s' is not a free hyperparameter (free: %s)" n (String.concat ", " free))
        let epsilon = o.Epsilon |> Option.map (RateInputs.rational "--epsilon") |> Option.defaultValue defaultEpsilon
        if epsilon.Sign <= 0 then fail (sprintf "--epsilon must be positive, got %O" epsilon)
        let p, v =
            match ExactMachinery.charPoly m with
            | Ok x -> x
            | Error e -> fail (m.Name + ": " + e)
        match Hyperparameters.validate (m.Params |> List.filter (fun d -> not (List.contains d.Name free))) fixedValues with
        | Error e -> fail ("--fixed: " + e)
        | Ok _ -> ()
        let pFixed = MPoly.substitute (Map.ofList fixedValues) p
        let boxes = defaultBoxes m pFixed v spectrum free given
        match Tuning.tune m spectrum.Lower spectrum.Upper (boxes |> List.map (fun b -> b.Parameter)) fixedValues epsilon with
        | Ok t -> { Result = t; Boxes = boxes }
        | Error e -> fail (m.Name + ": " + e)

    [<CompiledName("Run")>]
    let run (o: TuneOptions) (out: TextWriter) : int =
        let r = compute o
        match o.Format with
        | Json -> out.WriteLine(Json.serialize (RateJson.tune r))
        | Text -> RateText.tune r out
        | Latex -> RateText.tuneLatex r out
        0

    let private runParsed (p: Parsed) (ctx: Context) =
        run
            { Optimizer = p.TryValue "optimizer"
              Rule = p.TryValue "rule"
              Spectrum = p.TryValue "spectrum"
              Free = p.TryValue "free"
              Fixed = p.TryValue "fixed"
              Box = p.TryValue "box"
              Epsilon = p.TryValue "epsilon"
              Format = Format.parse p }
            ctx.Out

    /// `eigenverify tune` on the command line.
    let command: Command =
        { Name = "tune"
          Summary = "minimax tuning of 1 or 2 hyperparameters over a spectrum, exact, with a certificate."
          Usage = "(--optimizer NAME | --rule FILE) --spectrum MU..L --free NAMES [--fixed VALUES] [--box INTERVALS] [--epsilon E] [--format text|json|latex]"
          Options =
            RuleOption.specs
            @ [ { Name = "spectrum"; Value = Some "MU..L"; Help = "the eigenvalues the worst-case rate is taken over." }
                { Name = "free"; Value = Some "NAMES"; Help = "1 or 2 hyperparameters to tune, e.g. alpha,beta." }
                { Name = "fixed"; Value = Some "VALUES"; Help = "values of the other hyperparameters, e.g. rho=1/20." }
                { Name = "box"; Value = Some "INTERVALS"; Help = "searched intervals, e.g. alpha=0..1/10,beta=0..1 (default: see README)." }
                { Name = "epsilon"; Value = Some "E"; Help = "the certificate's slack: nothing in the box beats the rate by more than this (default 1/1000)." }
                Format.spec ]
          Run = runParsed }
