namespace EigenVerify.Cli

open EigenVerify
open EigenVerify.Algebra

/// The JSON of the facade's reports. Field names are a contract (README, "JSON output"): add
/// fields, never rename them.
[<RequireQualifiedAccess>]
module Report =

    let private strings (xs: string[]) = JArray(xs |> Array.map JString |> List.ofArray)

    let private number (a: AlgebraicNumber) =
        JObject [ "exact", JString(AlgebraicNumber.toString a); "approx", JNumber(AlgebraicNumber.toFloat a) ]

    let private parameters (ps: ParameterSet) =
        JObject(Array.zip ps.Names ps.Values |> Array.map (fun (n, v) -> n, JString(string v)) |> List.ofArray)

    /// `region` without --params, and each row of `regions --format json`.
    let closedFormJson (r: ClosedFormReport) =
        if not r.IsSmooth then
            JObject
                [ "optimizer", JString r.Optimizer
                  "variable", JString r.Variable.Name
                  "smooth", JBool false
                  "theoremApplies", JBool false
                  "reason", JString r.Reason ]
        else
            let form =
                if r.HasClosedForm then
                    [ "closedForm", JString r.Statement
                      "isolatedPoints", strings r.IsolatedPoints
                      "conditions", strings (r.ConditionTexts |> Array.map (fun c -> c + " >= 0"))
                      "dropped", strings r.Dropped
                      "kept", strings r.Kept ]
                else
                    [ "closedForm", JNull; "reason", JString r.Reason ]
            let agreement =
                if r.HasAgreement then
                    [ "agreement",
                      JObject
                          [ "symbolic", JBool r.Agreement.Symbolic
                            "points", JInt r.Agreement.Points
                            "closedFormMatches", JInt r.Agreement.ClosedFormMatches
                            "paperMatches", JInt r.Agreement.FilterMatches
                            "verdict", JString r.Agreement.Verdict ] ]
                else
                    []
            JObject(
                [ "optimizer", JString r.Optimizer
                  "variable", JString r.Variable.Name
                  "domain", JString r.Domain
                  "charpoly", JString r.CharPolyText ]
                @ (if r.Denominator = "" then [] else [ "denominator", JString r.Denominator ])
                @ form
                @ [ "paper", (if r.HasFilter then JString r.Filter else JNull) ]
                @ agreement
                @ [ "smooth", JBool true; "theoremApplies", JBool true ]
            )

    /// `region --params`.
    let regionJson (r: RegionReport) =
        if r.TheoremApplies then
            let bound (has: bool) (value: unit -> AlgebraicNumber) (closed: bool) =
                if has then
                    let v = value ()
                    JObject [ "exact", JString(AlgebraicNumber.toString v); "approx", JNumber(AlgebraicNumber.toFloat v); "closed", JBool closed ]
                else
                    JNull
            JObject
                [ "optimizer", JString r.Optimizer
                  "variable", JString r.Variable.Name
                  "params", parameters r.Parameters
                  "charpoly", JString r.CharPolyText
                  "intervals",
                  JArray(
                      r.Intervals
                      |> Array.map (fun i ->
                          JObject
                              [ "lower", bound i.HasLower (fun () -> i.Lower) i.LowerClosed
                                "upper", bound i.HasUpper (fun () -> i.Upper) i.UpperClosed ])
                      |> List.ofArray
                  )
                  "points", JArray(r.Points |> Array.map number |> List.ofArray)
                  "smooth", JBool r.IsSmooth
                  "theoremApplies", JBool true ]
        else
            JObject
                [ "optimizer", JString r.Optimizer
                  "variable", JString r.Variable.Name
                  "params", parameters r.Parameters
                  "smooth", JBool r.IsSmooth
                  "theoremApplies", JBool false
                  "reason", JString r.Reason ]

    /// `jacobian --format json`.
    let jacobianJson (j: JacobianReport) =
        let grid (g: string[][]) = JArray(g |> Array.map strings |> List.ofArray)
        [ "optimizer", JString j.Optimizer
          "variable", JString j.Variable.Name
          "variableOf", JString j.VariableOf
          "state", strings j.StateNames
          "fixedPoint", strings j.FixedPoint
          "blocks", grid j.Blocks
          "matrix", grid j.MatrixText
          "charpoly", JString j.CharPolyText ]
        @ (if j.Denominator = "" then [] else [ "denominator", JString j.Denominator ])
        |> JObject

    /// `check --format json`.
    let checkJson (r: PropertyReport) =
        JObject
            [ "optimizer", JString r.Optimizer
              "runs", JInt r.Runs
              "seed", JLong r.Seed
              "passed", JBool r.Passed
              "families",
              JArray(
                  r.Families
                  |> Array.map (fun s ->
                      JObject
                          [ "family", JString s.Family
                            "runs", JInt s.Runs
                            "converged", JInt s.Converged
                            "diverged", JInt s.Diverged
                            "undecided", JInt s.Undecided
                            "critical", JInt s.Critical
                            "nonCritical", JInt s.NonCritical
                            "atEdge", JInt s.AtEdge
                            "atSharpEdge", JInt s.AtSharpEdge
                            "medianIterations", JInt s.MedianIterations
                            "maxRho", JNumber s.MaxRho
                            "rhoFailures", JInt s.RhoFailures
                            "regionChecked", JInt s.RegionChecked
                            "regionFailures", JInt s.RegionFailures ])
                  |> List.ofArray
              )
              "counterexamples",
              JArray(
                  r.Counterexamples
                  |> Array.map (fun c ->
                      JObject
                          [ "family", JString c.Family
                            "seed", JLong c.Seed
                            "shrinkSteps", JInt c.ShrinkSteps
                            "violations", strings c.Violations
                            "details", strings c.Details ])
                  |> List.ofArray
              )
              "regionSkipped", (if r.RegionSkipped = "" then JNull else JString r.RegionSkipped)
              "tolerances",
              JObject [ "rho", JNumber r.RhoTolerance; "region", JNumber r.RegionTolerance; "edge", JNumber r.EdgeWidth ] ]

    let verdictWord (v: CertificateVerdict) =
        match v with
        | CertificateVerdict.Proved -> "proved"
        | CertificateVerdict.False -> "false"
        | CertificateVerdict.Unknown -> "unknown"
        | CertificateVerdict.Timeout -> "timeout"
        | _ -> "error"

    /// `prove --format json`: the files written and, with --check, one verdict per certificate.
    let proveJson (folder: string) (bundle: ProofBundle) (written: string[]) (report: ProofReport option) =
        let certificates =
            bundle.Certificates
            |> Array.map (fun c ->
                let check = report |> Option.bind (fun r -> r.Checks |> Array.tryFind (fun k -> k.Certificate.Path = c.Path))
                JObject(
                    [ "path", JString c.Path
                      "rule", JString c.Rule
                      "claim", JString c.Claim
                      "direction", JString c.Direction ]
                    @ (match check with
                       | Some k ->
                           [ "verdict", JString(verdictWord k.Verdict)
                             "seconds", JNumber k.Seconds
                             "counterexample", JObject(k.Counterexample |> Array.map (fun kv -> kv.Key, JString kv.Value) |> List.ofArray) ]
                       | None -> [])
                ))
            |> List.ofArray
        JObject(
            [ "folder", JString folder
              "written", strings written
              "notes", strings bundle.Notes
              "checked", JBool report.IsSome
              "certificates", JArray certificates ]
            @ (match report with
               | Some r -> [ "proved", JInt r.Proved; "total", JInt r.Checks.Length; "timeLimit", JInt r.TimeLimit ]
               | None -> [])
        )
