namespace EigenVerify.Algebra

/// ℚ(x), the rational functions in one variable, as pairs (numerator, denominator) of `Poly` in
/// lowest terms with a monic denominator, so that equal functions have equal pairs. Polynomials
/// whose coefficients are polynomials in x are computed over this field when they must be divided
/// (gcd, exact quotients, resultants); results that are known to be polynomials come back through
/// `tryPolynomial`.
[<RequireQualifiedAccess>]
module internal FractionField =

    let private normalize (n: Poly, d: Poly) =
        if Poly.isZero d then
            raise (System.DivideByZeroException "rational function with zero denominator")
        elif Poly.isZero n then
            Poly.zero, Poly.one
        else
            let g = Poly.gcd n d
            let n, d = Poly.exactDiv n g, Poly.exactDiv d g
            let lc = Poly.leading d
            Poly.scale (Rational.One / lc) n, Poly.scale (Rational.One / lc) d

    let ofPoly (p: Poly) = p, Poly.one

    /// The polynomial a rational function equals, when its denominator is constant.
    let tryPolynomial (n: Poly, d: Poly) =
        if Poly.degree d = 0 then Some(Poly.scale (Rational.One / Poly.leading d) n) else None

    /// The field operations. The order is the one at x → +∞ (the sign of a function is that of its
    /// values for large x); the algorithms that run over this field never ask for it.
    let field: Field<Poly * Poly> =
        { Zero = Poly.zero, Poly.one
          One = Poly.one, Poly.one
          OfRational = fun r -> Poly.constant r, Poly.one
          Add = fun (a, b) (c, d) -> normalize (a * d + c * b, b * d)
          Sub = fun (a, b) (c, d) -> normalize (a * d - c * b, b * d)
          Mul = fun (a, b) (c, d) -> normalize (a * c, b * d)
          Neg = fun (a, b) -> -a, b
          Inv = fun (a, b) -> normalize (b, a)
          IsZero = fun (a, _) -> Poly.isZero a
          Sign = fun (a, b) -> (Poly.leading a).Sign * (Poly.leading b).Sign }
