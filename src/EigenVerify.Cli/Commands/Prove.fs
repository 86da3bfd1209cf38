namespace EigenVerify.Cli.Commands

open System
open System.IO
open EigenVerify
open EigenVerify.Cli

/// `eigenverify prove`: certificates and transcripts, optionally checked by z3.
[<RequireQualifiedAccess>]
module Prove =

    /// The folder `prove --all` may write without --out: the repository's `proofs/`, and only
    /// when run from the repository root (the folder holding EigenVerify.sln and proofs/).
    let isRepositoryRoot (dir: string) =
        File.Exists(Path.Combine(dir, "EigenVerify.sln")) && Directory.Exists(Path.Combine(dir, "proofs"))

    /// Where the files go: --out DIR; else, for --all run from the repository root, proofs/;
    /// else ./eigenverify-proofs/. Relative folders are taken from the context's directory.
    let outputFolder (ctx: Context) (out: string option) (all: bool) =
        match out with
        | Some dir -> dir
        | None when all && isRepositoryRoot ctx.Directory -> "proofs"
        | None -> "eigenverify-proofs"

    let private usageFrom (e: EigenVerifyException) =
        match e.Kind with
        | ErrorKind.InvalidParameters -> raise (UsageError("--params: " + e.Message))
        | ErrorKind.InvalidClaim -> raise (UsageError(e.Message.Replace(": claim \"", ": --claim \"")))
        | _ -> raise e

    let private bundle (p: Parsed) =
        let all = p.Has "all"
        let selected = [ p.Has "optimizer"; p.Has "rule"; all ] |> List.filter id |> List.length
        if selected <> 1 then
            raise (UsageError "give exactly one of --optimizer NAME, --rule FILE or --all")
        if all && (p.Has "params" || p.Has "claim") then
            raise (UsageError "--params and --claim apply to one rule; with --all the claims are the catalog's")
        if all then
            Certificate.buildCatalog ()
        else
            let rule = RuleOption.load p
            try
                let values =
                    match p.TryValue "params" with
                    | Some text -> [| Parameters.parseFor rule text |]
                    | None -> [||]
                Certificate.build rule (defaultArg (p.TryValue "claim") "") values
            with :? EigenVerifyException as e ->
                usageFrom e

    let private verdictText (v: CertificateVerdict) =
        match v with
        | CertificateVerdict.Proved -> "proved (unsat)"
        | CertificateVerdict.False -> "FALSE (sat)"
        | other -> Report.verdictWord other

    let private textReport (ctx: Context) (folder: string) (report: ProofReport) =
        let w (s: string) = ctx.Out.WriteLine s
        let rows =
            report.Checks
            |> Array.map (fun c ->
                [ sprintf "%s/%s" c.Certificate.Rule c.Certificate.Claim; c.Certificate.Direction; verdictText c.Verdict; sprintf "%.2f s" c.Seconds ])
            |> List.ofArray
        for line in Table.aligned [ "claim"; "direction"; "verdict"; "time" ] rows do
            w line
        for c in report.Checks do
            match c.Verdict with
            | CertificateVerdict.False ->
                w ""
                w (sprintf "Counterexample to %s (%s):" c.Certificate.Path c.Certificate.Meaning)
                for kv in c.Counterexample do
                    w (sprintf "  %s = %s" kv.Key kv.Value)
                if c.RootModulusSquared <> "" then
                    w (sprintf "  root z = x + iy with |z|^2 = x^2 + y^2 = %s" c.RootModulusSquared)
            | CertificateVerdict.Unknown -> w (sprintf "%s: %s" c.Certificate.Path c.Detail)
            | CertificateVerdict.Error -> w (sprintf "%s: checker error: %s" c.Certificate.Path c.Detail)
            | _ -> ()
        w ""
        w (sprintf "%d of %d certificates proved in %.1f s (z3, %d s limit per file); files in %s" report.Proved report.Checks.Length report.Seconds report.TimeLimit folder)
        w (if report.AllProved then "PROVED: every certificate is unsat" else "NOT PROVED: see the verdicts above")

    /// `prove --radius r` and `prove --stochastic`: one rule's radius-r or mean-square certificates.
    let private proveRates (p: Parsed) (ctx: Context) (format: Format) (timeLimit: int) (solver: string) =
        if p.Has "all" || p.Has "claim" then
            raise (UsageError "--radius and --stochastic certify one rule's own region: --all and --claim do not apply")
        ProveRatesCommand.run
            { Optimizer = p.TryValue "optimizer"
              Rule = p.TryValue "rule"
              Params = p.TryValue "params"
              Radius = p.TryValue "radius"
              Out = Some(Path.Combine(ctx.Directory, outputFolder ctx (p.TryValue "out") false))
              Check = p.Has "check"
              TimeLimit = timeLimit
              Solver = solver
              Format = format }
            ctx.Out

    let private proveRule (p: Parsed) (ctx: Context) (format: Format) (timeLimit: int) (solver: string) =
        let check = p.Has "check"
        // a missing solver is reported before any work is done
        if check then Certificate.locateSolver solver |> ignore
        let b = bundle p
        let folder = outputFolder ctx (p.TryValue "out") (p.Has "all")
        let root = Path.Combine(ctx.Directory, folder)
        let report, written =
            if check then
                let progress = Progress(ctx, format)
                let total = b.Certificates.Length
                let mutable i = 0
                let reporter =
                    { new IProgress<CertificateInfo> with
                        member _.Report(c) =
                            i <- i + 1
                            progress.Show(sprintf "z3 %d/%d: %s" i total c.Path) }
                let r = Certificate.check root solver timeLimit reporter b
                progress.Done()
                Some r, r.Written
            else
                None, Certificate.write root b
        match format with
        | Json -> ctx.Out.WriteLine(Json.serialize (Report.proveJson folder b written report))
        | Latex ->
            let rows =
                match report with
                | Some r ->
                    r.Checks
                    |> Array.map (fun c -> [ Table.texttt c.Certificate.Path; c.Certificate.Direction; Report.verdictWord c.Verdict ])
                | None -> b.Certificates |> Array.map (fun c -> [ Table.texttt c.Path; c.Direction; "not checked" ])
            for line in Table.latex "lll" [ "certificate"; "direction"; "verdict" ] (List.ofArray rows) do
                ctx.Out.WriteLine line
        | Text ->
            for n in b.Notes do
                ctx.Out.WriteLine n
            match report with
            | Some r -> textReport ctx folder r
            | None ->
                ctx.Out.WriteLine(
                    sprintf "wrote %d certificates and their transcripts to %s (check them with --check)" b.Certificates.Length folder
                )
        match report with
        | Some r when not r.AllProved -> ExitCode.Failed
        | _ -> ExitCode.Ok

    let run (p: Parsed) (ctx: Context) =
        let format = Format.parse p
        let timeLimit = p.Int("timeout", 60)
        if timeLimit <= 0 then
            raise (UsageError(sprintf "--timeout must be a positive number of seconds, got %d" timeLimit))
        let solver = defaultArg (p.TryValue "solver") "z3"
        match p.Has "radius", p.Has "stochastic" with
        | true, true -> raise (UsageError "give --radius or --stochastic, not both")
        | false, false -> proveRule p ctx format timeLimit solver
        | _ -> proveRates p ctx format timeLimit solver

    let command: Command =
        { Name = "prove"
          Summary = "SMT-LIB2 certificates and derivation transcripts for the regions; --check runs z3 on them."
          Usage = "(--optimizer NAME | --rule FILE | --all) [--params VALUES] [--claim STATEMENT] [--out DIR] [--check] [--timeout S] [--solver EXE] [--radius R | --stochastic] [--format text|json|latex]"
          Options =
            RuleOption.specs
            @ [ { Name = "all"; Value = None; Help = "every catalog rule (closed forms and exact regions at alpha=1/10, beta=beta1=9/10, rho=1/20)." }
                { Name = "params"; Value = Some "VALUES"; Help = "also certify the exact region at these values, e.g. alpha=1/10,beta=9/10." }
                { Name = "claim"; Value = Some "STATEMENT"; Help = "a closed form to certify instead of the rule's own, e.g. \"0 <= lambda <= 2/alpha\"." }
                { Name = "out"
                  Value = Some "DIR"
                  Help = "output folder (default ./eigenverify-proofs; with --all run from the repository root, proofs)." }
                { Name = "check"; Value = None; Help = "run z3 on every certificate and print each verdict." }
                { Name = "timeout"; Value = Some "S"; Help = "z3 time limit per certificate in seconds (default 60)." }
                { Name = "solver"; Value = Some "EXE"; Help = "the z3 executable (default z3 on PATH)." }
                { Name = "radius"; Value = Some "R"; Help = "certify the radius-r region instead (with --params: the exact region; without: the closed form)." }
                { Name = "stochastic"; Value = None; Help = "certify the (lambda, sigma2) mean-square closed form instead (rules affine in lambda)." }
                Format.spec ]
          Run = run }
