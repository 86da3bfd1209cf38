module EigenVerify.Algebra.Tests.MPolyTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Algebra.Tests.Oracles

let private x, y, z = MPoly.var "x", MPoly.var "y", MPoly.var "z"
let private c (n: int) = MPoly.constant (r n)

/// A polynomial in x, y, z from FsCheck's shrinkable (coefficient, exponents) tuples, kept small
/// so that products and resultants stay quick.
let private build (raw: (int * int * int * int) list) =
    raw
    |> List.truncate 5
    |> List.map (fun (k, a, b, d) ->
        MPoly.constant (r (k % 20)) * MPoly.pow (abs a % 3) x * MPoly.pow (abs b % 3) y * MPoly.pow (abs d % 2) z)
    |> List.fold (+) MPoly.zero

let private at (vx: int) (vy: int) (vz: int) =
    Map.ofList [ "x", q vx 2; "y", q vy 3; "z", r vz ]

[<Property(MaxTest = 100)>]
let ``ring operations agree with evaluation`` a b (vx: int) (vy: int) (vz: int) =
    let a, b, env = build a, build b, at vx vy vz
    let e = MPoly.eval env
    e (a * b) = e a * e b
    && e (a + b) = e a + e b
    && e (a - b) = e a - e b
    && e (MPoly.pow 3 a) = Rational.pow 3 (e a)
    && e (MPoly.scale (q 2 7) a) = q 2 7 * e a

[<Fact>]
let ``polynomials print in lexicographic order with the leading term first`` () =
    let alpha, beta, lambda = MPoly.var "alpha", MPoly.var "beta", MPoly.var "lambda"
    let p = MPoly.constant (q 1 3) - c 2 * beta + alpha * MPoly.pow 2 lambda
    Assert.Equal("alpha*lambda^2 - 2*beta + 1/3", MPoly.toString p)
    Assert.Equal("0", MPoly.toString MPoly.zero)
    Assert.Equal("-x^2*y + x", MPoly.toString (x - x * x * y))
    // lex order: any power of x outranks every power of y alone
    Assert.Equal("x + y^3 - 1", MPoly.toString (MPoly.pow 3 y + x - c 1))
    Assert.Equal("x*z + y^2*z^5", MPoly.toString (MPoly.pow 2 y * MPoly.pow 5 z + x * z))
    Assert.Equal<string list>([ "alpha"; "beta"; "lambda" ], MPoly.variables p)
    Assert.Equal(3, MPoly.totalDegree p)
    Assert.Equal(2, MPoly.degreeIn "lambda" p)
    Assert.Equal(-1, MPoly.degreeIn "lambda" MPoly.zero)
    Assert.Equal(0, MPoly.degreeIn "gamma" p)

[<Fact>]
let ``terms list exponents and coefficients`` () =
    let p = c 3 * x * MPoly.pow 2 y - c 1
    Assert.Equal<(Map<string, int> * Rational) list>([ Map.ofList [ "x", 1; "y", 2 ], r 3; Map.empty, r -1 ], MPoly.terms p)

[<Property(MaxTest = 100)>]
let ``coefficients in a variable rebuild the polynomial and are free of it`` a =
    let p = build a
    let cs = MPoly.coeffsIn "y" p
    MPoly.ofCoeffsIn "y" (List.ofArray cs) = p && cs |> Array.forall (fun k -> MPoly.degreeIn "y" k <= 0)

[<Property(MaxTest = 100)>]
let ``substituting a polynomial for a variable evaluates like nested evaluation`` a b (vx: int) (vy: int) (vz: int) =
    let p, s, env = build a, build b, at vx vy vz
    let inner = MPoly.eval env s
    MPoly.eval env (MPoly.substitutePoly "x" s p) = MPoly.eval (Map.add "x" inner env) p

[<Property(MaxTest = 100)>]
let ``partial substitution then evaluation is evaluation`` a (vx: int) (vy: int) (vz: int) =
    let p, env = build a, at vx vy vz
    let partial = MPoly.substitute (Map.ofList [ "y", env.["y"] ]) p
    MPoly.degreeIn "y" partial <= 0 && MPoly.eval env partial = MPoly.eval env p

[<Fact>]
let ``evaluation names the variable that has no value`` () =
    let ex = Assert.Throws<ArgumentException>(fun () -> MPoly.eval (Map.ofList [ "x", r 1 ]) (x + y) |> ignore)
    Assert.Contains("'y'", ex.Message)

