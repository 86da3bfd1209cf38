namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// R = {λ ∈ ℝ : every root of p(z, λ) has |z| ≤ 1} for a characteristic polynomial with fixed
/// rational hyperparameters, computed exactly: cells from the critical polynomials, membership
/// by the exact closed-disk test over ℚ (rational samples) or ℚ(λ₀) (algebraic critical values).
[<RequireQualifiedAccess>]
module ExactRegion =

    /// The coefficients of z^0 … z^k without trailing zeros, checked to be monic in z so that
    /// every later step can rely on it.
    [<CompiledName("Validate")>]
    let validate (coeffs: Poly[]) : Result<Poly[], string> =
        let mutable n = coeffs.Length

        while n > 0 && Poly.isZero coeffs.[n - 1] do
            n <- n - 1

        if n = 0 then Error "the characteristic polynomial is zero"
        elif coeffs.[n - 1] <> Poly.one then Error "the characteristic polynomial is not monic in z"
        else Ok(Array.sub coeffs 0 n)

    /// Is every root of p(·, λ₀) in the closed unit disk? (`coeffs` monic in z.)
    let internal isMemberAt (coeffs: Poly[]) (x: SamplePoint) =
        match x with
        | AtRational r -> UnitDisk.isStableAt coeffs (AlgebraicNumber.ofRational r)
        | AtRoot a -> UnitDisk.isStableAt coeffs a

    /// The exact region of p(z, λ) = Σ coeffs.[i](λ) zⁱ (coefficient i is that of z^i, a
    /// polynomial in the eigenvalue; monic in z). Error: not monic, or a degenerate family the
    /// computation does not support.
    [<CompiledName("OfCoefficients")>]
    let ofCoefficients (coeffs: Poly[]) : Result<Region, string> =
        validate coeffs
        |> Result.bind (fun coeffs ->
            // R is closed (the roots of a monic polynomial move continuously with λ), so only
            // critical values between two non-member cells need their own test
            UnitDisk.criticalFactors coeffs
            |> Result.map (fun factors -> Region.decomposeWith true factors (isMemberAt coeffs)))
