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

    /// Splits D into the factors it shares with p(1, λ) and p(−1, λ) (real roots crossing the
    /// circle at ±1) and the rest: the same roots, in pieces of lower degree.
    let private split (p: LambdaCharPoly) (critical: Rational[]) =
        let atOne = p.Coeffs |> Array.fold QPoly.add QPoly.zero
        let atMinusOne = p.Coeffs |> Array.mapi (fun i c -> if i % 2 = 0 then c else Array.map (~-) c) |> Array.fold QPoly.add QPoly.zero
        let x = [| Rational.zero; Rational.one |]
        let folder (rest: Rational[], found: Rational[] list) (f: Rational[]) =
            if QPoly.isZero f then
                rest, found
            else
                let g = QPoly.gcd rest f
                if QPoly.degree g < 1 then
                    rest, found
                else
                    let mutable r = rest
                    while QPoly.degree r >= 1 && QPoly.isZero (snd (QPoly.divRem r g)) do
                        r <- QPoly.exactDiv r g
                    r, g :: found
        let rest, found = [ x; atOne; atMinusOne ] |> List.fold folder (critical, [])
        rest :: found

    let compute (p: LambdaCharPoly) : Result<Region, string> =
        let critical = CriticalPolynomial.compute p
        if QPoly.isZero critical then
            Error
                "the characteristic polynomial has a pair of roots w, 1/w for every eigenvalue (it shares a factor with its reversal), which the exact region computation does not support"
        else
            // R is closed (the roots of a monic polynomial move continuously with λ), so only
            // critical values between two non-member cells need their own test
            Ok(Region.decomposeWith true (split p critical) (isMemberAt p))
