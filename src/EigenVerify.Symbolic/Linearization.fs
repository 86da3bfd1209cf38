namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// λ: an eigenvalue of H = ∇²f(x̄); μ: an eigenvalue of P⁻¹H, used when the rule preconditions
/// every gradient and Hessian.
type EigenVariable =
    | Lambda
    | Mu

    member v.Name =
        match v with
        | Lambda -> "lambda"
        | Mu -> "mu"

type Linearization =
    { Variable: EigenVariable
      /// State name → its value at the fixed point: "x̄", "0", "(1 + beta)x̄".
      FixedPoint: (string * string) list
      /// Readable blocks in H (or P⁻¹H): "(1 + beta)*I - alpha*H".
      Blocks: string[,]
      /// M(λ; θ), k×k: entries are polynomials in "lambda" (or "mu") and the hyperparameters.
      Matrix: MPoly[,] }

[<RequireQualifiedAccess>]
module Linearization =
    let private blockText (matrix: string) (coeffs: Map<int, RationalFunction>) =
        if coeffs.IsEmpty then
            "0"
        else
            let power p =
                if p = 0 then "I"
                elif p = 1 then matrix
                elif matrix.Length = 1 then sprintf "%s^%d" matrix p
                else sprintf "(%s)^%d" matrix p

            let terms =
                coeffs
                |> Map.toList
                |> List.map (fun (p, c) ->
                    // a single negative term prints as a subtraction
                    let negative = RationalFunction.isPolynomial c && (snd (MPoly.leadingGrlex c.Num)).Sign < 0
                    let c' = if negative then RationalFunction.neg c else c
                    let body =
                        if RationalFunction.equal c' RationalFunction.one then
                            power p
                        else
                            let t = Infix.print (Expr.ofRationalFunction c')
                            let simple = t |> Seq.forall (fun ch -> System.Char.IsLetterOrDigit ch || ch = '_' || ch = '*' || ch = '^')
                            (if simple then t else "(" + t + ")") + "*" + power p
                    negative, body)

            terms
            |> List.mapi (fun i (neg, body) ->
                if i = 0 then (if neg then "-" else "") + body
                else (if neg then " - " else " + ") + body)
            |> String.concat ""

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
                    let name = if variable = Mu then "P⁻¹H" else "H"
                    Ok
                        { Variable = variable
                          FixedPoint = j.Fixed |> List.map (fun (s, c) -> s, Jacobian.multipleText c)
                          Blocks = Array2D.init k k (fun i jj -> blockText name j.Blocks.[i, jj])
                          Matrix = matrix }

    /// det of a square matrix of polynomials by cofactor expansion along the first row.
    let rec private det (a: MPoly[,]) : MPoly =
        let n = Array2D.length1 a
        if n = 0 then MPoly.one
        elif n = 1 then a.[0, 0]
        else
            [ 0 .. n - 1 ]
            |> List.fold
                (fun acc col ->
                    if MPoly.isZero a.[0, col] then
                        acc
                    else
                        let minor = Array2D.init (n - 1) (n - 1) (fun i j -> a.[i + 1, (if j < col then j else j + 1)])
                        let term = a.[0, col] * det minor
                        if col % 2 = 0 then acc + term else acc - term)
                MPoly.zero

    /// det(zI − M) in the variable "z", monic of degree k in z.
    [<CompiledName("CharPoly")>]
    let charPoly (l: Linearization) : MPoly =
        let k = Array2D.length1 l.Matrix
        let z = MPoly.var "z"
        det (Array2D.init k k (fun i j -> (if i = j then z else MPoly.zero) - l.Matrix.[i, j]))
