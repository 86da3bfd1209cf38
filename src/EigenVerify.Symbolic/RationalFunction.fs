namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// A quotient of polynomials over ℚ in lowest terms: numerator and denominator share no
/// factor (multivariate gcd) and the denominator's leading coefficient (graded lexicographic
/// order) is 1, so equal functions have equal representations. Zero tests are exact.
type RationalFunction = { Num: MPoly; Den: MPoly }

[<RequireQualifiedAccess>]
module RationalFunction =
    let private exactDiv (a: MPoly) (b: MPoly) =
        match MPoly.exactDiv a b with
        | Some q -> q
        | None -> invalidOp "internal error: a gcd left a remainder"

    let private normalize (n: MPoly) (d: MPoly) =
        if MPoly.isZero d then
            raise (System.DivideByZeroException "rational function with zero denominator")
        elif MPoly.isZero n then
            { Num = MPoly.zero; Den = MPoly.one }
        else
            let (_, lc) = MPoly.leadingGrlex d
            let n = MPoly.scale (Rational.One / lc) n
            let d = MPoly.scale (Rational.One / lc) d
            let g = MPoly.monomialGcd (MPoly.monomialContent n) (MPoly.monomialContent d)
            let n = MPoly.divideByMonomial g n
            let d = MPoly.divideByMonomial g d

            match MPoly.tryConstant d with
            | Some c -> { Num = MPoly.scale (Rational.One / c) n; Den = MPoly.one }
            | None ->
                match MPoly.exactDiv n d with
                | Some q -> { Num = q; Den = MPoly.one }
                | None ->
                    match MPoly.exactDiv d n with
                    | Some q ->
                        let (_, qc) = MPoly.leadingGrlex q
                        { Num = MPoly.constant (Rational.One / qc); Den = MPoly.scale (Rational.One / qc) q }
                    | None ->
                        // a common factor neither side is a multiple of: cancel the full gcd
                        let g = MPoly.gcd n d
                        if MPoly.tryConstant g = Some Rational.One then
                            { Num = n; Den = d }
                        else
                            let n = exactDiv n g
                            let d = exactDiv d g
                            let (_, lc) = MPoly.leadingGrlex d
                            { Num = MPoly.scale (Rational.One / lc) n; Den = MPoly.scale (Rational.One / lc) d }

    let create n d = normalize n d
    let ofPolynomial (p: MPoly) = { Num = p; Den = MPoly.one }
    let constant (r: Rational) = ofPolynomial (MPoly.constant r)
    let zero = constant Rational.Zero
    let one = constant Rational.One
    let var (name: string) = ofPolynomial (MPoly.var name)

    let isZero (a: RationalFunction) = MPoly.isZero a.Num
    let isPolynomial (a: RationalFunction) = MPoly.tryConstant a.Den = Some Rational.One

    let tryConstant (a: RationalFunction) =
        if isPolynomial a then MPoly.tryConstant a.Num else None

    let add (a: RationalFunction) (b: RationalFunction) =
        if a.Den = b.Den then
            normalize (a.Num + b.Num) a.Den
        else
            normalize (a.Num * b.Den + b.Num * a.Den) (a.Den * b.Den)

    let neg (a: RationalFunction) = { a with Num = -a.Num }
    let sub a b = add a (neg b)

    let mul (a: RationalFunction) (b: RationalFunction) =
        normalize (a.Num * b.Num) (a.Den * b.Den)

    let inverse (a: RationalFunction) =
        if isZero a then
            raise (System.DivideByZeroException "inverse of the zero rational function")

        normalize a.Den a.Num

    let div a b = mul a (inverse b)

    let pow (k: int) (a: RationalFunction) =
        if k >= 0 then
            normalize (MPoly.pow k a.Num) (MPoly.pow k a.Den)
        else
            inverse (normalize (MPoly.pow -k a.Num) (MPoly.pow -k a.Den))

    /// Exact equality as functions (cross-multiplication), independent of how far cancellation went.
    let equal (a: RationalFunction) (b: RationalFunction) = isZero (sub a b)

    let derivative (v: string) (a: RationalFunction) =
        let n' = MPoly.derivative v a.Num
        let d' = MPoly.derivative v a.Den
        normalize (n' * a.Den - a.Num * d') (a.Den * a.Den)

    let variables (a: RationalFunction) =
        Set.union (Set.ofList (MPoly.variables a.Num)) (Set.ofList (MPoly.variables a.Den))

    /// Exact value at a full assignment; raises DivideByZeroException where the denominator vanishes.
    let eval (values: Map<string, Rational>) (a: RationalFunction) =
        MPoly.eval values a.Num / MPoly.eval values a.Den
