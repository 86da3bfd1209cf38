namespace EigenVerify.Algebra

open System
open System.Numerics

/// One end of a counting interval: the value and whether the value itself belongs to it.
type Endpoint = { Value: Rational; Closed: bool }

/// Root isolation on primitive square-free integer polynomials, shared by RealRoots and
/// AlgebraicNumber. Every decision is an exact integer sign.
module internal Isolation =

    let two = Rational.OfInt 2

    /// The simplest rational (smallest denominator, then smallest numerator) in [lo, hi].
    let rec simplest (lo: Rational) (hi: Rational) =
        if lo.Sign <= 0 && hi.Sign >= 0 then
            Rational.Zero
        elif hi.Sign < 0 then
            -(simplest (-hi) (-lo))
        else
            let fl = Rational.floor lo
            let flr = Rational.OfBigInt fl

            if flr = lo then lo
            elif Rational.OfBigInt(fl + BigInteger.One) <= hi then Rational.OfBigInt(fl + BigInteger.One)
            else flr + Rational.One / simplest (Rational.One / (hi - flr)) (Rational.One / (lo - flr))

    let sign (p: BigInteger[]) (x: Rational) = IntPoly.signAtRational x p

    /// Sign of p just right of lo (p square-free, so a root at lo is simple and p' decides).
    let signRightOf (p: BigInteger[]) (dp: BigInteger[]) (lo: Rational) =
        match sign p lo with
        | 0 -> sign dp lo
        | s -> s

    /// Bisects an interval holding exactly one root of the square-free p (strictly inside) until it
    /// is no wider than `width` and neither end is a root; a rational root met on the way is
    /// returned as the degenerate interval (r, r).
    let narrow (p: BigInteger[]) (width: Rational option) (lo: Rational, hi: Rational) =
        if lo = hi then
            lo, hi
        else
            let dp = IntPoly.derivative p
            let sLeft = signRightOf p dp lo
            let mutable lo = lo
            let mutable hi = hi
            let mutable found = None

            let wideEnough () =
                match width with
                | Some w -> hi - lo > w
                | None -> false

            while found.IsNone && (wideEnough () || sign p lo = 0 || sign p hi = 0) do
                let m = Rational.midpoint lo hi

                match sign p m with
                | 0 -> found <- Some m
                | s when s = sLeft -> lo <- m
                | _ -> hi <- m

            match found with
            | Some m -> m, m
            | None -> lo, hi

    /// Finds the rational root inside an isolating interval when there is one. A rational root
    /// a/b of a primitive p has b | lc(p), and two such fractions lie at least 1/lc² apart, so
    /// once the interval is narrower than that, its simplest rational is the only candidate.
    let exposeRational (p: BigInteger[]) (lo: Rational, hi: Rational) =
        if lo = hi then
            lo, hi
        else
            let l = BigInteger.Abs(IntPoly.lc p)
            let limit = Rational.One / Rational.OfBigInt(l * l)
            let dp = IntPoly.derivative p
            let sLeft = signRightOf p dp lo
            let mutable lo = lo
            let mutable hi = hi
            let mutable result = None

            // the sign at a point either finds the root or tells which side of it the root is
            let split (x: Rational) =
                match sign p x with
                | 0 -> result <- Some(x, x)
                | sx when sx = sLeft -> lo <- x
                | _ -> hi <- x

            // the simplest rational costs a continued-fraction expansion, so it is tried only after
            // 0, 1, 2, 4, 8, … bisections and once the interval is narrow enough to decide
            let mutable steps = 0
            let mutable nextCheck = 0

            while result.IsNone do
                let narrowEnough = hi - lo < limit

                if steps = nextCheck || narrowEnough then
                    let s = simplest lo hi

                    if s <> lo && s <> hi then
                        split s

                    nextCheck <- max 1 (2 * steps)

                    if result.IsNone && narrowEnough then
                        // s was the only candidate and it is not a root
                        result <- Some(lo, hi)

                if result.IsNone then
                    split (Rational.midpoint lo hi)
                    steps <- steps + 1

            result.Value

    /// 2^k with every root of p strictly inside (−2^k, 2^k), from Fujiwara's bound
    /// |z| ≤ 2·max |a(n−i)/a(n)|^(1/i) with each ratio rounded up to a power of two through bit
    /// lengths. Much tighter than Cauchy's bound when coefficients are large, and every bisection
    /// level saved costs n bits of coefficient growth less.
    let rootBoundExponent (p: BigInteger[]) =
        let n = IntPoly.degree p
        let bits (c: BigInteger) = BigInteger.Abs(c).GetBitLength()
        let lead = bits p.[n]
        let mutable e = 0L

        for i in 1 .. n do
            let c = p.[n - i]

            if not c.IsZero then
                // |c / a(n)| < 2^(bits c − bits a(n) + 1), so its i-th root is below 2^ceil(…/i)
                let num = bits c - lead + 1L

                if num > 0L then
                    e <- max e ((num + int64 i - 1L) / int64 i)

        int e + 1

    /// Roots of p in (0, 2^k), by Descartes' rule of signs with bisection (Vincent–Collins–Akritas).
    /// Dyadic roots met at a bisection point come back as (r, r), others as open intervals.
    let positiveRoots (p: BigInteger[]) (k: int) =
        let found = ResizeArray<Rational * Rational>()
        let scale = Rational.Pow(two, k)
        // node: polynomial whose (0, 1) is (c/2^j, (c+1)/2^j) · 2^k
        let stack = Collections.Generic.Stack<BigInteger[] * BigInteger * int>()
        stack.Push(IntPoly.scaleVar k p, BigInteger.Zero, 0)

        let at (c: BigInteger) (j: int) =
            Rational.Create(c, BigInteger.Pow(BigInteger 2, j)) * scale

        while stack.Count > 0 do
            let q, c, j = stack.Pop()

            match IntPoly.descartesUnit q with
            | 0 -> ()
            | 1 -> found.Add(at c j, at (c + BigInteger.One) j)
            | _ ->
                let left = IntPoly.halve q |> IntPoly.stripTwos
                let right = IntPoly.shift1 left
                let c2 = c * BigInteger 2

                let right, left =
                    if right.[0].IsZero then
                        // the midpoint is a root: record it, then divide it out of both halves
                        found.Add(at (c2 + BigInteger.One) (j + 1), at (c2 + BigInteger.One) (j + 1))
                        Array.sub right 1 (right.Length - 1), IntPoly.exactDiv left [| BigInteger.MinusOne; BigInteger.One |]
                    else
                        right, left

                stack.Push(right, c2 + BigInteger.One, j + 1)
                stack.Push(left, c2, j + 1)

        found

    /// Sorted isolating intervals of a primitive square-free integer polynomial: (r, r) for every
    /// rational root, open intervals with non-root rational ends for the others; each interval
    /// ends strictly below the next one's start.
    let isolateSquareFree (p: BigInteger[]) =
        if IntPoly.degree p < 1 then
            []
        else
            let zeroRoot = p.[0].IsZero
            let body = if zeroRoot then Array.sub p 1 (p.Length - 1) else p

            if IntPoly.degree body < 1 then
                [ (Rational.Zero, Rational.Zero) ]
            else
                let k = rootBoundExponent body
                let pos = positiveRoots body k |> List.ofSeq

                let neg =
                    positiveRoots (IntPoly.reflect body) k
                    |> Seq.map (fun (lo, hi) -> -hi, -lo)
                    |> List.ofSeq

                let zero = if zeroRoot then [ (Rational.Zero, Rational.Zero) ] else []

                let sorted =
                    (neg @ zero @ pos)
                    |> List.map (fun iv -> iv |> narrow p None |> exposeRational p)
                    |> List.sortBy fst

                // neighbouring open intervals may share a bisection point; shrink the left one until
                // it ends strictly below the next, so the intervals are disjoint even when closed
                let rec separate acc rest =
                    match rest with
                    | (lo1, hi1) :: ((lo2, _) :: _ as tail) when hi1 >= lo2 && lo1 <> hi1 ->
                        separate acc ((narrow p (Some((hi1 - lo1) / two)) (lo1, hi1)) :: tail)
                    | iv :: tail -> separate (iv :: acc) tail
                    | [] -> List.rev acc

                separate [] sorted

    /// Sturm sequence p, p', −rem(p, p'), …, each term divided by a positive integer so that
    /// coefficients stay integral and small without changing any sign.
    let sturm (p: BigInteger[]) =
        if IntPoly.isZero p then
            []
        else
            let rec go (a: BigInteger[]) (b: BigInteger[]) acc =
                if IntPoly.isZero b then
                    List.rev acc
                else
                    // prem = lc(b)^e · rem with e = deg a − deg b + 1; −rem has the sign of
                    // −prem · sign(lc b)^e
                    let e = IntPoly.degree a - IntPoly.degree b + 1
                    let r = IntPoly.prem a b
                    let flip = (IntPoly.lc b).Sign < 0 && e % 2 = 1
                    let next = IntPoly.primitive (if flip then r else IntPoly.neg r)
                    go b next (b :: acc)

            let p = IntPoly.primitive p
            go p (IntPoly.primitive (IntPoly.derivative p)) [ p ]

    let signVariations (signs: int seq) =
        let mutable last = 0
        let mutable v = 0

        for s in signs do
            if s <> 0 then
                if last <> 0 && s <> last then
                    v <- v + 1

                last <- s

        v

    /// Sign variations of the sequence at x; None stands for −∞ or +∞ as `atPlus` says.
    let variationsAt (seq: BigInteger[] list) (x: Rational option) (atPlus: bool) =
        seq
        |> List.map (fun s ->
            match x with
            | Some v -> sign s v
            | None ->
                let l = (IntPoly.lc s).Sign
                if atPlus || IntPoly.degree s % 2 = 0 then l else -l)
        |> signVariations

    /// Distinct roots of the square-free p between the ends, each end open or closed.
    let countSquareFree (p: BigInteger[]) (lower: Endpoint option) (upper: Endpoint option) =
        let isRoot (e: Endpoint) = sign p e.Value = 0

        match lower, upper with
        | Some a, Some b when a.Value > b.Value -> 0
        | Some a, Some b when a.Value = b.Value -> if a.Closed && b.Closed && isRoot a then 1 else 0
        | _ ->
            let s = sturm p
            // for square-free p, V(a) − V(b) counts the roots in (a, b]
            let inner =
                variationsAt s (lower |> Option.map _.Value) false
                - variationsAt s (upper |> Option.map _.Value) true

            let addLower =
                match lower with
                | Some a when a.Closed && isRoot a -> 1
                | _ -> 0

            let dropUpper =
                match upper with
                | Some b when not b.Closed && isRoot b -> 1
                | _ -> 0

            inner + addLower - dropUpper

