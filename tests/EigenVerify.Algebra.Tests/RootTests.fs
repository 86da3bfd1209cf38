module EigenVerify.Algebra.Tests.RootTests

open System
open System.Numerics
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Algebra.Tests.Oracles

/// A known real root: rational, or a + b√c with c square-free and b ≠ 0.
type Known =
    | Rat of Rational
    | Surd of a: Rational * b: Rational * c: int

let private squareFreeC = [| 2; 3; 5; 6; 7; 10; 11; 13; 14; 15 |]

/// Exact sign of (a + b√c) − u, decided by squaring: independent of the library's root code.
let signAgainst (u: Rational) (k: Known) =
    match k with
    | Rat x -> Rational.sign (x - u)
    | Surd(a, b, c) ->
        // compare t = b√c with d = u − a
        let d = u - a
        let t2 = b * b * r c

        match Rational.sign b, Rational.sign d with
        | 1, s when s <= 0 -> 1
        | -1, s when s >= 0 -> -1
        | 1, _ -> Rational.sign (t2 - d * d)
        | _ -> Rational.sign (d * d - t2)

let private polyOf (k: Known) =
    match k with
    | Rat x -> fromRoots [ x ]
    | Surd(a, b, c) -> quadraticWithRoots a b c

let private rootsOf (k: Known) =
    match k with
    | Rat x -> [ Rat x ]
    | Surd(a, b, c) -> [ Surd(a, b, c); Surd(a, -b, c) ]

/// floor(k · 10^d) through the integer square root oracle.
let floorScaled (d: int) (k: Known) =
    match k with
    | Rat x -> Rational.floor (x * Rational.pow d (r 10))
    | Surd(a, b, c) ->
        // (a + b√c)·L with L the common denominator: integer part A + B√c
        let l = a.Denominator * b.Denominator
        let big = Rational.ofBigInt l
        let aI, bI = (a * big).Numerator, (b * big).Numerator
        let top = floorScaledQuadratic aI bI (BigInteger c) d
        // floor(floor(y)/L) = floor(y/L) for integer L > 0
        BigInteger.Divide(top - (if top.Sign < 0 then l - BigInteger.One else BigInteger.Zero), l)

let private knownGen =
    let rat = Gen.map2 (fun n d -> Rat(q n d)) (Gen.choose (-40, 40)) (Gen.choose (1, 6))

    let surd =
        Gen.map4
            (fun a b d c -> Surd(q a d, q b d, squareFreeC.[c]))
            (Gen.choose (-20, 20))
            (Gen.choose (1, 9))
            (Gen.choose (1, 4))
            (Gen.choose (0, squareFreeC.Length - 1))

    Gen.oneof [ rat; surd ]

/// Lists of distinct known roots (conjugates count), shrinking by dropping factors.
let private knownListArb =
    let distinct (ks: Known list) =
        ks
        |> List.fold
            (fun acc k ->
                let all = rootsOf k
                let clash = acc |> List.collect rootsOf |> List.exists (fun x -> List.contains x all)
                if clash then acc else acc @ [ k ])
            []

    Arb.fromGenShrink (Gen.listOf knownGen |> Gen.map (List.truncate 6 >> distinct),
                       fun (l: Known list) -> seq { for i in 0 .. l.Length - 1 -> List.removeAt i l })

let private sortedRoots (ks: Known list) =
    ks
    |> List.collect rootsOf
    |> List.sortWith (fun x y ->
        // order two known roots by a decimal oracle fine enough for these small numbers
        compare (floorScaled 40 x) (floorScaled 40 y))

let private productOf (ks: Known list) = ks |> List.map polyOf |> List.fold (*) (Poly.ofInts [ 7 ])

