namespace EigenVerify.Symbolic

open EigenVerify.Algebra

type ParamBound = { Value: Rational; Inclusive: bool }

/// Intersection of all constraints declared on one hyperparameter.
type ParamDomain =
    { Name: string
      Lower: ParamBound option
      Upper: ParamBound option }

type Smoothness =
    | Smooth
    | NonSmooth of reason: string

/// An expression of the update-rule language. State and `let` names are vectors of the
/// dimension of x, hyperparameters and constants scalars; the checker guarantees the kinds fit.
/// Literals are folded at parse time (`9/10`, `-2` are single constants) so printing and
/// parsing again gives the same term.
type Term =
    | Const of Rational
    | Param of string
    | Ref of string
    | Neg of Term
    | Add of Term * Term
    | Sub of Term * Term
    | Mul of Term * Term
    | Div of Term * Term
    | Pow of Term * int
    | Grad of Term
    | Hess of point: Term * direction: Term
    | Precond of Term
    | Norm of Term
    | Dot of Term * Term

    static member (+)(a: Term, b: Term) = Add(a, b)
    static member (-)(a: Term, b: Term) = Sub(a, b)
    static member (*)(a: Term, b: Term) = Mul(a, b)
    static member (/)(a: Term, b: Term) = Div(a, b)
    static member (~-)(a: Term) = Neg a

type OptimizerModel =
    { Name: string
      /// In declaration order.
      Params: ParamDomain list
      /// The first is the iterate x.
      State: string list
      /// Intermediates in definition order; each sees the current state and earlier lets.
      Lets: (string * Term) list
      /// One update per state variable, in the order of `State`.
      Updates: (string * Term) list
      Smoothness: Smoothness
      UsesPreconditioner: bool
      /// Distinct gradient evaluations per step (after inlining lets).
      GradientEvaluations: int
      /// Distinct Hessian-vector products per step (after inlining lets).
      HessianEvaluations: int }

/// Kind: a stable word — "syntax", "unknown-name", "unknown-operator", "arity",
/// "missing-update", "duplicate-update", "scalar-plus-vector", "division-by-vector",
/// "param-before-declaration", "empty-domain", and the others listed in the README.
type RuleError =
    { Line: int
      Column: int
      Kind: string
      Message: string }

    override e.ToString() = sprintf "%d:%d: %s: %s" e.Line e.Column e.Kind e.Message

/// The one exception type of the rule language, for callers that prefer exceptions to Results.
exception RuleParseException of RuleError
