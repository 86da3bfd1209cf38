namespace EigenVerify.Proofs

open System
open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The options of `eigenverify prove`.
type ProveArgs =
    { Optimizer: string option
      RuleFile: string option
      All: bool
      /// "alpha=1/10,beta=9/10": an exact-region claim at these values.
      Params: string option
      /// A closed form to certify instead of the one the rule states.
      Claim: string option
      /// Default: "proofs".
      Out: string option
      Check: bool
      /// Seconds per certificate.
      TimeLimit: int
      /// The z3 executable (name on PATH or a path).
      Solver: string }

/// `eigenverify prove`: write the certificates and transcripts, optionally check them with z3.
/// Exit codes: 0 written (and, with --check, every certificate proved); 1 some certificate not
/// proved; 2 bad input; 3 the checker is not installed.
[<RequireQualifiedAccess>]
module ProveCommand =

    let defaults =
        { Optimizer = None
          RuleFile = None
          All = false
          Params = None
          Claim = None
          Out = None
          Check = false
          TimeLimit = 60
          Solver = "z3" }

    type private Failure = Failure of code: int * message: string

    /// The rule's sources with the claim given for it (read against the rule) and the value sets.
    let private sources (a: ProveArgs) : Result<(RuleSource * FilterStatement option * (string * Rational) list list) list, Failure> =
        let selected = [ a.Optimizer.IsSome; a.RuleFile.IsSome; a.All ] |> List.filter id |> List.length
        let values (m: OptimizerModel) =
            match a.Params with
            | None -> Ok []
            | Some text ->
                match Hyperparameters.parse text |> Result.bind (Hyperparameters.validate m.Params) with
                | Ok map -> Ok [ m.Params |> List.map (fun d -> d.Name, map.[d.Name]) ]
                | Error e -> Error(Failure(2, "--params: " + e))
        if selected <> 1 then
            Error(Failure(2, "give exactly one of --optimizer NAME, --rule FILE or --all"))
        elif a.All && (a.Params.IsSome || a.Claim.IsSome) then
            Error(Failure(2, "--params and --claim apply to one rule; with --all the claims are the catalog's"))
        elif a.TimeLimit <= 0 then
            Error(Failure(2, sprintf "--timeout must be a positive number of seconds, got %d" a.TimeLimit))
        elif a.All then
            Ok
                [ for n in Catalog.names do
                      let m = Catalog.load n
                      let text = (Catalog.source n).Value
                      yield { Name = n; Text = text; Model = m }, None, (ProofSet.referenceFor m |> Option.toList) ]
        else
            let loaded =
                RuleSource.read a.Optimizer a.RuleFile
                |> Result.mapError (fun e ->
                    let message =
                        match e with
                        | UnknownOptimizer n -> sprintf "unknown optimizer '%s' (known: %s)" n (String.concat ", " Catalog.names)
                        | Unreadable(file, _) when not (File.Exists file) -> sprintf "%s: no such rule file" file
                        | e -> RuleSource.message e
                    Failure(2, message))
            let claim (src: RuleSource) =
                match a.Claim with
                | None -> Ok None
                | Some text ->
                    Rule.parseFilter src.Model text
                    |> Result.map Some
                    |> Result.mapError (fun e ->
                        Failure(2, sprintf "%s: --claim \"%s\": column %d: %s: %s" src.Name text e.Column e.Kind e.Message))
            loaded
            |> Result.bind (fun src ->
                claim src |> Result.bind (fun c -> values src.Model |> Result.map (fun vs -> [ src, c, vs ])))

    let private verdictWord (v: SolverVerdict) =
        match v with
        | Unsat -> "proved (unsat)"
        | Sat _ -> "FALSE (sat)"
        | Unknown _ -> "unknown"
        | Timeout -> "timeout"
        | Failed _ -> "error"

    /// The model's numbers only (the solver also prints the file's defined terms), the
    /// eigenvalue first, then the hyperparameters in the order printed, then the rest.
    let private readable (model: (string * string) list) =
        let numeric (_, v: string) = (Rational.tryParse v).IsSome || v.StartsWith "(root-obj"
        let rank (n: string, _) =
            match n with
            | "lam" | "mu" -> 0
            | _ when n.EndsWith Smt.HyperparameterSuffix -> 1
            | "x" | "y" -> 2
            | _ when n.StartsWith "bound" || n.StartsWith "sqrt" || n.StartsWith "root" || n = "s" -> 3
            | _ -> 1
        model |> List.filter numeric |> List.sortBy rank

    let private modulus (model: (string * string) list) =
        let get n = model |> List.tryFind (fun (m, _) -> m = n) |> Option.bind (snd >> Rational.tryParse)
        match get "x", get "y" with
        | Some x, Some y -> Some(string (x * x + y * y))
        | _ -> None

    let private table (out: TextWriter) (rows: (CertificateFile * SolverVerdict * TimeSpan) list) =
        let cells =
            rows
            |> List.map (fun (f, v, t) ->
                [ sprintf "%s/%s" (Path.GetDirectoryName f.Path) f.Claim
                  Direction.name f.Direction
                  verdictWord v
                  sprintf "%.2f s" t.TotalSeconds ])
        let header = [ "claim"; "direction"; "verdict"; "time" ]
        let widths = [ 0..3 ] |> List.map (fun i -> (header :: cells) |> List.map (fun r -> r.[i].Length) |> List.max)
        let row (r: string list) = List.zip r widths |> List.map (fun (c, w) -> c.PadRight w) |> String.concat "  " |> fun s -> s.TrimEnd()
        out.WriteLine(row header)
        out.WriteLine(widths |> List.map (fun w -> String('-', w)) |> String.concat "  ")
        for r in cells do
            out.WriteLine(row r)

    let private write (root: string) (files: OutputFile list) =
        for f in files do
            let path = Path.Combine(root, f.Path)
            Directory.CreateDirectory(Path.GetDirectoryName path) |> ignore
            File.WriteAllText(path, f.Text)

    /// Removes earlier certificates and transcripts of the rules being regenerated, so the
    /// folder holds exactly what this run produced.
    let private clean (root: string) (rules: string list) =
        for r in rules do
            let dir = Path.Combine(root, r)
            if Directory.Exists dir then
                for f in Directory.GetFiles dir do
                    if f.EndsWith ".smt2" || f.EndsWith ".md" then File.Delete f

    let private runChecked (a: ProveArgs) (out: TextWriter) : Result<int, Failure> =
        match sources a with
        | Error f -> Error f
        | Ok srcs ->
            let solver =
                if a.Check then
                    match Z3.locate a.Solver with
                    | Some exe -> Ok(Some exe)
                    | None ->
                        Error(Failure(3, sprintf "--check needs the SMT solver '%s', which is not installed or not on PATH (Debian: apt-get install z3)" a.Solver))
                else
                    Ok None
            match solver with
            | Error f -> Error f
            | Ok solver ->
                let built =
                    srcs |> List.map (fun (src, claim, values) -> ProofSet.build src claim values)
                match built |> List.tryPick (function Error e -> Some e | Ok _ -> None) with
                | Some e -> Error(Failure(2, e))
                | None ->
                    let proofs = built |> List.choose (function Ok p -> Some p | Error _ -> None)
                    let root = defaultArg a.Out "proofs"
                    let rules = srcs |> List.map (fun (s, _, _) -> s.Name)
                    clean root rules
                    for p in proofs do
                        match p with
                        | NoClaim(rule, _, reason) -> out.WriteLine(sprintf "%s: no claim to certify: %s" rule reason)
                        | Claims(_, notes) ->
                            for n in notes do
                                out.WriteLine n
                    let certs = ProofSet.certificates proofs
                    write root (certs |> List.map (fun f -> { Path = f.Path; Text = f.Text }))
                    match solver with
                    | None ->
                        write root (ProofSet.outputs proofs None |> List.filter (fun f -> f.Path.EndsWith ".md"))
                        out.WriteLine(sprintf "wrote %d certificates and their transcripts to %s (check them with --check)" certs.Length root)
                        Ok 0
                    | Some exe ->
                        let watch = Diagnostics.Stopwatch.StartNew()
                        let rows =
                            certs
                            |> List.map (fun f ->
                                let v, t = Z3.check exe a.TimeLimit (Path.Combine(root, f.Path))
                                f, v, t)
                        watch.Stop()
                        let verdicts = rows |> List.map (fun (f, v, _) -> f.Path, v) |> Map.ofList
                        write root (ProofSet.outputs proofs (Some verdicts) |> List.filter (fun f -> f.Path.EndsWith ".md"))
                        table out rows
                        for f, v, _ in rows do
                            match v with
                            | Sat model ->
                                out.WriteLine()
                                out.WriteLine(sprintf "Counterexample to %s (%s):" f.Path (Direction.words f.Direction))
                                for name, value in readable model do
                                    out.WriteLine(sprintf "  %s = %s" name value)
                                match modulus model with
                                | Some m -> out.WriteLine(sprintf "  root z = x + iy with |z|^2 = x^2 + y^2 = %s" m)
                                | None -> ()
                            | Unknown r -> out.WriteLine(sprintf "%s: %s" f.Path r)
                            | Failed m -> out.WriteLine(sprintf "%s: checker error: %s" f.Path m)
                            | Unsat
                            | Timeout -> ()
                        let proved = rows |> List.filter (fun (_, v, _) -> v = Unsat) |> List.length
                        out.WriteLine()
                        out.WriteLine(
                            sprintf
                                "%d of %d certificates proved in %.1f s (z3, %d s limit per file); files in %s"
                                proved
                                rows.Length
                                watch.Elapsed.TotalSeconds
                                a.TimeLimit
                                root
                        )
                        Ok(if proved = rows.Length then 0 else 1)

    /// Runs the command; every failure is one line on `err` and a non-zero exit code.
    [<CompiledName("Run")>]
    let run (args: ProveArgs) (out: TextWriter) (err: TextWriter) : int =
        try
            match runChecked args out with
            | Ok code -> code
            | Error(Failure(code, message)) ->
                err.WriteLine("error: " + message)
                code
        with
        | :? IOException as e ->
            err.WriteLine("error: " + e.Message)
            2
        | :? UnauthorizedAccessException as e ->
            err.WriteLine("error: " + e.Message)
            2
