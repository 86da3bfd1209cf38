namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// {v : every root of p(·, v) lies in the closed disk |z| ≤ r}, exactly. For r < 1 it is the set
/// of eigenvalues with local linear rate at most r; for r = 1 + δ it shows how far the filter
/// widens when ρ(Jac) ≤ 1 + δ is allowed.
type RadiusRegion =
    { Variable: string
      Radius: Rational
      /// p(r·z)/rⁿ: monic, with its roots those of p divided by r.
      ScaledCharPoly: MPoly
      Region: Region }

/// One condition c ≥ 0 of a closed form, and the disk condition it comes from.
type RadiusCondition = { Origin: string; Condition: MPoly }

/// {v : every condition ≥ 0} = the radius-r region, for p of degree ≤ 2 in z; the conditions
/// are polynomials in v, the hyperparameters and the radius symbol (or a rational radius).
type RadiusClosedForm =
    { Variable: string
      /// The name of r in the conditions, or None when a rational radius was substituted.
      RadiusSymbol: string option
      Conditions: RadiusCondition list }

[<RequireQualifiedAccess>]
module RadiusRegion =

    /// p(r·z)/rⁿ for p monic of degree n in z: coefficient i becomes aᵢ·r^(i−n).
    [<CompiledName("Scale")>]
    let scale (r: Rational) (p: MPoly) =
        if r.Sign <= 0 then
            invalidArg "r" (sprintf "a disk radius must be positive, got %O" r)

        let cs = MPoly.coeffsIn "z" p
        let n = cs.Length - 1
        cs |> Array.mapi (fun i c -> MPoly.scale (Rational.Pow(r, i - n)) c) |> List.ofArray |> MPoly.ofCoeffsIn "z"

    /// The exact radius-r region of p(z, v) (hyperparameters already substituted), through the
    /// unit-disk region of p(r·z)/rⁿ.
    [<CompiledName("Compute")>]
    let compute (variable: string) (p: MPoly) (r: Rational) : Result<RadiusRegion, string> =
        if r.Sign <= 0 then
            Error(sprintf "the disk radius must be positive, got %O" r)
        else
            let scaled = scale r p

            ExactMachinery.unitDiskRegion variable scaled
            |> Result.map (fun region ->
                { Variable = variable
                  Radius = r
                  ScaledCharPoly = scaled
                  Region = region })

    /// The closed-disk conditions for radius r applied to p(r·z)/rⁿ and multiplied by positive
    /// powers of r, for p monic of degree 1 or 2 in z (Jury's conditions for the closed disk:
    /// z + a₀: |a₀| ≤ r; z² + a₁z + a₀: |a₁|·r ≤ r² + a₀ and a₀ ≤ r²). `radius` is the
    /// polynomial put in for r: a symbol or a rational constant.
    let internal conditions (radius: MPoly) (p: MPoly) : Result<RadiusCondition list, string> =
        let at (x: MPoly) = MPoly.substitutePoly "z" x p

        match MPoly.degreeIn "z" p with
        | 1 ->
            Ok
                [ { Origin = "p(r) >= 0"; Condition = at radius }
                  { Origin = "-p(-r) >= 0"; Condition = -(at (-radius)) } ]
        | 2 ->
            let a0 = (MPoly.coeffsIn "z" p).[0]

            Ok
                [ { Origin = "p(r) >= 0"; Condition = at radius }
                  { Origin = "p(-r) >= 0"; Condition = at (-radius) }
                  { Origin = "p(0) <= r^2"; Condition = radius * radius - a0 } ]
        | k -> Error(sprintf "no closed form for a characteristic polynomial of degree %d in z (only degrees 1 and 2); use exact regions at given values instead" k)

    /// The closed form with r kept as the symbol `radiusSymbol` (which must not clash with a
    /// variable of p); p may keep its hyperparameters symbolic.
    [<CompiledName("ClosedForm")>]
    let closedForm (variable: string) (radiusSymbol: string) (p: MPoly) : Result<RadiusClosedForm, string> =
        if MPoly.variables p |> List.contains radiusSymbol then
            Error(sprintf "the radius symbol '%s' is already a variable of the characteristic polynomial" radiusSymbol)
        else
            conditions (MPoly.var radiusSymbol) p
            |> Result.map (fun cs ->
                { Variable = variable
                  RadiusSymbol = Some radiusSymbol
                  Conditions = cs })

    /// The closed form at a rational radius r > 0.
    [<CompiledName("ClosedFormAt")>]
    let closedFormAt (variable: string) (r: Rational) (p: MPoly) : Result<RadiusClosedForm, string> =
        if r.Sign <= 0 then
            Error(sprintf "the disk radius must be positive, got %O" r)
        else
            conditions (MPoly.constant r) p
            |> Result.map (fun cs ->
                { Variable = variable
                  RadiusSymbol = None
                  Conditions = cs })

    /// Does v satisfy every condition (all hyperparameters and the radius given in `values`)?
    [<CompiledName("Satisfies")>]
    let satisfies (cf: RadiusClosedForm) (values: Map<string, Rational>) (v: Rational) =
        let at = values |> Map.add cf.Variable v
        cf.Conditions |> List.forall (fun c -> (MPoly.eval at c.Condition).Sign >= 0)
