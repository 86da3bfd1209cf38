module EigenVerify.Filtering.Tests.ExactRegionTests

open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.Helpers

let private alpha, beta, rho = q 1 10, q 9 10, q 1 20
let private one = c Rational.one
/// λ(1 + ρλ)
let private s = lam * (one + Poly.scale rho lam)

[<Fact>]
let ``the critical polynomial vanishes where heavy-ball roots reach the circle`` () =
    let d = UnitDisk.criticalPolynomial (heavyBallWith beta (Poly.scale alpha lam))
    // λ = 0 (root 1) and λ = 38 (root −1), by hand from p(1) = αλ and p(−1) = 2(1 + β) − αλ
    Assert.Equal(Rational.zero, Poly.eval Rational.zero d)
    Assert.Equal(Rational.zero, Poly.eval (r "38") d)
    Assert.NotEqual(Rational.zero, Poly.eval (r "10") d)

[<Fact>]
let ``the paper's optimizers get their exact regions at alpha 1/10, beta 9/10, rho 1/20`` () =
    let gd = regionOf [| Poly.scale alpha lam - one; one |]
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "20")) ]; Points = [] } gd)
    let hb = regionOf (heavyBallWith beta (Poly.scale alpha lam))
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "38")) ]; Points = [] } hb)
    // Nesterov: z² − (1+β)(1−αλ) z + β(1−αλ)
    let damp = one - Poly.scale alpha lam
    let nesterov = regionOf [| Poly.scale beta damp; Poly.scale (-(Rational.one + beta)) damp; one |]
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "95/7")) ]; Points = [] } nesterov)
    // USAM: −10 ± 10√5 are the roots of λ² + 20λ − 400 (αλ(1+ρλ) = 2)
    let usam = regionOf [| Poly.scale alpha s - one; one |]
    let quad = poly [ "-400"; "20"; "1" ]
    let lo = rootIn quad (r "-33") (r "-32")
    let hi = rootIn quad (r "12") (r "13")
    Assert.Equal("-10-10*sqrt(5)", AlgebraicNumber.toString lo)
    Assert.Equal("-10+10*sqrt(5)", AlgebraicNumber.toString hi)
    Assert.True(Region.equal { Intervals = [ interval lo (alg (r "-20")); interval (alg (r "0")) hi ]; Points = [] } usam)

[<Fact>]
let ``two-step USAM has the isolated point -1/rho and an upper end near 9.31142463753536`` () =
    let s2 = s * (one + Poly.scale rho lam)
    let reg = regionOf [| Poly.scale alpha s2 - one; one |]
    // αλ(1+ρλ)² = 2  ⇔  λ³ + 40λ² + 400λ − 8000 = 0 (times 4000)
    let upper = rootIn (poly [ "-8000"; "400"; "40"; "1" ]) (r "9") (r "10")
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) upper ]; Points = [ alg (r "-20") ] } reg)
    // 15 significant digits of the decimal value given in the issue
    Assert.Equal(9.31142463753536, AlgebraicNumber.toFloat upper, 14)
    Assert.True(Region.contains (r "-20") reg)
    Assert.False(Region.contains (r "-201/10") reg)
    Assert.False(Region.contains (r "-199/10") reg)

[<Fact>]
let ``a degree-3 polynomial with a constant factor keeps the region of the moving root`` () =
    // (z − 1 + λ/10)(z² + 1/4): roots ±i/2 never move, so R = {|1 − λ/10| ≤ 1} = [0, 20]
    let p = zMul [| Poly.scale alpha lam - one; one |] [| c (q 1 4); Poly.zero; one |]
    Assert.Equal(4, p.Length)
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "20")) ]; Points = [] } (regionOf p))

[<Fact>]
let ``a degree-3 polynomial can have an isolated point`` () =
    // (z − 1 + λ(1+λ)²/2)(z² − 1/4): first root in [−1, 1] ⇔ 0 ≤ λ(1+λ)² ≤ 4 ⇔ λ ∈ [0, 1] ∪ {−1}
    let cube = mulAll [ lam; one + lam; one + lam ]
    let p = zMul [| Poly.scale (q 1 2) cube - one; one |] [| c (q -1 4); Poly.zero; one |]
    let reg = regionOf p
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "1")) ]; Points = [ alg (r "-1") ] } reg)