[<Property(MaxTest = 100)>]
let ``univariate polynomials convert both ways`` (cs: int list) =
    let p = Poly.ofInts cs
    MPoly.tryToPoly "t" (MPoly.ofPoly "t" p) = Some p
    && (Poly.degree p < 1 || MPoly.tryToPoly "s" (MPoly.ofPoly "t" p) = None)

[<Property(MaxTest = 100)>]
let ``exact division undoes multiplication`` a b =
    let a, b = build a, build b
    not (MPoly.isZero b) ==> lazy (MPoly.exactDiv (a * b) b = Some a)

[<Fact>]
let ``exact division reports a divisor that leaves a remainder`` () =
    Assert.Equal(None, MPoly.exactDiv (x * x + c 1) (x + c 1))
    Assert.Equal(None, MPoly.exactDiv (x * y + c 1) x)
    Assert.Equal(Some(x - y), MPoly.exactDiv (x * x - y * y) (x + y))
    Assert.Throws<DivideByZeroException>(fun () -> MPoly.exactDiv x MPoly.zero |> ignore) |> ignore

[<Property(MaxTest = 60)>]
let ``the resultant of univariate polynomials is the univariate resultant`` (a: int list) (b: int list) =
    let a, b = Poly.ofInts (List.truncate 6 a), Poly.ofInts (List.truncate 6 b)
    MPoly.resultant "t" (MPoly.ofPoly "t" a) (MPoly.ofPoly "t" b) = MPoly.constant (Poly.resultant a b)

[<Property(MaxTest = 60)>]
let ``the resultant specialises like the Sylvester determinant`` a b (vy: int) (vz: int) =
    // where the leading coefficients in x do not vanish, Res_x commutes with setting y and z
    // degrees 4 and 3 in x with non-constant leading coefficients (build stays below x³)
    let p = (y + c 2) * MPoly.pow 4 x + build a
    let s = (z * y + c 1) * MPoly.pow 3 x + build b
    let env = Map.ofList [ "y", q vy 3; "z", r vz ]
    let special m = MPoly.substitute env m |> MPoly.tryToPoly "x" |> Option.get
    let keeps m = Poly.degree (special m) = MPoly.degreeIn "x" m

    (keeps p && keeps s)
    ==> lazy (MPoly.eval env (MPoly.resultant "x" p s) = sylvesterResultant (special p) (special s))

[<Fact>]
let ``eliminating x from x − y and q(x) gives q(y)`` () =
    let qx = c 2 * MPoly.pow 3 x - x * z + c 5
    let qy = c 2 * MPoly.pow 3 y - y * z + c 5
    Assert.Equal(qy, MPoly.resultant "x" (x - y) qx)
    // two circles meet where the eliminant vanishes: x² + y² − 1 and (x − 1)² + y² − 1 give 4y² − 3
    let r1 = MPoly.resultant "x" (x * x + y * y - c 1) ((x - c 1) * (x - c 1) + y * y - c 1)
    Assert.Equal(c 4 * y * y - c 3, r1)

[<Property(MaxTest = 60)>]
let ``the gcd of a·c and b·c is c, normalised, when a and b are coprime`` (f: int) (g: int) cRaw =
    // x + f·y and x + g·y + 1 are distinct irreducibles, hence coprime
    let a = x + c f * y
    let b = x + c g * y + c 1
    let cc = build cRaw
    let gcdv = MPoly.gcd (a * cc) (b * cc)

    not (MPoly.isZero cc)
    ==> lazy (
        // the normalised associate: integral, coprime coefficients, positive leading term
        let _, lead = List.head (MPoly.terms gcdv)

        MPoly.exactDiv cc gcdv |> Option.exists (fun u -> MPoly.totalDegree u = 0)
        && lead.Sign > 0
        && MPoly.terms gcdv |> List.forall (fun (_, k) -> k.IsInteger))

