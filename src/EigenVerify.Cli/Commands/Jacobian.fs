namespace EigenVerify.Cli.Commands

open EigenVerify
open EigenVerify.Cli

/// `eigenverify jacobian`: M(λ) at a critical point and p(z) = det(zI − M(λ)).
[<RequireQualifiedAccess>]
module Jacobian =

    let run (p: Parsed) (ctx: Context) =
        let format = Format.parse p
        let rule = RuleOption.load p
        let j = Filter.jacobian rule
        let v = j.Variable.Name
        let w (s: string) = ctx.Out.WriteLine s
        match format with
        | Json -> w (Json.serialize (Report.jacobianJson j))
        | Latex when j.Denominator <> "" ->
            w (sprintf "D\\,M(%s) = %s" j.VariableLatex j.MatrixLatex)
            w (sprintf "p(z) = \\det(D\\,zI - D\\,M) = %s" j.CharPolyLatex)
        | Latex ->
            w (sprintf "M(%s) = %s" j.VariableLatex j.MatrixLatex)
            w (sprintf "p(z) = %s" j.CharPolyLatex)
        | Text ->
            w (sprintf "optimizer: %s" j.Optimizer)
            w (sprintf "variable: %s (an eigenvalue of %s)" v j.VariableOf)
            w (sprintf "fixed point: %s" (String.concat ", " j.FixedPoint))
            w (sprintf "Jacobian blocks (rows: %s):" (j.StateNames |> Array.map (fun x -> x + "'") |> String.concat ", "))
            for row in j.Blocks do
                w ("  [ " + String.concat ", " row + " ]")
            if j.Denominator = "" then
                w (sprintf "M(%s):" v)
            else
                w (sprintf "M(%s) = N(%s)/D with D = %s, nonzero on the domain; N(%s):" v v j.Denominator v)
            for row in j.MatrixText do
                w ("  [ " + String.concat ", " row + " ]")
            if j.Denominator = "" then
                w (sprintf "p(z) = det(zI - M) = %s" j.CharPolyText)
            else
                w (sprintf "p(z) = det(D zI - N) = D^%d det(zI - M) = %s" j.MatrixText.Length j.CharPolyText)
        ExitCode.Ok

    let command: Command =
        { Name = "jacobian"
          Summary = "the Jacobian M(lambda) at a critical point and its characteristic polynomial."
          Usage = "(--optimizer NAME | --rule FILE) [--format text|json|latex]"
          Options = RuleOption.specs @ [ Format.spec ]
          Run = run }
