namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// A divisor of the rule that is not shown nonzero on the declared domain, and why.
type DenominatorProblem =
    { Denominator: ParamDenominator
      /// An exact point of the domain where it is zero, when one was found.
      Zero: Map<string, Rational> option }

/// A rule's whole hyperparameter domain: the declared intervals intersected with the relations
/// between hyperparameters, and the checks that need it.
[<RequireQualifiedAccess>]
module DeclaredDomain =

    /// The domain for the simplification of conditions: intervals and relations.
    [<CompiledName("Of")>]
    let ofModel (m: OptimizerModel) : ConditionDomain =
        { Params = m.Params
          Constraints = m.Relations |> List.map (fun r -> { Polynomial = r.Polynomial; Strict = r.Strict }) }

    /// +1 or −1 when p has that strict sign on the whole domain by an exact argument: a sign proof
    /// on the intervals or through a relation (ConditionLogic.strictSign), or p = c·r + e for a
    /// relation r (r ≥ 0, or r > 0 when strict), a rational c ≠ 0 and a constant e of c's sign
    /// (e = 0 allowed for a strict relation); 0 otherwise.
    [<CompiledName("StrictSign")>]
    let strictSign (m: OptimizerModel) (p: MPoly) : int =
        match ConditionLogic.strictSign (ofModel m) p with
        | 0 ->
            m.Relations
            |> List.tryPick (fun r ->
                let (_, lp) = MPoly.leadingGrlex p
                let (_, lr) = MPoly.leadingGrlex r.Polynomial
                let c = lp / lr
                match MPoly.tryConstant (p - MPoly.scale c r.Polynomial) with
                | Some e ->
                    let s = c.Sign
                    let se = (if s > 0 then e else -e).Sign
                    if se > 0 || (se = 0 && r.Strict) then Some s else None
                | None -> None)
            |> Option.defaultValue 0
        | s -> s

    /// Every divisor of the rule that depends on the hyperparameters must be nonzero on the whole
    /// domain: shown by a strict sign (a connected domain and a continuous divisor: nonzero
    /// everywhere means one sign). The first divisor without such a proof is returned, with an
    /// exact zero in the domain when the witness points of ConditionLogic contain one.
    [<CompiledName("CheckDenominators")>]
    let checkDenominators (m: OptimizerModel) : Result<unit, DenominatorProblem> =
        match m.Denominators |> List.tryFind (fun d -> strictSign m d.Polynomial = 0) with
        | None -> Ok()
        | Some d ->
            let zero =
                ConditionLogic.thetaPoints ConditionLogic.defaultOptions (ofModel m)
                |> List.tryFind (fun theta -> (MPoly.eval theta d.Polynomial).IsZero)
            Error { Denominator = d; Zero = zero }

    /// The problem as one line: "4:12: undefined-denominator: ...".
    [<CompiledName("ProblemText")>]
    let problemText (m: OptimizerModel) (p: DenominatorProblem) =
        let where =
            match p.Zero with
            | Some theta ->
                let shown = m.Params |> List.filter (fun d -> theta.ContainsKey d.Name) |> List.map (fun d -> sprintf "%s = %O" d.Name theta.[d.Name])
                sprintf "it is 0 at %s, inside the declared domain (%s)" (String.concat ", " shown) (Hyperparameters.modelDomainText m)
            | None ->
                sprintf "it is not shown nonzero on the whole declared domain (%s); narrow the domain so that it cannot vanish" (Hyperparameters.modelDomainText m)
        sprintf "the rule divides by %s, which must be nonzero for every hyperparameter value the rule declares: %s" p.Denominator.Text where

    /// CheckDenominators with the problem as its one line, "4:12: the rule divides by ...".
    [<CompiledName("CheckDenominatorsText")>]
    let checkDenominatorsText (m: OptimizerModel) : Result<unit, string> =
        checkDenominators m
        |> Result.mapError (fun p -> sprintf "%d:%d: %s" p.Denominator.Line p.Denominator.Column (problemText m p))

    /// The divisors at concrete values: the first that is 0 there, if any.
    [<CompiledName("ZeroDenominatorAt")>]
    let zeroDenominatorAt (m: OptimizerModel) (values: Map<string, Rational>) : ParamDenominator option =
        m.Denominators |> List.tryFind (fun d -> (MPoly.eval values d.Polynomial).IsZero)