/// The gcd's defining properties, decided without calling the gcd: g is the normalised associate
/// (integer coefficients with gcd 1, positive leading term), divides p and s exactly, and leaves
/// cofactors without a common factor. A common factor of positive degree involves some variable w
/// in which both cofactors have positive degree, and then Res_w of the cofactors vanishes; so
/// non-vanishing resultants in every such w prove the cofactors coprime.
let private isGcdByResultants (p: MPoly) (s: MPoly) (g: MPoly) =
    let normalised =
        MPoly.terms g |> List.forall (fun (_, k) -> k.IsInteger)
        && snd (List.head (MPoly.terms g)) > Rational.zero
        && MPoly.primitive g = g

    match MPoly.exactDiv p g, MPoly.exactDiv s g with
    | Some a, Some b ->
        normalised
        && MPoly.variables a
           |> List.filter (fun w -> List.contains w (MPoly.variables b))
           |> List.forall (fun w -> not (MPoly.isZero (MPoly.resultant w a b)))
    | _ -> false

[<Property(MaxTest = 100)>]
let ``the gcd divides both inputs and leaves cofactors with non-vanishing resultants`` a b cRaw =
    // the added powers lie above build's degrees, so no factor is zero
    let p, s, cc = build a + MPoly.pow 3 x, build b + MPoly.pow 3 y, build cRaw + z * z
    let pc, sc = p * cc, s * cc
    isGcdByResultants pc sc (MPoly.gcd pc sc)

[<Fact>]
let ``the gcd agrees with the resultant criterion on hand-made common factors`` () =
    // (x y − z)² (x + 1) and (x y − z)(y z + 2): the common factor is x y − z, hand-checked
    let h = x * y - z
    let p, s = MPoly.pow 2 h * (x + c 1), h * (y * z + c 2)
    Assert.Equal(h, MPoly.gcd p s)
    Assert.True(isGcdByResultants p s (MPoly.gcd p s))
    // a monomial factor on one side only and integer contents: gcd(6x²y(x + z), 4x(x + z)²) = x(x + z)
    let p2, s2 = c 6 * x * x * y * (x + z), c 4 * x * MPoly.pow 2 (x + z)
    Assert.Equal(x * (x + z), MPoly.gcd p2 s2)
    // a wrong answer fails the criterion: 1 leaves cofactors sharing h; h² does not divide s
    Assert.False(isGcdByResultants p s MPoly.one)
    Assert.False(isGcdByResultants p s (MPoly.pow 2 h))

[<Fact>]
let ``gcd of known bivariate polynomials`` () =
    // (x − y)(x + y) and (x − y)² share x − y
    Assert.Equal(x - y, MPoly.gcd (x * x - y * y) (MPoly.pow 2 (x - y)))
    Assert.Equal(MPoly.one, MPoly.gcd (x + y) (x - y))
    Assert.Equal(MPoly.zero, MPoly.gcd MPoly.zero MPoly.zero)
    // content in x: gcd(2xy + 2y, 4y²) = y (rational constants are units)
    Assert.Equal(y, MPoly.gcd (c 2 * x * y + c 2 * y) (c 4 * y * y))
    Assert.Equal(c 2 * x + c 1, MPoly.gcd (MPoly.constant (q -1 3) * (c 2 * x + c 1)) MPoly.zero)

[<Fact>]
let ``monomials and constants build and read back`` () =
    Assert.Equal(c 3 * x * MPoly.pow 2 y, MPoly.monomial (r 3) (Map.ofList [ "x", 1; "y", 2 ]))
    // a zero exponent is no variable; a zero coefficient is the zero polynomial
    Assert.Equal(c 5 * z, MPoly.monomial (r 5) (Map.ofList [ "x", 0; "z", 1 ]))
    Assert.Equal(MPoly.zero, MPoly.monomial Rational.zero (Map.ofList [ "x", 2 ]))
    Assert.Equal(c -4, MPoly.ofInt -4)
    Assert.Equal(Some(q 2 3), MPoly.tryConstant (MPoly.constant (q 2 3)))
    Assert.Equal(Some Rational.zero, MPoly.tryConstant MPoly.zero)
    Assert.Equal(None, MPoly.tryConstant (x + c 1))
    Assert.Throws<ArgumentException>(fun () -> MPoly.monomial (r 1) (Map.ofList [ "x", -1 ]) |> ignore) |> ignore