[<Property(MaxTest = 60)>]
let ``isolating intervals hold the constructed roots one each, in order`` () =
    Prop.forAll knownListArb (fun ks ->
        let expected = sortedRoots ks
        let poly = productOf ks
        let ivs = RealRoots.isolate poly

        ivs.Length = expected.Length
        && List.forall2
            (fun (lo, hi) k ->
                match k with
                | Rat x -> lo = x && hi = x
                | Surd _ -> lo < hi && signAgainst lo k > 0 && signAgainst hi k < 0
                              && not (Poly.eval lo poly).IsZero && not (Poly.eval hi poly).IsZero)
            ivs
            expected
        && (ivs |> List.pairwise |> List.forall (fun ((_, h1), (l2, _)) -> h1 < l2)))

[<Property(MaxTest = 40)>]
let ``repeated factors do not change the isolated roots`` () =
    Prop.forAll knownListArb (fun ks ->
        let once = productOf ks
        let repeated = ks |> List.mapi (fun i k -> Poly.pow (i % 3 + 1) (polyOf k)) |> List.fold (*) Poly.one
        RealRoots.isolate repeated = RealRoots.isolate once)

[<Property(MaxTest = 60)>]
let ``Sturm counts match the constructed roots for every kind of end`` (a: int) (b: int) (ca: bool) (cb: bool) =
    Prop.forAll knownListArb (fun ks ->
        let lo, hi = q a 4, q b 4
        let poly = productOf ks
        let roots = ks |> List.collect rootsOf

        let inside k =
            let sl = signAgainst lo k
            let sh = signAgainst hi k
            (sl > 0 || (ca && sl = 0)) && (sh < 0 || (cb && sh = 0))

        let expected = roots |> List.filter inside |> List.length
        let below = roots |> List.filter (fun k -> let s = signAgainst hi k in s < 0 || (cb && s = 0)) |> List.length
        let above = roots |> List.filter (fun k -> let s = signAgainst lo k in s > 0 || (ca && s = 0)) |> List.length
        let e v c = Some { Value = v; Closed = c }

        RealRoots.count poly (e lo ca) (e hi cb) = expected
        && RealRoots.count poly None (e hi cb) = below
        && RealRoots.count poly (e lo ca) None = above
        && RealRoots.count poly None None = roots.Length)

[<Fact>]
let ``roots at interval ends count only when that end is closed`` () =
    let poly = fromRoots [ r 1; r 2; r 3 ]
    let e v c = Some { Value = r v; Closed = c }
    Assert.Equal(3, RealRoots.count poly (e 1 true) (e 3 true))
    Assert.Equal(1, RealRoots.count poly (e 1 false) (e 3 false))
    Assert.Equal(2, RealRoots.count poly (e 1 true) (e 3 false))
    Assert.Equal(2, RealRoots.count poly (e 1 false) (e 3 true))
    Assert.Equal(1, RealRoots.count poly (e 2 true) (e 2 true))
    Assert.Equal(0, RealRoots.count poly (e 2 true) (e 2 false))
    Assert.Equal(0, RealRoots.count poly (e 3 true) (e 1 true))

[<Fact>]
let ``neighbouring intervals do not share a bisection point`` () =
    // 3/2 + 9/2·√13 ≈ 17.725 and 10 + 3√7 ≈ 17.937 are first separated at 71/4
    let poly = productOf [ Surd(q 3 2, q 9 2, 13); Surd(r 10, r 3, 7) ]
    let ivs = RealRoots.isolate poly
    Assert.Equal(4, ivs.Length)
    Assert.All(List.pairwise ivs, fun ((_, h1), (l2, _)) -> Assert.True(h1 < l2, sprintf "%O is not below %O" h1 l2))

[<Fact>]
let ``the zero polynomial is refused and constants have no roots`` () =
    Assert.Throws<ArgumentException>(fun () -> RealRoots.isolate Poly.zero |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> RealRoots.count Poly.zero None None |> ignore) |> ignore
    Assert.Empty(RealRoots.isolate (Poly.ofInts [ 5 ]))
    Assert.Equal(0, RealRoots.count (Poly.ofInts [ -2 ]) None None)

