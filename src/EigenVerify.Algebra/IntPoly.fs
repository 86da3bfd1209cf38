namespace EigenVerify.Algebra

open System
open System.Numerics

/// Dense integer polynomials (lowest degree first, no trailing zeros) behind the fraction-free
/// algorithms: gcd, resultants, Sturm sequences and root isolation. Working over ℤ instead of ℚ
/// avoids normalising a fraction after every operation, which is where rational arithmetic loses
/// most of its time.
module internal IntPoly =

    let trim (a: BigInteger[]) =
        let mutable n = a.Length

        while n > 0 && a.[n - 1].IsZero do
            n <- n - 1

        if n = a.Length then a else Array.sub a 0 n

    let degree (a: BigInteger[]) = a.Length - 1

    let lc (a: BigInteger[]) =
        if a.Length = 0 then BigInteger.Zero else a.[a.Length - 1]

    let isZero (a: BigInteger[]) = a.Length = 0

    /// Non-negative gcd of all coefficients; 0 for the zero polynomial.
    let content (a: BigInteger[]) =
        let mutable g = BigInteger.Zero

        for c in a do
            if not g.IsOne then
                g <- BigInteger.GreatestCommonDivisor(g, c)

        g

    /// Divides out the positive content; every coefficient keeps its sign.
    let primitive (a: BigInteger[]) =
        let g = content a

        if g.IsZero || g.IsOne then a else a |> Array.map (fun c -> c / g)

    /// Primitive with a positive leading coefficient: the canonical associate.
    let normalize (a: BigInteger[]) =
        let p = primitive a

        if p.Length > 0 && p.[p.Length - 1].Sign < 0 then
            Array.map BigInteger.Negate p
        else
            p

    let neg (a: BigInteger[]) = Array.map BigInteger.Negate a

    let scale (s: BigInteger) (a: BigInteger[]) =
        if s.IsZero then [||] else a |> Array.map (fun c -> c * s)

    /// Division by a scalar known to divide every coefficient.
    let divScalar (s: BigInteger) (a: BigInteger[]) = a |> Array.map (fun c -> c / s)

    let derivative (a: BigInteger[]) =
        if a.Length <= 1 then
            [||]
        else
            Array.init (a.Length - 1) (fun i -> a.[i + 1] * BigInteger(i + 1)) |> trim

    /// p(-x).
    let reflect (a: BigInteger[]) =
        a |> Array.mapi (fun i c -> if i % 2 = 1 then -c else c)

    /// Pseudo-remainder: lc(b)^(deg a − deg b + 1) · a mod b (just a when deg a < deg b).
    let prem (a: BigInteger[]) (b: BigInteger[]) =
        let db = degree b

        if db < 0 then
            raise (DivideByZeroException "pseudo-remainder by the zero polynomial")

        let da = degree a

        if da < db then
            a
        else
            let r = Array.copy a
            let lb = b.[db]
            let mutable dr = da
            let mutable steps = 0

            while dr >= db do
                let lr = r.[dr]

                for i in 0 .. dr - 1 do
                    r.[i] <- r.[i] * lb

                let shift = dr - db

                for i in 0 .. db - 1 do
                    r.[i + shift] <- r.[i + shift] - lr * b.[i]

                r.[dr] <- BigInteger.Zero
                steps <- steps + 1
                dr <- dr - 1

                while dr >= 0 && r.[dr].IsZero do
                    dr <- dr - 1

            let rest = Array.sub r 0 (dr + 1)
            // the loop multiplies once per step; the definition asks for da − db + 1 factors
            let missing = da - db + 1 - steps

            if missing > 0 then
                scale (BigInteger.Pow(lb, missing)) rest
            else
                rest

    /// Exact quotient a / b in ℤ[x]; None when b does not divide a over ℤ.
    let tryExactDiv (a: BigInteger[]) (b: BigInteger[]) =
        let db = degree b

        if db < 0 then
            raise (DivideByZeroException "division by the zero polynomial")

        let da = degree a

        if da < 0 then
            Some [||]
        elif da < db then
            None
        else
            let r = Array.copy a
            let q = Array.zeroCreate (da - db + 1)
            let lb = b.[db]
            let mutable ok = true
            let mutable k = da - db

            while ok && k >= 0 do
                let top = r.[k + db]

                if not top.IsZero then
                    let mutable rem = BigInteger.Zero
                    let c = BigInteger.DivRem(top, lb, &rem)

                    if not rem.IsZero then
                        ok <- false
                    else
                        q.[k] <- c

                        for i in 0 .. db do
                            r.[k + i] <- r.[k + i] - c * b.[i]

                k <- k - 1

            if ok && r |> Array.forall (fun c -> c.IsZero) then
                Some(trim q)
            else
                None

    let exactDiv a b =
        match tryExactDiv a b with
        | Some q -> q
        | None -> invalidOp "integer polynomial division was not exact"

    /// Degree of gcd(a mod m, b mod m) over the field ℤ/m (m prime, not dividing either leading
    /// coefficient, so the reductions keep their degrees).
    let private modularGcdDegree (m: int64) (a: BigInteger[]) (b: BigInteger[]) =
        let reduce (p: BigInteger[]) =
            p |> Array.map (fun c -> let r = int64 (BigInteger.Remainder(c, BigInteger m)) in if r < 0L then r + m else r)

        let rec powMod (x: int64) (e: int64) =
            if e = 0L then 1L
            else
                let h = powMod (x * x % m) (e / 2L)
                if e % 2L = 1L then h * x % m else h

        let trimm (p: int64[]) =
            let mutable n = p.Length
            while n > 0 && p.[n - 1] = 0L do n <- n - 1
            Array.sub p 0 n

        let rec euclid (x: int64[]) (y: int64[]) =
            if y.Length = 0 then
                x.Length - 1
            else
                // x mod y by schoolbook division over the field
                let r = Array.copy x
                let inv = powMod y.[y.Length - 1] (m - 2L)
                let dy = y.Length - 1

                for k in r.Length - 1 .. -1 .. dy do
                    let f = r.[k] * inv % m

                    if f <> 0L then
                        for i in 0 .. dy do
                            r.[k - dy + i] <- ((r.[k - dy + i] - f * y.[i]) % m + m) % m

                euclid y (trimm (Array.sub r 0 dy))

        euclid (trimm (reduce a)) (trimm (reduce b))

    /// A certificate that a and b are coprime over ℚ: their gcd modulo a prime that divides
    /// neither leading coefficient has degree at least that of the true gcd, so a constant
    /// modular gcd proves the true gcd constant. False means "not proven", never "not coprime".
    let provablyCoprime (a: BigInteger[]) (b: BigInteger[]) =
        [ 2147483647L; 1000000007L; 998244353L ]
        |> List.tryFind (fun m -> not (BigInteger.Remainder(lc a, BigInteger m)).IsZero && not (BigInteger.Remainder(lc b, BigInteger m)).IsZero)
        |> Option.exists (fun m -> modularGcdDegree m a b = 0)

    /// Canonical gcd (primitive, positive leading coefficient) by the subresultant PRS, whose
    /// coefficients grow only linearly with the degree.
    let gcd (a: BigInteger[]) (b: BigInteger[]) =
        if isZero a then
            normalize b
        elif isZero b then
            normalize a
        else
            let a, b = if degree a >= degree b then a, b else b, a

            let rec loop (a: BigInteger[]) (b: BigInteger[]) (g: BigInteger) (h: BigInteger) =
                if degree b = 0 then
                    [| BigInteger.One |]
                else
                    let r = prem a b

                    if isZero r then
                        normalize b
                    else
                        let d = degree a - degree b
                        let b' = divScalar (g * BigInteger.Pow(h, d)) r
                        let g' = lc b

                        let h' =
                            if d = 0 then h else BigInteger.Pow(g', d) / BigInteger.Pow(h, d - 1)

                        loop b b' g' h'

            if degree b = 0 || provablyCoprime a b then
                [| BigInteger.One |]
            else
                loop (primitive a) (primitive b) BigInteger.One BigInteger.One

    /// Resultant by the subresultant algorithm (Cohen, Algorithm 3.3.7); exact over ℤ.
    let resultant (a: BigInteger[]) (b: BigInteger[]) =
        if isZero a || isZero b then
            BigInteger.Zero
        elif degree a = 0 then
            BigInteger.Pow(a.[0], degree b)
        elif degree b = 0 then
            BigInteger.Pow(b.[0], degree a)
        else
            // Res(b, a) = (−1)^(deg a · deg b) Res(a, b)
            let a, b, s =
                if degree a < degree b then
                    b, a, (if degree a % 2 = 1 && degree b % 2 = 1 then -1 else 1)
                else
                    a, b, 1

            let ca, cb = content a, content b
            let t = BigInteger.Pow(ca, degree b) * BigInteger.Pow(cb, degree a)

            let rec loop (a: BigInteger[]) (b: BigInteger[]) (g: BigInteger) (h: BigInteger) (s: int) =
                let d = degree a - degree b
                let s = if degree a % 2 = 1 && degree b % 2 = 1 then -s else s
                let r = prem a b
                let a' = b

                if isZero r then
                    BigInteger.Zero
                else
                    let b' = divScalar (g * BigInteger.Pow(h, d)) r
                    let g' = lc a'

                    let h' =
                        if d = 0 then h else BigInteger.Pow(g', d) / BigInteger.Pow(h, d - 1)

                    if degree b' > 0 then
                        loop a' b' g' h' s
                    else
                        // h^(1 − deg a') · lc(b')^deg a'
                        let da = degree a'
                        let num = BigInteger.Pow(lc b', da)

                        let hFinal =
                            if da = 0 then h' * num
                            else num / BigInteger.Pow(h', da - 1)

                        BigInteger(s) * hFinal

            t * loop (divScalar ca a) (divScalar cb b) BigInteger.One BigInteger.One s

    /// Square-free part, canonical (primitive, positive leading coefficient).
    let squareFreePart (a: BigInteger[]) =
        if degree a <= 0 then
            normalize a
        else
            let g = gcd a (derivative a)
            normalize (exactDiv (normalize a) g)

    /// Sign of a(n/d) for d > 0, from the homogeneous form Σ aᵢ nⁱ d^(deg−i): no fractions.
    let signAt (n: BigInteger) (d: BigInteger) (a: BigInteger[]) =
        if a.Length = 0 then
            0
        else
            let mutable acc = a.[a.Length - 1]
            let mutable dp = BigInteger.One

            for i in a.Length - 2 .. -1 .. 0 do
                dp <- dp * d
                acc <- acc * n + a.[i] * dp

            acc.Sign

    let signAtRational (r: Rational) (a: BigInteger[]) =
        signAt r.Numerator r.Denominator a

    /// Coefficients of a(x + 1) (Taylor shift by one), O(n²) additions.
    let shift1 (a: BigInteger[]) =
        let c = Array.copy a
        let n = c.Length - 1

        for i in 0 .. n - 1 do
            for j in n - 1 .. -1 .. i do
                c.[j] <- c.[j] + c.[j + 1]

        c

    /// 2^deg · a(x / 2): the left half of (0, 1) mapped back onto (0, 1).
    let halve (a: BigInteger[]) =
        let n = a.Length - 1
        a |> Array.mapi (fun i c -> c <<< (n - i))

    /// Divides out the largest power of two common to all coefficients (cheap, keeps signs).
    let stripTwos (a: BigInteger[]) =
        let mutable z = Int64.MaxValue

        for c in a do
            if not c.IsZero then
                z <- min z (BigInteger.TrailingZeroCount c |> int64)

        if z = Int64.MaxValue || z = 0L then a else a |> Array.map (fun c -> c >>> int z)

    /// a(2^k · x).
    let scaleVar (k: int) (a: BigInteger[]) = a |> Array.mapi (fun i c -> c <<< (k * i))

    /// Sign changes in a coefficient sequence, zeros skipped.
    let variations (a: BigInteger[]) =
        let mutable last = 0
        let mutable v = 0

        for c in a do
            let s = c.Sign

            if s <> 0 then
                if last <> 0 && s <> last then
                    v <- v + 1

                last <- s

        v

    /// Descartes' bound on the roots of a in (0, 1): sign changes of (x+1)^n · a(1/(x+1)).
    let descartesUnit (a: BigInteger[]) = variations (shift1 (Array.rev a))
