namespace EigenVerify.Proofs

open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The z3-backed checker the condition logic asks whether kept conditions imply another one on
/// the declared domain. Each question becomes one QF_NRA file: domain ∧ hypotheses ≥ 0 ∧ goal < 0;
/// `unsat` is a proof (the file is the certificate), `sat` a counterexample (its exact rational
/// coordinates are handed back and verified by the caller), anything else no answer.
[<RequireQualifiedAccess>]
module ImplicationChecker =

    /// The SMT-LIB2 text of a query.
    [<CompiledName("QueryText")>]
    let queryText (q: ImplicationQuery) : string =
        let sb = System.Text.StringBuilder()
        let lines =
            [ "EigenVerify implication check."
              sprintf "For every %s and every value of the hyperparameters in the domain (%s)%s:" q.Variable (Certificate.domainText q.Domain.Params) (if q.Domain.Constraints.IsEmpty then "" else " with the extra constraints")
              "  every hypothesis >= 0  ==>  goal >= 0."
              "The file asserts the negation; unsat proves the implication." ]
        sb.AppendLine(Smt.comment (String.concat "\n" lines)).AppendLine() |> ignore
        sb.AppendLine("(set-logic QF_NRA)") |> ignore
        let names = q.Variable :: (q.Domain.Params |> List.map (fun d -> d.Name))
        for n in names do
            sb.AppendLine(sprintf "(declare-const %s Real)" (Smt.symbol n)) |> ignore
        sb.AppendLine(Smt.comment "The domain.") |> ignore
        for d in q.Domain.Params do
            let s = Smt.symbol d.Name
            d.Lower |> Option.iter (fun b -> sb.AppendLine(sprintf "(assert (%s %s %s))" (if b.Inclusive then "<=" else "<") (Smt.rational b.Value) s) |> ignore)
            d.Upper |> Option.iter (fun b -> sb.AppendLine(sprintf "(assert (%s %s %s))" (if b.Inclusive then "<=" else "<") s (Smt.rational b.Value)) |> ignore)
        for c in q.Domain.Constraints do
            sb.AppendLine(sprintf "(assert (%s %s 0))" (if c.Strict then ">" else ">=") (Smt.polynomial c.Polynomial)) |> ignore
        sb.AppendLine(Smt.comment "The hypotheses.") |> ignore
        for h in q.Hypotheses do
            sb.AppendLine(sprintf "(assert (>= %s 0))" (Smt.polynomial h)) |> ignore
        sb.AppendLine(Smt.comment "Negation of the goal.")
            .AppendLine(sprintf "(assert (< %s 0))" (Smt.polynomial q.Goal))
            .AppendLine("(check-sat)") |> ignore
        sb.ToString()

    /// A checker that runs z3 (`exe`, e.g. "z3") with a time limit in seconds on each query.
    [<CompiledName("Z3")>]
    let z3 (exe: string) (timeLimit: int) : ImplicationChecker =
        fun q ->
            match Z3.locate exe with
            | None -> Unanswered(sprintf "the checker '%s' is not installed" exe)
            | Some path ->
                let text = queryText q
                let file = Path.Combine(Path.GetTempPath(), sprintf "eigenverify-implication-%s.smt2" (System.Guid.NewGuid().ToString("N")))
                try
                    File.WriteAllText(file, text)
                    let verdict, time = Z3.check path timeLimit file
                    match verdict with
                    | Unsat -> Proved { Checker = "z3"; Certificate = text; Seconds = time.TotalSeconds }
                    | Sat model ->
                        let bySymbol =
                            (q.Variable :: (q.Domain.Params |> List.map (fun d -> d.Name)))
                            |> List.map (fun n -> Smt.symbol n, n)
                            |> Map.ofList
                        model
                        |> List.choose (fun (s, v) ->
                            match Map.tryFind s bySymbol, Rational.tryParse v with
                            | Some n, Some x -> Some(n, x)
                            | _ -> None)
                        |> Map.ofList
                        |> Refuted
                    | Timeout -> Unanswered(sprintf "z3 timed out after %d s" timeLimit)
                    | Unknown why -> Unanswered(sprintf "z3 answered unknown (%s)" why)
                    | Failed why -> Unanswered(sprintf "z3 failed: %s" why)
                finally
                    if File.Exists file then File.Delete file
