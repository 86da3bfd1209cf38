namespace EigenVerify.Cli.Commands

open EigenVerify
open EigenVerify.Algebra
open EigenVerify.Cli

/// `eigenverify region`: one rule's closed form, or its exact region at exact hyperparameters.
[<RequireQualifiedAccess>]
module Region =

    let private closedFormText (ctx: Context) (r: ClosedFormReport) =
        let w (s: string) = ctx.Out.WriteLine s
        w (sprintf "optimizer: %s" r.Optimizer)
        if not r.IsSmooth then
            w (sprintf "theorem applies: no (the update map is not C1: %s)" r.Reason)
        else
            w (sprintf "variable: %s" r.Variable.Name)
            w (sprintf "domain: %s" r.Domain)
            if r.Denominator = "" then
                w (sprintf "p(z) = det(zI - M(%s)) = %s" r.Variable.Name r.CharPolyText)
            else
                w (sprintf "denominator: M = N/D with D = %s, nonzero on the domain" r.Denominator)
                w (sprintf "p(z) = det(D zI - N(%s)) = D^k det(zI - M(%s)) = %s" r.Variable.Name r.Variable.Name r.CharPolyText)
                w "cleared: each disk condition of the monic p/D^k was multiplied by an even power of D^k, positive where D <> 0, so it keeps its truth value"
            if r.HasClosedForm then
                w (sprintf "closed form: %s" r.Full)
                if r.ConditionTexts.Length > 0 then
                    w (sprintf "conditions (each >= 0): %s" (String.concat "; " r.ConditionTexts))
                for d in r.Kept do
                    w ("  " + d)
                for d in r.Dropped do
                    w ("  " + d)
            else
                w (sprintf "closed form: none (%s)" r.Reason)
            w (sprintf "paper: %s" (if r.HasFilter then r.Filter else "(no statement for this rule)"))
            let agreement =
                if not r.HasFilter then "no paper statement to compare"
                elif not r.HasAgreement then "not compared (no closed form)"
                else
                    let a = r.Agreement
                    sprintf
                        "%s: %s; exact regions equal at %d/%d random points%s"
                        (match a.Verdict with
                         | "agrees" -> "agrees"
                         | "differs" -> "DIFFERS"
                         | _ -> "not shown equal")
                        (if a.Symbolic then "symbolically equal" else "not symbolically equal")
                        a.FilterMatches
                        a.Points
                        (if a.Verdict = "unproven" then " (the sets may still be equal: the conditions are different polynomials)" else "")
            w (sprintf "agreement: %s" agreement)

    let private closedForm (ctx: Context) (format: Format) (samples: int) (rule: OptimizerRule) =
        let progress = Progress(ctx, format)
        progress.Show(sprintf "deriving the closed form of %s ..." rule.Name)
        let r = Filter.closedFormSampled samples rule
        progress.Done()
        match format with
        | Json -> ctx.Out.WriteLine(Json.serialize (Report.closedFormJson r))
        | Latex ->
            if not r.HasClosedForm then
                raise (EigenVerifyException(ErrorKind.NotApplicable, sprintf "%s: no closed form: %s" r.Optimizer r.Reason))
            ctx.Out.WriteLine r.Latex
        | Text -> closedFormText ctx r

    let private atValues (ctx: Context) (format: Format) (rule: OptimizerRule) (text: string) =
        let values =
            try
                Parameters.parse text
            with :? EigenVerifyException as e ->
                raise (UsageError("--params: " + e.Message))
        let r = Filter.region rule values
        match format with
        | Json -> ctx.Out.WriteLine(Json.serialize (Report.regionJson r))
        | _ when not r.TheoremApplies ->
            ctx.Out.WriteLine(sprintf "optimizer: %s" r.Optimizer)
            ctx.Out.WriteLine(sprintf "theorem applies: no (%s)" r.Reason)
        | Latex -> ctx.Out.WriteLine(sprintf "%s \\in %s" r.VariableLatex r.Latex)
        | Text ->
            ctx.Out.WriteLine(sprintf "optimizer: %s" r.Optimizer)
            ctx.Out.WriteLine(sprintf "variable: %s" r.Variable.Name)
            ctx.Out.WriteLine(sprintf "params: %s" (Array.map2 (fun n (v: Rational) -> sprintf "%s = %O" n v) r.Parameters.Names r.Parameters.Values |> String.concat ", "))
            ctx.Out.WriteLine(sprintf "p(z) = %s" r.CharPolyText)
            ctx.Out.WriteLine(sprintf "region: %s" r.Text)
            let e (x: float) = if System.Double.IsInfinity x then (if x > 0.0 then "+inf" else "-inf") else sprintf "%.17g" x
            for i in r.Intervals do
                ctx.Out.WriteLine(sprintf "  interval ~ [%s, %s]" (e i.LowerApproximation) (e i.UpperApproximation))
            for pt in r.Points do
                ctx.Out.WriteLine(sprintf "  isolated point ~ %.17g" (AlgebraicNumber.toFloat pt))

    /// `--radius r` and `--stochastic ...`: the radius-r and the mean-square regions.
    let private variant (p: Parsed) (ctx: Context) (format: Format) =
        let stochasticOnly = [ "batch"; "spread"; "curvatures" ] |> List.exists p.Has
        match p.TryValue "radius", p.Has "stochastic" with
        | Some _, true -> raise (UsageError "give --radius or --stochastic, not both")
        | Some _, false when stochasticOnly || p.Has "samples" ->
            raise (UsageError "--batch, --samples, --spread and --curvatures go with --stochastic, not --radius")
        | Some r, false ->
            Some(
                RadiusRegionCommand.run
                    { Optimizer = p.TryValue "optimizer"
                      Rule = p.TryValue "rule"
                      Params = p.TryValue "params"
                      Radius = r
                      Format = format }
                    ctx.Out
            )
        | None, true ->
            let samples = p.TryValue "samples" |> Option.map (fun _ -> p.Int("samples", 0))
            Some(
                StochasticRegionCommand.run
                    { Optimizer = p.TryValue "optimizer"
                      Rule = p.TryValue "rule"
                      Params = p.TryValue "params"
                      Batch = p.TryValue "batch" |> Option.map (fun _ -> p.Int("batch", 0))
                      Samples = samples
                      Spread = p.TryValue "spread"
                      Curvatures = p.TryValue "curvatures" |> Option.map (fun f -> System.IO.Path.Combine(ctx.Directory, f))
                      Format = format }
                    ctx.Out
            )
        | None, false when stochasticOnly -> raise (UsageError "--batch, --spread and --curvatures need --stochastic")
        | None, false -> None

    let run (p: Parsed) (ctx: Context) =
        let format = Format.parse p
        match variant p ctx format with
        | Some code -> code
        | None ->
            let rule = RuleOption.load p
            let samples = p.Int("samples", Filter.defaultSamples)
            if samples < 1 then raise (UsageError(sprintf "--samples must be at least 1 (got %d)" samples))
            match p.TryValue "params" with
            | None -> closedForm ctx format samples rule
            | Some text -> atValues ctx format rule text
            ExitCode.Ok

    let command: Command =
        { Name = "region"
          Summary = "the exact region of one rule (closed form, or exact intervals with --params)."
          Usage = "(--optimizer NAME | --rule FILE) [--params VALUES] [--samples N] [--radius R | --stochastic --batch B (--samples N --spread S2 | --curvatures FILE)] [--format text|json|latex]"
          Options =
            RuleOption.specs
            @ [ { Name = "params"; Value = Some "VALUES"; Help = "exact hyperparameter values, e.g. alpha=1/10,beta=9/10; omit for the closed form." }
                { Name = "samples"
                  Value = Some "N"
                  Help = "random hyperparameter points for the closed form's agreement check (default 200); with --stochastic --spread: the number n of samples batches are drawn from." }
                { Name = "radius"; Value = Some "R"; Help = "the radius-r region: every root in the closed disk |z| <= r (e.g. 19/20)." }
                { Name = "stochastic"; Value = None; Help = "the minibatch mean-square region: rho(E[M(a_B) (x) M(a_B)]) <= 1." }
                { Name = "batch"; Value = Some "B"; Help = "with --stochastic: the batch size B." }
                { Name = "spread"; Value = Some "S2"; Help = "with --stochastic: the per-sample curvatures' variance s^2 (exact, e.g. 75)." }
                { Name = "curvatures"; Value = Some "FILE"; Help = "with --stochastic: a file of per-sample curvatures (exact numbers, comma/space/line separated)." }
                Format.spec ]
          Run = run }
