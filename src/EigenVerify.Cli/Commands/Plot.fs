namespace EigenVerify.Cli

open System
open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Plots

/// The options of `eigenverify plot`.
type PlotOptions =
    { /// rate, stability, catalog or meansquare.
      Kind: string
      Optimizer: string option
      Rule: string option
      Params: string option
      /// "A..B": the eigenvalue axis (rate, meansquare, catalog).
      Range: string option
      Radius: string option
      /// "name=A..B" for the stability diagram's axes (a hyperparameter or the eigenvalue).
      X: string option
      Y: string option
      /// CSV of measured runs: optimizer,lambda_max,sigma2.
      Points: string option
      Out: string option }

/// `eigenverify plot`: figures of the exact results, PNG or SVG by the file's extension.
[<RequireQualifiedAccess>]
module PlotCommand =

    let private fail msg = raise (UsageError msg)

    let private orFail (context: string) (r: Result<'a, string>) =
        match r with
        | Ok x -> x
        | Error e -> fail (if context = "" then e else context + ": " + e)

    let private band (i: Interval) =
        { Lower = i.Lower |> Option.map (fun b -> AlgebraicNumber.toFloat b.Value) |> Option.defaultValue Double.NegativeInfinity
          Upper = i.Upper |> Option.map (fun b -> AlgebraicNumber.toFloat b.Value) |> Option.defaultValue Double.PositiveInfinity }

    let private bands (r: Region) = r.Intervals |> List.map band

    /// n + 1 equally spaced rationals of [lo, hi].
    let private grid (s: Spectrum) (n: int) = [| for i in 0..n -> s.Lower + (s.Upper - s.Lower) * Rational.ofFraction i n |]

    let private valuesText (vs: (string * Rational) list) = vs |> List.map (fun (n, x) -> sprintf "%s = %O" n x) |> String.concat ", "

    let private requireRange (o: PlotOptions) =
        match o.Range with
        | Some t ->
            let s = RateInputs.range "--range" t
            if s.Lower = s.Upper then fail (sprintf "--range: the interval %s is a point" t)
            s
        | None -> fail (sprintf "plot %s needs --range A..B (the eigenvalue axis)" o.Kind)

    /// The largest root modulus of a polynomial with double coefficients (lowest degree first),
    /// from the companion matrix's eigenvalues: the numeric scan the exact boundary is drawn over.
    let private numericRadius (coeffs: float[]) =
        if coeffs.Length = 2 then abs (coeffs.[0] / coeffs.[1])
        else MathNet.Numerics.FindRoots.Polynomial(coeffs) |> Array.map (fun z -> z.Magnitude) |> Array.max

    let private rateChart (o: PlotOptions) : RateChart =
        let m, values, v, p = RateCommand.charPolyAt o.Optimizer o.Rule o.Params
        let range = requireRange o
        let family = SpectralRadius.family v p |> orFail m.Name
        let xs = grid range 400
        let rates = xs |> Array.map (fun x -> AlgebraicNumber.toFloat (SpectralRadius.at family x).Radius)
        let region = ExactMachinery.unitDiskRegion v p |> orFail m.Name
        let radius =
            o.Radius
            |> Option.map (fun t ->
                let r = RadiusRegionCommand.radius t
                let g = RadiusRegion.compute v p r |> orFail m.Name
                Rational.toFloat r, bands g.Region)
        { Title = sprintf "%s: spectral radius at %s" m.Name (valuesText values)
          Variable = v
          Xs = xs |> Array.map Rational.toFloat
          Rates = rates
          Region = bands region
          RegionPoints = region.Points |> List.map AlgebraicNumber.toFloat
          Radius = radius }

    let private axis (option: string) (text: string option) =
        match text with
        | None -> fail (sprintf "plot stability needs %s NAME=A..B" option)
        | Some t ->
            match RateInputs.boxes option t with
            | [ name, s ] when s.Lower < s.Upper -> name, s
            | [ _, _ ] -> fail (sprintf "%s: the interval of '%s' is a point" option t)
            | _ -> fail (sprintf "%s: give one axis NAME=A..B, got '%s'" option t)

    let private stabilityChart (o: PlotOptions) : StabilityChart =
        let m = RuleSource.load o.Optimizer o.Rule |> orFail ""
        let p, v = ExactMachinery.charPoly m |> orFail m.Name
        let xName, xs = axis "--x" o.X
        let yName, ys = axis "--y" o.Y
        if xName = yName then fail "--x and --y name the same quantity"
        let known = v :: (m.Params |> List.map (fun d -> d.Name))
        for n in [ xName; yName ] do
            if not (List.contains n known) then fail (sprintf "unknown axis '%s' (%s: %s)" n m.Name (String.concat ", " known))
        let given = o.Params |> Option.map (RateInputs.assignments "--params") |> Option.defaultValue []
        for n, x in given do
            if not (List.contains n known) then fail (sprintf "--params: unknown name '%s' (%s: %s)" n m.Name (String.concat ", " known))
            if n = xName || n = yName then fail (sprintf "--params: '%s' is an axis" n)
            match m.Params |> List.tryFind (fun d -> d.Name = n) with
            | Some d when not (Hyperparameters.inDomain d x) -> fail (sprintf "--params: %s = %O is outside its domain %s" n x (Hyperparameters.domainText [ d ]))
            | _ -> ()
        let missing = known |> List.filter (fun n -> n <> xName && n <> yName && not (given |> List.exists (fun (g, _) -> g = n)))
        if not missing.IsEmpty then fail (sprintf "--params: give %s (everything but the two axes)" (String.concat ", " missing))
        let fixedP = MPoly.substitute (Map.ofList given) p
        // exact: along each vertical line x = x₀ the stable y form an exact region, and along each
        // horizontal line the stable x; the ends of those regions are boundary points
        let ends (lineName: string) (otherName: string) (s: Spectrum) (within: Spectrum) (swap: bool) =
            grid s 200
            |> Array.collect (fun t ->
                let line = MPoly.substitute (Map.ofList [ lineName, t ]) fixedP
                match ExactMachinery.unitDiskRegion otherName line with
                | Error e -> fail (m.Name + ": " + e)
                | Ok region ->
                    let inside (a: AlgebraicNumber) =
                        AlgebraicNumber.compare a (AlgebraicNumber.ofRational within.Lower) >= 0
                        && AlgebraicNumber.compare a (AlgebraicNumber.ofRational within.Upper) <= 0
                    [| for i in region.Intervals do
                           for b in [ i.Lower; i.Upper ] do
                               match b with
                               | Some b when inside b.Value -> yield b.Value
                               | _ -> ()
                       for x in region.Points do
                           if inside x then yield x |]
                    |> Array.map (fun a ->
                        let u, w = Rational.toFloat t, AlgebraicNumber.toFloat a
                        if swap then w, u else u, w))
        let boundary = Array.append (ends xName yName xs ys false) (ends yName xName ys xs true)
        // numeric: companion-matrix roots at a coarser grid, in double
        let cells =
            [| for x0 in grid xs 60 do
                   for y0 in grid ys 60 do
                       let at = MPoly.substitute (Map.ofList [ xName, x0; yName, y0 ]) fixedP
                       let coeffs = MPoly.coeffsIn "z" at |> Array.map (fun c -> Rational.toFloat (MPoly.eval Map.empty c))
                       // 1e-9 above 1: rounding in the companion eigenvalues is ~1e-12 for these degrees
                       yield (Rational.toFloat x0, Rational.toFloat y0), numericRadius coeffs <= 1.0 + 1e-9 |]
        { Title = sprintf "%s: stability in (%s, %s)%s" m.Name xName yName (if given.IsEmpty then "" else " at " + valuesText given)
          XName = xName
          YName = yName
          XRange = { Lower = Rational.toFloat xs.Lower; Upper = Rational.toFloat xs.Upper }
          YRange = { Lower = Rational.toFloat ys.Lower; Upper = Rational.toFloat ys.Upper }
          Boundary = boundary
          GridStable = cells |> Array.filter snd |> Array.map fst
          GridUnstable = cells |> Array.filter (snd >> not) |> Array.map fst }

    let private catalogChart (o: PlotOptions) : CatalogChart =
        let view =
            match o.Range with
            | Some t -> RateInputs.range "--range" t
            | None -> { Lower = Rational.ofInt -40; Upper = Rational.ofInt 45 }
        let rows =
            Catalog.names
            |> List.choose (fun name ->
                let m = Catalog.load name
                match EigenVerify.Proofs.ProofSet.referenceFor m with
                | None -> None
                | Some values ->
                    match RuleAnalysis.region m values with
                    | Ok(Exact r) ->
                        Some
                            { Rule = name
                              Values = valuesText values
                              Bands = bands r.Region
                              Points = r.Region.Points |> List.map AlgebraicNumber.toFloat }
                    | _ -> None)
        { Title = "Exact regions of the catalog (ρ(M) ≤ 1)"
          View = { Lower = Rational.toFloat view.Lower; Upper = Rational.toFloat view.Upper }
          Rows = rows }

    /// Rows "optimizer,lambda_max,sigma2" of the rule; errors name FILE:LINE.
    let measuredPoints (path: string) (rule: string) : MeasuredPoint list =
        let lines =
            try
                File.ReadAllLines path
            with
            | :? FileNotFoundException
            | :? DirectoryNotFoundException -> fail (sprintf "--points: %s: no such file" path)
            | :? IOException as e -> fail (sprintf "--points: %s: %s" path e.Message)
        if lines.Length = 0 || lines.[0].Trim() <> "optimizer,lambda_max,sigma2" then
            fail (sprintf "%s:1: expected the header optimizer,lambda_max,sigma2" path)
        [ for i in 1 .. lines.Length - 1 do
              let line = lines.[i].Trim()
              if line <> "" then
                  match line.Split(',') with
                  | [| name; l; s |] ->
                      let number (t: string) =
                          match Double.TryParse(t.Trim(), Globalization.NumberStyles.Float, Globalization.CultureInfo.InvariantCulture) with
                          | true, x when Double.IsFinite x -> x
                          | _ -> fail (sprintf "%s:%d: '%s' is not a number" path (i + 1) (t.Trim()))
                      let lam, sigma2 = number l, number s
                      if name.Trim() = rule then yield { Lambda = lam; Variance = sigma2 }
                  | _ -> fail (sprintf "%s:%d: expected 3 comma-separated fields (optimizer,lambda_max,sigma2)" path (i + 1)) ]

    let private meanSquareChart (o: PlotOptions) : MeanSquareChart =
        let m = RuleSource.load o.Optimizer o.Rule |> orFail ""
        let s = MeanSquare.subject m |> orFail m.Name
        let values = RateInputs.parameters m o.Params
        let range = requireRange o
        let xs = grid range 300
        let limits =
            xs
            |> Array.map (fun x ->
                match MeanSquare.varianceLimitAt s values x None |> orFail m.Name with
                | { MaxVariance = NoneStable } -> Double.NaN
                | { MaxVariance = Unbounded } -> Double.PositiveInfinity
                | { MaxVariance = UpTo b } -> AlgebraicNumber.toFloat b)
        { Title = sprintf "%s: mean-square region at %s" m.Name (valuesText values)
          Variable = s.Rule.Variable
          Lambdas = xs |> Array.map Rational.toFloat
          MaxVariance = limits
          Measured = o.Points |> Option.map (fun p -> measuredPoints p m.Name) |> Option.defaultValue [] }

    [<CompiledName("Run")>]
    let run (o: PlotOptions) (out: TextWriter) : int =
        let path =
            match o.Out with
            | Some p -> p
            | None -> fail "--out FILE.png or FILE.svg is required"
        PlotFile.format path |> orFail "--out" |> ignore
        let saved =
            match o.Kind with
            | "rate" -> Figures.rateCurve (rateChart o) path
            | "stability" -> Figures.stability (stabilityChart o) path
            | "catalog" -> Figures.catalog (catalogChart o) path
            | "meansquare" -> Figures.meanSquare (meanSquareChart o) path
            | k -> fail (sprintf "--kind: unknown plot '%s' (rate, stability, catalog, meansquare)" k)
        saved |> orFail "--out"
        0

    /// Relative paths are taken from the context's folder.
    let private resolve (ctx: Context) (path: string option) = path |> Option.map (fun p -> Path.Combine(ctx.Directory, p))

    let private runParsed (p: Parsed) (ctx: Context) =
        let format = Format.parse p
        let kind =
            match p.TryValue "kind" with
            | Some k -> k
            | None -> raise (UsageError "missing --kind rate|stability|catalog|meansquare")
        let out = p.TryValue "out"
        let code =
            run
                { Kind = kind
                  Optimizer = p.TryValue "optimizer"
                  Rule = p.TryValue "rule"
                  Params = p.TryValue "params"
                  Range = p.TryValue "range"
                  Radius = p.TryValue "radius"
                  X = p.TryValue "x"
                  Y = p.TryValue "y"
                  Points = resolve ctx (p.TryValue "points")
                  Out = resolve ctx out }
                ctx.Out
        let shown = defaultArg out ""
        match format with
        | Text -> ctx.Out.WriteLine(sprintf "wrote %s" shown)
        | Json -> ctx.Out.WriteLine(Json.serialize (JObject [ "kind", JString kind; "file", JString shown ]))
        | Latex -> ctx.Out.WriteLine(sprintf "\\includegraphics{%s}" shown)
        code

    /// `eigenverify plot` on the command line.
    let command: Command =
        { Name = "plot"
          Summary = "figures (PNG or SVG): rate curves, stability diagrams, the catalog's regions, mean-square regions."
          Usage = "--kind rate|stability|catalog|meansquare --out FILE [(--optimizer NAME | --rule FILE)] [--params VALUES] [--range A..B] [--radius R] [--x NAME=A..B --y NAME=A..B] [--points CSV] [--format text|json|latex]"
          Options =
            [ { Name = "kind"; Value = Some "KIND"; Help = "rate, stability, catalog or meansquare." } ]
            @ RuleOption.specs
            @ [ { Name = "params"; Value = Some "VALUES"; Help = "exact values (rate, meansquare: every hyperparameter; stability: everything but the axes, lambda included)." }
                { Name = "range"; Value = Some "A..B"; Help = "the eigenvalue axis." }
                { Name = "radius"; Value = Some "R"; Help = "rate: also shade the radius-r region." }
                { Name = "x"; Value = Some "NAME=A..B"; Help = "stability: the horizontal axis (a hyperparameter or the eigenvalue)." }
                { Name = "y"; Value = Some "NAME=A..B"; Help = "stability: the vertical axis." }
                { Name = "points"; Value = Some "CSV"; Help = "meansquare: measured runs, a CSV with columns optimizer,lambda_max,sigma2." }
                { Name = "out"; Value = Some "FILE"; Help = "the file to write, .png or .svg." }
                Format.spec ]
          Run = runParsed }
