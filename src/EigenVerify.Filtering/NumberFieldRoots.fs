namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// Real roots of polynomials whose coefficients lie in a real number field ℚ(γ)
/// (`RealNumberField`), as arrays of field elements, lowest degree first. The arithmetic is the
/// one dense layer (`DensePoly` over the field's operations); what is added here is what the
/// rate and tuning computations need on top: specializing a multivariate polynomial into the
/// field, the norm over ℚ, exact real roots, and converting an element back to a real
/// algebraic number.
[<RequireQualifiedAccess>]
module internal NumberFieldRoots =

    /// Coefficients reduced, trailing zeros (at the generator) removed.
    let trim (f: RealNumberField) (a: Poly[]) = a |> Array.map f.Reduce |> DensePoly.trim f.Ops

    let degree (a: Poly[]) = DensePoly.degree a

    /// The field element a(x) at a rational x.
    let evalRational (f: RealNumberField) (a: Poly[]) (x: Rational) =
        f.Reduce(DensePoly.eval f.Ops a (Poly.constant x))

    /// Monic gcd (Euclid over the field).
    let gcd (f: RealNumberField) (a: Poly[]) (b: Poly[]) = DensePoly.gcd f.Ops a b

    /// Number of distinct real roots in (lo, hi] of a nonzero a that vanishes at neither end
    /// (Sturm's theorem; the chain ends at gcd(a, a′), so multiple roots count once).
    let sturmCount (f: RealNumberField) (a: Poly[]) (lo: Rational) (hi: Rational) =
        let a = trim f a

        if a.Length = 0 then
            invalidArg "a" "the zero polynomial has no finite number of roots"

        if f.Ops.IsZero(evalRational f a lo) || f.Ops.IsZero(evalRational f a hi) then
            invalidArg "lo" "a Sturm count needs ends that are not roots"

        DensePoly.sturmCount f.Ops a lo hi

    /// The polynomial in `main` with coefficients in the field, from p whose other variables all
    /// have values in the field.
    let specialize (f: RealNumberField) (main: string) (values: Map<string, Poly>) (p: MPoly) =
        let n = max 0 (MPoly.degreeIn main p)
        let acc = Array.create (n + 1) Poly.zero

        for m, c in MPoly.terms p do
            let e = defaultArg (Map.tryFind main m) 0

            let value =
                m
                |> Map.fold
                    (fun (t: Poly) v k ->
                        if v = main then
                            t
                        else
                            match Map.tryFind v values with
                            | Some x -> f.Ops.Mul t (f.Reduce(Poly.pow k x))
                            | None -> invalidArg "values" (sprintf "variable '%s' has no value" v))
                    (Poly.constant c)

            acc.[e] <- f.Reduce(acc.[e] + value)

        trim f acc

    /// A rational polynomial N with N(x) = 0 at every root x of a (a nonzero, coefficients in the
    /// field): the resultant in y of q(y) and a(x, y), with q's factors that make a vanish
    /// identically removed (they do not vanish at the generator, since a does not).
    let norm (f: RealNumberField) (a: Poly[]) =
        let a = trim f a

        if a.Length = 0 then
            invalidArg "a" "the norm of the zero polynomial vanishes identically"

        let modulus = f.Modulus()
        let content = a |> Array.fold Poly.gcd Poly.zero
        let common = Poly.gcd content modulus
        let q = if Poly.degree common > 0 then Poly.exactDiv modulus common else modulus
        let x = MPoly.var "x"
        let inY = a |> Array.mapi (fun i c -> MPoly.ofPoly "y" c * MPoly.pow i x) |> Array.fold (+) MPoly.zero

        match MPoly.tryToPoly "x" (MPoly.resultant "y" (MPoly.ofPoly "y" q) inY) with
        | Some n when not (Poly.isZero n) -> n
        | _ -> invalidOp "the norm of a nonzero polynomial over the field came out zero"

    /// The real roots of the norm of a (ascending) with a test of whether the i-th is a root of
    /// a itself: every root of a is one of them, and a has a root in an interval that isolates
    /// the i-th among them exactly when that root is a root of a (the interval's ends are not
    /// roots of the norm, so not of a, and a Sturm count over the field decides).
    let private candidates (f: RealNumberField) (a: Poly[]) =
        let n = norm f a
        let intervals = RealRoots.isolate n |> Array.ofSeq
        let roots = AlgebraicNumber.realRoots n |> Array.ofSeq

        if intervals.Length <> roots.Length then
            invalidOp "root isolation and the algebraic roots of the same polynomial disagree"

        let isRootAt i =
            let lo, hi = intervals.[i]
            if lo = hi then f.Ops.IsZero(evalRational f a lo) else sturmCount f a lo hi >= 1

        n, roots, isRootAt

    /// Is the real algebraic number x a root of a?
    let hasRoot (f: RealNumberField) (a: Poly[]) (x: AlgebraicNumber) =
        let a = trim f a

        if degree a < 1 then
            false
        else
            let n, roots, isRootAt = candidates f a
            AlgebraicNumber.signAt n x = 0 && isRootAt (roots |> Array.findIndex (fun r -> AlgebraicNumber.compare r x = 0))

    /// The largest real root of a, if it has one.
    let largestRealRoot (f: RealNumberField) (a: Poly[]) =
        let a = trim f a

        if degree a < 1 then
            None
        else
            let _, roots, isRootAt = candidates f a
            [ roots.Length - 1 .. -1 .. 0 ] |> List.tryFind isRootAt |> Option.map (fun i -> roots.[i])

    /// The element as an exact real algebraic number: a root of its characteristic polynomial
    /// Res_y(q(y), x − e(y)), the one inside an enclosure of e over γ's isolating interval,
    /// narrowed until only one root is left inside.
    let toAlgebraic (f: RealNumberField) (e: Poly) =
        let e = f.Reduce e

        if Poly.degree e <= 0 then
            AlgebraicNumber.ofRational (Poly.coeff 0 e)
        else
            let x = MPoly.var "x"
            let charPoly = MPoly.resultant "y" (MPoly.ofPoly "y" (f.Modulus())) (x - MPoly.ofPoly "y" e)

            let candidates =
                match MPoly.tryToPoly "x" charPoly with
                | Some n -> AlgebraicNumber.realRoots n
                | None -> invalidOp "a characteristic polynomial kept a second variable"

            let within (enc: Enclosure) (c: AlgebraicNumber) =
                AlgebraicNumber.compare c (AlgebraicNumber.ofRational enc.Lo) >= 0
                && AlgebraicNumber.compare c (AlgebraicNumber.ofRational enc.Hi) <= 0

            let rec narrow (g: AlgebraicNumber) =
                let lo, hi = AlgebraicNumber.interval g
                let enc = Enclosure.evalPoly e (Enclosure.create lo hi)

                match candidates |> List.filter (within enc) with
                | [ c ] -> c
                | [] -> invalidOp "no root of the characteristic polynomial lies in the element's enclosure"
                | _ -> narrow (AlgebraicNumber.refineTo ((hi - lo) / Rational.ofInt 2) g)

            narrow f.Generator
