namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// The one door through which the rate, radius and tuning modules reach the existing exact
/// machinery (linearization, exact unit-disk regions, the closed-disk test). Everything else
/// they use is the stable algebra layer (`Rational`, `Poly`, `MPoly`, `AlgebraicNumber`,
/// `RealRoots`) and the `Region` type, so a rename of the machinery changes only this file.
[<RequireQualifiedAccess>]
module ExactMachinery =

    /// det(zI − M(v; θ)) of a rule, monic in "z", with θ symbolic; and the name of v
    /// ("lambda", or "mu" for preconditioned rules). An Error says why the rule has none.
    [<CompiledName("CharPoly")>]
    let charPoly (m: OptimizerModel) : Result<MPoly * string, string> =
        match DeclaredDomain.checkDenominatorsText m with
        | Error e -> Error e
        | Ok() ->
            match RuleAnalysis.linearize m with
            | Ok s when not (Linearization.hasPolynomialEntries s.Linearization) ->
                // the rate, radius and tuning machinery reads p as monic in z
                Error(
                    sprintf
                        "the Jacobian's coefficients have the denominator %s; rates, radii and tuning need coefficients that are polynomials in the hyperparameters"
                        (MPoly.toString s.Linearization.Denominator)
                )
            | r -> r |> Result.map (fun s -> s.CharPoly, s.Variable.Name)

    /// p(z, v) with some hyperparameters given exact values (the fixed ones of a tuning), monic in
    /// "z", still symbolic in the others. A rule whose Jacobian has denominators is handled when
    /// its denominator D depends on the given hyperparameters only: D is then a nonzero rational
    /// (values inside the declared domain), and p/D^k is det(zI − M); otherwise an Error names
    /// the hyperparameters D still depends on.
    [<CompiledName("CharPolyFixing")>]
    let charPolyFixing (m: OptimizerModel) (values: Map<string, Rational>) : Result<MPoly * string, string> =
        match DeclaredDomain.checkDenominatorsText m with
        | Error e -> Error e
        | Ok() ->
            RuleAnalysis.linearize m
            |> Result.bind (fun s ->
                let v = s.Variable.Name
                let p = MPoly.substitute values s.CharPoly
                if Linearization.hasPolynomialEntries s.Linearization then
                    Ok(p, v)
                else
                    let d = MPoly.substitute values s.Linearization.Denominator
                    match MPoly.tryConstant d with
                    | Some c when c.IsZero -> Error(sprintf "the Jacobian's denominator %s is 0 at these values" (MPoly.toString s.Linearization.Denominator))
                    | Some _ ->
                        let coeffs = MPoly.coeffsIn "z" p
                        match MPoly.tryConstant coeffs.[coeffs.Length - 1] with
                        | Some lead when not lead.IsZero -> Ok(MPoly.scale (Rational.one / lead) p, v)
                        | _ -> Error(sprintf "internal error: det(D zI - N) does not lead with D^k for D = %s" (MPoly.toString d))
                    | None ->
                        Error(
                            sprintf
                                "the Jacobian's coefficients have the denominator %s, which depends on %s, left symbolic here: this analysis needs coefficients that are polynomials in the hyperparameters it leaves symbolic"
                                (MPoly.toString s.Linearization.Denominator)
                                (String.concat ", " (MPoly.variables d))
                        ))

    /// p(z, v) at exact hyperparameter values, monic in "z", and the name of v: CharPolyFixing
    /// with every hyperparameter given, so a rule whose Jacobian has denominators is handled too
    /// (at values inside the declared domain D is a nonzero rational).
    [<CompiledName("CharPolyAt")>]
    let charPolyAt (m: OptimizerModel) (values: Map<string, Rational>) : Result<MPoly * string, string> =
        match m.Params |> List.tryFind (fun d -> not (values.ContainsKey d.Name)) with
        | Some d -> Error(sprintf "hyperparameter %s has no value" d.Name)
        | None -> charPolyFixing m values

    /// Hyperparameter values checked against the rule's declared domain.
    [<CompiledName("ValidateValues")>]
    let validateValues (m: OptimizerModel) (values: (string * Rational) list) : Result<Map<string, Rational>, string> =
        Hyperparameters.validateModel m values

    /// {v : every root of p(·, v) lies in the closed unit disk}, exactly, for p monic in "z"
    /// whose coefficients are polynomials in the one variable v (any name).
    [<CompiledName("UnitDiskRegion")>]
    let unitDiskRegion (variable: string) (p: MPoly) : Result<Region, string> =
        match MPoly.variables p |> List.tryFind (fun x -> x <> "z" && x <> variable) with
        | Some other -> Error(sprintf "the characteristic polynomial still depends on %s" other)
        | None ->
            let coeffs =
                MPoly.coeffsIn "z" p
                |> Array.map (fun c ->
                    match MPoly.tryToPoly variable c with
                    | Some q -> q
                    | None -> invalidOp "a coefficient has a variable that was just ruled out")
            ExactRegion.ofCoefficients coeffs

    /// Every root of the monic p in the closed unit disk (exact Schur–Cohn test).
    [<CompiledName("ClosedDiskStable")>]
    let closedDiskStable (p: Poly) : bool =
        UnitDisk.isStable p
