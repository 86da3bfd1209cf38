namespace EigenVerify.Algebra

/// The critical polynomial of a family p(z, λ) = Σ cᵢ(λ) zⁱ, monic in z with coefficients in
/// ℚ[λ] (`coeffs.[i]` is cᵢ, the last one is 1): D(λ) = ∏ p*(wᵢ(λ)) over the roots wᵢ of p, p*
/// the reversal of p. D(λ₀) = 0 exactly when p(·, λ₀) has a root w with 1/w also a root, which
/// includes every root on the unit circle (its conjugate is its inverse). So between consecutive
/// real roots of D no root of p crosses the circle, and the closed-disk property is constant.
[<RequireQualifiedAccess>]
module internal CriticalPolynomial =

    /// Reduces a polynomial in z with ℚ[λ] coefficients modulo the monic p (no division needed).
    let private reduceMod (p: Poly[]) (a: Poly[]) =
        let k = p.Length - 1
        let a = Array.copy a

        for d in a.Length - 1 .. -1 .. k do
            let c = a.[d]

            if not (Poly.isZero c) then
                for i in 0 .. k do
                    a.[d - k + i] <- a.[d - k + i] - c * p.[i]

        Array.init k (fun i -> if i < a.Length then a.[i] else Poly.zero)

    /// Determinant over ℚ[λ] by Bareiss' fraction-free elimination (every division is exact).
    let determinant (m: Poly[][]) =
        let n = m.Length

        if n = 0 then
            Poly.one
        else
            let m = m |> Array.map Array.copy
            let mutable sign = Rational.One
            let mutable prev = Poly.one
            let mutable singular = false
            let mutable k = 0

            while not singular && k < n - 1 do
                if Poly.isZero m.[k].[k] then
                    match [ k + 1 .. n - 1 ] |> List.tryFind (fun i -> not (Poly.isZero m.[i].[k])) with
                    | Some i ->
                        let t = m.[i]
                        m.[i] <- m.[k]
                        m.[k] <- t
                        sign <- -sign
                    | None -> singular <- true

                if not singular then
                    for i in k + 1 .. n - 1 do
                        for j in k + 1 .. n - 1 do
                            m.[i].[j] <- Poly.exactDiv (m.[i].[j] * m.[k].[k] - m.[i].[k] * m.[k].[j]) prev

                    prev <- m.[k].[k]

                k <- k + 1

            if singular then Poly.zero else Poly.scale sign m.[n - 1].[n - 1]

    /// D(λ) as the norm of p* in ℚ(λ)[z]/(p): the determinant of multiplication by p*.
    let compute (coeffs: Poly[]) : Poly =
        let k = coeffs.Length - 1

        if k <= 0 then
            Poly.one
        else
            let pStar = Array.init (k + 1) (fun i -> coeffs.[k - i])
            // column j: z^j · p* reduced mod p; the matrix is stored row-major
            let columns =
                Array.init k (fun j -> reduceMod coeffs (Array.append (Array.create j Poly.zero) pStar))

            determinant (Array.init k (fun i -> Array.init k (fun j -> columns.[j].[i])))

    /// Splits D into the factors it shares with λ, p(1, λ) and p(−1, λ) (real roots crossing the
    /// circle at ±1) and the rest: the same roots, in pieces of lower degree.
    let private split (coeffs: Poly[]) (critical: Poly) =
        let atOne = coeffs |> Array.fold (+) Poly.zero
        let atMinusOne = coeffs |> Array.mapi (fun i c -> if i % 2 = 0 then c else -c) |> Array.fold (+) Poly.zero

        let folder (rest: Poly, found: Poly list) (f: Poly) =
            if Poly.isZero f then
                rest, found
            else
                let g = Poly.gcd rest f

                if Poly.degree g < 1 then
                    rest, found
                else
                    let mutable r = rest

                    while Poly.degree r >= 1 && Poly.isZero (snd (Poly.divRem r g)) do
                        r <- Poly.exactDiv r g

                    r, g :: found

        let rest, found = [ Poly.x; atOne; atMinusOne ] |> List.fold folder (critical, [])
        rest :: found

    /// Polynomials in z with coefficients in ℚ(λ), for the gcd and resultant computations of the
    /// degenerate case.
    let private ff = FractionField.field

    let private toFractions (coeffs: Poly[]) = coeffs |> Array.map FractionField.ofPoly |> DensePoly.trim ff

    let private toPolynomials (a: (Poly * Poly)[]) =
        let converted = a |> Array.map FractionField.tryPolynomial
        if converted |> Array.forall Option.isSome then Some(converted |> Array.map Option.get) else None

    /// When p and p* share a factor G over ℚ(λ) (e.g. a state that never moves gives z − 1), D
    /// vanishes identically. Then p = G·H with gcd(H, H*) = 1, so H has an ordinary critical
    /// polynomial; G is self-reciprocal at every λ, so its roots can only leave or join the
    /// circle through a double root, where the discriminant of G's square-free part vanishes.
    let private degenerate (coeffs: Poly[]) : Result<Poly list, string> =
        let k = coeffs.Length - 1
        let p = toFractions coeffs
        let reversed = toFractions (Array.init (k + 1) (fun i -> coeffs.[k - i]))
        // monic in z; a monic factor of a monic polynomial over ℚ[λ] has its coefficients in ℚ[λ]
        let g = DensePoly.gcd ff p reversed
        let h = DensePoly.exactDiv ff p g

        match toPolynomials g, toPolynomials h with
        | Some _, Some hCoeffs ->
            let dH = compute hCoeffs
            let gsf = DensePoly.exactDiv ff g (DensePoly.gcd ff g (DensePoly.derivative ff g))

            let dG =
                if DensePoly.degree gsf < 2 then
                    Some Poly.one
                else
                    FractionField.tryPolynomial (DensePoly.resultant ff gsf (DensePoly.derivative ff gsf))

            match dG with
            | Some dG when not (Poly.isZero dH) && not (Poly.isZero dG) -> Ok(split hCoeffs dH @ [ dG ])
            | Some _ ->
                Error
                    "the characteristic polynomial keeps a repeated root pair w, 1/w for every eigenvalue, which the exact region computation does not support"
            | None -> Error "internal: the discriminant of the common factor is not a polynomial in the eigenvalue"
        | _ -> Error "internal: the common factor of p and its reversal is not a polynomial in the eigenvalue"

    /// The polynomials whose real roots are the only places where the closed-disk property can
    /// change: D split into smaller factors, or, when D ≡ 0, the pieces of the degenerate case.
    let factors (coeffs: Poly[]) : Result<Poly list, string> =
        let critical = compute coeffs
        if Poly.isZero critical then degenerate coeffs else Ok(split coeffs critical)
