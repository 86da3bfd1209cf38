module EigenVerify.Algebra.Tests.UnitDiskTests

open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Algebra.Tests.Oracles

/// A polynomial from rational text coefficients, lowest degree first.
let private poly (cs: string list) = cs |> List.map Rational.parse |> Poly.ofCoeffs

let private mulAll (ps: Poly list) = ps |> List.fold (*) Poly.one

/// A factor with known roots: a real root x, or the conjugate pair with real part a and
/// squared modulus m (m > a², so the pair is not real). Its roots' largest modulus is compared
/// with 1 exactly through |x| or m.
type Factor =
    | RealRoot of Rational
    | ComplexPair of re: Rational * modulusSquared: Rational

let private factorPoly (fac: Factor) =
    match fac with
    | RealRoot x -> Poly.ofCoeffs [ -x; Rational.one ]
    | ComplexPair(a, m) -> Poly.ofCoeffs [ m; Rational.ofInt -2 * a; Rational.one ]

/// 1 for "inside", 0 for "on the circle", −1 for "outside".
let private position (fac: Factor) =
    match fac with
    | RealRoot x -> -(compare (Rational.abs x) Rational.one)
    | ComplexPair(_, m) -> -(compare m Rational.one)

/// Roots near and exactly on the unit circle are drawn often, since that is where tests bite.
let private factorGen =
    let value = Gen.elements [ q 1 1; q -1 1; q 1 2; q -1 2; q 3 2; q -3 2; q 0 1; q 9 10; q 11 10; q 1 3; q -5 4 ]
    let modulus = Gen.elements [ q 1 1; q 1 4; q 4 5; q 5 4; q 2 1; q 9 10; q 1 1 ]
    Gen.oneof
        [ value |> Gen.map RealRoot
          gen {
              let! m = modulus
              let! k = Gen.choose (0, 4)
              // real part in {0, ±1/4, ±1/2}; a² < m keeps the pair non-real
              let a = q (k - 2) 4
              return if a * a < m then ComplexPair(a, m) else RealRoot(q 1 2)
          } ]

let private factorsArb = Gen.listOfLength 4 factorGen |> Gen.map (List.truncate 4) |> Arb.fromGen

[<Property(MaxTest = 300)>]
let ``the closed-disk test agrees with polynomials built from known roots`` () =
    Prop.forAll factorsArb (fun factors ->
        let p = factors |> List.map factorPoly |> mulAll
        let expected = factors |> List.forall (fun fac -> position fac >= 0)
        UnitDisk.isStable p = expected)

[<Property(MaxTest = 300)>]
let ``Schur stability agrees with polynomials built from roots strictly inside`` () =
    Prop.forAll factorsArb (fun factors ->
        let p = factors |> List.map factorPoly |> mulAll
        let expected = factors |> List.forall (fun fac -> position fac > 0)
        UnitDisk.schurStable Field.rational (Poly.coeffs p) = expected)

[<Fact>]
let ``a reciprocal pair of real roots is rejected although one root is inside`` () =
    // (z − 2)(z − 1/2): both roots are also roots of the reversal, so they land in gcd(p, p*)
    Assert.False(UnitDisk.isStable (mulAll [ poly [ "-2"; "1" ]; poly [ "-1/2"; "1" ] ]))

[<Fact>]
let ``roots on the circle count as inside, with any multiplicity`` () =
    let z2plus1 = poly [ "1"; "0"; "1" ]
    Assert.True(UnitDisk.isStable (mulAll [ z2plus1; poly [ "-1/2"; "1" ] ]))
    Assert.True(UnitDisk.isStable (mulAll [ poly [ "-1"; "1" ]; poly [ "-1"; "1" ]; poly [ "1"; "1" ] ]))
    Assert.True(UnitDisk.isStable (mulAll [ z2plus1; z2plus1 ]))
    // e^{±iπ/3}: z² − z + 1
    Assert.True(UnitDisk.isStable (poly [ "1"; "-1"; "1" ]))
    // z² − 3z + 1 has reciprocal real roots (3 ± √5)/2, one outside
    Assert.False(UnitDisk.isStable (poly [ "1"; "-3"; "1" ]))

[<Fact>]
let ``a root at zero is inside and does not confuse the reversal`` () =
    Assert.True(UnitDisk.isStable (poly [ "0"; "0"; "-1/2"; "1" ]))
    Assert.False(UnitDisk.isStable (poly [ "0"; "-3"; "1" ]))

[<Fact>]
let ``constants have no roots and the zero polynomial is refused`` () =
    Assert.True(UnitDisk.isStable (poly [ "7" ]))
    Assert.Throws<System.ArgumentException>(fun () -> UnitDisk.isStable Poly.zero |> ignore) |> ignore

