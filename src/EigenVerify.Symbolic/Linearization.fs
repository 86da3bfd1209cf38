namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// The Jacobian of an update rule at a critical fixed point, per eigenvalue.
type Linearization =
    { Variable: EigenVariable
      /// State name → its value at the fixed point as a multiple c of x̄ (c a function of θ).
      FixedPoint: (string * RationalFunction) list
      /// Block (i, j) = ∂ update_i / ∂ state_j as a polynomial in one matrix, H (or P⁻¹H when
      /// `Variable` is μ): power → coefficient, a rational function of θ.
      Blocks: Map<int, RationalFunction>[,]
      /// D(θ)·M(λ; θ), k×k: entries are polynomials in "lambda" (or "mu") and the
      /// hyperparameters. For a rule whose coefficients are polynomials D = 1 and this is M.
      Matrix: MPoly[,]
      /// D(θ): the least common multiple of the denominators of the blocks' coefficients, a
      /// polynomial in the hyperparameters with leading coefficient 1; 1 when they are polynomials.
      Denominator: MPoly }

[<RequireQualifiedAccess>]
module Linearization =
    /// The Jacobian of the rule at a critical fixed point, per eigenvalue of H (or P⁻¹H).
    /// Error: the theorem's hypothesis or the reduction step that fails, in words.
    [<CompiledName("AtCriticalPoint")>]
    let atCriticalPoint (m: OptimizerModel) : Result<Linearization, string> =
        match m.Smoothness with
        | NonSmooth reason ->
            Error(
                sprintf
                    "the filtering theorem needs an update map that is C¹ (continuously differentiable) near the critical point; %s is not: %s"
                    m.Name
                    reason
            )
        | Smooth ->
            match Jacobian.compute m with
            | Error e -> Error e
            | Ok j ->
                let variable = if j.UsesMu then Mu else Lambda
                let k = m.State.Length
                let lcm (a: MPoly) (b: MPoly) =
                    match MPoly.exactDiv (a * b) (MPoly.gcd a b) with
                    | Some q -> q
                    | None -> invalidOp "internal error: a gcd left a remainder"
                let denominators =
                    [ for i in 0 .. k - 1 do
                          for jj in 0 .. k - 1 do
                              for KeyValue(_, c) in j.Blocks.[i, jj] do
                                  yield c.Den ]
                let d = denominators |> List.fold lcm MPoly.one
                let d =
                    // the same polynomial scaled to leading coefficient 1, as RationalFunction keeps them
                    match MPoly.tryConstant d with
                    | Some _ -> MPoly.one
                    | None -> MPoly.scale (Rational.One / snd (MPoly.leadingGrlex d)) d
                let z = MPoly.var variable.Name
                let scaled (c: RationalFunction) =
                    match MPoly.exactDiv d c.Den with
                    | Some q -> c.Num * q
                    | None -> invalidOp "internal error: a denominator does not divide their multiple"
                let matrix =
                    Array2D.init k k (fun i jj ->
                        j.Blocks.[i, jj] |> Map.fold (fun acc p c -> acc + scaled c * MPoly.pow p z) MPoly.zero)
                Ok
                    { Variable = variable
                      FixedPoint = j.Fixed
                      Blocks = j.Blocks
                      Matrix = matrix
                      Denominator = d }

    /// True when every coefficient of M is a polynomial in the hyperparameters (D = 1).
    [<CompiledName("HasPolynomialEntries")>]
    let hasPolynomialEntries (l: Linearization) = MPoly.tryConstant l.Denominator = Some Rational.One

    /// det(zI − M) in the variable "z", monic of degree k in z, when M has polynomial entries.
    /// Otherwise, with M = N/D: det(D·zI − N) = D^k·det(zI − M), a polynomial in z, the
    /// eigenvalue and θ with leading coefficient D^k, which has the roots of det(zI − M) wherever
    /// D ≠ 0 (the declared domain, checked when the rule is read).
    [<CompiledName("CharPoly")>]
    let charPoly (l: Linearization) : MPoly =
        // division-free (Berkowitz): O(k⁴) polynomial products instead of the k! terms of a
        // cofactor expansion, which made dense k = 10 matrices take tens of seconds
        let p = PolyMatrix.characteristicPolynomial "z" l.Matrix
        if hasPolynomialEntries l then
            p
        else
            // det(D·zI − N) = P(D·z) for P(z) = det(zI − N): coefficient i times D^i
            MPoly.coeffsIn "z" p
            |> Array.mapi (fun i c -> c * MPoly.pow i l.Denominator * MPoly.pow i (MPoly.var "z"))
            |> Array.fold (+) MPoly.zero
