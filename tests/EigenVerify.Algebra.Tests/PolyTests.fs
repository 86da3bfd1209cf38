module EigenVerify.Algebra.Tests.PolyTests

open System
open System.Numerics
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Algebra.Tests.Oracles

let private p (cs: int list) = Poly.ofInts cs

/// Distinct rational roots n/d drawn from FsCheck's shrinkable (int, positive int) pairs.
let private roots (raw: (int * PositiveInt) list) =
    raw |> List.map (fun (n, d) -> q (n % 50) (d.Get % 7 + 1)) |> List.distinct

[<Fact>]
let ``the zero polynomial has degree minus one and leading coefficient zero`` () =
    Assert.Equal(-1, Poly.degree Poly.zero)
    Assert.Equal(Rational.zero, Poly.leading Poly.zero)
    Assert.True(Poly.isZero (p [ 0; 0; 0 ]))
    Assert.Equal<Rational[]>([||], Poly.coeffs (p [ 0; 0 ]))
    Assert.Equal(0, Poly.degree (p [ 5 ]))

[<Fact>]
let ``trailing zeros do not make two equal polynomials differ`` () =
    Assert.Equal(p [ 1; 2 ], p [ 1; 2; 0; 0 ])
    Assert.NotEqual(p [ 1; 2 ], p [ 1; 2; 1 ])
    Assert.Equal((p [ 1; 2 ]).GetHashCode(), (p [ 1; 2; 0 ]).GetHashCode())

[<Fact>]
let ``polynomials print highest degree first in the requested variable`` () =
    Assert.Equal("z^2 - 3/2*z + 1", Poly.toString "z" (Poly.ofCoeffs [ r 1; q -3 2; r 1 ]))
    Assert.Equal("-x^3 + 2", Poly.toString "x" (p [ 2; 0; 0; -1 ]))
    Assert.Equal("0", Poly.toString "x" Poly.zero)

[<Property(MaxTest = 200)>]
let ``ring operations agree with evaluation at a point`` (a: int list) (b: int list) (t: int) =
    let x = q t 3
    let a, b = p a, p b
    Poly.eval x (a * b) = Poly.eval x a * Poly.eval x b
    && Poly.eval x (a + b) = Poly.eval x a + Poly.eval x b
    && Poly.eval x (a - b) = Poly.eval x a - Poly.eval x b
    && Poly.eval x (Poly.pow 3 a) = Rational.pow 3 (Poly.eval x a)

[<Property(MaxTest = 200)>]
let ``division leaves a remainder of lower degree that reconstructs the dividend`` (a: int list) (b: int list) =
    let a, b = p a, p b

    not (Poly.isZero b)
    ==> lazy (
        let quo, rem = Poly.divRem a b
        quo * b + rem = a && Poly.degree rem < Poly.degree b)

[<Fact>]
let ``division by the zero polynomial is refused`` () =
    Assert.Throws<DivideByZeroException>(fun () -> Poly.divRem (p [ 1; 1 ]) Poly.zero |> ignore)
    |> ignore

[<Fact>]
let ``exact division rejects a divisor that leaves a remainder`` () =
    Assert.Equal(p [ 1; 1 ], Poly.exactDiv (p [ -1; 0; 1 ]) (p [ -1; 1 ]))
    Assert.Throws<ArgumentException>(fun () -> Poly.exactDiv (p [ 1; 0; 1 ]) (p [ -1; 1 ]) |> ignore)
    |> ignore

[<Property(MaxTest = 200)>]
let ``the pseudo-remainder is the remainder of the scaled dividend`` (a: int list) (b: int list) =
    let a, b = p a, p b

    not (Poly.isZero b)
    ==> lazy (
        let e = max 0 (Poly.degree a - Poly.degree b + 1)
        let scaled = Poly.scale (Rational.pow e (Poly.leading b)) a
        Poly.pseudoRem a b = snd (Poly.divRem scaled b))

[<Property(MaxTest = 100)>]
let ``composition evaluates as function composition`` (a: int list) (b: int list) (t: int) =
    let x = q t 5
    Poly.eval x (Poly.compose (p a) (p b)) = Poly.eval (Poly.eval x (p b)) (p a)

[<Property(MaxTest = 200)>]
let ``content times primitive part gives the polynomial back`` (cs: (int * PositiveInt) list) =
    let poly = Poly.ofCoeffs (cs |> List.map (fun (n, d) -> q n d.Get))
    let prim = Poly.primitive poly
    let ints = Poly.coeffs prim |> Array.map Rational.numerator

    Poly.scale (Poly.content poly) prim = poly
    && (Poly.isZero poly
        || (Poly.coeffs prim |> Array.forall (fun c -> c.IsInteger)
            && Poly.leading prim > Rational.zero
            && (ints |> Array.fold (fun g c -> BigInteger.GreatestCommonDivisor(g, c)) BigInteger.Zero).IsOne))

[<Fact>]
let ``the derivative follows the power rule`` () =
    Assert.Equal(p [ 2; 6; 12 ], Poly.derivative (p [ 7; 2; 3; 4 ]))
    Assert.Equal(Poly.zero, Poly.derivative (p [ 7 ]))

[<Property(MaxTest = 100)>]
let ``the gcd of a·c and b·c is c made monic when a and b are coprime`` (ra: (int * PositiveInt) list) (rb: (int * PositiveInt) list) (c: int list) =
    // a and b have disjoint root sets, hence are coprime by construction
    let rootsA = roots ra
    let rootsB = roots rb |> List.filter (fun x -> not (List.contains x rootsA))
    let a = fromRoots rootsA * quadraticWithRoots (r 0) (r 1) 2
    let b = fromRoots rootsB * quadraticWithRoots (r 0) (r 1) 3
    let c = p c

    not (Poly.isZero c)
    ==> lazy (Poly.gcd (a * c) (b * c) = Poly.monic c)

