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
let private s = QPoly.mul lam (QPoly.add one (QPoly.scale rho lam))

/// Determinant by the Leibniz formula: an independent oracle for Bareiss elimination.
let rec private leibniz (m: Rational[][][]) =
    let n = m.Length
    if n = 1 then
        m.[0].[0]
    else
        [ 0 .. n - 1 ]
        |> List.fold
            (fun acc j ->
                let minor = Array.init (n - 1) (fun i -> Array.init (n - 1) (fun k -> m.[i + 1].[if k < j then k else k + 1]))
                let term = QPoly.mul m.[0].[j] (leibniz minor)
                if j % 2 = 0 then QPoly.add acc term else QPoly.sub acc term)
            QPoly.zero

[<Property(MaxTest = 100)>]
let ``fraction-free determinants over Q[lambda] match the Leibniz expansion`` (entries: (int * int) list) =
    let entries = Array.ofList (entries @ List.replicate 9 (0, 0))
    let m = Array.init 3 (fun i -> Array.init 3 (fun j -> let a, b = entries.[3 * i + j] in QPoly.ofInts [ a % 5; b % 3 ]))
    CriticalPolynomial.determinant m = leibniz m

[<Fact>]
let ``the critical polynomial of gradient descent is alpha*lambda*(2 - alpha*lambda)`` () =
    // p = z − 1 + αλ, p* = 1 + (αλ − 1) z, D = p*(1 − αλ) = 1 − (1 − αλ)² = αλ(2 − αλ)
    let d = CriticalPolynomial.compute (charPoly [| QPoly.sub (QPoly.scale alpha lam) one; one |])
    Assert.Equal<Rational[]>([| q 0 1; q 1 5; q -1 100 |], d)

[<Fact>]
let ``the critical polynomial vanishes where heavy-ball roots reach the circle`` () =
    let p = charPoly (heavyBallWith beta (QPoly.scale alpha lam))
    let d = CriticalPolynomial.compute p
    // λ = 0 (root 1) and λ = 38 (root −1), by hand from p(1) = αλ and p(−1) = 2(1 + β) − αλ
    Assert.Equal(Rational.zero, QPoly.eval d Rational.zero)
    Assert.Equal(Rational.zero, QPoly.eval d (r "38"))
    Assert.NotEqual(Rational.zero, QPoly.eval d (r "10"))

[<Fact>]
let ``the paper's optimizers get their exact regions at alpha 1/10, beta 9/10, rho 1/20`` () =
    let gd = regionOf [| QPoly.sub (QPoly.scale alpha lam) one; one |]
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "20")) ]; Points = [] } gd)
    let hb = regionOf (heavyBallWith beta (QPoly.scale alpha lam))
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "38")) ]; Points = [] } hb)
    // Nesterov: z² − (1+β)(1−αλ) z + β(1−αλ)
    let damp = QPoly.sub one (QPoly.scale alpha lam)
    let nesterov = regionOf [| QPoly.scale beta damp; QPoly.scale (-(Rational.one + beta)) damp; one |]
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "95/7")) ]; Points = [] } nesterov)
    // USAM: −10 ± 10√5 are the roots of λ² + 20λ − 400 (αλ(1+ρλ) = 2)
    let usam = regionOf [| QPoly.sub (QPoly.scale alpha s) one; one |]
    let quad = poly [ "-400"; "20"; "1" ]
    let lo = rootIn quad (r "-33") (r "-32")
    let hi = rootIn quad (r "12") (r "13")
    Assert.Equal("-10-10*sqrt(5)", Algebraic.toText lo)
    Assert.Equal("-10+10*sqrt(5)", Algebraic.toText hi)
    Assert.True(Region.equal { Intervals = [ interval lo (alg (r "-20")); interval (alg (r "0")) hi ]; Points = [] } usam)

