namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// Exact, deliberately simple proofs that a polynomial in the hyperparameters (and possibly the
/// eigenvalue) has a fixed sign on the declared domain. Each rule is a complete argument; when
/// none applies the answer is "not proved", never a guess.
[<RequireQualifiedAccess>]
module internal Positivity =

    /// What is known about the variables: declared domains, plus extra variables known to be ≥ 0
    /// (e.g. the eigenvalue, when another condition of the closed form says λ ≥ 0).
    type Facts =
        { Domains: ParamDomain list
          NonNegative: Set<string> }

    let facts (domains: ParamDomain list) = { Domains = domains; NonNegative = Set.empty }

    let private domainOf (f: Facts) (v: string) = f.Domains |> List.tryFind (fun d -> d.Name = v)

    let private isNonNegative (f: Facts) (v: string) =
        f.NonNegative.Contains v
        || (match domainOf f v |> Option.bind (fun d -> d.Lower) with
            | Some b -> b.Value.Sign >= 0
            | None -> false)

    let private isPositive (f: Facts) (v: string) =
        match domainOf f v |> Option.bind (fun d -> d.Lower) with
        | Some b -> b.Value.Sign > 0 || (b.Value.IsZero && not b.Inclusive)
        | None -> false

    /// Every coefficient positive and every variable ≥ 0: then p ≥ 0; strictly if some term has
    /// only variables that are > 0 (a constant term counts).
    let private positiveTerms (f: Facts) (strict: bool) (p: MPoly) =
        let terms = MPoly.terms p
        not terms.IsEmpty
        && terms |> List.forall (fun (m, c) -> c.Sign > 0 && m |> Map.forall (fun v _ -> isNonNegative f v))
        && (not strict || terms |> List.exists (fun (m, _) -> m |> Map.forall (fun v _ -> isPositive f v)))

    /// A polynomial in one hyperparameter: decided exactly on its declared interval by a cell
    /// decomposition (the set where the sign is wrong, intersected with the domain, is empty).
    let private univariate (f: Facts) (strict: bool) (p: MPoly) =
        match MPoly.variables p with
        | [ v ] when not (f.NonNegative.Contains v) ->
            match domainOf f v, MPoly.tryToPoly v p with
            | Some d, Some poly ->
                let boundConditions =
                    [ match d.Lower with
                      | Some b -> yield Poly.x - Poly.constant b.Value, (if b.Inclusive then [ 0; 1 ] else [ 1 ])
                      | None -> ()
                      match d.Upper with
                      | Some b -> yield Poly.constant b.Value - Poly.x, (if b.Inclusive then [ 0; 1 ] else [ 1 ])
                      | None -> () ]
                let bad = if strict then [ -1; 0 ] else [ -1 ]
                Region.ofSignConditions ((poly, bad) :: boundConditions) |> Region.isEmpty
            | _ -> false
        | [] -> (MPoly.eval Map.empty p).Sign > (if strict then 0 else -1)
        | _ -> false

    /// Monomial content times a univariate rest: both parts must carry the sign.
    let private factored (f: Facts) (strict: bool) (p: MPoly) =
        let mono = MPoly.monomialContent p
        if mono.IsEmpty then
            false
        else
            let rest = MPoly.divideByMonomial mono p
            let monoOk =
                mono |> Map.forall (fun v e -> e % 2 = 0 && not strict || (if strict then isPositive f v else isNonNegative f v))
            monoOk && (positiveTerms f strict rest || univariate f strict rest)

    /// Proves p ≥ 0 (or p > 0 when strict) everywhere on the facts' domain.
    let rec prove (f: Facts) (strict: bool) (p: MPoly) =
        if MPoly.isZero p then
            not strict
        else
            positiveTerms f strict p
            || univariate f strict p
            || factored f strict p
            || splitByEigen f strict p

    /// p = (part free of the non-negative extra variables) + (the rest): the rest by positive terms,
    /// the free part by any rule.
    and private splitByEigen (f: Facts) (strict: bool) (p: MPoly) =
        if f.NonNegative.IsEmpty then
            false
        else
            let terms = MPoly.terms p
            let touches (m: Map<string, int>) = m |> Map.exists (fun v _ -> f.NonNegative.Contains v)
            let withExtra = terms |> List.filter (fst >> touches)
            let without = terms |> List.filter (fst >> touches >> not)
            let build ts = ts |> List.fold (fun acc (m, c) -> acc + MPoly.monomial c m) MPoly.zero
            not withExtra.IsEmpty
            && not without.IsEmpty
            && positiveTerms f false (build withExtra)
            && prove { f with NonNegative = Set.empty } strict (build without)

    /// +1 if p > 0 on the domain, −1 if p < 0, 0 if neither could be proved.
    let strictSign (f: Facts) (p: MPoly) =
        if prove f true p then 1 elif prove f true (-p) then -1 else 0
