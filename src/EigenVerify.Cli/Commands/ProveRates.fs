namespace EigenVerify.Cli

open System
open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Proofs

/// The options of `eigenverify prove --radius r` and `prove --stochastic`.
type ProveRatesOptions =
    { Optimizer: string option
      Rule: string option
      /// With values: the claim at them; without: over the declared domain.
      Params: string option
      /// Some r: the radius-r region; None: the mean-square closed form.
      Radius: string option
      /// Default "eigenverify-proofs".
      Out: string option
      Check: bool
      TimeLimit: int
      Solver: string
      Format: Format }

/// `eigenverify prove --radius r | --stochastic`: SMT-LIB2 certificates of the radius-r region and
/// of the mean-square closed form, written atomically to <out>/<rule>/, optionally checked by z3.
/// Exit codes: 0 written (and with --check all proved), 1 some not proved, 2 bad input, 3 no solver.
[<RequireQualifiedAccess>]
module ProveRatesCommand =

    let private fail msg = raise (UsageError msg)

    /// The default output folder: never the repository's proofs/, which only `prove --all` writes.
    let DefaultOut = "eigenverify-proofs"

    let private orFail (context: string) (r: Result<'a, string>) =
        match r with
        | Ok x -> x
        | Error e -> fail (if context = "" then e else context + ": " + e)

    /// "19/20" → "19-20": a file-name-safe radius.
    let private radiusName (r: Rational) = (string r).Replace("/", "-")

    /// (claim name, certificate files as (direction, text)).
    let certificates (o: ProveRatesOptions) : string * string * (string * string) list =
        let m = RuleSource.load o.Optimizer o.Rule |> orFail ""
        match o.Radius with
        | Some text ->
            let r = RadiusRegionCommand.radius text
            let p, v = ExactMachinery.charPoly m |> orFail m.Name
            let membership, suffix =
                match o.Params with
                | Some _ ->
                    let values = RateInputs.parameters m o.Params
                    let g = RadiusRegion.compute v (MPoly.substitute (Map.ofList values) p) r |> orFail m.Name
                    ExactRegionAt(values, g.Region), "-at-values"
                | None ->
                    let cf = RadiusRegion.closedFormAt v r p |> orFail (m.Name + " (give --params for the exact region)")
                    ConditionsOverDomain(cf.Conditions |> List.map (fun c -> c.Condition)), ""
            let claim =
                { Rule = m.Name
                  Variable = v
                  Params = m.Params
                  CharPoly = p
                  Radius = FixedRadius r
                  Membership = membership }
            let files = RadiusCertificate.files claim |> orFail m.Name
            m.Name, sprintf "radius-%s%s" (radiusName r) suffix, files |> List.map (fun f -> f.Direction, f.Text)
        | None ->
            let s = MeanSquare.subject m |> orFail m.Name
            let cf = MeanSquare.closedForm s |> orFail ""
            let input = MeanSquare.certificateInput cf
            let scope, suffix =
                match o.Params with
                | Some _ -> MeanSquareAtValues(RateInputs.parameters m o.Params), "-at-values"
                | None -> MeanSquareOverDomain, ""
            let files = MeanSquareCertificate.files input scope |> orFail ""
            m.Name, "mean-square" + suffix, files |> List.map (fun f -> f.Direction, f.Text)

    /// Writes through a temporary file in the same folder and a rename, so a reader never sees half a file.
    let private writeAtomic (path: string) (text: string) =
        let dir = Path.GetDirectoryName path
        Directory.CreateDirectory dir |> ignore
        let tmp = Path.Combine(dir, sprintf ".%s.%s.tmp" (Path.GetFileName path) (Guid.NewGuid().ToString("N")))
        try
            File.WriteAllText(tmp, text)
            File.Move(tmp, path, true)
        finally
            if File.Exists tmp then File.Delete tmp

    let private verdictWord (v: SolverVerdict) =
        match v with
        | Unsat -> "proved (unsat)"
        | Sat _ -> "FALSE (sat)"
        | Unknown _ -> "unknown"
        | Timeout -> "timeout"
        | Failed _ -> "error"

    [<CompiledName("Run")>]
    let run (o: ProveRatesOptions) (out: TextWriter) : int =
        if o.TimeLimit <= 0 then fail (sprintf "--timeout must be a positive number of seconds, got %d" o.TimeLimit)
        let solver =
            if o.Check then
                match Z3.locate o.Solver with
                | Some exe -> Some exe
                | None -> raise (EigenVerify.EigenVerifyException(EigenVerify.ErrorKind.MissingTool, sprintf "--check needs the SMT solver '%s', which is not installed or not on PATH (Debian: apt-get install z3)" o.Solver))
            else
                None
        let rule, claim, files = certificates o
        let root = defaultArg o.Out DefaultOut
        let paths =
            files
            |> List.map (fun (direction, text) ->
                let path = Path.Combine(root, rule, sprintf "%s.%s.smt2" claim direction)
                writeAtomic path text
                direction, path)
        // (direction, path, Some (verdict, seconds) when checked)
        let rows =
            paths
            |> List.map (fun (d, path) ->
                match solver with
                | None -> d, path, None
                | Some exe ->
                    let v, t = Z3.check exe o.TimeLimit path
                    d, path, Some(v, t.TotalSeconds))
        let proved = rows |> List.filter (fun (_, _, c) -> match c with Some(Unsat, _) -> true | _ -> false) |> List.length
        match o.Format with
        | Json ->
            let file (d: string, path: string, c) =
                JObject
                    [ "direction", JString d
                      "path", JString path
                      "verdict", (match c with Some(v, _) -> JString(verdictWord v) | None -> JNull)
                      "seconds", (match c with Some(_, t) -> JNumber t | None -> JNull) ]
            JObject
                [ "rule", JString rule
                  "claim", JString claim
                  "folder", JString(Path.Combine(root, rule))
                  "checked", JBool solver.IsSome
                  "files", JArray(rows |> List.map file)
                  "proved", (if solver.IsSome then JInt proved else JNull) ]
            |> Json.serialize
            |> out.WriteLine
        | Latex ->
            let cells =
                rows
                |> List.map (fun (d, path, c) -> [ Table.texttt path; d; (match c with Some(v, _) -> verdictWord v | None -> "not checked") ])
            for line in Table.latex "lll" [ "certificate"; "direction"; "verdict" ] cells do
                out.WriteLine line
        | Text ->
            match solver with
            | None -> out.WriteLine(sprintf "wrote %d certificates to %s (check them with --check)" paths.Length (Path.Combine(root, rule)))
            | Some _ ->
                for d, path, c in rows do
                    match c with
                    | Some(v, t) -> out.WriteLine(sprintf "%-9s %-16s %6.2f s  %s" d (verdictWord v) t path)
                    | None -> ()
                out.WriteLine(sprintf "%d of %d certificates proved (z3, %d s limit per file)" proved rows.Length o.TimeLimit)
        if solver.IsNone || proved = rows.Length then 0 else 1
