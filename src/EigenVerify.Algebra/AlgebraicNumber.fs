namespace EigenVerify.Algebra

open System
open System.Numerics
open System.Text

/// The data behind an algebraic number and the exact algorithms on it, kept apart from the public
/// type so that its equality and ordering members can use them.
module internal AlgebraicCore =

    /// A rational, or the only root in the open interval (lo, hi) of a primitive square-free
    /// integer polynomial of degree ≥ 2 with no rational roots (so neither end is a root and
    /// the root is irrational).
    type Num =
        | Q of Rational
        | A of p: BigInteger[] * lo: Rational * hi: Rational

    let narrowTo (w: Rational) p lo hi =
        let lo', hi' = Isolation.narrow p (Some w) (lo, hi)
        A(p, lo', hi')

    let halve n =
        match n with
        | Q _ -> n
        | A(p, lo, hi) -> narrowTo ((hi - lo) / Rational.OfInt 2) p lo hi

    let bounds n =
        match n with
        | Q x -> x, x
        | A(_, lo, hi) -> lo, hi

    /// compare x α for the root α of p in (lo, hi): p changes sign only at α.
    let compareRational (x: Rational) (p, lo: Rational, hi: Rational) =
        if x <= lo then -1
        elif x >= hi then 1
        // x on lo's side of the sign change means x < α
        elif IntPoly.signAtRational x p = IntPoly.signAtRational lo p then -1
        else 1

    let rec compare a b =
        match a, b with
        | Q x, Q y -> Operators.compare x y
        | Q x, A(p, lo, hi) -> compareRational x (p, lo, hi)
        | A(p, lo, hi), Q y -> -(compareRational y (p, lo, hi))
        | A(p1, lo1, hi1), A(p2, lo2, hi2) ->
            if hi1 <= lo2 then -1
            elif hi2 <= lo1 then 1
            else
                // a common root inside both intervals is both numbers; the gcd divides two
                // polynomials without rational roots, so it does not vanish at any rational end
                let l, h = max lo1 lo2, min hi1 hi2
                let g = IntPoly.gcd p1 p2

                if IntPoly.degree g >= 1 && IntPoly.signAtRational l g <> IntPoly.signAtRational h g then
                    0
                else
                    compare (halve a) (halve b)

    /// Sign of f at the number, f given by primitive integer coefficients.
    let signAt (f: BigInteger[]) n =
        match n with
        | _ when IntPoly.isZero f -> 0
        | Q x -> IntPoly.signAtRational x f
        | A(p, lo, hi) ->
            let g = IntPoly.gcd f p

            if IntPoly.degree g >= 1 && IntPoly.signAtRational lo g <> IntPoly.signAtRational hi g then
                0
            else
                // shrink the interval until f has no root in [lo, hi]; then f(α) has f(lo)'s sign
                let sf = IntPoly.squareFreePart f
                let seq = Isolation.sturm sf
                let mutable lo, hi = lo, hi

                let clear () =
                    IntPoly.signAtRational lo sf <> 0
                    && Isolation.variationsAt seq (Some lo) false = Isolation.variationsAt seq (Some hi) true

                while not (clear ()) do
                    match halve (A(p, lo, hi)) with
                    | A(_, l, h) ->
                        lo <- l
                        hi <- h
                    | Q _ -> ()

                IntPoly.signAtRational lo f

    /// The same number with an interval that excludes zero (irrational numbers are never zero).
    let awayFromZero n =
        let mutable n = n

        let straddles () =
            match n with
            | A(_, lo, hi) -> lo.Sign <= 0 && hi.Sign >= 0
            | Q _ -> false

        while straddles () do
            n <- halve n

        n

    /// ⌊log₁₀ x⌋ for a rational x > 0.
    let floorLog10 (x: Rational) =
        let digits (v: BigInteger) = v.ToString().Length
        let mutable e = digits x.Numerator - digits x.Denominator
        let pow10 k = Rational.Pow(Rational.OfInt 10, k)

        while pow10 e > x do
            e <- e - 1

        while pow10 (e + 1) <= x do
            e <- e + 1

        e

    /// Refines until f gives the same answer at both ends of the interval (f must be constant
    /// near an irrational number, so this terminates), then returns it.
    let settle (f: Rational -> 'T) n =
        let mutable n = n
        let mutable result = None

        while result.IsNone do
            let lo, hi = bounds n
            let a = f lo

            if lo = hi || a = f hi then result <- Some a else n <- halve n

        result.Value

    /// Writes n = f²·c with c square-free: trial division, then a perfect-square test of what is
    /// left. Exact for |n| < 10^18; above that a repeated prime factor beyond 10^6 may stay in c.
    let squareFreeSplit (n: BigInteger) =
        let mutable rest = n
        let mutable f = BigInteger.One
        let mutable c = BigInteger.One
        let mutable d = BigInteger 2
        let limit = BigInteger 1000000

        while d <= limit && d * d <= rest do
            let mutable k = 0

            while (rest % d).IsZero do
                rest <- rest / d
                k <- k + 1

            for _ in 1 .. k / 2 do
                f <- f * d

            if k % 2 = 1 then
                c <- c * d

            d <- if d = BigInteger 2 then BigInteger 3 else d + BigInteger 2

        // rest is 1, a prime, or (when rest > limit²) possibly a square or a product of primes
        let root =
            if rest <= BigInteger.One then
                rest
            else
                let mutable x = BigInteger.One <<< int ((rest.GetBitLength() + 1L) / 2L)
                let mutable y = (x + rest / x) >>> 1

                while y < x do
                    x <- y
                    y <- (x + rest / x) >>> 1

                x

        if rest > BigInteger.One && root * root = rest then
            f * root, c
        else
            f, c * rest

/// A real algebraic number: a rational, or the unique root of a square-free integer polynomial in
/// an isolating interval with rational ends. Equality and order are exact.
[<CustomEquality; CustomComparison>]
type AlgebraicNumber =
    private
        { N: AlgebraicCore.Num }

    member internal a.Num = a.N
    static member internal Of(n: AlgebraicCore.Num) = { N = n }

    override a.Equals(o: obj) =
        match o with
        | :? AlgebraicNumber as b -> AlgebraicCore.compare a.N b.N = 0
        | _ -> false

    /// Equal numbers have equal hashes: rationals hash as themselves, irrationals by their floor,
    /// which is canonical however the number was isolated.
    override a.GetHashCode() =
        match a.N with
        | AlgebraicCore.Q x -> x.GetHashCode()
        | n -> HashCode.Combine(1, AlgebraicCore.settle Rational.floor n)

    interface IEquatable<AlgebraicNumber> with
        member a.Equals(b: AlgebraicNumber) = AlgebraicCore.compare a.N b.N = 0

    interface IComparable<AlgebraicNumber> with
        member a.CompareTo(b: AlgebraicNumber) = AlgebraicCore.compare a.N b.N

    interface IComparable with
        member a.CompareTo(o: obj) =
            match o with
            | :? AlgebraicNumber as b -> AlgebraicCore.compare a.N b.N
            | _ -> invalidArg "o" "not an algebraic number"

/// Functions on real algebraic numbers.
[<RequireQualifiedAccess>]
module AlgebraicNumber =

    open AlgebraicCore

    let private wrap n = AlgebraicNumber.Of n

    let ofRational (x: Rational) = wrap (Q x)
    let ofInt (n: int) = ofRational (Rational.OfInt n)

    let tryRational (a: AlgebraicNumber) =
        match a.Num with
        | Q x -> Some x
        | A _ -> None

    /// x − q for a rational; otherwise the primitive integer defining polynomial.
    let definingPoly (a: AlgebraicNumber) =
        match a.Num with
        | Q x -> Poly.ofCoeffs [ -x; Rational.One ]
        | A(p, _, _) -> Poly.ofIntCoeffs p

    let interval (a: AlgebraicNumber) = bounds a.Num

    /// The same number with an isolating interval no wider than w.
    let refineTo (w: Rational) (a: AlgebraicNumber) =
        if w.Sign <= 0 then
            invalidArg "w" (sprintf "refinement width must be positive, got %O" w)

        match a.Num with
        | Q _ -> a
        | A(p, lo, hi) -> wrap (narrowTo w p lo hi)

    let compare (a: AlgebraicNumber) (b: AlgebraicNumber) = AlgebraicCore.compare a.Num b.Num

    /// s·a for a rational s > 0: the root of p(x/s) (times sⁿ, made integral) in (s·lo, s·hi).
    /// Scaling keeps the root irrational, simple and alone in the open interval, and the ends
    /// non-roots, so no isolation is repeated.
    let internal scale (s: Rational) (a: AlgebraicNumber) =
        if s.Sign <= 0 then
            invalidArg "s" (sprintf "the scale must be positive, got %O" s)

        match a.Num with
        | Q x -> ofRational (s * x)
        | A(p, lo, hi) ->
            let n = p.Length - 1
            let scaled = p |> Array.mapi (fun i c -> Rational.OfBigInt c * Rational.Pow(s, n - i))
            wrap (A(RationalArray.toIntPrimitive scaled, s * lo, s * hi))

    /// Exact sign of p(α): −1, 0 or 1.
    let signAt (p: Poly) (a: AlgebraicNumber) =
        // the integer form is p times a positive rational, so it has the same sign everywhere
        AlgebraicCore.signAt (Poly.toIntPrimitive p) a.Num

    let isRootOf (p: Poly) (a: AlgebraicNumber) = AlgebraicCore.signAt (Poly.toIntPrimitive p) a.Num = 0

    /// Tries to split the quadratic factor whose roots are the two irrational roots given, each
    /// refined so that their sum and product are pinned to within 1/lc², the spacing of the
    /// fractions a quadratic factor of p could have as coefficients.
    let private tryQuadraticFactor (p: BigInteger[]) (lo1, hi1) (lo2, hi2) =
        let l = Rational.OfBigInt(BigInteger.Abs(IntPoly.lc p))
        let spacing = Rational.One / (l * l)
        let products = [ lo1 * lo2; lo1 * hi2; hi1 * lo2; hi1 * hi2 ]
        let sLo, sHi = lo1 + lo2, hi1 + hi2
        let tLo, tHi = List.min products, List.max products

        if sHi - sLo >= spacing || tHi - tLo >= spacing then
            None
        else
            let s = Isolation.simplest sLo sHi
            let t = Isolation.simplest tLo tHi

            if s.Denominator > l.Numerator || t.Denominator > l.Numerator then
                None
            else
                let quad = Poly.toIntPrimitive (Poly.ofCoeffs [ t; -s; Rational.One ])

                IntPoly.tryExactDiv p quad |> Option.map (fun rest -> quad, rest)

    /// All distinct real roots of a nonzero polynomial, ascending. Rational roots come back as
    /// rationals and quadratic factors are split off, so an irrational root's defining polynomial
    /// is its minimal polynomial whenever that has degree 2.
    let realRoots (poly: Poly) =
        if Poly.isZero poly then
            invalidArg "poly" "the zero polynomial vanishes everywhere: it has no finite list of roots"

        let p = IntPoly.squareFreePart (Poly.toIntPrimitive poly)
        let intervals = Isolation.isolateSquareFree p
        let rationals = intervals |> List.filter (fun (lo, hi) -> lo = hi) |> List.map fst

        // divide out every rational root a/b as the integer factor b·x − a
        let rest =
            rationals
            |> List.fold
                (fun acc (x: Rational) -> IntPoly.exactDiv acc [| -x.Numerator; x.Denominator |])
                p
            |> IntPoly.normalize

        let irrational = intervals |> List.filter (fun (lo, hi) -> lo <> hi) |> Array.ofList
        let owner = Array.create irrational.Length rest

        if IntPoly.degree rest >= 3 && irrational.Length >= 2 then
            // refine once so that every pair's sum and product intervals are narrower than 1/lc²
            let l = Rational.OfBigInt(BigInteger.Abs(IntPoly.lc rest))
            let m = irrational |> Array.map (fun (lo, hi) -> Rational.max (Rational.abs lo) (Rational.abs hi)) |> Array.max
            let w = Rational.One / (l * l * (Rational.OfInt 2 * m + Rational.OfInt 2))

            for i in 0 .. irrational.Length - 1 do
                irrational.[i] <- Isolation.narrow rest (Some w) irrational.[i]

            let assigned = Array.create irrational.Length false
            let mutable remaining = rest

            for i in 0 .. irrational.Length - 1 do
                for j in i + 1 .. irrational.Length - 1 do
                    if not assigned.[i] && not assigned.[j] && IntPoly.degree remaining >= 3 then
                        match tryQuadraticFactor remaining irrational.[i] irrational.[j] with
                        | Some(quad, cofactor) ->
                            let quad = IntPoly.normalize quad
                            owner.[i] <- quad
                            owner.[j] <- quad
                            assigned.[i] <- true
                            assigned.[j] <- true
                            remaining <- IntPoly.normalize cofactor
                        | None -> ()

            for i in 0 .. irrational.Length - 1 do
                if not assigned.[i] then
                    owner.[i] <- remaining

        let irr =
            irrational |> Array.mapi (fun i (lo, hi) -> wrap (A(owner.[i], lo, hi))) |> List.ofArray

        (List.map ofRational rationals @ irr) |> List.sortWith compare

    /// A rational strictly between a < b, as simple as the separated intervals allow.
    let rationalBetween (a: AlgebraicNumber) (b: AlgebraicNumber) =
        if compare a b >= 0 then
            invalidArg "b" "rationalBetween needs a < b"

        let mutable x, y = a.Num, b.Num

        while snd (bounds x) >= fst (bounds y) do
            x <- halve x
            y <- halve y

        let u, v = snd (bounds x), fst (bounds y)
        let s = Isolation.simplest u v
        // a rational end is the number itself, so the simplest candidate may not be used there
        if AlgebraicCore.compare (Q s) a.Num > 0 && AlgebraicCore.compare (Q s) b.Num < 0 then s
        else Rational.midpoint u v

    /// The first `digits` significant decimal digits, truncated toward zero (never rounded up),
    /// each one certified by exact refinement. Plain notation for exponents −6 … digits−1,
    /// otherwise d.ddd…e±E.
    let toDecimal (digits: int) (a: AlgebraicNumber) =
        if digits < 1 then
            invalidArg "digits" (sprintf "need at least one significant digit, got %d" digits)

        if compare a (ofInt 0) = 0 then
            "0"
        else
            let n = awayFromZero a.Num
            let negative = snd (bounds n) <= Rational.Zero
            let absolute (x: Rational) = if negative then -x else x
            let e = settle (absolute >> floorLog10) n
            let scale = Rational.Pow(Rational.OfInt 10, digits - 1 - e)
            let mantissa = settle (fun x -> Rational.floor (absolute x * scale)) n
            let text = mantissa.ToString()
            let sign = if negative then "-" else ""

            if e >= 0 && e < digits then
                let intPart = text.Substring(0, e + 1)
                let frac = text.Substring(e + 1)
                sign + intPart + (if frac = "" then "" else "." + frac)
            elif e < 0 && e >= -6 then
                sign + "0." + String('0', -e - 1) + text
            else
                let frac = text.Substring 1
                sign + text.Substring(0, 1) + (if frac = "" then "" else "." + frac) + sprintf "e%+d" e

    /// The nearest double, from 20 certified significant digits (so at least 15 are correct): for
    /// display and numeric runs, never used in a decision.
    let toFloat (a: AlgebraicNumber) =
        match a.Num with
        | Q x when x.IsZero -> 0.0
        | _ -> Double.Parse(toDecimal 20 a, Globalization.CultureInfo.InvariantCulture)

    /// a + b·√c for a number of degree ≤ 2 (c square-free > 1); a rational q gives (q, 0, 1).
    let tryQuadratic (a: AlgebraicNumber) =
        match a.Num with
        | Q x -> Some(x, Rational.Zero, BigInteger.One)
        | A(p, lo, hi) when IntPoly.degree p = 2 ->
            // p = p2·x² + p1·x + p0, roots −p1/(2p2) ± √D / (2|p2|) with D = f²c
            let p0, p1, p2 = p.[0], p.[1], p.[2]
            let disc = p1 * p1 - BigInteger 4 * p2 * p0
            let f, c = squareFreeSplit disc
            let centre = Rational.Create(-p1, BigInteger 2 * p2)
            let b = Rational.Create(f, BigInteger 2 * BigInteger.Abs p2)
            let larger = compareRational centre (p, lo, hi) < 0 // centre < α
            Some(centre, (if larger then b else -b), c)
        | A _ -> None

    let private sqrtText (b: Rational) (c: BigInteger) =
        if b = Rational.One then sprintf "sqrt(%O)" c else sprintf "%O*sqrt(%O)" b c

    /// "38", "-10+10*sqrt(5)", "sqrt(2)/…" forms, or "root(x^3 - 2, [1, 2])" beyond degree 2.
    let toString (a: AlgebraicNumber) =
        match tryQuadratic a with
        | Some(x, b, _) when b.IsZero -> string x
        | Some(x, b, c) ->
            let absB = Rational.abs b
            let radical = sqrtText absB c

            if x.IsZero then (if b.Sign < 0 then "-" else "") + radical
            else sprintf "%O%s%s" x (if b.Sign < 0 then "-" else "+") radical
        | None ->
            let lo, hi = interval a
            sprintf "root(%s, [%O, %O])" (Poly.toString "x" (definingPoly a)) lo hi

    let private latexRational (x: Rational) =
        let n = BigInteger.Abs x.Numerator
        let body = if x.IsInteger then n.ToString() else sprintf "\\frac{%O}{%O}" n x.Denominator
        (if x.Sign < 0 then "-" else "") + body

    /// LaTeX: "-10 + 10\sqrt{5}", "\frac{1}{2}\sqrt{3}", or \operatorname{root} beyond degree 2.
    let toLatex (a: AlgebraicNumber) =
        match tryQuadratic a with
        | Some(x, b, _) when b.IsZero -> latexRational x
        | Some(x, b, c) ->
            let absB = Rational.abs b
            let coefficient = if absB = Rational.One then "" else latexRational absB
            let radical = sprintf "%s\\sqrt{%O}" coefficient c

            if x.IsZero then (if b.Sign < 0 then "-" else "") + radical
            else sprintf "%s %s %s" (latexRational x) (if b.Sign < 0 then "-" else "+") radical
        | None ->
            let lo, hi = interval a
            let poly = (Poly.toString "x" (definingPoly a)).Replace("*", " ")
            sprintf "\\operatorname{root}\\left(%s, [%s, %s]\\right)" poly (latexRational lo) (latexRational hi)
