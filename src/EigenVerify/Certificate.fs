namespace EigenVerify

open System
open System.Collections.Generic
open System.Diagnostics
open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Proofs

/// One SMT-LIB2 certificate: its file (relative to the output folder) and what it establishes.
[<NoComparison>]
type CertificateInfo =
    { /// The rule's name.
      Rule: string
      /// The claim's file stem: "derived", "stated", "exact-alpha-1_10".
      Claim: string
      /// "identity", "defined", "sound" or "complete".
      Direction: string
      /// What the certificate establishes, in words.
      Meaning: string
      /// "<rule>/<claim>.<direction>.smt2", relative to the output folder.
      Path: string
      /// The SMT-LIB2 text; the expected answer is unsat.
      Text: string }

/// A generated file (certificate or transcript), relative to the output folder.
[<NoComparison>]
type ProofFile =
    { /// Relative path with '/' separators.
      Path: string
      /// The file's text.
      Text: string }

/// The solver's answer for one certificate.
type CertificateVerdict =
    /// unsat: the certificate's statement is proved.
    | Proved = 0
    /// sat: the solver found a counterexample; the claim is false.
    | False = 1
    /// The solver could not decide.
    | Unknown = 2
    /// The time limit ran out.
    | Timeout = 3
    /// The solver failed (a crash, unreadable output).
    | Error = 4

/// The check of one certificate.
[<NoComparison>]
type CertificateCheck =
    { /// The certificate checked.
      Certificate: CertificateInfo
      /// The solver's answer.
      Verdict: CertificateVerdict
      /// For False: the counterexample's numeric values (eigenvalue first, then hyperparameters,
      /// then other symbols), as name/value text pairs; empty otherwise.
      Counterexample: KeyValuePair<string, string>[]
      /// For False when the model places a root z = x + iy: |z|² as exact text; else "".
      RootModulusSquared: string
      /// The solver's reason for Unknown or Error; "" otherwise.
      Detail: string
      /// Wall time of the solver run.
      Seconds: float }

/// The result of checking every certificate of a bundle.
[<NoComparison>]
type ProofReport =
    { /// The folder holding the certificates and transcripts.
      Folder: string
      /// The solver executable used.
      Solver: string
      /// Time limit per certificate, in seconds.
      TimeLimit: int
      /// One check per certificate, in the bundle's order.
      Checks: CertificateCheck[]
      /// How many were proved.
      Proved: int
      /// True when every certificate was proved.
      AllProved: bool
      /// Wall time of all checks.
      Seconds: float
      /// The files written (certificates and transcripts), relative to Folder.
      Written: string[] }

/// The certificates and transcripts of one or more rules, built in memory.
[<Sealed>]
type ProofBundle internal (proofs: RuleProofs list, notes: string list) =

    member internal _.Proofs = proofs

    /// The rules, in the order built.
    member _.Rules: string[] =
        proofs
        |> List.map (function
            | Claims((c, _) :: _, _) -> c.Rule
            | Claims([], _) -> ""
            | NoClaim(rule, _, _) -> rule)
        |> Array.ofList

    /// What could not be claimed, one line each (a rule without a closed form, a rule the
    /// theorem does not apply to).
    member _.Notes: string[] = Array.ofList notes

    /// Every certificate, in a fixed order (rules as given, claims as built).
    member _.Certificates: CertificateInfo[] =
        ProofSet.certificates proofs
        |> List.map (fun f ->
            { Rule = (f.Path.Split('/')).[0]
              Claim = f.Claim
              Direction = Direction.name f.Direction
              Meaning = Direction.words f.Direction
              Path = f.Path
              Text = f.Text })
        |> Array.ofList

    /// Certificates and transcripts (transcripts without verdicts), in a fixed order.
    member _.Files: ProofFile[] =
        ProofSet.outputs proofs None |> List.map (fun f -> { Path = f.Path; Text = f.Text }) |> Array.ofList