[<Fact>]
let ``a degree-4 product of two heavy-ball factors gives the intersection of their regions`` () =
    // β = 1/2: factor 1 with α = 1/10 gives [0, 30], factor 2 with α = 1/5 gives [0, 15]
    let p = zMul (heavyBallWith (q 1 2) (Poly.scale (q 1 10) lam)) (heavyBallWith (q 1 2) (Poly.scale (q 1 5) lam))
    Assert.Equal(5, p.Length)
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "15")) ]; Points = [] } (regionOf p))

/// Jury's conditions for z² + a₁z + a₀ (closed disk): |a₀| ≤ 1 and |a₁| ≤ 1 + a₀. A criterion
/// independent of the Schur–Cohn / gcd route used by the library.
let private juryClosed (a1: Rational) (a0: Rational) = Rational.abs a0 <= Rational.one && Rational.abs a1 <= Rational.one + a0

[<Property(MaxTest = 200)>]
let ``membership in a degree-4 region agrees with Jury's conditions on each factor`` () =
    let gen =
        gen {
            let! a1 = Gen.choose (1, 30)
            let! a2 = Gen.choose (1, 30)
            let! b1 = Gen.choose (0, 19)
            let! b2 = Gen.choose (0, 19)
            let! x = Gen.choose (-400, 1200)
            return q a1 10, q a2 10, q b1 20, q b2 20, q x 20
        }
    Prop.forAll (Arb.fromGen gen) (fun (al1, al2, be1, be2, x) ->
        let f1 = heavyBallWith be1 (Poly.scale al1 lam)
        let f2 = heavyBallWith be2 (Poly.scale al2 lam)
        let reg = regionOf (zMul f1 f2)
        let factorOk (f: Poly[]) = juryClosed (Poly.eval x f.[1]) (Poly.eval x f.[0])
        Region.contains x reg = (factorOk f1 && factorOk f2))

[<Fact>]
let ``a factor shared with the reversal for every lambda is handled through its discriminant`` () =
    // (z² + 1)(z − 1 + λ): z² + 1 divides p and p* for all λ (D ≡ 0); its roots ±i never move,
    // so R = {|1 − λ| ≤ 1} = [0, 2]
    let p = zMul [| c (q 1 1); Poly.zero; one |] [| lam - one; one |]
    Assert.Equal(Poly.zero, UnitDisk.criticalPolynomial p)
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "2")) ]; Points = [] } (regionOf p))
    // (z² − λz + 1)(z − 1/2): the self-reciprocal factor has its roots on the circle iff |λ| ≤ 2
    let p2 = zMul [| one; -lam; one |] [| c (q -1 2); one |]
    Assert.True(Region.equal { Intervals = [ interval (alg (r "-2")) (alg (r "2")) ]; Points = [] } (regionOf p2))
    // (z − 1)² · heavy ball: a double root fixed at 1 keeps heavy ball's [0, 38]
    let zMinusOne = [| c (q -1 1); one |]
    let p3 = zMul (zMul zMinusOne zMinusOne) (heavyBallWith beta (Poly.scale alpha lam))
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "38")) ]; Points = [] } (regionOf p3))

[<Fact>]
let ``a characteristic polynomial that is not monic in z is refused`` () =
    match ExactRegion.ofCoefficients [| one; Poly.scale (q 2 1) one |] with
    | Ok _ -> failwith "expected an error"
    | Error e -> Assert.Contains("monic", e)

[<Fact>]
let ``irrational isolated points survive the shortcuts at critical values`` () =
    // z − 1 − (λ² − 2)²: the root is 1 + (λ² − 2)² ≥ 1, on the circle only at λ = ±√2. Both cells
    // around each of them have one root outside, no more than the multiplicity 2 of ±√2 in D, and
    // p(1), −p(−1) ≥ 0 and |p(0)| ≤ 1 hold there, so only the test over Q(√2) can decide them
    let u = lam * lam - c (r "2")
    let reg = regionOf [| -(one + u * u); one |]
    let sqrt2 = AlgebraicNumber.realRoots (poly [ "-2"; "0"; "1" ])
    Assert.Empty reg.Intervals
    Assert.Equal(2, reg.Points.Length)
    List.iter2 (fun (x: AlgebraicNumber) y -> Assert.Equal(0, AlgebraicNumber.compare x y)) sqrt2 reg.Points
    Assert.False(Region.contains (r "7/5") reg)