let private sqrt2 = AlgebraicNumber.realRoots (poly [ "-2"; "0"; "1" ]) |> List.last

let private fieldSqrt2 (q: Poly) = NumberField.create q (fun a -> AlgebraicNumber.signAt a sqrt2)

[<Fact>]
let ``over Q(sqrt 2) the test sees roots on the circle and reciprocal roots exactly`` () =
    let k = fieldSqrt2 (poly [ "-2"; "0"; "1" ])
    let t = Poly.x
    let one = k.One
    // z² − √2 z + 1 = (z − e^{iπ/4})(z − e^{−iπ/4})
    Assert.True(UnitDisk.closedDiskStable k [| one; k.Neg t; one |])
    // z² − (3/2)√2 z + 1: discriminant 9/2 − 4 > 0, real reciprocal roots
    Assert.False(UnitDisk.closedDiskStable k [| one; k.Neg(Poly.scale (q 3 2) t); one |])
    // z − (√2 − 1): inside; z − √2: outside
    Assert.True(UnitDisk.closedDiskStable k [| one - t; one |])
    Assert.False(UnitDisk.closedDiskStable k [| k.Neg t; one |])

[<Fact>]
let ``the public test at an algebraic point agrees with the number field`` () =
    // p(z, x) = z² − x z + 1 at x = √2 (roots on the circle) and at x = 3√2/2 (reciprocal reals)
    let family = [| Poly.one; -Poly.x; Poly.one |]
    Assert.True(UnitDisk.isStableAt family sqrt2)
    let threeHalvesSqrt2 = AlgebraicNumber.realRoots (poly [ "-9/2"; "0"; "1" ]) |> List.last
    Assert.False(UnitDisk.isStableAt family threeHalvesSqrt2)
    // at a rational point the test evaluates the coefficients: x = 2 gives (z − 1)², on the circle
    Assert.True(UnitDisk.isStableAt family (AlgebraicNumber.ofInt 2))
    Assert.False(UnitDisk.isStableAt family (AlgebraicNumber.ofInt 3))

[<Fact>]
let ``a reducible defining polynomial is split when an element shares a factor with it`` () =
    // q = (t² − 2)(t − 3) vanishes at √2; t − 3 is not zero there but is not invertible mod q
    let k = fieldSqrt2 (mulAll [ poly [ "-2"; "0"; "1" ]; poly [ "-3"; "1" ] ])
    let a = poly [ "-3"; "1" ]
    Assert.False(k.IsZero a)
    let product = k.Mul a (k.Inv a)
    Assert.True(k.IsZero(k.Sub product k.One))
    // and t² − 2 is zero in this field, t − √2's sign is that of 0
    Assert.True(k.IsZero(poly [ "-2"; "0"; "1" ]))
    Assert.Equal(-1, k.Sign(poly [ "-3"; "2" ]))

/// How many roots the factor puts strictly outside the closed disk, with multiplicity.
let private rootsOutside (fac: Factor) =
    match fac with
    | RealRoot _ when position fac < 0 -> 1
    | ComplexPair _ when position fac < 0 -> 2
    | _ -> 0

[<Property(MaxTest = 300)>]
let ``the Schur-Cohn count of roots outside agrees with polynomials built from known roots`` () =
    Prop.forAll factorsArb (fun factors ->
        let p = factors |> List.map factorPoly |> mulAll
        let n = Poly.degree p
        // the count is refused exactly when p and its reversal share a root: one on the circle, or
        // a pair w, 1/w (the generator draws such pairs, e.g. moduli² 4/5 and 5/4 on the axis)
        let shared = n >= 1 && Poly.degree (Poly.gcd p (Poly.ofCoeffs (List.rev (List.ofArray (Poly.coeffs p))))) >= 1
        n < 1
        || (match UnitDisk.outsideCount (Poly.coeffs p) with
            | Some count -> not shared && count = List.sumBy rootsOutside factors
            | None -> shared))

[<Fact>]
let ``the Schur-Cohn count sees roots outside that the leading coefficient hides`` () =
    // 4(z − 3)(z + 1/2)(z² + z/2 + 4): the pair has modulus 2, so three roots lie outside
    let p = mulAll [ poly [ "-3"; "1" ]; poly [ "1/2"; "1" ]; poly [ "4"; "1/2"; "1" ]; poly [ "4" ] ]
    Assert.Equal(Some 3, UnitDisk.outsideCount (Poly.coeffs p))
    // z − 1 has its root on the circle: no count
    Assert.Equal(None, UnitDisk.outsideCount (Poly.coeffs (poly [ "-1"; "1" ])))
