namespace EigenVerify.Numerics

open System

open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.LinearAlgebra.Double

/// Eigenvalues in double (MathNet.Numerics), for numeric runs only.
[<RequireQualifiedAccess>]
module internal Spectrum =
    /// max |eigenvalue| of a square matrix given as rows.
    let spectralRadius (rows: float[][]) =
        if rows.Length = 0 then 0.0
        else
            let m = DenseMatrix.OfRowArrays rows
            m.Evd().EigenValues |> Seq.map (fun z -> z.Magnitude) |> Seq.max

    /// Eigenvalues of a symmetric matrix, ascending.
    let symmetricEigenvalues (a: float[,]) =
        let n = Array2D.length1 a
        // symmetrize against rounding in the compiled entries
        let m = DenseMatrix.OfArray(Array2D.init n n (fun i j -> 0.5 * (a.[i, j] + a.[j, i])))
        let evd =
            try
                m.Evd(Symmetricity.Symmetric)
            with :? IndexOutOfRangeException ->
                // MathNet's managed symmetric QL occasionally indexes past the end on matrices
                // with exactly decoupled blocks; the general (Hessenberg QR) solver handles them
                m.Evd(Symmetricity.Asymmetric)
        evd.EigenValues |> Seq.map (fun z -> z.Real) |> Seq.sort |> Array.ofSeq

    /// Eigenvalues μ of P⁻¹H for a positive diagonal P, through the similar symmetric matrix
    /// P^{-1/2}HP^{-1/2} (so they are real), ascending.
    let preconditionedEigenvalues (h: float[,]) (p: float[]) =
        let n = p.Length
        symmetricEigenvalues (Array2D.init n n (fun i j -> h.[i, j] / sqrt (p.[i] * p.[j])))

    /// max |z| over the roots of a monic polynomial (coefficients ascending, last = 1), as the
    /// spectral radius of its companion matrix.
    let rootRadius (coeffs: float[]) =
        let k = coeffs.Length - 1
        if k <= 0 then 0.0
        else
            let rows =
                Array.init k (fun i ->
                    Array.init k (fun j ->
                        if i = 0 then -coeffs.[k - 1 - j] / coeffs.[k]
                        elif j = i - 1 then 1.0
                        else 0.0))
            spectralRadius rows
