namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// R = {λ ∈ ℝ : every root of p(z, λ) has |z| ≤ 1} for a characteristic polynomial with fixed
/// rational hyperparameters, computed exactly: cells from the critical polynomial, membership
/// by the exact closed-disk test over ℚ (rational samples) or ℚ(λ₀) (algebraic critical values).
[<RequireQualifiedAccess>]
module ExactRegion =

    /// Is every root of p(·, λ₀) in the closed unit disk?
    let isMemberAt (p: LambdaCharPoly) (x: SamplePoint) =
        match x with
        | AtRational r -> UnitDisk.closedDiskStable Field.rational (LambdaCharPoly.at r p)
        | AtRoot a ->
            let field = NumberField.create (Algebraic.definingPolynomial a) (fun c -> Algebraic.signAt c a)
            UnitDisk.closedDiskStable field p.Coeffs

    let compute (p: LambdaCharPoly) : Result<Region, string> =
        let critical = CriticalPolynomial.compute p
        if QPoly.isZero critical then
            Error
                "the characteristic polynomial has a pair of roots w, 1/w for every eigenvalue (it shares a factor with its reversal), which the exact region computation does not support"
        else
            // R is closed (the roots of a monic polynomial move continuously with λ), so only
            // critical values between two non-member cells need their own test
            Ok(Region.decomposeWith true critical (isMemberAt p))
