namespace EigenVerify.Symbolic

/// Plain text of a linearization's typed pieces: fixed-point values as multiples of x̄ and
/// Jacobian blocks as polynomials in one matrix.
[<RequireQualifiedAccess>]
module LinearizationText =

    let private exprText (r: RationalFunction) = Infix.print (Expr.ofRationalFunction r)

    /// A state's value at the fixed point, c·x̄: "x̄", "0", "(1 + beta)x̄".
    [<CompiledName("Multiple")>]
    let multiple (c: RationalFunction) =
        if RationalFunction.isZero c then "0"
        elif RationalFunction.equal c RationalFunction.one then "x̄"
        else
            let t = exprText c
            if t |> Seq.forall (fun ch -> System.Char.IsLetterOrDigit ch || ch = '_') then t + "x̄" else "(" + t + ")x̄"

    /// The matrix the blocks are polynomials in: "H", or "P⁻¹H" for μ.
    [<CompiledName("MatrixName")>]
    let matrixName (v: EigenVariable) =
        match v with
        | Lambda -> "H"
        | Mu -> "P⁻¹H"

    /// A block as a polynomial in the matrix of `v`: "(1 + beta)*I - alpha*H", "0".
    [<CompiledName("Block")>]
    let block (v: EigenVariable) (coeffs: Map<int, RationalFunction>) =
        let matrix = matrixName v

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
                    let negative = RationalFunction.isPolynomial c && (snd (EigenVerify.Algebra.MPoly.leadingGrlex c.Num)).Sign < 0
                    let c' = if negative then RationalFunction.neg c else c
                    let body =
                        if RationalFunction.equal c' RationalFunction.one then
                            power p
                        else
                            let t = exprText c'
                            let simple = t |> Seq.forall (fun ch -> System.Char.IsLetterOrDigit ch || ch = '_' || ch = '*' || ch = '^')
                            (if simple then t else "(" + t + ")") + "*" + power p
                    negative, body)

            terms
            |> List.mapi (fun i (neg, body) ->
                if i = 0 then (if neg then "-" else "") + body
                else (if neg then " - " else " + ") + body)
            |> String.concat ""
