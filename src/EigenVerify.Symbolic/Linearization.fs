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
      /// M(λ; θ), k×k: entries are polynomials in "lambda" (or "mu") and the hyperparameters.
      Matrix: MPoly[,] }

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
                let nonPolynomial =
                    [ for i in 0 .. k - 1 do
                          for jj in 0 .. k - 1 do
                              for KeyValue(_, c) in j.Blocks.[i, jj] do
                                  if not (RationalFunction.isPolynomial c) then
                                      yield (i, jj, c) ]

                match nonPolynomial with
                | (i, jj, c) :: _ ->
                    Error(
                        sprintf
                            "entry (%s', %s) of M has the coefficient %s, which is not a polynomial in the hyperparameters"
                            m.State.[i]
                            m.State.[jj]
                            (Infix.print (Expr.ofRationalFunction c))
                    )
                | [] ->
                    let z = MPoly.var variable.Name
                    let matrix =
                        Array2D.init k k (fun i jj ->
                            j.Blocks.[i, jj] |> Map.fold (fun acc p c -> acc + c.Num * MPoly.pow p z) MPoly.zero)
                    Ok
                        { Variable = variable
                          FixedPoint = j.Fixed
                          Blocks = j.Blocks
                          Matrix = matrix }

    /// det(zI − M) in the variable "z", monic of degree k in z.
    [<CompiledName("CharPoly")>]
    let charPoly (l: Linearization) : MPoly =
        // division-free (Berkowitz): O(k⁴) polynomial products instead of the k! terms of a
        // cofactor expansion, which made dense k = 10 matrices take tens of seconds
        PolyMatrix.characteristicPolynomial "z" l.Matrix
