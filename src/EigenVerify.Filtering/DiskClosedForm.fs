namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// The closed form of a region for symbolic hyperparameters, from the exact closed-disk
/// conditions of its characteristic polynomial: R(θ) = {v : every kept condition ≥ 0}, exact for
/// every θ in the domain, with the decision on every condition of the description.
type DiskClosedForm =
    { Variable: string
      /// Degree of the characteristic polynomial in z.
      Degree: int
      /// Why the description of that degree is exact.
      Kind: DiskDescriptionKind
      /// The instantiated closed-disk conditions, in the description's order.
      Conditions: DiskCondition list
      Simplification: Simplification }

[<RequireQualifiedAccess>]
module DiskClosedForm =

    /// Instantiates the exact closed-disk description of degree n at the coefficients of the
    /// characteristic polynomial (monic in "z", polynomial in v and the hyperparameters) and
    /// simplifies it on the domain. Sound for every degree: the description is exact for all real
    /// coefficients, so it is exact at a(θ, v) too, and every drop carries its own proof.
    [<CompiledName("Derive")>]
    let derive
        (domain: ConditionDomain)
        (v: string)
        (checker: ImplicationChecker option)
        (options: SearchOptions)
        (charPoly: MPoly)
        : Result<DiskClosedForm, string> =
        match DiskConditions.ofMonic "z" charPoly with
        | Error e -> Error e
        | Ok conditions ->
            let n = MPoly.degreeIn "z" charPoly
            let named =
                conditions
                |> List.map (fun c -> { Name = DiskConditions.originText n c.Origin; Polynomial = c.Polynomial })
            Ok
                { Variable = v
                  Degree = n
                  Kind = DiskConditions.kind n
                  Conditions = conditions
                  Simplification = ConditionLogic.simplify domain v checker options named }

    /// The printed conditions, each "c ≥ 0".
    [<CompiledName("Kept")>]
    let kept (cf: DiskClosedForm) = ConditionLogic.kept cf.Simplification

    /// The exact region the closed form describes at concrete hyperparameters.
    [<CompiledName("RegionAt")>]
    let regionAt (cf: DiskClosedForm) (theta: Map<string, Rational>) : Region =
        ConditionLogic.regionAt cf.Simplification theta
