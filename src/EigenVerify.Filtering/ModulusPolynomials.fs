namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// Polynomials whose real roots include the squared spectral radius of a monic p(z) (with the
/// other coefficients' variables kept symbolic). For roots z₁ … zₙ of p:
///   A(w) = ∏ (w − zᵢ²), the Graeffe square: A(z²) = (−1)ⁿ p(z) p(−z);
///   B(w) = ∏_{i<j} (w − zᵢzⱼ), the square-free part of Res_z(p(z), zⁿ p(w/z)) / A(w),
///          since that resultant is ∏_{i,j} (w − zᵢzⱼ) = A·B².
/// ρ² is a real root of A (a real dominant root z, ρ² = z²) or of B (a complex dominant pair,
/// ρ² = z·z̄), and every real root of A or B is a product zᵢzⱼ with |zᵢzⱼ| ≤ ρ², so ρ² is the
/// largest real root of A·B. Both are monic in w.
[<RequireQualifiedAccess>]
module ModulusPolynomials =

    /// The variable name the modulus polynomials use for ρ².
    [<Literal>]
    let W = "w"

    let private monicIn (v: string) (p: MPoly) =
        let cs = MPoly.coeffsIn v p

        match MPoly.tryConstant cs.[cs.Length - 1] with
        | Some c when not c.IsZero -> MPoly.scale (Rational.inverse c) p
        | _ -> invalidOp (sprintf "a modulus polynomial is not monic in %s" v)

    /// p(z) = p / gcd(p, ∂p/∂v), monic in v: the same roots in v, each simple.
    let squareFreeIn (v: string) (p: MPoly) =
        let d = MPoly.derivative v p

        if MPoly.isZero d then
            p
        else
            let g = MPoly.gcd p d

            if MPoly.degreeIn v g <= 0 then
                monicIn v p
            else
                match MPoly.exactDiv p g with
                | Some q -> monicIn v q
                | None -> invalidOp "a gcd does not divide its argument"

    /// A(w) for p monic in z: the even part of (−1)ⁿ p(z)·p(−z) with z² renamed w.
    let graeffe (p: MPoly) =
        let n = MPoly.degreeIn "z" p
        let product = p * MPoly.substitutePoly "z" (-(MPoly.var "z")) p
        let cs = MPoly.coeffsIn "z" product
        let w = MPoly.var W

        let even =
            [ for k in 0 .. n do
                  if 2 * k < cs.Length then
                      yield cs.[2 * k] * MPoly.pow k w ]
            |> List.fold (+) MPoly.zero

        if n % 2 = 1 then -even else even

    /// B(w) for p monic in z of degree n ≥ 2 (the constant 1 below that).
    let pairProducts (p: MPoly) =
        let n = MPoly.degreeIn "z" p
        let cs = MPoly.coeffsIn "z" p
        let w = MPoly.var W

        if n < 2 then
            MPoly.one
        elif n = 2 then
            // z₁z₂ = a₀
            w - cs.[0]
        else
            let z = MPoly.var "z"
            // zⁿ p(w/z) = Σ aᵢ wⁱ z^(n−i)
            let reversed = cs |> Array.mapi (fun i a -> a * MPoly.pow i w * MPoly.pow (n - i) z) |> Array.fold (+) MPoly.zero
            let all = MPoly.resultant "z" p reversed

            match MPoly.exactDiv all (graeffe p) with
            | Some squared -> squareFreeIn W squared
            | None -> invalidOp "the Graeffe square does not divide the product resultant"

    /// The modulus polynomials of p (monic in z), each square-free in w, pairwise coprime, monic in
    /// w and of degree ≥ 1; merged into one when two of them share a factor.
    let ofCharPoly (p: MPoly) : MPoly list =
        let n = MPoly.degreeIn "z" p

        if n < 1 then
            invalidArg "p" "a characteristic polynomial needs degree at least 1 in z"

        let cs = MPoly.coeffsIn "z" p

        if MPoly.tryConstant cs.[n] <> Some Rational.one then
            invalidArg "p" "the characteristic polynomial is not monic in z"

        let a = squareFreeIn W (graeffe p)
        let b = pairProducts p

        if MPoly.degreeIn W b < 1 then
            [ a ]
        elif MPoly.degreeIn W (MPoly.gcd a b) >= 1 then
            [ squareFreeIn W (a * b) ]
        else
            [ a; b ]

/// Exact negation and square roots of real algebraic numbers (the two operations the rate
/// modules need beyond the algebra layer), through defining polynomials and root order.
[<RequireQualifiedAccess>]
module AlgebraicArithmetic =

    let private zero = AlgebraicNumber.ofInt 0

    /// −a: if a is the k-th real root of P (ascending), −a is the k-th from the top of P(−x).
    [<CompiledName("Negate")>]
    let negate (a: AlgebraicNumber) =
        match AlgebraicNumber.tryRational a with
        | Some x -> AlgebraicNumber.ofRational (-x)
        | None ->
            let p = AlgebraicNumber.definingPoly a
            let roots = AlgebraicNumber.realRoots p |> Array.ofSeq
            let k = roots |> Array.findIndex (fun x -> AlgebraicNumber.compare x a = 0)
            let reflected = AlgebraicNumber.realRoots (Poly.compose p (-Poly.x)) |> Array.ofSeq
            reflected.[reflected.Length - 1 - k]

    /// √a for a ≥ 0: with P the defining polynomial of a, the k-th positive root of P corresponds to
    /// the k-th positive root of P(t²), because t ↦ t² is increasing on t > 0.
    [<CompiledName("Sqrt")>]
    let sqrt (a: AlgebraicNumber) =
        let c = AlgebraicNumber.compare a zero

        if c < 0 then
            invalidArg "a" (sprintf "the square root of the negative number %s is not real" (AlgebraicNumber.toString a))
        elif c = 0 then
            zero
        else
            let p = AlgebraicNumber.definingPoly a
            let positive (xs: AlgebraicNumber seq) = xs |> Seq.filter (fun x -> AlgebraicNumber.compare x zero > 0) |> Array.ofSeq
            let roots = positive (AlgebraicNumber.realRoots p)
            let k = roots |> Array.findIndex (fun x -> AlgebraicNumber.compare x a = 0)
            let squared = Poly.compose p (Poly.monomial 2)
            (positive (AlgebraicNumber.realRoots squared)).[k]
