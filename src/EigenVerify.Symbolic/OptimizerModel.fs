namespace EigenVerify.Symbolic

open EigenVerify.Algebra

type ParamBound = { Value: Rational; Inclusive: bool }

/// Intersection of all constraints declared on one hyperparameter.
type ParamDomain =
    { Name: string
      Lower: ParamBound option
      Upper: ParamBound option }

/// A constraint between hyperparameters on the `params` line ("beta1 < beta2", "0 <= c <= beta"
/// gives "c <= beta"): Polynomial > 0 when Strict, Polynomial ≥ 0 otherwise, where Polynomial is
/// the larger side minus the smaller. The declared domain is the box of the ParamDomains
/// intersected with every relation.
type ParamRelation =
    { Polynomial: MPoly
      Strict: bool
      /// As written: "beta1 < beta2".
      Text: string }

/// A divisor of the rule whose value depends on the hyperparameters only ("1 - beta" in
/// "alpha/(1 - beta)"): the update map is defined only where Polynomial, the divisor's
/// numerator, is nonzero. Line and Column locate the divisor in the rule text.
type ParamDenominator =
    { Polynomial: MPoly
      Text: string
      Line: int
      Column: int }

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

[<RequireQualifiedAccess>]
module Term =
    /// Replaces references to `let` names by their definitions (recursively).
    let rec inlineLets (lets: Map<string, Term>) (t: Term) : Term =
        let go = inlineLets lets
        match t with
        | Const _
        | Param _ -> t
        | Ref n ->
            match Map.tryFind n lets with
            | Some d -> go d
            | None -> t
        | Neg a -> Neg(go a)
        | Add(a, b) -> Add(go a, go b)
        | Sub(a, b) -> Sub(go a, go b)
        | Mul(a, b) -> Mul(go a, go b)
        | Div(a, b) -> Div(go a, go b)
        | Pow(a, k) -> Pow(go a, k)
        | Grad a -> Grad(go a)
        | Hess(a, b) -> Hess(go a, go b)
        | Precond a -> Precond(go a)
        | Norm a -> Norm(go a)
        | Dot(a, b) -> Dot(go a, go b)

    /// Every subterm, the term itself first.
    let rec subterms (t: Term) : Term seq =
        seq {
            yield t
            match t with
            | Const _
            | Param _
            | Ref _ -> ()
            | Neg a
            | Pow(a, _)
            | Grad a
            | Precond a
            | Norm a -> yield! subterms a
            | Add(a, b)
            | Sub(a, b)
            | Mul(a, b)
            | Div(a, b)
            | Hess(a, b)
            | Dot(a, b) ->
                yield! subterms a
                yield! subterms b
        }

/// λ: an eigenvalue of H = ∇²f(x̄); μ: an eigenvalue of P⁻¹H, used when the rule preconditions
/// every gradient and Hessian.
type EigenVariable =
    | Lambda
    | Mu

    /// The name the variable has in polynomials and rule text: "lambda" or "mu".
    member v.Name =
        match v with
        | Lambda -> "lambda"
        | Mu -> "mu"

/// How two consecutive sides of a filter chain compare.
type Relation =
    | Less
    | LessOrEqual
    | Greater
    | GreaterOrEqual
    | Equal

/// A side of a filter statement: the expression, and the text the rule writes it as (kept for
/// printing: "2*(1 + beta)/alpha" reads better than its canonical form).
type FilterSide = { Expr: Expr; Text: string }

/// s₀ r₁ s₁ r₂ s₂ …: every comparison sᵢ₋₁ rᵢ sᵢ holds.
type FilterChain =
    { Sides: FilterSide list
      /// One fewer than the sides.
      Relations: Relation list }

/// The region a rule states: {v : every chain holds} ∪ {v = each isolated point}, where v is
/// the eigenvalue (λ, or μ for preconditioned rules), the sides are expressions in v, the
/// hyperparameters and rational constants, and the points expressions in the hyperparameters.
type FilterStatement =
    { Variable: EigenVariable
      Chains: FilterChain list
      Points: FilterSide list }

type OptimizerModel =
    { Name: string
      /// In declaration order.
      Params: ParamDomain list
      /// Constraints between hyperparameters, in the order written; empty for a box domain.
      Relations: ParamRelation list
      /// Divisors that depend on the hyperparameters only, in the order written.
      Denominators: ParamDenominator list
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
      HessianEvaluations: int
      /// The region the rule states with a `filter` line, if it has one.
      Filter: FilterStatement option }

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
