namespace EigenVerify.Algebra

/// Dense univariate polynomials over an exact field (`Field`): element i of the array is the
/// coefficient of x^i. Every function returns a trimmed array (no zero leading coefficient; the
/// zero polynomial is the empty array). This is the one implementation of polynomial arithmetic
/// over a field: `Poly` is its instance over ℚ, and the closed-disk test and the critical
/// polynomials run it over ℚ(α) and ℚ(x).
[<RequireQualifiedAccess>]
module internal DensePoly =

    let trim (f: Field<'e>) (a: 'e[]) : 'e[] =
        let mutable n = a.Length

        while n > 0 && f.IsZero a.[n - 1] do
            n <- n - 1

        if n = a.Length then a else Array.sub a 0 n

    /// −1 for the zero polynomial; assumes a trimmed argument.
    let degree (a: 'e[]) = a.Length - 1

    /// The leading coefficient of a trimmed nonzero polynomial.
    let leading (a: 'e[]) = a.[a.Length - 1]

    let constant (f: Field<'e>) (c: 'e) = trim f [| c |]

    let add (f: Field<'e>) (a: 'e[]) (b: 'e[]) =
        let n = max a.Length b.Length

        Array.init n (fun i ->
            match i < a.Length, i < b.Length with
            | true, true -> f.Add a.[i] b.[i]
            | true, false -> a.[i]
            | false, true -> b.[i]
            | false, false -> f.Zero)
        |> trim f

    let neg (f: Field<'e>) (a: 'e[]) = Array.map f.Neg a

    let sub (f: Field<'e>) (a: 'e[]) (b: 'e[]) = add f a (neg f b)

    let scale (f: Field<'e>) (c: 'e) (a: 'e[]) =
        if f.IsZero c then [||] else a |> Array.map (f.Mul c) |> trim f

    let mul (f: Field<'e>) (a: 'e[]) (b: 'e[]) =
        if a.Length = 0 || b.Length = 0 then
            [||]
        else
            let r = Array.create (a.Length + b.Length - 1) f.Zero

            for i in 0 .. a.Length - 1 do
                if not (f.IsZero a.[i]) then
                    for j in 0 .. b.Length - 1 do
                        r.[i + j] <- f.Add r.[i + j] (f.Mul a.[i] b.[j])

            trim f r

    /// Quotient and remainder, a = q·b + r with deg r < deg b; `b` trimmed and nonzero.
    let divRem (f: Field<'e>) (a: 'e[]) (b: 'e[]) =
        let db = degree b

        if db < 0 then
            raise (System.DivideByZeroException "polynomial division by zero")

        let inv = f.Inv(leading b)
        let r = Array.copy a
        let q = Array.create (max 0 (a.Length - db)) f.Zero

        for i in a.Length - 1 .. -1 .. db do
            let c = f.Mul r.[i] inv
            q.[i - db] <- c
            r.[i] <- f.Zero

            if not (f.IsZero c) then
                for j in 0 .. db - 1 do
                    r.[i - db + j] <- f.Sub r.[i - db + j] (f.Mul c b.[j])

        trim f q, trim f (Array.sub r 0 (min r.Length db))

    /// Quotient of a division known to be exact; a remainder is a logic error and fails loudly.
    let exactDiv (f: Field<'e>) (a: 'e[]) (b: 'e[]) =
        let q, r = divRem f a b

        if r.Length <> 0 then
            invalidOp "a polynomial division expected to be exact left a remainder"

        q

    let monic (f: Field<'e>) (a: 'e[]) =
        if a.Length = 0 then a else scale f (f.Inv(leading a)) a

    /// Monic greatest common divisor (Euclid); gcd(0, 0) = 0.
    let gcd (f: Field<'e>) (a: 'e[]) (b: 'e[]) =
        let rec go (a: 'e[]) (b: 'e[]) =
            if b.Length = 0 then monic f a else go b (snd (divRem f a b))

        go (trim f a) (trim f b)

    /// s with s·a ≡ 1 (mod q) for a coprime to q (extended Euclid); fails loudly otherwise.
    let inverseMod (f: Field<'e>) (a: 'e[]) (q: 'e[]) =
        // invariant: r_i ≡ s_i · a (mod q)
        let rec go (r0: 'e[]) (s0: 'e[]) (r1: 'e[]) (s1: 'e[]) =
            if r1.Length = 0 then
                if degree r0 <> 0 then
                    invalidOp "the element to invert shares a factor with the modulus"

                scale f (f.Inv r0.[0]) s0
            else
                let quo, rem = divRem f r0 r1
                go r1 s1 rem (sub f s0 (mul f quo s1))

        snd (divRem f (go (snd (divRem f a q)) (constant f f.One) q [||]) q)

    let derivative (f: Field<'e>) (a: 'e[]) =
        if a.Length <= 1 then
            [||]
        else
            Array.init (a.Length - 1) (fun i -> f.Mul (f.OfRational(Rational.OfInt(i + 1))) a.[i + 1])
            |> trim f

    /// Horner evaluation at a field element.
    let eval (f: Field<'e>) (a: 'e[]) (x: 'e) =
        Array.foldBack (fun c acc -> f.Add c (f.Mul acc x)) a f.Zero

    /// x^n · a(1/x) for a formal degree n ≥ degree a: the reversed coefficient list.
    let reverse (f: Field<'e>) (n: int) (a: 'e[]) =
        Array.init (n + 1) (fun i -> if n - i < a.Length then a.[n - i] else f.Zero) |> trim f

    /// The resultant Res(a, b) through the Euclidean remainder sequence over the field:
    /// Res(a, b) = (−1)^(deg a · deg b) · lc(b)^(deg a − deg r) · Res(b, r) with r = a mod b.
    let rec resultant (f: Field<'e>) (a: 'e[]) (b: 'e[]) : 'e =
        let a, b = trim f a, trim f b

        if a.Length = 0 || b.Length = 0 then
            f.Zero
        elif degree b = 0 then
            Power.bySquaring "field element" f.Mul f.One (degree a) b.[0]
        else
            let r = snd (divRem f a b)

            if r.Length = 0 then
                f.Zero
            else
                let da, db, dr = degree a, degree b, degree r
                let factor = Power.bySquaring "field element" f.Mul f.One (da - dr) (leading b)
                let signed = if da % 2 = 1 && db % 2 = 1 then f.Neg factor else factor
                f.Mul signed (resultant f b r)

    /// Number of distinct real roots in the half-open interval (lo, hi] of a square-free
    /// polynomial that does not vanish at lo or hi (Sturm's theorem), from exact field signs.
    let sturmCount (f: Field<'e>) (p: 'e[]) (lo: Rational) (hi: Rational) =
        let rec chain acc (a: 'e[]) (b: 'e[]) =
            if b.Length = 0 then
                List.rev acc
            else
                let r = snd (divRem f a b)
                chain (b :: acc) b (neg f r)

        let sequence = chain [ p ] p (derivative f p)

        let changes (x: Rational) =
            let xs = f.OfRational x

            sequence
            |> List.map (fun q -> f.Sign(eval f q xs))
            |> List.filter (fun s -> s <> 0)
            |> List.pairwise
            |> List.sumBy (fun (s, t) -> if s <> t then 1 else 0)

        changes lo - changes hi
