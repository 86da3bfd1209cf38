namespace EigenVerify.Algebra

/// The real number field ℚ(α) for a real algebraic α, as ℚ[t]/(q) with q a square-free rational
/// polynomial that vanishes at α, decided by dynamic evaluation: q may be reducible, so when an
/// element to invert shares a factor with q (it does not vanish at α, so neither does the shared
/// factor), q is replaced by the cofactor that keeps α as a root. Elements are polynomials in t;
/// the sign of an element is the exact sign of that polynomial at α.
[<RequireQualifiedAccess>]
module internal NumberField =

    /// `signAtRoot a` must return the exact sign of the rational polynomial a at α.
    let create (q: Poly) (signAtRoot: Poly -> int) : Field<Poly> =
        let mutable q = Poly.monic q

        let reduce (a: Poly) =
            if Poly.degree a < Poly.degree q then a else snd (Poly.divRem a q)

        let inv (a: Poly) =
            let a = reduce a
            let g = Poly.gcd a q

            if Poly.degree g > 0 then
                q <- Poly.exactDiv q g

            Poly.OfArray(DensePoly.inverseMod Field.rational a.Coeffs q.Coeffs)

        { Zero = Poly.zero
          One = Poly.one
          OfRational = Poly.constant
          Add = (+)
          Sub = (-)
          Mul = fun a b -> reduce (a * b)
          Neg = (~-)
          Inv = inv
          IsZero = fun a -> Poly.isZero a || signAtRoot (reduce a) = 0
          Sign = fun a -> if Poly.isZero a then 0 else signAtRoot (reduce a) }

    /// ℚ(α) for the given real algebraic number, through its defining polynomial.
    let ofRoot (alpha: AlgebraicNumber) =
        create (AlgebraicNumber.definingPoly alpha) (fun a -> AlgebraicNumber.signAt a alpha)