/// Exact real-root isolation and counting for univariate rational polynomials.
[<RequireQualifiedAccess>]
module RealRoots =

    let private squareFreeInts (p: Poly) =
        if Poly.isZero p then
            invalidArg "p" "the zero polynomial vanishes everywhere: its roots cannot be isolated or counted"

        IntPoly.squareFreePart (Poly.toIntPrimitive p)

    /// Disjoint isolating intervals (lo, hi), sorted, one per distinct real root, each ending
    /// strictly before the next begins; lo = hi exactly when the root is that rational, otherwise
    /// the root is strictly inside and lo, hi are not roots. Works on any nonzero p through its
    /// square-free part.
    let isolate (p: Poly) = Isolation.isolateSquareFree (squareFreeInts p)

    /// Narrows an isolating interval of p to width ≤ w (a rational root met on the way comes back
    /// as (r, r)).
    let refine (p: Poly) (w: Rational) (lo: Rational, hi: Rational) =
        if w.Sign <= 0 then
            invalidArg "w" (sprintf "refinement width must be positive, got %O" w)

        if lo > hi then
            invalidArg "interval" (sprintf "interval (%O, %O) has its ends in the wrong order" lo hi)

        Isolation.narrow (squareFreeInts p) (Some w) (lo, hi)

    /// Number of distinct real roots x with lower < x < upper (≤ for closed ends); None = infinite.
    let count (p: Poly) (lower: Endpoint option) (upper: Endpoint option) =
        Isolation.countSquareFree (squareFreeInts p) lower upper

    /// p, p', −rem(p, p'), … up to positive factors (integral coefficients); [] for zero.
    let sturmSequence (p: Poly) =
        Isolation.sturm (Poly.toIntPrimitive p) |> List.map Poly.ofIntCoeffs