[<Fact>]
let ``roots sixty orders of magnitude apart are isolated exactly`` () =
    let big = Rational.ofBigInt (BigInteger.Pow(BigInteger 10, 60))
    let poly = fromRoots [ big; -Rational.one / big; r 0 ] * quadraticWithRoots (r 0) (r 1) 2
    let ivs = RealRoots.isolate poly
    Assert.Equal(5, ivs.Length)
    Assert.Equal((-Rational.one / big, -Rational.one / big), ivs.[1])
    Assert.Equal((r 0, r 0), ivs.[2])
    Assert.Equal((big, big), ivs.[4])

[<Property(MaxTest = 40)>]
let ``refinement narrows an interval without losing its root`` (w: PositiveInt) =
    Prop.forAll knownListArb (fun ks ->
        let poly = productOf ks
        let width = q 1 (w.Get + 1000)

        List.zip (RealRoots.isolate poly) (sortedRoots ks)
        |> List.forall (fun (iv, k) ->
            let lo, hi = RealRoots.refine poly width iv
            hi - lo <= width && signAgainst lo k >= 0 && signAgainst hi k <= 0
            && (lo = hi || (signAgainst lo k > 0 && signAgainst hi k < 0))))

[<Fact>]
let ``the Sturm sequence of x² − 1 is x² − 1, x, 1`` () =
    Assert.Equal<Poly list>([ Poly.ofInts [ -1; 0; 1 ]; Poly.ofInts [ 0; 1 ]; Poly.ofInts [ 1 ] ],
                            RealRoots.sturmSequence (Poly.ofInts [ -1; 0; 1 ]))
    // −rem(x³ − 3x, 3x² − 3) = 2x, so the signs at 0 and ∞ show the three roots
    Assert.Equal<Poly list>([ Poly.ofInts [ 0; -3; 0; 1 ]; Poly.ofInts [ -1; 0; 1 ]; Poly.ofInts [ 0; 1 ]; Poly.ofInts [ 1 ] ],
                            RealRoots.sturmSequence (Poly.ofInts [ 0; -3; 0; 1 ]))

// ---- algebraic numbers ----

/// Lists of known roots that may repeat a factor, so products can have multiple roots.
let private surdsArb =
    Arb.fromGenShrink (
        Gen.listOf knownGen |> Gen.map (List.truncate 5),
        fun (l: Known list) -> seq { for i in 0 .. l.Length - 1 -> List.removeAt i l })

[<Property(MaxTest = 40)>]
let ``tryQuadratic recovers the a, b and c each root was built from`` () =
    Prop.forAll knownListArb (fun ks ->
        let poly = productOf ks
        let expected = sortedRoots ks

        let recovered =
            AlgebraicNumber.realRoots poly
            |> List.map (fun a ->
                match AlgebraicNumber.tryQuadratic a with
                | Some(x, b, _) when b.IsZero -> Some(Rat x)
                | Some(x, b, c) -> Some(Surd(x, b, int c))
                | None -> None)

        recovered = List.map Some expected)

/// The algebraic number for a known root, found from its own factor alone: a rational factor has
/// one root, and a + b√c is the larger root of its quadratic exactly when b > 0.
let private numberOf (k: Known) =
    let roots = AlgebraicNumber.realRoots (polyOf k)

    match k with
    | Surd(_, b, _) when b.Sign > 0 -> List.last roots
    | _ -> List.head roots

[<Property(MaxTest = 40)>]
let ``algebraic order agrees with forty-digit decimals`` () =
    Prop.forAll surdsArb (fun ks ->
        let roots = ks |> List.collect rootsOf
        let fromProduct = AlgebraicNumber.realRoots (productOf ks)

        let pairsAgree =
            List.allPairs roots roots
            |> List.forall (fun (x, y) ->
                let c = AlgebraicNumber.compare (numberOf x) (numberOf y)
                let dx, dy = floorScaled 40 x, floorScaled 40 y
                // distinct constructions of these sizes differ long before the 40th digit
                if x = y then c = 0 else dx <> dy && c = compare dx dy)

        // the same numbers found as roots of the whole product, with other defining polynomials
        pairsAgree
        && fromProduct = (roots |> List.distinct |> List.map numberOf |> List.sortWith AlgebraicNumber.compare))

