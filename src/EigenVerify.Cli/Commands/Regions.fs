namespace EigenVerify.Cli.Commands

open EigenVerify
open EigenVerify.Cli

/// `eigenverify regions`: the catalog table, each rule's derived closed form beside the paper's.
[<RequireQualifiedAccess>]
module Regions =

    let private agreementCell (r: ClosedFormReport) =
        if not r.IsSmooth then "-"
        elif not r.HasFilter then "no stated filter"
        elif not r.HasAgreement then "not compared (no closed form)"
        else
            let a = r.Agreement
            let verdict =
                match a.Verdict with
                | "agrees" -> "yes"
                | "differs" -> "NO"
                | _ -> "not shown"
            sprintf "%s (symbolic: %s; exact regions: %d/%d points)" verdict (if a.Symbolic then "equal" else "differ") a.FilterMatches a.Points

    let private smoothCell (r: ClosedFormReport) =
        if r.IsSmooth then "smooth" else "not C1: theorem does not apply"

    let private closedFormCell (r: ClosedFormReport) =
        if r.HasClosedForm then r.Full
        elif r.IsSmooth then "none: " + r.Reason
        else "-"

    /// The legend of the notes: what p, s and the drop arguments refer to.
    let legend =
        "p(z) = det(zI - M) is the characteristic polynomial of the Jacobian M at a critical point; "
        + "the closed-disk test keeps the eigenvalue where p(1) >= 0, p(-1) >= 0 and p(0) <= 1 (degree 2); "
        + "a dropped test is implied by the others on the declared domain."

    let run (p: Parsed) (ctx: Context) =
        let format = Format.parse p
        let samples = p.Int("samples", Filter.defaultSamples)
        if samples < 1 then raise (UsageError(sprintf "--samples must be at least 1 (got %d)" samples))
        let progress = Progress(ctx, format)
        progress.Show(sprintf "deriving closed forms of %d catalog rules ..." (Optimizer.catalogNames ()).Length)
        let rows = Filter.catalogTable samples
        progress.Done()
        match format with
        | Json -> ctx.Out.WriteLine(Json.serialize (JArray(rows |> Array.map Report.closedFormJson |> List.ofArray)))
        | Latex ->
            let body =
                rows
                |> Array.map (fun r ->
                    [ Table.texttt r.Optimizer
                      (if r.HasClosedForm then "$" + r.Latex + "$" else "--")
                      (if r.HasFilter then Table.texttt r.Filter else "--")
                      (if r.HasAgreement then (if r.Agreement.Agrees then "yes" else "no") else "--") ])
                |> List.ofArray
            for line in Table.latex "llll" [ "rule"; "closed-form region (derived)"; "stated filter"; "agree" ] body do
                ctx.Out.WriteLine line
        | Text ->
            let body =
                rows
                |> Array.map (fun r -> [ r.Optimizer; closedFormCell r; (if r.HasFilter then r.Filter else "-"); agreementCell r; smoothCell r ])
                |> List.ofArray
            for line in Table.markdown [ "rule"; "closed-form region (derived)"; "paper's statement"; "agreement"; "smoothness" ] body do
                ctx.Out.WriteLine line
            ctx.Out.WriteLine()
            ctx.Out.WriteLine(
                sprintf
                    "Closed forms hold on each rule's declared domain; \"agreement\": same conditions symbolically, and equal exact regions at %d random rational hyperparameter points per rule (seed %d), compared exactly."
                    samples
                    Filter.samplingSeed
            )
            let notes = rows |> Array.collect (fun r -> r.Dropped |> Array.map (fun d -> sprintf "%s: %s" r.Optimizer d))
            if notes.Length > 0 then
                ctx.Out.WriteLine("notes (" + legend + "):")
                for n in notes do
                    ctx.Out.WriteLine("  " + n)
        ExitCode.Ok

    let command: Command =
        { Name = "regions"
          Summary = "the catalog: closed-form region of each rule beside the paper's statement."
          Usage = "[--samples N] [--format text|json|latex]"
          Options =
            [ { Name = "samples"; Value = Some "N"; Help = "random rational hyperparameter points per rule for the agreement check (default 200)." }
              Format.spec ]
          Run = run }
