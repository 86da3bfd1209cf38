namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// A rule under construction from F#; `Optimizer.build` checks it exactly as a parsed file.
type RuleDraft =
    { DraftName: string
      DraftParams: ParamDomain list
      DraftState: string list
      DraftLets: (string * Term) list
      DraftUpdates: (string * Term) list
      /// What follows `filter` on the rule's filter line.
      DraftFilter: string option }

/// Terms for the F# builder: `x - alpha * grad x` reads as the rule line.
[<RequireQualifiedAccess>]
module T =
    /// An exact constant from its text: "0.9" is 9/10.
    let c (text: string) = Const(Rational.Parse text)
    let n (k: int) = Const(Rational.OfInt k)
    let p (name: string) = Param name
    let v (name: string) = Ref name
    let grad v = Grad v
    let hess v w = Hess(v, w)
    let precond v = Precond v
    let norm v = Norm v
    let dot v w = Dot(v, w)
    let pow (k: int) t = Pow(t, k)

/// Builds the same model a `.rule` file gives:
/// `Optimizer.create "gd" |> Optimizer.param "alpha" (Optimizer.above "0") None |> ... |> Optimizer.build`.
[<RequireQualifiedAccess>]
module Optimizer =
    let create (name: string) =
        { DraftName = name
          DraftParams = []
          DraftState = []
          DraftLets = []
          DraftUpdates = []
          DraftFilter = None }

    let private bound inclusive (text: string) = Some { Value = Rational.Parse text; Inclusive = inclusive }
    /// Strict bound: the value itself is excluded.
    let above text = bound false text
    let atLeast text = bound true text
    let below text = bound false text
    let atMost text = bound true text

    let param (name: string) (lower: ParamBound option) (upper: ParamBound option) (d: RuleDraft) =
        { d with DraftParams = d.DraftParams @ [ { Name = name; Lower = lower; Upper = upper } ] }

    let state (names: string list) (d: RuleDraft) = { d with DraftState = d.DraftState @ names }
    let letVar (name: string) (t: Term) (d: RuleDraft) = { d with DraftLets = d.DraftLets @ [ name, t ] }
    let update (name: string) (t: Term) (d: RuleDraft) = { d with DraftUpdates = d.DraftUpdates @ [ name, t ] }
    /// The filter the rule states, in the rule language: "0 <= lambda <= 2/alpha".
    let filter (statement: string) (d: RuleDraft) = { d with DraftFilter = Some statement }

    /// The draft as rule text (positions in errors refer to this text).
    let text (d: RuleDraft) =
        Rule.print
            { Name = d.DraftName
              Params = d.DraftParams
              Relations = []
              Denominators = []
              State = d.DraftState
              Lets = d.DraftLets
              Updates = d.DraftUpdates
              Smoothness = Smooth
              UsesPreconditioner = false
              GradientEvaluations = 0
              HessianEvaluations = 0
              Filter = None }
        + (match d.DraftFilter with
           | Some f -> "filter " + f + "\n"
           | None -> "")

    /// Runs every check of the rule language; a hyperparameter without bounds is a bad-constraint.
    let build (d: RuleDraft) : Result<OptimizerModel, RuleError> =
        match d.DraftParams |> List.tryFindIndex (fun p -> p.Lower.IsNone && p.Upper.IsNone) with
        | Some i ->
            Error
                { Line = 2
                  Column = 1
                  Kind = "bad-constraint"
                  Message = sprintf "hyperparameter %s needs at least one bound" d.DraftParams.[i].Name }
        | None -> Rule.parse (text d)
