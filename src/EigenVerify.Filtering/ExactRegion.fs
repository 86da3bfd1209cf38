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

    /// Necessary conditions for every root wᵢ of p(·, c) to be in the closed disk, each decided by
    /// an exact sign at c: p(1) = ∏(1 − wᵢ) ≥ 0 and (−1)ᵏ p(−1) = ∏(1 + wᵢ) ≥ 0 (a real root in
    /// [−1, 1] gives a factor ≥ 0, a conjugate pair a product |1 ∓ w|²), and |p(0)| = ∏|wᵢ| ≤ 1.
    let private failsNecessaryCondition (coeffs: Poly[]) (c: AlgebraicNumber) =
        let k = coeffs.Length - 1
        let atOne = Array.fold (+) Poly.zero coeffs
        let atMinusOne = coeffs |> Array.mapi (fun i p -> if (i + k) % 2 = 0 then p else -p) |> Array.fold (+) Poly.zero
        let constant = coeffs.[0]
        let signAt (f: Poly) = if Poly.isZero f then 0 else AlgebraicNumber.signAt f c
        signAt atOne < 0 || signAt atMinusOne < 0 || signAt (constant * constant - Poly.one) > 0

    /// The multiplicity of c as a root of the nonzero polynomial d: the order of the first
    /// derivative that does not vanish at c.
    let private multiplicity (d: Poly) (c: AlgebraicNumber) =
        let rec go order (f: Poly) =
            if AlgebraicNumber.signAt f c <> 0 then order else go (order + 1) (Poly.derivative f)

        go 0 d

    /// Roots of p(·, x) strictly outside the closed disk at a rational x where none is on the
    /// circle; 0 when that count is not available (it then proves nothing below).
    let private outsideAt (coeffs: Poly[]) (x: Rational) =
        UnitDisk.outsideCount (coeffs |> Array.map (Poly.eval x)) |> Option.defaultValue 0

    /// Is the critical value c in the region? `left` and `right` are samples of the cells next to
    /// it. Before the general test over ℚ(c), two cheap exact arguments may already prove that
    /// p(·, c) has a root outside the closed disk:
    /// - a necessary condition fails at c (`failsNecessaryCondition`);
    /// - a neighbouring cell has more roots outside the circle than c's multiplicity m in D. The
    ///   roots strictly inside at c stay inside near c (the roots of a monic polynomial move
    ///   continuously), and no root meets the circle inside a cell, so the cell's count is at most
    ///   the number of roots at c with |w| ≥ 1. Those on the circle are common roots of p and p*
    ///   (the conjugate of such a root is its inverse), so there are at most deg gcd(p, p*) of
    ///   them at c, the nullity at c of the matrix whose determinant is D, which is at most m. So
    ///   a count above m leaves a root strictly outside at c.
    let private isMemberAtCritical (coeffs: Poly[]) (critical: Poly) (left: Rational) (c: AlgebraicNumber) (right: Rational) =
        match AlgebraicNumber.tryRational c with
        | Some r -> isMemberAt coeffs (AtRational r)
        | None ->
            let outsideExceedsCircle () =
                not (Poly.isZero critical)
                && (let m = multiplicity critical c
                    outsideAt coeffs left > m || outsideAt coeffs right > m)

            not (failsNecessaryCondition coeffs c || outsideExceedsCircle ()) && isMemberAt coeffs (AtRoot c)

    /// The exact region of p(z, λ) = Σ coeffs.[i](λ) zⁱ (coefficient i is that of z^i, a
    /// polynomial in the eigenvalue; monic in z). Error: not monic, or a degenerate family the
    /// computation does not support.
    [<CompiledName("OfCoefficients")>]
    let ofCoefficients (coeffs: Poly[]) : Result<Region, string> =
        validate coeffs
        |> Result.bind (fun coeffs ->
            let critical = UnitDisk.criticalPolynomial coeffs
            // R is closed (the roots of a monic polynomial move continuously with λ), so only
            // critical values between two non-member cells need their own test
            UnitDisk.criticalFactorsOf coeffs critical
            |> Result.map (fun factors ->
                Region.decomposeAround
                    true
                    factors
                    (fun x -> isMemberAt coeffs (AtRational x))
                    (isMemberAtCritical coeffs critical)))
