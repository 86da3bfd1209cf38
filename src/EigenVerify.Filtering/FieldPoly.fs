namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// Dense univariate polynomials over an exact ordered field (`FieldOps`): coefficient i of the
/// array is the coefficient of z^i. Functions return trimmed arrays (no zero leading coefficient,
/// the zero polynomial is the empty array); zero tests go through the field, because in a number
/// field "is this zero?" is a decision, not a structural check.
[<RequireQualifiedAccess>]
module FieldPoly =

    let trim (f: FieldOps<'e>) (a: 'e[]) : 'e[] =
        let mutable n = a.Length
        while n > 0 && f.IsZero a.[n - 1] do
            n <- n - 1
        if n = a.Length then a else Array.sub a 0 n

    /// −1 for the zero polynomial; assumes a trimmed argument.
    let degree (a: 'e[]) = a.Length - 1

    let leading (a: 'e[]) = a.[a.Length - 1]

    let add (f: FieldOps<'e>) (a: 'e[]) (b: 'e[]) =
        let n = max a.Length b.Length
        Array.init n (fun i ->
            match i < a.Length, i < b.Length with
            | true, true -> f.Add a.[i] b.[i]
            | true, false -> a.[i]
            | false, true -> b.[i]
            | false, false -> f.Zero)
        |> trim f

    let scale (f: FieldOps<'e>) (c: 'e) (a: 'e[]) = a |> Array.map (f.Mul c) |> trim f

    let sub (f: FieldOps<'e>) (a: 'e[]) (b: 'e[]) = add f a (Array.map f.Neg b)

    let mul (f: FieldOps<'e>) (a: 'e[]) (b: 'e[]) =
        if a.Length = 0 || b.Length = 0 then
            [||]
        else
            let r = Array.create (a.Length + b.Length - 1) f.Zero
            for i in 0 .. a.Length - 1 do
                for j in 0 .. b.Length - 1 do
                    r.[i + j] <- f.Add r.[i + j] (f.Mul a.[i] b.[j])
            trim f r

    /// Quotient and remainder; `b` must be trimmed and non-zero.
    let divRem (f: FieldOps<'e>) (a: 'e[]) (b: 'e[]) =
        let db = degree b
        if db < 0 then invalidArg "b" "division by the zero polynomial"
        let inv = f.Inv(leading b)
        let r = Array.copy a
        let q = Array.create (max 0 (a.Length - db)) f.Zero
        for i in a.Length - 1 .. -1 .. db do
            let c = f.Mul r.[i] inv
            q.[i - db] <- c
            r.[i] <- f.Zero
            for j in 0 .. db - 1 do
                r.[i - db + j] <- f.Sub r.[i - db + j] (f.Mul c b.[j])
        trim f q, trim f (Array.sub r 0 (min r.Length db))

    let monic (f: FieldOps<'e>) (a: 'e[]) =
        if a.Length = 0 then a else scale f (f.Inv(leading a)) a

    /// Monic greatest common divisor (Euclid); gcd(0, 0) = 0.
    let gcd (f: FieldOps<'e>) (a: 'e[]) (b: 'e[]) =
        let rec go (a: 'e[]) (b: 'e[]) =
            if b.Length = 0 then monic f a else go b (snd (divRem f a b))
        go (trim f a) (trim f b)

    let derivative (f: FieldOps<'e>) (a: 'e[]) =
        if a.Length <= 1 then
            [||]
        else
            Array.init (a.Length - 1) (fun i -> f.Mul (f.OfRational(Rational.ofInt (i + 1))) a.[i + 1])
            |> trim f

    /// Horner evaluation at a field element.
    let eval (f: FieldOps<'e>) (a: 'e[]) (x: 'e) =
        Array.foldBack (fun c acc -> f.Add c (f.Mul acc x)) a f.Zero

    /// z^n · a(1/z) for a formal degree n ≥ degree a: the reversed coefficient list.
    let reverse (f: FieldOps<'e>) (n: int) (a: 'e[]) =
        Array.init (n + 1) (fun i -> if n - i < a.Length then a.[n - i] else f.Zero) |> trim f

    /// Number of distinct real roots in the half-open interval (lo, hi] of a square-free
    /// polynomial that does not vanish at lo or hi (Sturm's theorem). Signs are exact field signs.
    let sturmCount (f: FieldOps<'e>) (p: 'e[]) (lo: Rational) (hi: Rational) =
        let rec chain acc (a: 'e[]) (b: 'e[]) =
            if b.Length = 0 then List.rev acc
            else
                let r = snd (divRem f a b)
                chain (b :: acc) b (Array.map f.Neg r)
        let seq = chain [ p ] p (derivative f p)
        let changes (x: Rational) =
            let xs = f.OfRational x
            seq
            |> List.map (fun q -> f.Sign(eval f q xs))
            |> List.filter (fun s -> s <> 0)
            |> List.pairwise
            |> List.sumBy (fun (s, t) -> if s <> t then 1 else 0)
        changes lo - changes hi