[<Fact>]
let ``two-step USAM has the isolated point -1/rho and an upper end near 9.31142463753536`` () =
    let s2 = QPoly.mul s (QPoly.add one (QPoly.scale rho lam))
    let reg = regionOf [| QPoly.sub (QPoly.scale alpha s2) one; one |]
    // αλ(1+ρλ)² = 2  ⇔  λ³ + 40λ² + 400λ − 8000 = 0 (times 4000)
    let upper = rootIn (poly [ "-8000"; "400"; "40"; "1" ]) (r "9") (r "10")
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) upper ]; Points = [ alg (r "-20") ] } reg)
    // 15 significant digits of the decimal value given in the issue
    Assert.Equal(9.31142463753536, Algebraic.toFloat upper, 14)
    Assert.True(Region.contains (r "-20") reg)
    Assert.False(Region.contains (r "-201/10") reg)
    Assert.False(Region.contains (r "-199/10") reg)

[<Fact>]
let ``a degree-3 polynomial with a constant factor keeps the region of the moving root`` () =
    // (z − 1 + λ/10)(z² + 1/4): roots ±i/2 never move, so R = {|1 − λ/10| ≤ 1} = [0, 20]
    let p = zMul [| QPoly.sub (QPoly.scale alpha lam) one; one |] [| c (q 1 4); QPoly.zero; one |]
    Assert.Equal(4, p.Length)
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "20")) ]; Points = [] } (regionOf p))

[<Fact>]
let ``a degree-3 polynomial can have an isolated point`` () =
    // (z − 1 + λ(1+λ)²/2)(z² − 1/4): first root in [−1, 1] ⇔ 0 ≤ λ(1+λ)² ≤ 4 ⇔ λ ∈ [0, 1] ∪ {−1}
    let cube = mulAll [ lam; QPoly.add one lam; QPoly.add one lam ]
    let p = zMul [| QPoly.sub (QPoly.scale (q 1 2) cube) one; one |] [| c (q -1 4); QPoly.zero; one |]
    let reg = regionOf p
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "1")) ]; Points = [ alg (r "-1") ] } reg)

[<Fact>]
let ``a degree-4 product of two heavy-ball factors gives the intersection of their regions`` () =
    // β = 1/2: factor 1 with α = 1/10 gives [0, 30], factor 2 with α = 1/5 gives [0, 15]
    let p = zMul (heavyBallWith (q 1 2) (QPoly.scale (q 1 10) lam)) (heavyBallWith (q 1 2) (QPoly.scale (q 1 5) lam))
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
        let f1 = heavyBallWith be1 (QPoly.scale al1 lam)
        let f2 = heavyBallWith be2 (QPoly.scale al2 lam)
        let reg = regionOf (zMul f1 f2)
        let factorOk (f: Rational[][]) = juryClosed (QPoly.eval f.[1] x) (QPoly.eval f.[0] x)
        Region.contains x reg = (factorOk f1 && factorOk f2))

[<Fact>]
let ``a factor shared with the reversal for every lambda is handled through its discriminant`` () =
    // (z² + 1)(z − 1 + λ): z² + 1 divides p and p* for all λ (D ≡ 0); its roots ±i never move,
    // so R = {|1 − λ| ≤ 1} = [0, 2]
    let p = zMul [| c (q 1 1); QPoly.zero; one |] [| QPoly.sub lam one; one |]
    Assert.Equal<Rational[]>(QPoly.zero, CriticalPolynomial.compute (charPoly p))
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "2")) ]; Points = [] } (regionOf p))
    // (z² − λz + 1)(z − 1/2): the self-reciprocal factor has its roots on the circle iff |λ| ≤ 2
    let p2 = zMul [| one; Array.map (~-) lam; one |] [| c (q -1 2); one |]
    Assert.True(Region.equal { Intervals = [ interval (alg (r "-2")) (alg (r "2")) ]; Points = [] } (regionOf p2))
    // (z − 1)² · heavy ball: a double root fixed at 1 keeps heavy ball's [0, 38]
    let zMinusOne = [| c (q -1 1); one |]
    let p3 = zMul (zMul zMinusOne zMinusOne) (heavyBallWith beta (QPoly.scale alpha lam))
    Assert.True(Region.equal { Intervals = [ interval (alg (r "0")) (alg (r "38")) ]; Points = [] } (regionOf p3))

[<Fact>]
let ``a characteristic polynomial that is not monic in z is refused`` () =
    match LambdaCharPoly.create [| one; QPoly.scale (q 2 1) one |] with
    | Ok _ -> failwith "expected an error"
    | Error e -> Assert.Contains("monic", e)
