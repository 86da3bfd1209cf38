namespace EigenVerify.Cli

open System
open System.IO
open Argu
open Spectre.Console
open Spectre.Console.Rendering
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The `eigenverify` command as a pure entry point: arguments in, text out, an exit code back.
[<RequireQualifiedAccess>]
module Cli =

    let private fail msg = raise (UserError msg)

    /// Seed and count of the random hyperparameter points behind every agreement claim.
    let samplingSeed = 20251010
    let defaultSamples = 200

    // ---------- inputs ----------

    /// The rule named by --optimizer or read from --rule; rule errors carry file:line:col.
    let loadModel (optimizer: string option) (ruleFile: string option) : OptimizerModel =
        match RuleSource.load optimizer ruleFile with
        | Ok m -> m
        | Error msg -> fail msg

    let private subjectOf (m: OptimizerModel) =
        match RuleAnalysis.linearize m with
        | Ok s -> s
        | Error e -> fail (sprintf "%s: %s" m.Name e)

    // ---------- rendering helpers ----------

    let private console (out: TextWriter) =
        let settings =
            AnsiConsoleSettings(Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = AnsiConsoleOutput(out))
        let c = AnsiConsole.Create settings
        c.Profile.Width <- 400
        c

    let private bound (b: Bound) =
        JObject [ "exact", JString(AlgebraicNumber.toString b.Value); "approx", JNumber(AlgebraicNumber.toFloat b.Value); "closed", JBool b.Closed ]

    let private paramsJson (ps: (string * Rational) list) =
        JObject(ps |> List.map (fun (k, v) -> k, JString(string v)))

    let private paramsText (ps: (string * Rational) list) =
        ps |> List.map (fun (k, v) -> sprintf "%s = %O" k v) |> String.concat ", "

    let regionJson (smooth: bool) (answer: RegionAnswer) =
        match answer with
        | Exact r ->
            JObject
                [ "optimizer", JString r.Optimizer
                  "variable", JString r.Variable.Name
                  "params", paramsJson r.Params
                  "charpoly", JString(PolyText.charPolyAt r.Variable r.CharPoly)
                  "intervals",
                  JArray(
                      r.Region.Intervals
                      |> List.map (fun i ->
                          JObject
                              [ "lower", (i.Lower |> Option.map bound |> Option.defaultValue JNull)
                                "upper", (i.Upper |> Option.map bound |> Option.defaultValue JNull) ])
                  )
                  "points",
                  JArray(
                      r.Region.Points
                      |> List.map (fun p -> JObject [ "exact", JString(AlgebraicNumber.toString p); "approx", JNumber(AlgebraicNumber.toFloat p) ])
                  )
                  "smooth", JBool smooth
                  "theoremApplies", JBool true ]
        | NotApplicable(name, variable, ps, reason) ->
            JObject
                [ "optimizer", JString name
                  "variable", JString variable.Name
                  "params", paramsJson ps
                  "smooth", JBool smooth
                  "theoremApplies", JBool false
                  "reason", JString reason ]

    let private latexVariable (v: EigenVariable) = LaTeX.symbol v.Name

    let private agreementText (a: Agreement option) (paper: FilterStatement option) =
        match a, paper with
        | _, None -> "no paper statement to compare"
        | None, Some _ -> "not compared (no closed form)"
        | Some a, Some _ ->
            let sym = if a.Symbolic then "symbolically equal" else "not symbolically equal"
            let num = sprintf "exact regions equal at %d/%d random points" a.PaperMatches a.Points
            let verdict = if a.Symbolic && a.PaperMatches = a.Points && a.ClosedFormMatches = a.Points then "agrees" else "DIFFERS"
            sprintf "%s: %s; %s" verdict sym num

    let private agreementShort (a: Agreement option) (paper: FilterStatement option) =
        match a, paper with
        | Some a, Some _ ->
            let ok = a.Symbolic && a.PaperMatches = a.Points && a.ClosedFormMatches = a.Points
            sprintf "%s (symbolic: %s; exact regions: %d/%d points)" (if ok then "yes" else "NO") (if a.Symbolic then "equal" else "differ") a.PaperMatches a.Points
        | _ -> agreementText a paper

    let private smoothText (s: Smoothness) =
        match s with
        | Smooth -> "smooth"
        | NonSmooth reason -> "not C1: theorem does not apply" + (if reason.Length < 80 then " (" + reason + ")" else "")

    // ---------- commands ----------

    let private regions (args: ParseResults<RegionsArgs>) (out: TextWriter) =
        let count = args.GetResult(RegionsArgs.Samples, defaultValue = defaultSamples)
        if count < 1 then fail "--samples must be at least 1"
        let rows =
            Catalog.names
            |> Array.ofList
            |> Array.Parallel.map (fun name -> RuleAnalysis.catalogRow samplingSeed count (Catalog.load name))
        let table = Table()
        table.Border <- TableBorder.Markdown
        for h in [ "rule"; "closed-form region (derived)"; "paper's statement"; "agreement"; "smoothness" ] do
            table.AddColumn(h) |> ignore
        let notes = ResizeArray<string>()
        for r in rows do
            let cf =
                match r.ClosedForm with
                | Ok cf ->
                    for d in cf.Dropped do
                        notes.Add(sprintf "%s: %s" r.Rule (ClosedFormText.dropped cf.Variable d))
                    ClosedFormText.full cf
                | Error e -> if r.Smoothness = Smooth then "none: " + e else "-"
            let paper = r.Filter |> Option.map FilterText.display |> Option.defaultValue "-"
            let agreement = if r.Smoothness = Smooth then agreementShort r.Agreement r.Filter else "-"
            table.AddRow([| Text(r.Rule) :> IRenderable; Text(cf); Text(paper); Text(agreement); Text(smoothText r.Smoothness) |])
            |> ignore
        // render off-screen, then drop Spectre's padding so the table pastes cleanly into Markdown
        let buffer = new StringWriter()
        (console buffer).Write table
        for line in buffer.ToString().Split('\n') do
            let line = line.TrimEnd()
            if line <> "" then out.WriteLine line
        out.WriteLine()
        out.WriteLine(
            sprintf
                "Closed forms hold on each rule's declared domain; \"random points\": %d rational hyperparameter points per rule (seed %d), exact regions compared exactly."
                count
                samplingSeed
        )
        for n in notes do
            out.WriteLine("note: " + n)
        0

    let private closedFormReport (m: OptimizerModel) (format: RegionFormat) (out: TextWriter) =
        let s = subjectOf m
        let row = RuleAnalysis.catalogRow samplingSeed defaultSamples m
        let v = s.Variable
        let paper = m.Filter
        match format with
        | RegionFormat.Json ->
            let cfFields =
                match row.ClosedForm with
                | Ok cf ->
                    [ "closedForm", JString(ClosedFormText.statement v cf.Statement)
                      "isolatedPoints", JArray(cf.IsolatedPoints |> List.map (ClosedFormText.isolatedPoint v >> JString))
                      "conditions", JArray(cf.Conditions |> List.map (fun c -> JString(PolyText.toText v c + " >= 0")))
                      "dropped", JArray(cf.Dropped |> List.map (ClosedFormText.dropped v >> JString)) ]
                | Error e -> [ "closedForm", JNull; "reason", JString e ]
            let agreement =
                match row.Agreement with
                | Some a ->
                    [ "agreement",
                      JObject
                          [ "symbolic", JBool a.Symbolic
                            "points", JInt a.Points
                            "closedFormMatches", JInt a.ClosedFormMatches
                            "paperMatches", JInt a.PaperMatches ] ]
                | None -> []
            let json =
                JObject(
                    [ "optimizer", JString m.Name
                      "variable", JString v.Name
                      "domain", JString(Hyperparameters.domainText m.Params)
                      "charpoly", JString(PolyText.charPoly v s.CharPoly) ]
                    @ cfFields
                    @ [ "paper", (paper |> Option.map (FilterText.display >> JString) |> Option.defaultValue JNull) ]
                    @ agreement
                    @ [ "smooth", JBool true; "theoremApplies", JBool true ]
                )
            out.WriteLine(Json.serialize json)
        | RegionFormat.Latex ->
            match row.ClosedForm with
            | Ok cf ->
                // identifiers through the expression layer's LaTeX names (greek letters, subscripts)
                let toLatex (text: string) =
                    Text.RegularExpressions.Regex
                        .Replace(text, "[A-Za-z_][A-Za-z0-9_]*", fun m -> LaTeX.symbol m.Value)
                        .Replace("<=", "\\le")
                        .Replace("*", " ")
                let points = cf.IsolatedPoints |> List.map (fun p -> ",\\quad \\text{isolated point } " + toLatex (ClosedFormText.isolatedPoint v p))
                let latex = toLatex (ClosedFormText.statement v cf.Statement) + String.concat "" points
                out.WriteLine(latex)
            | Error e -> fail (sprintf "%s: %s" m.Name e)
        | RegionFormat.Text ->
            out.WriteLine(sprintf "optimizer: %s" m.Name)
            out.WriteLine(sprintf "variable: %s" v.Name)
            out.WriteLine(sprintf "domain: %s" (Hyperparameters.domainText m.Params))
            out.WriteLine(sprintf "p(z) = %s" (PolyText.charPoly v s.CharPoly))
            match row.ClosedForm with
            | Ok cf ->
                out.WriteLine(sprintf "closed form: %s" (ClosedFormText.full cf))
                out.WriteLine(sprintf "conditions (each >= 0): %s" (cf.Conditions |> List.map (PolyText.toText v) |> String.concat "; "))
                for d in cf.Dropped do
                    out.WriteLine("  " + ClosedFormText.dropped v d)
            | Error e -> out.WriteLine(sprintf "closed form: none (%s)" e)
            out.WriteLine(sprintf "paper: %s" (paper |> Option.map FilterText.display |> Option.defaultValue "(no statement for this rule)"))
            out.WriteLine(sprintf "agreement: %s" (agreementText row.Agreement paper))

    let rec private region (args: ParseResults<RegionArgs>) (out: TextWriter) =
        let format = args.GetResult(RegionArgs.Format, defaultValue = RegionFormat.Text)
        let stochasticOnly = [ args.Contains RegionArgs.Batch; args.Contains RegionArgs.Samples; args.Contains RegionArgs.Spread; args.Contains RegionArgs.Curvatures ]
        match args.TryGetResult RegionArgs.Radius, args.Contains RegionArgs.Stochastic with
        | Some _, true -> fail "give --radius or --stochastic, not both"
        | Some r, false when List.contains true stochasticOnly -> fail "--batch, --samples, --spread and --curvatures go with --stochastic, not --radius"
        | Some r, false ->
            RadiusRegionCommand.run
                { Optimizer = args.TryGetResult RegionArgs.Optimizer
                  Rule = args.TryGetResult RegionArgs.Rule
                  Params = args.TryGetResult RegionArgs.Params
                  Radius = r
                  Format = format }
                out
        | None, true ->
            StochasticRegionCommand.run
                { Optimizer = args.TryGetResult RegionArgs.Optimizer
                  Rule = args.TryGetResult RegionArgs.Rule
                  Params = args.TryGetResult RegionArgs.Params
                  Batch = args.TryGetResult RegionArgs.Batch
                  Samples = args.TryGetResult RegionArgs.Samples
                  Spread = args.TryGetResult RegionArgs.Spread
                  Curvatures = args.TryGetResult RegionArgs.Curvatures
                  Format = format }
                out
        | None, false when List.contains true stochasticOnly -> fail "--batch, --samples, --spread and --curvatures need --stochastic"
        | None, false -> deterministicRegion args out

    and private deterministicRegion (args: ParseResults<RegionArgs>) (out: TextWriter) =
        let m = loadModel (args.TryGetResult RegionArgs.Optimizer) (args.TryGetResult RegionArgs.Rule)
        let format = args.GetResult(RegionArgs.Format, defaultValue = RegionFormat.Text)
        match args.TryGetResult RegionArgs.Params with
        | None ->
            match m.Smoothness with
            | NonSmooth reason ->
                match format with
                | RegionFormat.Json ->
                    JObject
                        [ "optimizer", JString m.Name
                          "variable", JString(if m.UsesPreconditioner then "mu" else "lambda")
                          "smooth", JBool false
                          "theoremApplies", JBool false
                          "reason", JString reason ]
                    |> Json.serialize
                    |> out.WriteLine
                | _ ->
                    out.WriteLine(sprintf "optimizer: %s" m.Name)
                    out.WriteLine(sprintf "theorem applies: no (the update map is not C1: %s)" reason)
            | Smooth -> closedFormReport m format out
            0
        | Some text ->
            let values =
                match Hyperparameters.parse text with
                | Ok v -> v
                | Error e -> fail ("--params: " + e)
            let answer =
                match RuleAnalysis.region m values with
                | Ok a -> a
                | Error e -> fail (sprintf "%s: %s" m.Name e)
            let smooth = (m.Smoothness = Smooth)
            match format, answer with
            | RegionFormat.Json, _ -> out.WriteLine(Json.serialize (regionJson smooth answer))
            | RegionFormat.Text, Exact r ->
                out.WriteLine(sprintf "optimizer: %s" r.Optimizer)
                out.WriteLine(sprintf "variable: %s" r.Variable.Name)
                out.WriteLine(sprintf "params: %s" (paramsText r.Params))
                out.WriteLine(sprintf "p(z) = %s" (PolyText.charPolyAt r.Variable r.CharPoly))
                out.WriteLine(sprintf "region: %s" (Region.toText r.Region))
                for i in r.Region.Intervals do
                    let e (b: Bound option) =
                        b |> Option.map (fun b -> sprintf "%.17g" (AlgebraicNumber.toFloat b.Value)) |> Option.defaultValue "inf"
                    out.WriteLine(sprintf "  interval ~ [%s, %s]" (e i.Lower) (e i.Upper))
                for p in r.Region.Points do
                    out.WriteLine(sprintf "  isolated point ~ %.17g" (AlgebraicNumber.toFloat p))
            | RegionFormat.Latex, Exact r -> out.WriteLine(sprintf "%s \\in %s" (latexVariable r.Variable) (Region.toLatex r.Region))
            | _, NotApplicable(name, _, _, reason) ->
                out.WriteLine(sprintf "optimizer: %s" name)
                out.WriteLine(sprintf "theorem applies: no (%s)" reason)
            0

    let private jacobian (args: ParseResults<JacobianArgs>) (out: TextWriter) =
        let m = loadModel (args.TryGetResult JacobianArgs.Optimizer) (args.TryGetResult JacobianArgs.Rule)
        let format = args.GetResult(JacobianArgs.Format, defaultValue = DisplayFormat.Text)
        let s = subjectOf m
        let l = s.Linearization
        let v = s.Variable
        let k = Array2D.length1 l.Matrix
        match format with
        | DisplayFormat.Text ->
            out.WriteLine(sprintf "optimizer: %s" m.Name)
            out.WriteLine(sprintf "variable: %s (an eigenvalue of %s)" v.Name (if v = Mu then "P^-1 H" else "H"))
            out.WriteLine(sprintf "fixed point: %s" (l.FixedPoint |> List.map (fun (n, x) -> sprintf "%s = %s" n (LinearizationText.multiple x)) |> String.concat ", "))
            out.WriteLine(sprintf "Jacobian blocks (rows: %s):" (m.State |> List.map (fun x -> x + "'") |> String.concat ", "))
            for i in 0 .. k - 1 do
                out.WriteLine("  [ " + ([ for j in 0 .. k - 1 -> LinearizationText.block v l.Blocks.[i, j] ] |> String.concat ", ") + " ]")
            out.WriteLine(sprintf "M(%s):" v.Name)
            for i in 0 .. k - 1 do
                out.WriteLine("  [ " + ([ for j in 0 .. k - 1 -> PolyText.toText v l.Matrix.[i, j] ] |> String.concat ", ") + " ]")
            out.WriteLine(sprintf "p(z) = det(zI - M) = %s" (PolyText.charPoly v s.CharPoly))
        | DisplayFormat.Latex ->
            let rows =
                [ for i in 0 .. k - 1 -> [ for j in 0 .. k - 1 -> LaTeX.polynomial l.Matrix.[i, j] ] |> String.concat " & " ]
                |> String.concat " \\\\ "
            out.WriteLine(sprintf "M(%s) = \\begin{pmatrix} %s \\end{pmatrix}" (latexVariable v) rows)
            out.WriteLine(sprintf "p(z) = %s" (LaTeX.polynomial s.CharPoly))
        0

    let private parser = ArgumentParser.Create<CliArgs>(programName = "eigenverify")

    /// Short usage for `eigenverify` with no arguments.
    let usage () = parser.PrintUsage()

    /// `prove` lives in EigenVerify.Proofs; this only maps the parsed options.
    let private prove (a: ParseResults<ProveCommandArgs>) (out: TextWriter) (err: TextWriter) =
        let d = EigenVerify.Proofs.ProveCommand.defaults
        match a.TryGetResult ProveCommandArgs.Radius, a.Contains ProveCommandArgs.Stochastic with
        | Some _, true -> fail "give --radius or --stochastic, not both"
        | radius, stochastic when radius.IsSome || stochastic ->
            if a.Contains ProveCommandArgs.All || a.Contains ProveCommandArgs.Claim then
                fail "--radius and --stochastic certify one rule's own region: --all and --claim do not apply"
            try
                ProveRatesCommand.run
                    { Optimizer = a.TryGetResult ProveCommandArgs.Optimizer
                      Rule = a.TryGetResult ProveCommandArgs.Rule
                      Params = a.TryGetResult ProveCommandArgs.Params
                      Radius = radius
                      Out = a.TryGetResult ProveCommandArgs.Out
                      Check = a.Contains ProveCommandArgs.Check
                      TimeLimit = a.GetResult(ProveCommandArgs.Timeout, defaultValue = d.TimeLimit)
                      Solver = a.GetResult(ProveCommandArgs.Solver, defaultValue = d.Solver) }
                    out
            with ProveRatesCommand.SolverMissing msg ->
                err.WriteLine("error: " + msg)
                3
        | _ ->
            EigenVerify.Proofs.ProveCommand.run
                { d with
                    Optimizer = a.TryGetResult ProveCommandArgs.Optimizer
                    RuleFile = a.TryGetResult ProveCommandArgs.Rule
                    All = a.Contains ProveCommandArgs.All
                    Params = a.TryGetResult ProveCommandArgs.Params
                    Claim = a.TryGetResult ProveCommandArgs.Claim
                    Out = a.TryGetResult ProveCommandArgs.Out
                    Check = a.Contains ProveCommandArgs.Check
                    TimeLimit = a.GetResult(ProveCommandArgs.Timeout, defaultValue = d.TimeLimit)
                    Solver = a.GetResult(ProveCommandArgs.Solver, defaultValue = d.Solver) }
                out
                err

    let private dispatch (results: ParseResults<CliArgs>) (out: TextWriter) (err: TextWriter) =
        match results.GetSubCommand() with
        | Regions a -> regions a out
        | Region a -> region a out
        | Jacobian a -> jacobian a out
        | Prove a -> prove a out err
        | Rate a ->
            RateCommand.run
                { Optimizer = a.TryGetResult RateArgs.Optimizer
                  Rule = a.TryGetResult RateArgs.Rule
                  Params = a.TryGetResult RateArgs.Params
                  Lambda = a.TryGetResult RateArgs.Lambda
                  Spectrum = a.TryGetResult RateArgs.Spectrum
                  Format = a.GetResult(RateArgs.Format, defaultValue = RegionFormat.Text) }
                out
        | Plot a ->
            PlotCommand.run
                { Kind = a.GetResult PlotArgs.Kind
                  Optimizer = a.TryGetResult PlotArgs.Optimizer
                  Rule = a.TryGetResult PlotArgs.Rule
                  Params = a.TryGetResult PlotArgs.Params
                  Range = a.TryGetResult PlotArgs.Range
                  Radius = a.TryGetResult PlotArgs.Radius
                  X = a.TryGetResult PlotArgs.X
                  Y = a.TryGetResult PlotArgs.Y
                  Points = a.TryGetResult PlotArgs.Points
                  Out = a.TryGetResult PlotArgs.Out }
                out
        | Tune a ->
            TuneCommand.run
                { Optimizer = a.TryGetResult TuneArgs.Optimizer
                  Rule = a.TryGetResult TuneArgs.Rule
                  Spectrum = a.TryGetResult TuneArgs.Spectrum
                  Free = a.TryGetResult TuneArgs.Free
                  Fixed = a.TryGetResult TuneArgs.Fixed
                  Box = a.TryGetResult TuneArgs.Box
                  Epsilon = a.TryGetResult TuneArgs.Epsilon
                  Format = a.GetResult(TuneArgs.Format, defaultValue = RegionFormat.Text) }
                out
        | Check a ->
            EigenVerify.Numerics.CheckCommand.run
                { Optimizer = a.TryGetResult CheckArgs.Optimizer
                  RuleFile = a.TryGetResult CheckArgs.Rule
                  Family = a.TryGetResult CheckArgs.Family
                  Runs = a.GetResult(CheckArgs.Runs, defaultValue = 200)
                  Seed = a.GetResult(CheckArgs.Seed, defaultValue = 1L) }
                out
                err

    /// Runs the command line; never throws. 0: success, 2: bad input (one line on `err`),
    /// 1: an internal error (one line on `err`).
    let run (argv: string[]) (out: TextWriter) (err: TextWriter) : int =
        if argv.Length = 0 then
            out.WriteLine(usage ())
            0
        else
            try
                let results = parser.ParseCommandLine(argv, raiseOnUsage = true)
                dispatch results out err
            with
            | :? ArguParseException as e when e.ErrorCode = ErrorCode.HelpText ->
                out.WriteLine(e.Message)
                0
            | :? ArguParseException as e ->
                let line = e.Message.Split('\n') |> Array.map (fun s -> s.Trim()) |> Array.find (fun s -> s <> "")
                err.WriteLine("error: " + line.Replace("ERROR: ", ""))
                2
            | UserError msg ->
                err.WriteLine("error: " + msg)
                2
            | ex ->
                err.WriteLine("internal error: " + ex.Message.Split('\n').[0])
                1
