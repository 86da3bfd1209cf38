namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// A filter as the paper (or seed 004) states it: lower <= middle <= upper, in the rule
/// language's expression syntax, plus the isolated point the statement mentions, if any.
type PaperStatement =
    { Text: string
      Lower: string
      Middle: string
      Upper: string
      IsolatedPoint: string option }

/// The statements of ../shared/PAPER.md, one per catalog rule, kept as data so that the tool
/// compares its derivations with them instead of printing them.
[<RequireQualifiedAccess>]
module PaperStatements =

    let private between text lower middle upper =
        Some { Text = text; Lower = lower; Middle = middle; Upper = upper; IsolatedPoint = None }

    let forRule (name: string) : PaperStatement option =
        match name with
        | "gd" -> between "0 <= lambda <= 2/alpha" "0" "lambda" "2/alpha"
        | "heavy-ball" -> between "0 <= lambda <= 2*(1 + beta)/alpha" "0" "lambda" "2*(1 + beta)/alpha"
        | "nesterov" -> between "0 <= lambda <= 2*(1 + beta)/((1 + 2*beta)*alpha)" "0" "lambda" "2*(1 + beta)/((1 + 2*beta)*alpha)"
        | "usam" -> between "0 <= lambda*(1 + rho*lambda) <= 2/alpha" "0" "lambda*(1 + rho*lambda)" "2/alpha"
        | "usam-hb" ->
            between "0 <= lambda*(1 + rho*lambda) <= 2*(1 + beta)/alpha" "0" "lambda*(1 + rho*lambda)" "2*(1 + beta)/alpha"
        | "usam-nesterov" ->
            between
                "0 <= lambda*(1 + rho*lambda) <= 2*(1 + beta)/((1 + 2*beta)*alpha)"
                "0"
                "lambda*(1 + rho*lambda)"
                "2*(1 + beta)/((1 + 2*beta)*alpha)"
        | "two-step-usam"
        | "hessian-usam" ->
            Some
                { Text = "0 <= lambda*(1 + rho*lambda)^2 <= 2/alpha (isolated point lambda = -1/rho)"
                  Lower = "0"
                  Middle = "lambda*(1 + rho*lambda)^2"
                  Upper = "2/alpha"
                  IsolatedPoint = Some "lambda = -1/rho" }
        | "rmsprop-frozen"
        | "adagrad-frozen" -> between "0 <= mu <= 2/alpha" "0" "mu" "2/alpha"
        | "adam-frozen" ->
            between "0 <= mu <= 2*(1 + beta1)/(alpha*(1 - beta1))" "0" "mu" "2*(1 + beta1)/(alpha*(1 - beta1))"
        | _ -> None

    let private parse (text: string) : Result<RationalFunction, string> =
        match Infix.parse text with
        | Ok e -> Ok(Expr.toRationalFunction e)
        | Error e -> Error(sprintf "paper statement '%s': %O" text e)

    /// The statement as conditions "c >= 0" over the declared domain: each side difference is a
    /// rational function whose denominator must have a proven sign there (it is cleared).
    let conditions (facts: Positivity.Facts) (st: PaperStatement) : Result<MPoly list, string> =
        let diff (a: string) (b: string) =
            match parse a, parse b with
            | Ok x, Ok y ->
                let d = RationalFunction.sub x y
                let num = d.Num
                let den = d.Den
                match Positivity.strictSign facts den with
                | 1 -> Ok num
                | -1 -> Ok(-num)
                | _ -> Error(sprintf "cannot prove the sign of the denominator %s on the domain" (MPoly.toString den))
            | Error e, _
            | _, Error e -> Error e
        match diff st.Middle st.Lower, diff st.Upper st.Middle with
        | Ok a, Ok b -> Ok [ a; b ]
        | Error e, _
        | _, Error e -> Error e
