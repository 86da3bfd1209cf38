namespace EigenVerify.Filtering

open System
open EigenVerify.Algebra

/// The real number field ℚ(γ) for a real algebraic number γ. An element is a rational polynomial
/// in γ, kept reduced modulo a square-free polynomial q with q(γ) = 0; the sign of an element is
/// the exact sign of that polynomial at γ (`AlgebraicNumber.signAt`). q need not be irreducible:
/// when an element to invert shares a factor with q (that factor does not vanish at γ, since the
/// element does not), q is replaced by the cofactor that keeps γ, so every answer stays exact.
[<Sealed>]
type ExtensionField(generator: AlgebraicNumber) =
    let mutable modulus = Poly.monic (AlgebraicNumber.definingPoly generator)

    let reduce (a: Poly) =
        if Poly.degree a < Poly.degree modulus then a else snd (Poly.divRem a modulus)

    member _.Generator = generator

    /// The current square-free polynomial vanishing at γ; it only ever shrinks to a factor.
    member _.Modulus = modulus

    member _.Reduce(a: Poly) = reduce a

    /// −1, 0 or 1: the exact sign of the element at γ.
    member _.Sign(a: Poly) = AlgebraicNumber.signAt (reduce a) generator

    member f.IsZero(a: Poly) = f.Sign a = 0

    member _.Mul(a: Poly, b: Poly) = reduce (a * b)

    /// The inverse of a nonzero element, by the extended Euclidean algorithm modulo q.
    member _.Inverse(a: Poly) =
        let a = reduce a

        if AlgebraicNumber.signAt a generator = 0 then
            raise (DivideByZeroException "inverse of an element that is zero at the generator")

        let g = Poly.gcd a modulus

        if Poly.degree g > 0 then
            modulus <- Poly.exactDiv modulus g

        // invariant: rᵢ ≡ sᵢ·a (mod q)
        let rec euclid (r0: Poly) (s0: Poly) (r1: Poly) (s1: Poly) =
            if Poly.isZero r1 then
                r0, s0
            else
                let quotient, rest = Poly.divRem r0 r1
                euclid r1 s1 rest (s0 - quotient * s1)

        let g, s = euclid (reduce a) Poly.one modulus Poly.zero

        if Poly.degree g <> 0 then
            invalidOp "the element and the modulus are not coprime after removing their common factor"

        reduce (Poly.scale (Rational.inverse (Poly.coeff 0 g)) s)

