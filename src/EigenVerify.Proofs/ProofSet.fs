namespace EigenVerify.Proofs

open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// What one rule contributes: its claims and their certificates, or the reason there is none.
type RuleProofs =
    /// `notes`: what could not be claimed, e.g. why no closed form was derived.
    | Claims of claims: (Claim * CertificateFile list) list * notes: string list
    | NoClaim of rule: string * text: string * reason: string

/// A generated file, relative to the output folder.
type OutputFile = { Path: string; Text: string }

[<RequireQualifiedAccess>]
module ProofSet =

    /// The hyperparameters of the acceptance examples (α = 1/10, β = β₁ = 9/10, ρ = 1/20): the
    /// exact claims of `prove --all` are made at these values.
    let referenceValues =
        Map.ofList
            [ "alpha", Rational.ofFraction 1 10
              "beta", Rational.ofFraction 9 10
              "beta1", Rational.ofFraction 9 10
              "rho", Rational.ofFraction 1 20 ]

    /// The claims of one rule: the closed form the Filtering layer derives (unless a claim is
    /// given), the stated filter (`claim`, else the rule's `filter` line), both over the whole
    /// domain, and the exact region at each given value set.
    let build (src: RuleSource) (claim: FilterStatement option) (valueSets: (string * Rational) list list) : Result<RuleProofs, string> =
        match RuleAnalysis.linearize src.Model with
        | Error reason -> Ok(NoClaim(src.Name, src.Text, reason))
        | Ok linearized ->
            let stated = claim |> Option.orElse src.Model.Filter
            let derived, notes =
                if claim.IsSome then
                    [], []
                else
                    match RuleAnalysis.closedForm (Some(EigenVerify.Proofs.ImplicationChecker.z3 "z3" 60)) linearized with
                    | Ok cf -> [ Ok(Claim.derived src.Text linearized cf stated) ], []
                    | Error e -> [], [ sprintf "%s: no derived closed form to certify: %s" src.Name e ]
            let closed =
                match stated with
                | Some s -> [ Ok(Claim.stated src.Text linearized s) ]
                | None -> []
            let exact = valueSets |> List.map (fun vs -> Claim.atValues src.Text linearized vs stated)
            let all = derived @ closed @ exact
            match all |> List.tryPick (function Error e -> Some e | Ok _ -> None) with
            | Some e -> Error(sprintf "%s: %s" src.Name e)
            | None ->
                let claims = all |> List.choose (function Ok c -> Some c | Error _ -> None)
                if claims.IsEmpty then
                    let why = notes |> List.map (fun n -> " (" + n.Substring(src.Name.Length + 2) + ")") |> String.concat ""
                    Error(sprintf "%s: nothing to prove: no closed form was derived%s or stated (add a 'filter ...' line or pass --claim) and no --params were given" src.Name why)
                else
                    Ok(Claims(claims |> List.map (fun c -> c, Certificate.files c), notes))

    /// The reference values restricted to the rule's hyperparameters, when it has all of them.
    let referenceFor (m: OptimizerModel) : (string * Rational) list option =
        let names = m.Params |> List.map (fun d -> d.Name)
        if names |> List.forall referenceValues.ContainsKey then
            Some(names |> List.map (fun n -> n, referenceValues.[n]))
        else
            None

    let certificates (proofs: RuleProofs list) : CertificateFile list =
        proofs
        |> List.collect (function
            | Claims(cs, _) -> cs |> List.collect snd
            | NoClaim _ -> [])

    /// Certificates and transcripts, in a fixed order (rules as given, claims as built).
    let outputs (proofs: RuleProofs list) (verdicts: Map<string, SolverVerdict> option) : OutputFile list =
        proofs
        |> List.collect (function
            | Claims(cs, _) ->
                cs
                |> List.collect (fun (c, files) ->
                    [ yield! files |> List.map (fun f -> { Path = f.Path; Text = f.Text })
                      yield { Path = sprintf "%s/%s.md" c.Rule c.Id; Text = Transcript.write c files verdicts } ])
            | NoClaim(rule, text, reason) -> [ { Path = sprintf "%s/not-applicable.md" rule; Text = Transcript.notApplicable rule text reason } ])
