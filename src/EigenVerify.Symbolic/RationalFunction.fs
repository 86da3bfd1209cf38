namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// A quotient of polynomials over ℚ in lowest terms: numerator and denominator share no
/// factor (multivariate gcd) and the denominator's leading coefficient (graded lexicographic
/// order) is 1, so equal functions have equal representations. Zero tests are exact.
type RationalFunction = { Num: Polynomial; Den: Polynomial }

[<RequireQualifiedAccess>]
module RationalFunction =
    let private normalize (n: Polynomial) (d: Polynomial) =
        if Polynomial.isZero d then
            raise (System.DivideByZeroException "rational function with zero denominator")
        elif Polynomial.isZero n then
            { Num = Polynomial.zero; Den = Polynomial.one }
        else
            let (_, lc) = Polynomial.leading d
            let n = Polynomial.scale (Rational.One / lc) n
            let d = Polynomial.scale (Rational.One / lc) d
            let g = Monomial.gcd (Polynomial.monomialContent n) (Polynomial.monomialContent d)
            let n = Polynomial.divideByMonomial g n
            let d = Polynomial.divideByMonomial g d

            match Polynomial.tryConstant d with
            | Some c -> { Num = Polynomial.scale (Rational.One / c) n; Den = Polynomial.one }
            | None ->
                match Polynomial.tryDivide n d with
                | Some q -> { Num = q; Den = Polynomial.one }
                | None ->
                    match Polynomial.tryDivide d n with
                    | Some q ->
                        let (_, qc) = Polynomial.leading q
                        { Num = Polynomial.constant (Rational.One / qc); Den = Polynomial.scale (Rational.One / qc) q }
                    | None ->
                        // a common factor neither side is a multiple of: cancel the full gcd
                        let g = Polynomial.gcd n d
                        if Polynomial.tryConstant g = Some Rational.One then
                            { Num = n; Den = d }
                        else
                            let n = (Polynomial.tryDivide n g).Value
                            let d = (Polynomial.tryDivide d g).Value
                            let (_, lc) = Polynomial.leading d
                            { Num = Polynomial.scale (Rational.One / lc) n; Den = Polynomial.scale (Rational.One / lc) d }

    let create n d = normalize n d
    let ofPolynomial (p: Polynomial) = { Num = p; Den = Polynomial.one }
    let constant (r: Rational) = ofPolynomial (Polynomial.constant r)
    let zero = constant Rational.Zero
    let one = constant Rational.One
    let var (name: string) = ofPolynomial (Polynomial.var name)

    let isZero (a: RationalFunction) = Polynomial.isZero a.Num
    let isPolynomial (a: RationalFunction) = Polynomial.tryConstant a.Den = Some Rational.One

    let tryConstant (a: RationalFunction) =
        if isPolynomial a then Polynomial.tryConstant a.Num else None

    let add (a: RationalFunction) (b: RationalFunction) =
        if a.Den = b.Den then
            normalize (Polynomial.add a.Num b.Num) a.Den
        else
            normalize (Polynomial.add (Polynomial.mul a.Num b.Den) (Polynomial.mul b.Num a.Den)) (Polynomial.mul a.Den b.Den)

    let neg (a: RationalFunction) = { a with Num = Polynomial.neg a.Num }
    let sub a b = add a (neg b)

    let mul (a: RationalFunction) (b: RationalFunction) =
        normalize (Polynomial.mul a.Num b.Num) (Polynomial.mul a.Den b.Den)

    let inverse (a: RationalFunction) =
        if isZero a then
            raise (System.DivideByZeroException "inverse of the zero rational function")

        normalize a.Den a.Num

    let div a b = mul a (inverse b)

    let pow (k: int) (a: RationalFunction) =
        if k >= 0 then
            normalize (Polynomial.pow k a.Num) (Polynomial.pow k a.Den)
        else
            inverse (normalize (Polynomial.pow -k a.Num) (Polynomial.pow -k a.Den))

    /// Exact equality as functions (cross-multiplication), independent of how far cancellation went.
    let equal (a: RationalFunction) (b: RationalFunction) = isZero (sub a b)

    let derivative (v: string) (a: RationalFunction) =
        let n' = Polynomial.derivative v a.Num
        let d' = Polynomial.derivative v a.Den
        normalize (Polynomial.sub (Polynomial.mul n' a.Den) (Polynomial.mul a.Num d')) (Polynomial.mul a.Den a.Den)

    let variables (a: RationalFunction) =
        Set.union (Polynomial.variables a.Num) (Polynomial.variables a.Den)

    /// Exact value; raises DivideByZeroException where the denominator vanishes.
    let eval (value: string -> Rational) (a: RationalFunction) =
        Polynomial.eval value a.Num / Polynomial.eval value a.Den