/// Certificates that a rule's regions are right: build them in memory, write them to a folder
/// (atomically, never overwriting a file this library did not write), check them with an SMT
/// solver (z3).
[<RequireQualifiedAccess>]
module Certificate =

    /// The hyperparameters of the catalog's exact claims: α = 1/10, β = β₁ = 9/10, ρ = 1/20.
    [<CompiledName("ReferenceValues")>]
    let referenceValues () : ParameterSet = ParameterSet(ProofSet.referenceValues |> Map.toList)

    let private build1 (rule: OptimizerRule) (claim: FilterStatement option) (valueSets: ParameterSet list) =
        match ProofSet.build rule.Source claim (valueSets |> List.map (fun s -> s.List)) with
        | Ok p -> p
        | Error e -> Errors.fail ErrorKind.NotApplicable e

    let private notesOf (p: RuleProofs) =
        match p with
        | NoClaim(rule, _, reason) -> [ sprintf "%s: no claim to certify: %s" rule reason ]
        | Claims(_, notes) -> notes

    /// The claims of one rule: its derived closed form (unless `claim` is given), its stated
    /// filter (or `claim`, a filter statement such as "0 <= lambda <= 2/alpha"; "" for none)
    /// over the whole domain, and its exact region at each value set. Raises
    /// EigenVerifyException: InvalidClaim (with the column) for a claim that does not parse,
    /// InvalidParameters for values that do not fit, NotApplicable when there is nothing to prove.
    [<CompiledName("Build")>]
    let build (rule: OptimizerRule) (claim: string) (valueSets: ParameterSet[]) : ProofBundle =
        let stated =
            if String.IsNullOrEmpty claim then
                None
            else
                match Rule.parseFilter rule.Model claim with
                | Ok f -> Some f
                | Error e ->
                    Errors.failAt
                        ErrorKind.InvalidClaim
                        (sprintf "%s: claim \"%s\": column %d: %s: %s" rule.Name claim e.Column e.Kind e.Message)
                        "claim"
                        e.Line
                        e.Column
        let values = valueSets |> Array.map (Parameters.validate rule) |> List.ofArray
        let p = build1 rule stated values
        ProofBundle([ p ], notesOf p)

    /// Every catalog rule: derived closed forms, stated filters, and exact regions at the
    /// reference values (for rules whose hyperparameters all have one).
    [<CompiledName("BuildCatalog")>]
    let buildCatalog () : ProofBundle =
        let proofs =
            [ for name in Catalog.names do
                  let rule = EigenVerify.Optimizer.catalog name
                  let values = ProofSet.referenceFor rule.Model |> Option.toList |> List.map ParameterSet
                  yield build1 rule None values ]
        ProofBundle(proofs, proofs |> List.collect notesOf)

    /// Is the existing file one this library writes (a certificate or transcript), so that
    /// replacing it loses nothing a person wrote?
    let private ours (path: string) =
        let first =
            try
                use reader = new StreamReader(path)
                reader.ReadLine()
            with _ ->
                null
        match first with
        | null -> FileInfo(path).Length = 0L
        | line when path.EndsWith ".smt2" -> line.StartsWith "; EigenVerify certificate:"
        | line when path.EndsWith ".md" ->
            let rule = Path.GetFileName(Path.GetDirectoryName path)
            line.StartsWith(sprintf "# %s: " rule) || line.StartsWith(sprintf "# %s " rule)
        | _ -> false

    let private target (folder: string) (f: ProofFile) = Path.GetFullPath(Path.Combine(folder, f.Path))

    /// Refuses, before anything is written, a target that is a folder or an existing file this
    /// library did not write.
    let internal guard (folder: string) (files: ProofFile list) =
        let targets = files |> List.map (target folder)
        match targets |> List.tryFind Directory.Exists with
        | Some p -> Errors.failAt ErrorKind.OutputRefused (sprintf "%s is a folder: cannot write a file there" p) p 0 0
        | None -> ()
        match targets |> List.tryFind (fun p -> File.Exists p && not (ours p)) with
        | Some p ->
            Errors.failAt
                ErrorKind.OutputRefused
                (sprintf "%s exists and was not written by eigenverify: refusing to overwrite it (choose another output folder)" p)
                p
                0
                0
        | None -> ()

    /// Writes the files under `folder`: each through a temporary file in its own folder and a
    /// rename, so a reader never sees half a file. Nothing is deleted; an existing file is only
    /// replaced when it is one of this library's outputs. Every target is checked before the
    /// first write, so a refusal leaves the folder as it was. Returns the relative paths written.
    let internal writeFiles (folder: string) (files: ProofFile list) : string[] =
        guard folder files
        try
            for f in files do
                let path = target folder f
                let dir = Path.GetDirectoryName path
                Directory.CreateDirectory dir |> ignore
                let temp = Path.Combine(dir, sprintf ".%s.%s.tmp" (Path.GetFileName path) (Guid.NewGuid().ToString("N")))
                try
                    File.WriteAllText(temp, f.Text)
                    File.Move(temp, path, true)
                finally
                    if File.Exists temp then File.Delete temp
        with
        | :? IOException
        | :? UnauthorizedAccessException as e ->
            Errors.failAt ErrorKind.OutputRefused (sprintf "cannot write to %s: %s" folder (e.Message.Split('\n').[0].Trim())) folder 0 0
        files |> List.map (fun f -> f.Path) |> Array.ofList

    /// Writes every certificate and transcript (without verdicts) under `folder`; see the module
    /// summary for the overwrite rule. Returns the relative paths written. Raises
    /// EigenVerifyException (OutputRefused) when a file cannot be written or would replace a
    /// file this library did not write; nothing is written then.
    [<CompiledName("Write")>]
    let write (folder: string) (bundle: ProofBundle) : string[] = writeFiles folder (List.ofArray bundle.Files)

    /// The solver executable: a path, or a name looked up on PATH. Raises EigenVerifyException
    /// (MissingTool) when it is not installed.
    [<CompiledName("LocateSolver")>]
    let locateSolver (exe: string) : string =
        match Z3.locate exe with
        | Some path -> path
        | None ->
            Errors.fail
                ErrorKind.MissingTool
                (sprintf "the SMT solver '%s' is not installed or not on PATH (Debian: apt-get install z3)" exe)

    /// The model's numbers only (the solver also prints the file's defined terms), the
    /// eigenvalue first, then the hyperparameters, then the rest.
    let private readable (model: (string * string) list) =
        let numeric (_, v: string) = (Rational.tryParse v).IsSome || v.StartsWith "(root-obj"
        let rank (n: string, _) =
            match n with
            | "lam"
            | "mu" -> 0
            | _ when n.EndsWith Smt.HyperparameterSuffix -> 1
            | "x"
            | "y" -> 2
            | _ when n.StartsWith "bound" || n.StartsWith "sqrt" || n.StartsWith "root" || n = "s" -> 3
            | _ -> 1
        model |> List.filter numeric |> List.sortBy rank

    let private modulus (model: (string * string) list) =
        let get n = model |> List.tryFind (fun (m, _) -> m = n) |> Option.bind (snd >> Rational.tryParse)
        match get "x", get "y" with
        | Some x, Some y -> string (x * x + y * y)
        | _ -> ""

    /// Writes the certificates under `folder`, runs the solver on each (`timeLimit` seconds
    /// each), then writes the transcripts with the verdicts. `progress` (may be null) receives
    /// each certificate before it is checked. Raises EigenVerifyException: MissingTool when
    /// the solver is not installed, InvalidArgument for a time limit below 1 s, OutputRefused
    /// as Write.
    [<CompiledName("Check")>]
    let check (folder: string) (solver: string) (timeLimit: int) (progress: IProgress<CertificateInfo>) (bundle: ProofBundle) : ProofReport =
        if timeLimit < 1 then
            Errors.fail ErrorKind.InvalidArgument (sprintf "the time limit must be a positive number of seconds (got %d)" timeLimit)
        let exe = locateSolver solver
        let infos = bundle.Certificates
        let certificateFiles = infos |> Array.map (fun c -> { Path = c.Path; Text = c.Text }) |> List.ofArray
        // every target, transcripts included, is checked before the first write
        guard folder (List.ofArray bundle.Files)
        let written = writeFiles folder certificateFiles
        let watch = Stopwatch.StartNew()
        let runs =
            infos
            |> Array.map (fun c ->
                if not (isNull progress) then progress.Report c
                let verdict, time = Z3.check exe timeLimit (Path.Combine(folder, c.Path))
                c, verdict, time)
        watch.Stop()
        let verdicts = runs |> Array.map (fun (c, v, _) -> c.Path, v) |> Map.ofArray
        let transcripts =
            ProofSet.outputs bundle.Proofs (Some verdicts)
            |> List.filter (fun f -> f.Path.EndsWith ".md")
            |> List.map (fun f -> { Path = f.Path; Text = f.Text })
        let writtenTranscripts = writeFiles folder transcripts
        let checks =
            runs
            |> Array.map (fun (c, v, t) ->
                let verdict, model, detail =
                    match v with
                    | Unsat -> CertificateVerdict.Proved, [], ""
                    | Sat model -> CertificateVerdict.False, model, ""
                    | SolverVerdict.Unknown reason -> CertificateVerdict.Unknown, [], reason
                    | SolverVerdict.Timeout -> CertificateVerdict.Timeout, [], ""
                    | Failed message -> CertificateVerdict.Error, [], message
                { Certificate = c
                  Verdict = verdict
                  Counterexample = readable model |> List.map KeyValuePair |> Array.ofList
                  RootModulusSquared = modulus model
                  Detail = detail
                  Seconds = t.TotalSeconds })
        let proved = checks |> Array.filter (fun c -> c.Verdict = CertificateVerdict.Proved) |> Array.length
        { Folder = folder
          Solver = exe
          TimeLimit = timeLimit
          Checks = checks
          Proved = proved
          AllProved = (proved = checks.Length)
          Seconds = watch.Elapsed.TotalSeconds
          Written = Array.append written writtenTranscripts }