[<Property(MaxTest = 60)>]
let ``comparison with a rational matches the squaring oracle`` (n: int) (d: PositiveInt) =
    Prop.forAll surdsArb (fun ks ->
        let u = q n d.Get
        let numbers = AlgebraicNumber.realRoots (productOf ks)
        let expected = ks |> List.collect rootsOf |> List.distinct |> List.sortBy (floorScaled 40)

        numbers.Length = expected.Length
        && List.forall2
            (fun a k ->
                // u at random, and the midpoint of the number's own interval, where only the sign
                // of the defining polynomial can decide
                let lo, hi = AlgebraicNumber.interval a
                let mid = Rational.midpoint lo hi

                [ u; mid ]
                |> List.forall (fun v ->
                    AlgebraicNumber.compare a (AlgebraicNumber.ofRational v) = signAgainst v k
                    && AlgebraicNumber.compare (AlgebraicNumber.ofRational v) a = -(signAgainst v k)
                    && AlgebraicNumber.signAt (Poly.ofCoeffs [ -v; Rational.one ]) a = signAgainst v k))
            numbers
            expected)

[<Property(MaxTest = 40)>]
let ``decimal digits are the truncated digits of the exact value`` () =
    Prop.forAll knownListArb (fun ks ->
        let poly = productOf ks

        List.zip (AlgebraicNumber.realRoots poly) (sortedRoots ks)
        |> List.forall (fun (a, k) ->
            // 30 significant digits: strip sign and point, compare with |value| scaled by 10^(29 − e)
            let text = AlgebraicNumber.toDecimal 30 a
            let negative = text.StartsWith "-"
            let mantissa, exponent =
                match text.TrimStart('-').Split 'e' with
                | [| m; e |] -> m, int e
                | [| m |] -> m, 0
                | _ -> failwith "bad format"

            let digits = mantissa.Replace(".", "").TrimStart('0')
            let pointShift = match mantissa.IndexOf '.' with -1 -> 0 | i -> mantissa.Length - i - 1
            // the text reads ±digits · 10^(exponent − pointShift); truncation toward zero means
            // digits = ⌊|value| · 10^(pointShift − exponent)⌋
            let absolute =
                match k with
                | Rat x -> Rat(Rational.abs x)
                | Surd(a, b, c) -> if negative then Surd(-a, -b, c) else k

            match k with
            | Rat x when x.IsZero -> text = "0"
            | _ ->
                digits.Length = 30
                && BigInteger.Parse digits = floorScaled (pointShift - exponent) absolute))

[<Fact>]
let ``square root of two prints thirty correct digits`` () =
    let sqrt2 = AlgebraicNumber.realRoots (Poly.ofInts [ -2; 0; 1 ]) |> List.last
    Assert.Equal("1.41421356237309504880168872420", AlgebraicNumber.toDecimal 30 sqrt2)
    Assert.Equal("-1.41421356237309504880168872420", AlgebraicNumber.toDecimal 30 (AlgebraicNumber.realRoots (Poly.ofInts [ -2; 0; 1 ]) |> List.head))
    // the double nearest √2 differs from it by under one unit in the last place (2.2e-16 relative)
    Assert.True(abs (AlgebraicNumber.toFloat sqrt2 - sqrt 2.0) <= 2.3e-16 * sqrt 2.0)

[<Fact>]
let ``numbers print in closed form or as a root of their polynomial`` () =
    let roots = AlgebraicNumber.realRoots (Poly.ofInts [ -400; 20; 1 ])
    Assert.Equal("-10-10*sqrt(5)", AlgebraicNumber.toString roots.[0])
    Assert.Equal("-10+10*sqrt(5)", AlgebraicNumber.toString roots.[1])
    Assert.Equal("-10 + 10\\sqrt{5}", AlgebraicNumber.toLatex roots.[1])
    Assert.Equal("38", AlgebraicNumber.toString (AlgebraicNumber.ofInt 38))
    let half = AlgebraicNumber.realRoots (Poly.ofInts [ -3; 0; 4 ]) |> List.last
    Assert.Equal("1/2*sqrt(3)", AlgebraicNumber.toString half)
    Assert.Equal("\\frac{1}{2}\\sqrt{3}", AlgebraicNumber.toLatex half)
    let cubic = AlgebraicNumber.realRoots (Poly.ofInts [ -2; 0; 0; 1 ]) |> List.exactlyOne
    Assert.StartsWith("root(x^3 - 2, [", AlgebraicNumber.toString cubic)
    Assert.Equal(None, AlgebraicNumber.tryQuadratic cubic)

