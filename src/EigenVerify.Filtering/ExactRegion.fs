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

    let private toMPoly (p: LambdaCharPoly) =
        p.Coeffs |> Array.map (fun c -> MPoly.ofPoly "t" (Algebraic.toPoly c)) |> List.ofArray |> MPoly.ofCoeffsIn "z"

    let private ofMPoly (p: MPoly) =
        MPoly.coeffsIn "z" p
        |> Array.map (fun c ->
            match MPoly.tryToPoly "t" c with
            | Some q -> Algebraic.ofPoly q
            | None -> invalidOp "ExactRegion: a coefficient is not a polynomial in the eigenvalue")

    let private derivativeZ (p: MPoly) =
        let cs = MPoly.coeffsIn "z" p
        [ for i in 1 .. cs.Length - 1 -> MPoly.scale (Rational.ofInt i) cs.[i] ] |> MPoly.ofCoeffsIn "z"

    /// When p and p* share a factor G over ℚ(λ) (e.g. a state that never moves gives z − 1),
    /// D vanishes identically. Then p = G·H with gcd(H, H*) = 1, so H has an ordinary critical
    /// polynomial; G is self-reciprocal at every λ, so its roots can only leave or join the
    /// circle through a double root, where the discriminant of G's square-free part vanishes.
    let private criticalOfDegenerate (p: LambdaCharPoly) : Result<Rational[] list, string> =
        let pm = toMPoly p
        let k = p.Coeffs.Length - 1
        let reversed = Array.init (k + 1) (fun i -> p.Coeffs.[k - i]) |> Array.map (fun c -> MPoly.ofPoly "t" (Algebraic.toPoly c)) |> List.ofArray |> MPoly.ofCoeffsIn "z"
        let g = MPoly.gcd pm reversed
        // g divides the monic p, so its leading coefficient in z is a constant
        let lead = (MPoly.coeffsIn "z" g) |> Array.last
        match MPoly.tryToPoly "t" lead with
        | Some l when Poly.degree l = 0 ->
            let g = MPoly.scale (Rational.inverse (Poly.leading l)) g
            match MPoly.exactDiv pm g with
            | None -> Error "internal: the common factor does not divide p"
            | Some h ->
                match LambdaCharPoly.create (ofMPoly h) with
                | Error e -> Error e
                | Ok hp ->
                    let dH = CriticalPolynomial.compute hp
                    let gcdG = MPoly.gcd g (derivativeZ g)
                    let gsf = match MPoly.exactDiv g gcdG with Some x -> x | None -> g
                    let dG =
                        if MPoly.degreeIn "z" gsf < 2 then
                            QPoly.constant Rational.one
                        else
                            match MPoly.tryToPoly "t" (MPoly.resultant "z" gsf (derivativeZ gsf)) with
                            | Some d -> Algebraic.ofPoly d
                            | None -> QPoly.zero
                    if QPoly.isZero dH || QPoly.isZero dG then
                        Error "the characteristic polynomial keeps a repeated root pair w, 1/w for every eigenvalue, which the exact region computation does not support"
                    else
                        Ok(split hp dH @ [ dG ])
        | _ -> Error "internal: the common factor is not monic in z"

    let compute (p: LambdaCharPoly) : Result<Region, string> =
        let critical = CriticalPolynomial.compute p
        let cells = if QPoly.isZero critical then criticalOfDegenerate p else Ok(split p critical)
        // R is closed (the roots of a monic polynomial move continuously with λ), so only
        // critical values between two non-member cells need their own test
        cells |> Result.map (fun factors -> Region.decomposeWith true factors (isMemberAt p))
