namespace EigenVerify.Cli.Commands

open System
open EigenVerify
open EigenVerify.Cli

/// `eigenverify check`: property-based runs on sampled losses.
[<RequireQualifiedAccess>]
module Check =

    let private rho (x: float) = if Double.IsNaN x then "-" else sprintf "%.6f" x

    /// The columns of the text table, with what each counts (printed under the table).
    let private columns =
        [ "family", "the loss family"
          "runs", "runs made"
          "converged", "runs that converged (the rest diverged or reached the iteration limit)"
          "edge", "converged runs at the edge of stability, rho(Jac G) >= 1 - edge width"
          "max rho", "largest rho(Jac G) at a limit"
          "(a) fail", "converged runs with rho(Jac G) > 1 + tolerance"
          "(b) fail/checked", "critical limits with a Hessian eigenvalue outside the exact region / critical limits checked" ]

    let private verdict (r: PropertyReport) =
        let total = r.Families |> Array.sumBy (fun s -> s.Runs)
        let converged = r.Families |> Array.sumBy (fun s -> s.Converged)
        if r.Passed then
            sprintf "PASSED: %d/%d runs converged; every converged run satisfied (a) and, at critical points, (b)" converged total
        else
            sprintf "FAILED: %d famil%s with counterexamples" r.Counterexamples.Length (if r.Counterexamples.Length = 1 then "y" else "ies")

    let run (p: Parsed) (ctx: Context) =
        let format = Format.parse p
        let rule = RuleOption.load p
        let runs = p.Int("runs", 200)
        let seed = p.Int64("seed", 1L)
        let family = defaultArg (p.TryValue "family") ""
        if runs < 1 then raise (UsageError(sprintf "--runs must be at least 1 (got %d)" runs))
        if family <> "" && not (Property.families () |> Array.contains family) then
            let hint =
                match CommandLine.suggest family (Property.families ()) with
                | Some s -> sprintf "; did you mean %s?" s
                | None -> ""
            raise (UsageError(sprintf "unknown family '%s' (known: %s%s)" family (String.concat ", " (Property.families ())) hint))
        let progress = Progress(ctx, format)
        let families = if family = "" then (Property.families ()).Length else 1
        let mutable finished = 0
        let reporter =
            { new IProgress<string> with
                member _.Report(name) =
                    let n = Threading.Interlocked.Increment(&finished)
                    progress.Show(sprintf "checking %s: run %d of %d (%s)" rule.Name n (families * runs) name) }
        let r = Property.check rule family runs seed reporter
        progress.Done()
        let source =
            match p.TryValue "rule" with
            | Some f -> sprintf "--rule %s" f
            | None -> sprintf "--optimizer %s" rule.Name
        let w (s: string) = ctx.Out.WriteLine s
        match format with
        | Json -> w (Json.serialize (Report.checkJson r))
        | Latex ->
            let body =
                r.Families
                |> Array.map (fun s ->
                    [ Table.texttt s.Family; string s.Runs; string s.Converged; string s.AtEdge; rho s.MaxRho; string s.RhoFailures
                      sprintf "%d/%d" s.RegionFailures s.RegionChecked ])
                |> List.ofArray
            for line in Table.latex "lrrrrrr" (columns |> List.map fst) body do
                w line
        | Text ->
            w (sprintf "checking %s on %d famil%s, %d runs each, seed %d" rule.Name r.Families.Length (if r.Families.Length = 1 then "y" else "ies") runs seed)
            if r.RegionSkipped <> "" then w r.RegionSkipped
            let body =
                r.Families
                |> Array.map (fun s ->
                    [ s.Family; string s.Runs; string s.Converged; string s.AtEdge; rho s.MaxRho; string s.RhoFailures
                      sprintf "%d/%d" s.RegionFailures s.RegionChecked ])
                |> List.ofArray
            for line in Table.markdown (columns |> List.map fst) body do
                w line
            w ""
            for name, meaning in columns.Tail do
                w (sprintf "  %s: %s" name meaning)
            w (sprintf "  tolerances: (a) 1 + %g; (b) distance <= %g*(1 + |lambda|); edge width %g; %s" r.RhoTolerance r.RegionTolerance r.EdgeWidth r.Settings)
            for c in r.Counterexamples do
                w ""
                w (sprintf "counterexample (family %s, seed %d, shrunk in %d steps):" c.Family c.Seed c.ShrinkSteps)
                for v in c.Violations do
                    w ("  violated: " + v)
                for d in c.Details do
                    w ("  " + d)
                w (sprintf "  replay: eigenverify check %s --family %s --runs 1 --seed %d" source c.Family c.Seed)
            w (verdict r)
        if r.Passed then ExitCode.Ok else ExitCode.Failed

    let command: Command =
        { Name = "check"
          Summary = "property-based runs on sampled losses: converged => rho(Jac G) <= 1, eigenvalues in the exact region."
          Usage = "(--optimizer NAME | --rule FILE) [--family NAME] [--runs N] [--seed S] [--format text|json|latex]"
          Options =
            RuleOption.specs
            @ [ { Name = "family"; Value = Some "NAME"; Help = "one loss family: coercive, sum-of-squares, factorization, network, quadratic (default all)." }
                { Name = "runs"; Value = Some "N"; Help = "runs per family (default 200)." }
                { Name = "seed"; Value = Some "S"; Help = "first case seed; case i uses seed + i (default 1)." }
                Format.spec ]
          Run = run }
