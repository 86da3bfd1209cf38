namespace EigenVerify.Algebra

/// Characteristic polynomials and determinants of square matrices of multivariate polynomials,
/// without any division (Samuelson–Berkowitz), so they work over ℚ[λ, θ] exactly and need
/// O(k⁴) ring operations instead of the k! products of a cofactor expansion.
[<RequireQualifiedAccess>]
module PolyMatrix =

    /// Coefficient vector, highest power first, of det(xI − A) for the trailing principal block
    /// A[s.., s..]. Samuelson's step: with A = [[a, R], [C, A₁]] the vector of A is the lower
    /// triangular Toeplitz matrix with first column (1, −a, −R·C, −R·A₁·C, …, −R·A₁^(m−2)·C)
    /// times the vector of A₁.
    let private berkowitz (a: MPoly[,]) =
        let k = Array2D.length1 a
        // the 1×1 block at the bottom right: x − a[k−1, k−1]
        let mutable vector = [| MPoly.one; -a.[k - 1, k - 1] |]

        for s in k - 2 .. -1 .. 0 do
            let m = k - s // size of the block A[s.., s..]
            // C: the column below a[s, s]; R: the row right of it; A₁ = A[s+1.., s+1..]
            let column = Array.init (m - 1) (fun i -> a.[s + 1 + i, s])
            let row = Array.init (m - 1) (fun j -> a.[s, s + 1 + j])
            let firstColumn = Array.create (m + 1) MPoly.zero
            firstColumn.[0] <- MPoly.one
            firstColumn.[1] <- -a.[s, s]
            let mutable v = column

            for t in 2 .. m do
                // −R·A₁^(t−2)·C
                let mutable dot = MPoly.zero

                for j in 0 .. m - 2 do
                    if not (MPoly.isZero row.[j]) && not (MPoly.isZero v.[j]) then
                        dot <- dot + row.[j] * v.[j]

                firstColumn.[t] <- -dot

                if t < m then
                    v <-
                        Array.init (m - 1) (fun i ->
                            let mutable acc = MPoly.zero

                            for j in 0 .. m - 2 do
                                let e = a.[s + 1 + i, s + 1 + j]

                                if not (MPoly.isZero e) && not (MPoly.isZero v.[j]) then
                                    acc <- acc + e * v.[j]

                            acc)

            // (m+1)×m Toeplitz matrix times the previous vector (length m)
            vector <-
                Array.init (m + 1) (fun i ->
                    let mutable acc = MPoly.zero

                    for j in 0 .. min i (m - 1) do
                        let t = firstColumn.[i - j]

                        if not (MPoly.isZero t) && not (MPoly.isZero vector.[j]) then
                            acc <- acc + t * vector.[j]

                    acc)

        vector

    let private checkSquare (a: MPoly[,]) =
        if Array2D.length1 a <> Array2D.length2 a then
            invalidArg "a" (sprintf "a %dx%d matrix is not square" (Array2D.length1 a) (Array2D.length2 a))

    /// Coefficients of det(xI − A), lowest power first (index i holds the coefficient of x^i);
    /// monic of degree k for a k×k matrix, [| 1 |] for the empty matrix.
    [<CompiledName("CharacteristicCoefficients")>]
    let characteristicCoefficients (a: MPoly[,]) : MPoly[] =
        checkSquare a

        if Array2D.length1 a = 0 then [| MPoly.one |] else Array.rev (berkowitz a)

    /// det(xI − A) as a polynomial in the named variable, which must not occur in A.
    [<CompiledName("CharacteristicPolynomial")>]
    let characteristicPolynomial (x: string) (a: MPoly[,]) : MPoly =
        checkSquare a

        if a |> Seq.cast<MPoly> |> Seq.exists (fun e -> MPoly.degreeIn x e > 0) then
            invalidArg "x" (sprintf "the variable '%s' of the characteristic polynomial occurs in the matrix" x)

        characteristicCoefficients a |> List.ofArray |> MPoly.ofCoeffsIn x

    /// det A = (−1)^k · det(0·I − A), the constant coefficient of the characteristic polynomial.
    [<CompiledName("Determinant")>]
    let determinant (a: MPoly[,]) : MPoly =
        checkSquare a
        let k = Array2D.length1 a
        let c0 = (characteristicCoefficients a).[0]
        if k % 2 = 0 then c0 else -c0
