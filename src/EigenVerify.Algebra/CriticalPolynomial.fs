namespace EigenVerify.Algebra

open System.Numerics

/// The critical polynomial of a family p(z, λ) = Σ cᵢ(λ) zⁱ, monic in z with coefficients in
/// ℚ[λ] (`coeffs.[i]` is cᵢ, the last one is 1): D(λ) = ∏ p*(wᵢ(λ)) over the roots wᵢ of p, p*
/// the reversal of p. D(λ₀) = 0 exactly when p(·, λ₀) has a root w with 1/w also a root, which
/// includes every root on the unit circle (its conjugate is its inverse). So between consecutive
/// real roots of D no root of p crosses the circle, and the closed-disk property is constant.
[<RequireQualifiedAccess>]
module internal CriticalPolynomial =

    /// det of a square rational matrix by Bareiss' fraction-free elimination over ℤ: every row is
    /// first scaled to integers by the lcm of its denominators (so every division is exact), and
    /// the product of those scales is divided out at the end.
    let determinant (m: Rational[][]) : Rational =
        let n = m.Length

        if n = 0 then
            Rational.One
        else
            let lcm (a: BigInteger) (b: BigInteger) = a / BigInteger.GreatestCommonDivisor(a, b) * b
            let scales = m |> Array.map (Array.fold (fun l (c: Rational) -> lcm l c.Denominator) BigInteger.One)
            let a = Array.init n (fun i -> m.[i] |> Array.map (fun c -> c.Numerator * (scales.[i] / c.Denominator)))
            let mutable sign = BigInteger.One
            let mutable prev = BigInteger.One
            let mutable singular = false
            let mutable k = 0

            while not singular && k < n - 1 do
                if a.[k].[k].IsZero then
                    match [ k + 1 .. n - 1 ] |> List.tryFind (fun i -> not a.[i].[k].IsZero) with
                    | Some i ->
                        let t = a.[i]
                        a.[i] <- a.[k]
                        a.[k] <- t
                        sign <- -sign
                    | None -> singular <- true

                if not singular then
                    for i in k + 1 .. n - 1 do
                        for j in k + 1 .. n - 1 do
                            a.[i].[j] <- (a.[i].[j] * a.[k].[k] - a.[i].[k] * a.[k].[j]) / prev

                    prev <- a.[k].[k]

                k <- k + 1

            if singular then
                Rational.Zero
            else
                Rational.Create(sign * a.[n - 1].[n - 1], scales |> Array.fold (*) BigInteger.One)

    /// D(x) for rational x: the determinant of multiplication by p* on ℚ[z]/(p), p = p(·, x)
    /// monic of degree k ≥ 1. Column j is z^j·p* reduced mod p, built from column j − 1 by one
    /// multiplication by z and one reduction.
    let private valueAt (coeffs: Poly[]) (x: Rational) =
        let p = coeffs |> Array.map (Poly.eval x)
        let k = p.Length - 1
        // v (degree ≤ k) minus v's z^k coefficient times the monic p: its first k coefficients
        let reduce (v: Rational[]) =
            Array.init k (fun i -> v.[i] - v.[k] * p.[i])

        let columns = Array.zeroCreate k
        columns.[0] <- reduce (Array.rev p)

        for j in 1 .. k - 1 do
            columns.[j] <- reduce (Array.append [| Rational.Zero |] columns.[j - 1])

        determinant (Array.init k (fun i -> Array.init k (fun j -> (columns.[j]: Rational[]).[i])))

    /// The polynomial of degree ≤ n through the n + 1 points (xs.[i], ys.[i]), xs distinct, by
    /// Newton's divided differences.
    let private interpolate (xs: Rational[]) (ys: Rational[]) =
        let n = xs.Length
        let c = Array.copy ys

        for j in 1 .. n - 1 do
            for i in n - 1 .. -1 .. j do
                c.[i] <- (c.[i] - c.[i - 1]) / (xs.[i] - xs.[i - j])

        let mutable acc = Poly.constant c.[n - 1]

        for i in n - 2 .. -1 .. 0 do
            acc <- acc * Poly.ofCoeffs [ -xs.[i]; Rational.One ] + Poly.constant c.[i]

        acc

    /// D(λ) as the norm of p* in ℚ(λ)[z]/(p): the determinant of multiplication by p*, which is
    /// the resultant of p and p* (p monic). The resultant is the 2k×2k Sylvester determinant whose
    /// entries have degree ≤ d in λ, so deg D ≤ 2kd, and D is recovered exactly from its values at
    /// 2kd + 1 integers: rational determinants instead of elimination over ℚ[λ], whose
    /// intermediate polynomials grow far larger than D.
    let compute (coeffs: Poly[]) : Poly =
        let k = coeffs.Length - 1

        if k <= 0 then
            Poly.one
        else
            let d = coeffs |> Array.map Poly.degree |> Array.fold max 0
            let n = 2 * k * d
            let xs = Array.init (n + 1) (fun j -> Rational.OfInt(j - n / 2))
            interpolate xs (xs |> Array.map (valueAt coeffs))

    /// Splits D ≠ 0 into p(1, λ) and p(−1, λ) (real roots crossing the circle at ±1), the power
    /// of λ left over, and the rest: the same roots, in pieces of lower degree. No gcd is needed:
    /// over the roots wᵢ of p, D = ∏ᵢⱼ (1 − wᵢwⱼ) = ∏ᵢ (1 − wᵢ²) · Q² with Q = ∏ᵢ₍ⱼ (1 − wᵢwⱼ),
    /// symmetric in the roots and so a polynomial in p's coefficients, and ∏ᵢ (1 − wᵢ²) =
    /// (−1)ᵏ p(1) p(−1); so p(1)·p(−1) divides D exactly.
    let private split (coeffs: Poly[]) (critical: Poly) =
        let atOne = coeffs |> Array.fold (+) Poly.zero
        let atMinusOne = coeffs |> Array.mapi (fun i c -> if i % 2 = 0 then c else -c) |> Array.fold (+) Poly.zero
        let rest = Poly.exactDiv critical (atOne * atMinusOne)
        let lowest = rest.Coeffs |> Array.findIndex (fun c -> not c.IsZero)

        if lowest = 0 then
            [ rest; atOne; atMinusOne ]
        else
            [ Poly.exactDiv rest (Poly.monomial lowest); Poly.x; atOne; atMinusOne ]

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

    /// `factors` for a D already computed by `compute`.
    let factorsOf (coeffs: Poly[]) (critical: Poly) : Result<Poly list, string> =
        if Poly.isZero critical then degenerate coeffs else Ok(split coeffs critical)

    /// The polynomials whose real roots are the only places where the closed-disk property can
    /// change: D split into smaller factors, or, when D ≡ 0, the pieces of the degenerate case.
    let factors (coeffs: Poly[]) : Result<Poly list, string> = factorsOf coeffs (compute coeffs)