[<Fact>]
let ``a root found through different polynomials is one number with one hash`` () =
    let cbrt2 = AlgebraicNumber.realRoots (Poly.ofInts [ -2; 0; 0; 1 ]) |> List.exactlyOne
    let both = AlgebraicNumber.realRoots (Poly.ofInts [ -2; 0; 0; 1 ] * Poly.ofInts [ -3; 0; 0; 1 ])
    Assert.Equal(2, both.Length)
    Assert.Equal(cbrt2, both.[0])
    Assert.Equal(cbrt2.GetHashCode(), both.[0].GetHashCode())
    Assert.NotEqual(cbrt2, both.[1])
    Assert.True(AlgebraicNumber.isRootOf (Poly.ofInts [ -2; 0; 0; 1 ]) both.[0])
    Assert.False(AlgebraicNumber.isRootOf (Poly.ofInts [ -2; 0; 0; 1 ]) both.[1])
    // ∛2 ≈ 1.2599 and ∛3 ≈ 1.4422: x² − 2 (√2 ≈ 1.4142) lies between them
    Assert.Equal(1, AlgebraicNumber.signAt (Poly.ofInts [ -2; 0; 1 ]) both.[1])
    Assert.Equal(-1, AlgebraicNumber.signAt (Poly.ofInts [ -2; 0; 1 ]) both.[0])

[<Fact>]
let ``quadratic factors are split off a quartic with two real quadratic pairs`` () =
    // (x² − 2)(x² − 3): each root's defining polynomial must be its own quadratic
    let roots = AlgebraicNumber.realRoots (Poly.ofInts [ -2; 0; 1 ] * Poly.ofInts [ -3; 0; 1 ])
    let polys = roots |> List.map AlgebraicNumber.definingPoly
    Assert.Equal<Poly list>([ Poly.ofInts [ -3; 0; 1 ]; Poly.ofInts [ -2; 0; 1 ]; Poly.ofInts [ -2; 0; 1 ]; Poly.ofInts [ -3; 0; 1 ] ], polys)

[<Property(MaxTest = 60)>]
let ``rationalBetween lands strictly between two numbers`` () =
    Prop.forAll knownListArb (fun ks ->
        let numbers = AlgebraicNumber.realRoots (productOf ks)

        numbers
        |> List.pairwise
        |> List.forall (fun (a, b) ->
            let m = AlgebraicNumber.ofRational (AlgebraicNumber.rationalBetween a b)
            AlgebraicNumber.compare a m < 0 && AlgebraicNumber.compare m b < 0))

[<Fact>]
let ``rationalBetween refuses numbers in the wrong order`` () =
    Assert.Throws<ArgumentException>(fun () -> AlgebraicNumber.rationalBetween (AlgebraicNumber.ofInt 2) (AlgebraicNumber.ofInt 1) |> ignore)
    |> ignore

[<Fact>]
let ``refineTo keeps the number and meets the width`` () =
    let sqrt2 = AlgebraicNumber.realRoots (Poly.ofInts [ -2; 0; 1 ]) |> List.last
    let w = q 1 1000000
    let narrow = AlgebraicNumber.refineTo w sqrt2
    let lo, hi = AlgebraicNumber.interval narrow
    Assert.True(hi - lo <= w)
    Assert.Equal(sqrt2, narrow)
    // lo < √2 < hi, checked by squaring
    Assert.True(lo * lo < r 2 && hi * hi > r 2)
