namespace EigenVerify.Algebra

/// Exact decisions about where the roots of a real polynomial lie relative to the unit circle.
/// Coefficients live in an exact ordered field (ℚ, or ℚ(α) for an algebraic α); no decision uses
/// floating point.
[<RequireQualifiedAccess>]
module UnitDisk =

    /// All roots strictly inside the unit circle (Schur stable). Schur–Cohn reduction: a real
    /// polynomial h of degree n ≥ 1 is Schur stable iff |h(0)| < |lc h| and
    /// (lc h · h − h(0) · h*) / z is Schur stable, where h* is h reversed. The reduced polynomial
    /// has degree n − 1 with leading coefficient lc² − h(0)², so the recursion terminates. It is
    /// made monic (same roots) before the next step: unscaled, the coefficients would double in
    /// size at every step, 2^k-fold over k steps.
    let internal schurStable (f: Field<'e>) (h: 'e[]) =
        let rec go (h: 'e[]) =
            let n = DensePoly.degree h

            if n <= 0 then
                true
            else
                let a0 = h.[0]
                let an = h.[n]
                let d = f.Sub (f.Mul an an) (f.Mul a0 a0)

                if f.Sign d <= 0 then
                    false
                else
                    // coefficient i of (an·h − a0·h*)/z is the coefficient i + 1 of the numerator
                    Array.init n (fun i -> f.Sub (f.Mul an h.[i + 1]) (f.Mul a0 h.[n - i - 1]))
                    |> DensePoly.trim f
                    |> DensePoly.monic f
                    |> go

        go (DensePoly.trim f h)

    /// For a self-reciprocal polynomial g (its roots closed under w ↦ 1/w, none at 0): are all its
    /// roots on the unit circle? The roots ±1 are divided out; what is left is palindromic of even
    /// degree 2m, equal to z^m·G(z + 1/z), and its roots are on the circle iff every root of G is
    /// real and lies in [−2, 2] (w + 1/w is real only for |w| = 1 or real w, and then |w + 1/w| > 2
    /// unless |w| = 1). G's distinct roots are counted by Sturm on its square-free part.
    let internal selfReciprocalOnCircle (f: Field<'e>) (g: 'e[]) =
        let stripRoot (root: Rational) (g: 'e[]) =
            let lin = [| f.OfRational(-root); f.One |]

            let rec go (g: 'e[]) =
                if DensePoly.degree g >= 1 && f.IsZero(DensePoly.eval f g (f.OfRational root)) then
                    go (fst (DensePoly.divRem f g lin))
                else
                    g

            go g

        let g = DensePoly.trim f g |> stripRoot Rational.One |> stripRoot (Rational.OfInt -1)
        let n = DensePoly.degree g

        if n <= 0 then
            true
        elif n % 2 = 1 then
            // cannot happen for a self-reciprocal g once ±1 are removed; answer conservatively
            false
        else
            let m = n / 2
            let x = [| f.Zero; f.One |]
            // Dickson polynomials: z^j + z^-j = T_j(z + 1/z), T_0 = 2, T_1 = x, T_{j+1} = x·T_j − T_{j−1}
            let t = Array.zeroCreate (m + 1)
            t.[0] <- [| f.OfRational(Rational.OfInt 2) |]

            if m >= 1 then
                t.[1] <- x

            for j in 2..m do
                t.[j] <- DensePoly.sub f (DensePoly.mul f x t.[j - 1]) t.[j - 2]

            let mutable big = [| g.[m] |]

            for j in 1..m do
                big <- DensePoly.add f big (DensePoly.scale f g.[m + j] t.[j])

            let big = DensePoly.trim f big
            let squareFree = fst (DensePoly.divRem f big (DensePoly.gcd f big (DensePoly.derivative f big)))
            // G(±2) ≠ 0 because g(±1) ≠ 0 after stripping, so Sturm applies on (−2, 2]
            let inside = DensePoly.sturmCount f squareFree (Rational.OfInt -2) (Rational.OfInt 2)
            inside = DensePoly.degree squareFree

    /// det(tI − S) of a square rational matrix, lowest power first, by Faddeev–LeVerrier:
    /// M₀ = 0, Mⱼ = S·Mⱼ₋₁ + cₙ₋ⱼ₊₁·I, cₙ₋ⱼ = −tr(S·Mⱼ)/j; exact over ℚ, its only divisions being
    /// by the integers 1 … n.
    let private characteristic (s: Rational[][]) =
        let n = s.Length
        let c = Array.create (n + 1) Rational.Zero
        c.[n] <- Rational.One
        let times (a: Rational[][]) (b: Rational[][]) =
            Array.init n (fun i ->
                Array.init n (fun j ->
                    let mutable acc = Rational.Zero

                    for l in 0 .. n - 1 do
                        if not a.[i].[l].IsZero && not b.[l].[j].IsZero then
                            acc <- acc + a.[i].[l] * b.[l].[j]

                    acc))
        // S·Mⱼ₋₁, which is 0 for j = 1
        let mutable product = Array.init n (fun _ -> Array.create n Rational.Zero)

        for j in 1 .. n do
            let m = product |> Array.mapi (fun i row -> row |> Array.mapi (fun l x -> if i = l then x + c.[n - j + 1] else x))
            product <- times s m
            let trace = Seq.sum (seq { for i in 0 .. n - 1 -> product.[i].[i] })
            c.[n - j] <- -trace / Rational.OfInt j

        c

    /// How many roots of the real polynomial p (degree n ≥ 1, coefficient i that of zⁱ) lie
    /// strictly outside the closed unit disk, with multiplicity; None when the count is not
    /// decided this way. Schur–Cohn–Fujiwara: with A and B the lower triangular Toeplitz matrices
    /// with first columns (aₙ, …, a₁) and (a₀, …, aₙ₋₁), the symmetric S = AᵀA − BᵀB, when
    /// nonsingular, has as many negative eigenvalues as p has roots outside the circle (and none
    /// on it). Those eigenvalues are real, so Descartes' rule counts them exactly from the signs
    /// of det(−tI − S). A singular S (p and p* share a root) gives None.
    let internal outsideCount (p: Rational[]) : int option =
        let p = DensePoly.trim Field.rational p
        let n = DensePoly.degree p

        if n < 1 then
            invalidArg "p" "a nonzero constant has no roots to count"

        let toeplitz (first: int -> Rational) =
            Array.init n (fun i -> Array.init n (fun j -> if i >= j then first (i - j) else Rational.Zero))

        let a = toeplitz (fun d -> p.[n - d])
        let b = toeplitz (fun d -> p.[d])
        let gram (m: Rational[][]) i j = Seq.sum (seq { for l in 0 .. n - 1 -> m.[l].[i] * m.[l].[j] })
        let s = Array.init n (fun i -> Array.init n (fun j -> gram a i j - gram b i j))
        let chi = characteristic s

        if chi.[0].IsZero then
            None
        else
            // coefficient i of det(−tI − S) = (−1)ⁿ χ(−t) has the sign of (−1)^(n+i) χᵢ
            let signs = chi |> Array.mapi (fun i x -> if (n + i) % 2 = 0 then x.Sign else -x.Sign)
            let mutable last = 0
            let mutable variations = 0

            for sgn in signs do
                if sgn <> 0 then
                    if last <> 0 && sgn <> last then
                        variations <- variations + 1

                    last <- sgn

            Some variations

    /// Every root of the real polynomial p (degree k ≥ 0) has |z| ≤ 1. With g = gcd(p, p*),
    /// p* = z^k p(1/z): every root of p on the circle is a root of g (its conjugate is its inverse),
    /// so h = p/g has none, and the test splits exactly into "h Schur stable" and "g's roots all on
    /// the circle" (a root w of g off the circle means 1/w is a root of p too, one of them outside).
    let internal closedDiskStable (f: Field<'e>) (p: 'e[]) =
        let p = DensePoly.trim f p
        let k = DensePoly.degree p

        if k <= 0 then
            true
        else
            let pStar = DensePoly.reverse f k p
            let g = DensePoly.gcd f p pStar
            let h = fst (DensePoly.divRem f p g)
            schurStable f h && selfReciprocalOnCircle f g

    /// Is every root of p in the closed unit disk |z| ≤ 1? A nonzero constant has no roots: true.
    [<CompiledName("IsStable")>]
    let isStable (p: Poly) =
        if Poly.isZero p then
            invalidArg "p" "the zero polynomial vanishes everywhere: its roots are not in any disk"

        closedDiskStable Field.rational p.Coeffs

    /// For p(z) = Σ cᵢ(x) zⁱ with coefficients in ℚ[x] (`coeffs.[i]` is cᵢ): is every root of
    /// p(·, x₀) in the closed unit disk? Decided over ℚ(x₀) for an irrational x₀, without
    /// approximating it. p(·, x₀) must not be the zero polynomial.
    [<CompiledName("IsStableAt")>]
    let isStableAt (coeffs: Poly[]) (x0: AlgebraicNumber) =
        match AlgebraicNumber.tryRational x0 with
        | Some r -> isStable (Poly.ofCoeffs (coeffs |> Array.map (Poly.eval r) |> List.ofArray))
        | None ->
            let field = NumberField.ofRoot x0

            if coeffs |> Array.forall field.IsZero then
                invalidArg "coeffs" "the polynomial vanishes identically at this point"

            closedDiskStable field coeffs

    /// The critical polynomial of the family Σ cᵢ(x) zⁱ, monic in z: D(x) = ∏ p*(wᵢ(x)) over the
    /// roots wᵢ of p(·, x), with p* the reversal. D(x₀) = 0 exactly when p(·, x₀) has roots w and
    /// 1/w, which includes every root on the unit circle; it is the zero polynomial when p and p*
    /// share a factor for every x.
    [<CompiledName("CriticalPolynomial")>]
    let criticalPolynomial (coeffs: Poly[]) =
        if coeffs.Length = 0 || Array.last coeffs <> Poly.one then
            invalidArg "coeffs" "the family must be monic in z (last coefficient 1)"

        CriticalPolynomial.compute coeffs

    /// `criticalFactors` for the critical polynomial already computed by `criticalPolynomial`.
    let internal criticalFactorsOf (coeffs: Poly[]) (critical: Poly) : Result<Poly list, string> =
        CriticalPolynomial.factorsOf coeffs critical

    /// Polynomials in x whose real roots are the only values where the closed-disk property of
    /// Σ cᵢ(x) zⁱ (monic in z) can change: the critical polynomial split into smaller factors,
    /// or, when it vanishes identically, the pieces that still bound the cells. Error when even
    /// those vanish (a root pair w, 1/w repeated for every x).
    [<CompiledName("CriticalFactors")>]
    let criticalFactors (coeffs: Poly[]) : Result<Poly list, string> =
        if coeffs.Length = 0 || Array.last coeffs <> Poly.one then
            invalidArg "coeffs" "the family must be monic in z (last coefficient 1)"

        CriticalPolynomial.factors coeffs