[<Fact>]
let ``graded lexicographic order puts higher total degree first, then lex`` () =
    // y^3 has total degree 3 and leads x*y (2), x (1) and the constant
    let p = x + MPoly.pow 3 y + x * y - c 1
    Assert.Equal<(Map<string, int> * Rational) list>(
        [ Map.ofList [ "y", 3 ], r 1; Map.ofList [ "x", 1; "y", 1 ], r 1; Map.ofList [ "x", 1 ], r 1; Map.empty, r -1 ],
        MPoly.termsGrlex p
    )
    Assert.Equal((Map.ofList [ "y", 3 ], r 1), MPoly.leadingGrlex p)
    // equal degree: lex decides, x before y
    Assert.Equal((Map.ofList [ "x", 2 ], r -2), MPoly.leadingGrlex (y * y - c 2 * x * x))
    Assert.Equal(y * y * MPoly.constant (q -1 2) + x * x, MPoly.monic (y * y - c 2 * x * x))
    Assert.Equal(MPoly.zero, MPoly.monic MPoly.zero)

[<Property(MaxTest = 100)>]
let ``the graded lexicographic leading term of a product is the product of the leading terms`` a b =
    let a, b = build a, build b

    let leadingOfProduct () =
        let (ma, ca), (mb, cb) = MPoly.leadingGrlex a, MPoly.leadingGrlex b
        let m, _ = MPoly.leadingGrlex (MPoly.monomial Rational.one ma * MPoly.monomial Rational.one mb)
        MPoly.leadingGrlex (a * b) = (m, ca * cb)

    MPoly.isZero a || MPoly.isZero b || leadingOfProduct ()

[<Fact>]
let ``derivatives follow the power rule`` () =
    // d/dx (3x²y + x − 7) = 6xy + 1; d/dz of it is 0
    let p = c 3 * x * x * y + x - c 7
    Assert.Equal(c 6 * x * y + c 1, MPoly.derivative "x" p)
    Assert.Equal(c 3 * x * x, MPoly.derivative "y" p)
    Assert.Equal(MPoly.zero, MPoly.derivative "z" p)

[<Property(MaxTest = 100)>]
let ``the derivative obeys the product rule`` a b =
    let a, b = build a, build b
    MPoly.derivative "x" (a * b) = MPoly.derivative "x" a * b + a * MPoly.derivative "x" b

[<Fact>]
let ``monomial and rational contents divide out`` () =
    // 6x²y + 4xy³ = 2xy(3x + 2y²)
    let p = c 6 * x * x * y + c 4 * x * MPoly.pow 3 y
    Assert.Equal<Map<string, int>>(Map.ofList [ "x", 1; "y", 1 ], MPoly.monomialContent p)
    Assert.Equal(c 6 * x + c 4 * y * y, MPoly.divideByMonomial (Map.ofList [ "x", 1; "y", 1 ]) p)
    Assert.Equal<Map<string, int>>(Map.empty, MPoly.monomialContent (p + c 1))
    Assert.Equal<Map<string, int>>(Map.empty, MPoly.monomialContent MPoly.zero)
    Assert.Equal<Map<string, int>>(Map.ofList [ "x", 1 ], MPoly.monomialGcd (Map.ofList [ "x", 2; "y", 1 ]) (Map.ofList [ "x", 1; "z", 3 ]))
    Assert.Throws<ArgumentException>(fun () -> MPoly.divideByMonomial (Map.ofList [ "z", 1 ]) p |> ignore) |> ignore
    Assert.Equal(r 2, MPoly.rationalContent p)
    Assert.Equal(q 1 6, MPoly.rationalContent (MPoly.constant (q -1 2) * x + MPoly.constant (q 2 3)))
    Assert.Equal(Rational.one, MPoly.rationalContent MPoly.zero)
    // the content in x of (y + 1)·x² + (y² − 1) is y + 1
    Assert.Equal(y + c 1, MPoly.contentIn "x" ((y + c 1) * x * x + y * y - c 1))

[<Property(MaxTest = 100)>]
let ``substituting by a function agrees with substituting polynomials one at a time`` a b (vx: int) (vy: int) (vz: int) =
    // q free of z, so that replacing z after y does not reach into q
    let p, q = build a, MPoly.substitute (Map.ofList [ "z", r 3 ]) (build b)
    let byFunction = MPoly.substituteWith (fun v -> if v = "y" then Some q elif v = "z" then Some(c 2) else None) p
    let oneByOne = p |> MPoly.substitutePoly "y" q |> MPoly.substitutePoly "z" (c 2)
    byFunction = oneByOne
    && MPoly.eval (at vx vy vz) byFunction = MPoly.eval (at vx vy vz) oneByOne