/// Polynomials in one variable with coefficients in an `ExtensionField`, as arrays of field
/// elements, lowest degree first. Every zero test is the field's exact sign test.
[<RequireQualifiedAccess>]
module ExtensionPoly =

    /// Coefficients reduced, trailing zeros (at the generator) removed.
    let trim (f: ExtensionField) (a: Poly[]) =
        let a = a |> Array.map f.Reduce
        let mutable n = a.Length

        while n > 0 && f.IsZero a.[n - 1] do
            n <- n - 1

        Array.sub a 0 n

    let degree (a: Poly[]) = a.Length - 1

    /// The field element a(x) at a rational x.
    let evalRational (f: ExtensionField) (a: Poly[]) (x: Rational) =
        let mutable acc = Poly.zero

        for i in a.Length - 1 .. -1 .. 0 do
            acc <- Poly.scale x acc + a.[i]

        f.Reduce acc

    let derivative (a: Poly[]) =
        if a.Length <= 1 then [||] else Array.init (a.Length - 1) (fun i -> Poly.scale (Rational.ofInt (i + 1)) a.[i + 1])

    /// Remainder of a by b (b trimmed, so its leading coefficient is nonzero at the generator).
    let rem (f: ExtensionField) (a: Poly[]) (b: Poly[]) =
        let db = degree b

        if db < 0 then
            raise (DivideByZeroException "polynomial division by zero")

        let inv = f.Inverse b.[db]
        let r = Array.copy a

        for i in r.Length - 1 .. -1 .. db do
            let c = f.Mul(r.[i], inv)

            if not (Poly.isZero c) then
                for j in 0 .. db do
                    r.[i - db + j] <- f.Reduce(r.[i - db + j] - f.Mul(c, b.[j]))

        trim f (Array.sub r 0 (min r.Length db))

    /// Monic gcd by Euclid's algorithm.
    let gcd (f: ExtensionField) (a: Poly[]) (b: Poly[]) =
        let rec go (a: Poly[]) (b: Poly[]) = if b.Length = 0 then a else go b (rem f a b)
        let g = go (trim f a) (trim f b)

        if g.Length = 0 then
            g
        else
            let inv = f.Inverse g.[g.Length - 1]
            g |> Array.map (fun c -> f.Mul(c, inv))

    /// Number of distinct real roots in (lo, hi] of a nonzero a that vanishes at neither end, by
    /// Sturm's theorem (a, a′, −rem, … ending at gcd(a, a′), which counts distinct roots even
    /// when a has multiple ones). Every sign is an exact sign at the generator.
    let sturmCount (f: ExtensionField) (a: Poly[]) (lo: Rational) (hi: Rational) =
        let a = trim f a

        if a.Length = 0 then
            invalidArg "a" "the zero polynomial has no finite number of roots"

        let rec chain acc (p: Poly[]) (q: Poly[]) =
            if q.Length = 0 then List.rev acc
            else chain (q :: acc) q (rem f p q |> Array.map (fun c -> -c))

        let sequence = chain [ a ] a (trim f (derivative a))

        let variations (x: Rational) =
            let signs = sequence |> List.map (fun p -> f.Sign(evalRational f p x)) |> List.filter (fun s -> s <> 0)
            signs |> List.pairwise |> List.sumBy (fun (s, t) -> if s <> t then 1 else 0)

        if f.IsZero(evalRational f a lo) || f.IsZero(evalRational f a hi) then
            invalidArg "lo" "a Sturm count needs ends that are not roots"

        variations lo - variations hi

    /// The polynomial in `main` with coefficients in the field, from p whose other variables all
    /// have values in the field.
    let specialize (f: ExtensionField) (main: string) (values: Map<string, Poly>) (p: MPoly) =
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
                            | Some x -> f.Mul(t, f.Reduce(Poly.pow k x))
                            | None -> invalidArg "values" (sprintf "variable '%s' has no value" v))
                    (Poly.constant c)

            acc.[e] <- f.Reduce(acc.[e] + value)

        trim f acc

    /// A rational polynomial N with N(x) = 0 at every root x of a (a nonzero, coefficients in the
    /// field): the resultant in y of q(y) and a(x, y), with q's factors that make a vanish
    /// identically removed (they do not vanish at the generator, since a does not).
    let norm (f: ExtensionField) (a: Poly[]) =
        let a = trim f a

        if a.Length = 0 then
            invalidArg "a" "the norm of the zero polynomial vanishes identically"

        let content = a |> Array.fold Poly.gcd Poly.zero
        let common = Poly.gcd content f.Modulus
        let q = if Poly.degree common > 0 then Poly.exactDiv f.Modulus common else f.Modulus
        let x = MPoly.var "x"
        let inY = a |> Array.mapi (fun i c -> MPoly.ofPoly "y" c * MPoly.pow i x) |> Array.fold (+) MPoly.zero

        match MPoly.tryToPoly "x" (MPoly.resultant "y" (MPoly.ofPoly "y" q) inY) with
        | Some n when not (Poly.isZero n) -> n
        | _ -> invalidOp "the norm of a nonzero polynomial over the field came out zero"

    /// The real roots of the norm of a (ascending) with a test of whether the i-th is a root of
    /// a itself: every root of a is one of them, and a has a root in an interval that isolates
    /// the i-th among them exactly when that root is a root of a (the interval's ends are not
    /// roots of the norm, so not of a, and a Sturm count over the field decides).
    let private candidates (f: ExtensionField) (a: Poly[]) =
        let n = norm f a
        let intervals = RealRoots.isolate n |> Array.ofSeq
        let roots = AlgebraicNumber.realRoots n |> Array.ofSeq

        if intervals.Length <> roots.Length then
            invalidOp "root isolation and the algebraic roots of the same polynomial disagree"

        let isRootAt i =
            let lo, hi = intervals.[i]
            if lo = hi then f.IsZero(evalRational f a lo) else sturmCount f a lo hi >= 1

        n, roots, isRootAt

    /// Is the real algebraic number x a root of a?
    let hasRoot (f: ExtensionField) (a: Poly[]) (x: AlgebraicNumber) =
        let a = trim f a

        if degree a < 1 then
            false
        else
            let n, roots, isRootAt = candidates f a
            AlgebraicNumber.signAt n x = 0 && isRootAt (roots |> Array.findIndex (fun r -> AlgebraicNumber.compare r x = 0))

    /// The largest real root of a, if it has one.
    let largestRealRoot (f: ExtensionField) (a: Poly[]) =
        let a = trim f a

        if degree a < 1 then
            None
        else
            let _, roots, isRootAt = candidates f a
            [ roots.Length - 1 .. -1 .. 0 ] |> List.tryFind isRootAt |> Option.map (fun i -> roots.[i])

[<RequireQualifiedAccess>]
module ExtensionField =

    [<CompiledName("OfAlgebraic")>]
    let ofAlgebraic (generator: AlgebraicNumber) = ExtensionField(generator)

    /// The element as an exact real algebraic number: a root of its characteristic polynomial
    /// Res_y(q(y), x − e(y)), the one inside an enclosure of e over γ's isolating interval,
    /// narrowed until only one root is left inside.
    [<CompiledName("ToAlgebraic")>]
    let toAlgebraic (f: ExtensionField) (e: Poly) =
        let e = f.Reduce e

        if Poly.degree e <= 0 then
            AlgebraicNumber.ofRational (Poly.coeff 0 e)
        else
            let x = MPoly.var "x"
            let charPoly = MPoly.resultant "y" (MPoly.ofPoly "y" f.Modulus) (x - MPoly.ofPoly "y" e)

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