[<Fact>]
let ``the gcd of two zero polynomials is zero and of p and zero is p made monic`` () =
    Assert.Equal(Poly.zero, Poly.gcd Poly.zero Poly.zero)
    Assert.Equal(p [ -1; 0; 1 ], Poly.gcd (p [ 3; 0; -3 ]) Poly.zero)
    Assert.Equal(Poly.one, Poly.gcd (p [ 1; 1 ]) (p [ 2; 1 ]))

[<Fact>]
let ``gcd copes with coefficients of sixty digits`` () =
    let big = Rational.ofBigInt (BigInteger.Pow(BigInteger 10, 60))
    let c = Poly.ofCoeffs [ big; Rational.one ]
    let a = Poly.ofCoeffs [ Rational.one; big; big * big ]
    let b = Poly.ofCoeffs [ -big - Rational.one; Rational.one ]
    Assert.Equal(c, Poly.gcd (a * c) (b * c))

[<Property(MaxTest = 100)>]
let ``the resultant is the Sylvester determinant`` (a: int list) (b: int list) =
    let a, b = p (List.truncate 7 a), p (List.truncate 7 b)
    Poly.resultant a b = sylvesterResultant a b

[<Property(MaxTest = 100)>]
let ``the resultant of split polynomials is the product of root differences`` (ra: (int * PositiveInt) list) (rb: (int * PositiveInt) list) =
    let ra, rb = roots ra |> List.truncate 6, roots rb |> List.truncate 6
    let expected = [ for x in ra do for y in rb -> x - y ] |> List.fold (*) Rational.one
    Poly.resultant (fromRoots ra) (fromRoots rb) = expected

[<Property(MaxTest = 100)>]
let ``the resultant is multiplicative in its first argument`` (a: int list) (b: int list) (c: int list) =
    let a, b, c = p (List.truncate 6 a), p (List.truncate 6 b), p (List.truncate 6 c)
    Poly.resultant (a * b) c = Poly.resultant a c * Poly.resultant b c

[<Property(MaxTest = 100)>]
let ``the resultant vanishes exactly when the polynomials share a factor`` (a: int list) (b: int list) (c: int list) =
    let a, b, c = p (List.truncate 5 a), p (List.truncate 5 b), p (List.truncate 4 c)
    let shared = Poly.degree (Poly.gcd a b) >= 1

    (Poly.degree c < 1 || (Poly.resultant (a * c) (b * c)).IsZero)
    && (Poly.isZero a || Poly.isZero b || (Poly.resultant a b).IsZero = shared)

[<Fact>]
let ``the resultant of constants follows the Sylvester convention`` () =
    Assert.Equal(r 8, Poly.resultant (p [ 2 ]) (p [ 1; 0; 0; 1 ]))
    Assert.Equal(r -27, Poly.resultant (p [ 1; 0; 0; 1 ]) (p [ -3 ]))
    Assert.Equal(r 1, Poly.resultant (p [ 5 ]) (p [ 7 ]))
    Assert.Equal(r 0, Poly.resultant Poly.zero (p [ 7 ]))

[<Property(MaxTest = 100)>]
let ``the discriminant of quadratics and depressed cubics matches the closed forms`` (a: int) (b: int) (c: int) =
    // ax² + bx + c: b² − 4ac; x³ + bx + c: −4b³ − 27c²
    (a = 0 || Poly.discriminant (p [ c; b; a ]) = r (b * b) - r 4 * r a * r c)
    && Poly.discriminant (p [ c; b; 0; 1 ]) = r -4 * Rational.pow 3 (r b) - r 27 * r c * r c

[<Property(MaxTest = 100)>]
let ``square-free decomposition recovers the multiplicities of a product of powers`` (raw: (int * PositiveInt) list) =
    // root i of the list gets multiplicity (i mod 3) + 1
    let rs = roots raw |> List.truncate 6
    let mult i = i % 3 + 1
    let poly = rs |> List.mapi (fun i x -> Poly.pow (mult i) (fromRoots [ x ])) |> List.fold (*) (p [ 3 ])
    let expected =
        rs
        |> List.mapi (fun i x -> mult i, x)
        |> List.groupBy fst
        |> List.map (fun (m, xs) -> fromRoots (List.map snd xs), m)
        |> List.sortBy snd

    let actual = Poly.squareFree poly |> List.sortBy snd
    actual = expected && Poly.squareFreePart poly = fromRoots rs

[<Fact>]
let ``square-free decomposition keeps an irreducible quadratic factor whole`` () =
    let quad = quadraticWithRoots (r 1) (r 1) 2
    let poly = Poly.pow 2 quad * p [ -1; 1 ]
    Assert.Equal<(Poly * int) list>([ p [ -1; 1 ], 1; quad, 2 ], Poly.squareFree poly)
    Assert.Equal<(Poly * int) list>([], Poly.squareFree (p [ 4 ]))

[<Fact>]
let ``polynomials that coincide modulo the primes of the fast coprimality check are still coprime`` () =
    // x and x + m·m'·m'' agree modulo each prime the gcd tries first; only the exact fallback
    // can tell that they share no factor
    let m = BigInteger 2147483647L * BigInteger 1000000007L * BigInteger 998244353L
    let shifted = Poly.ofCoeffs [ Rational.ofBigInt m; Rational.one ]
    Assert.Equal(Poly.one, Poly.gcd (p [ 0; 1 ]) shifted)
    Assert.Equal(shifted, Poly.gcd (shifted * p [ 0; 1 ]) (shifted * p [ 1; 1 ]))
    Assert.Equal(Rational.ofBigInt m, Poly.resultant (p [ 0; 1 ]) shifted)
