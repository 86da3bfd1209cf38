/// Rates, radius regions and tuning through the facade, against hand derivations.
module EigenVerify.Tests.RatesFacadeTests

open System.Collections.Generic
open Xunit
open EigenVerify
open EigenVerify.Algebra
open EigenVerify.Tests.FacadeAssertions

let private exact (x: Rational) = AlgebraicNumber.ofRational x

let private noBoxes = Dictionary<string, KeyValuePair<Rational, Rational>>() :> IReadOnlyDictionary<_, _>

[<Fact>]
let ``gradient descent's rate at lambda is |1 - alpha*lambda|, with the one real dominant root 1 - alpha*lambda`` () =
    let gd = Optimizer.catalog "gd"
    let alpha = q 1 10
    let values = Parameters.parseFor gd "alpha=1/10"
    // M(lambda) = 1 - alpha*lambda is 1x1: its only root is 1 - alpha*lambda, of modulus |1 - alpha*lambda|
    for lambda in [ q 0 1; q 3 1; q 10 1; q 15 1; q 20 1; q 25 1; q -7 3 ] do
        let r = Rates.at gd values lambda
        let root = Rational.one - alpha * lambda
        Assert.Equal(exact (Rational.abs root), r.Rate)
        Assert.Equal(exact (root * root), r.RateSquared)
        Assert.Equal<AlgebraicNumber[]>([| exact root |], r.DominantRealRoots)
        Assert.Equal(lambda, r.Eigenvalue)
        Assert.Equal(EigenVerify.Symbolic.Lambda, r.Variable)
    // 1 - 15/10 = -1/2; the certified digits of a rational rate are its exact decimal
    let r = Rates.at gd values (q 15 1)
    Assert.Equal("1/2", r.RateText)
    Assert.Equal("dominant real roots: -1/2", r.DominantRootsText)

[<Fact>]
let ``heavy ball's rate at a complex pair is sqrt(beta) and says so`` () =
    let hb = Optimizer.catalog "heavy-ball"
    // p(z) = z^2 - (1 + beta - alpha*lambda) z + beta: complex roots, of modulus sqrt(beta), when
    // (1 + beta - alpha*lambda)^2 < 4*beta; alpha = 1/10, beta = 1/4, lambda = 10: (1/4)^2 < 1
    let r = Rates.at hb (Parameters.parseFor hb "alpha=1/10,beta=1/4") (q 10 1)
    Assert.Equal(exact (q 1 2), r.Rate)
    Assert.Empty(r.DominantRealRoots)
    Assert.Equal("dominant roots: a complex-conjugate pair", r.DominantRootsText)

[<Fact>]
let ``gradient descent's worst case over [1, 100] at alpha = 2/101 is 99/101 at both ends`` () =
    let gd = Optimizer.catalog "gd"
    let w = Rates.worstCase gd (Parameters.parseFor gd "alpha=2/101") (q 1 1) (q 100 1)
    // |1 - 2*lambda/101| is 99/101 at lambda = 1 and at lambda = 100, smaller in between
    Assert.Equal(exact (q 99 101), w.Rate)
    Assert.Equal<AlgebraicNumber[]>([| exact (q 1 1); exact (q 100 1) |], w.AttainedPoints)
    Assert.Empty(w.AttainedIntervals)
    Assert.Contains(w.Candidates, fun c -> c.At = exact (q 1 1) && Array.contains "spectrum end" c.Reasons)
    for c in w.Candidates do
        Assert.True(AlgebraicNumber.compare c.Rate w.Rate <= 0, c.AtText)
    raisesKind ErrorKind.InvalidArgument (fun () -> Rates.worstCase gd (Parameters.parseFor gd "alpha=2/101") (q 2 1) (q 1 1)) |> ignore

[<Fact>]
let ``gradient descent's radius-1/2 region is (1 - r)/alpha <= lambda <= (1 + r)/alpha`` () =
    let gd = Optimizer.catalog "gd"
    let alpha, r = q 1 10, q 1 2
    let region = Rates.radiusRegion gd (Parameters.parseFor gd "alpha=1/10") r
    let i = Assert.Single(region.Intervals)
    Assert.Equal(exact ((Rational.one - r) / alpha), i.Lower)
    Assert.Equal(exact ((Rational.one + r) / alpha), i.Upper)
    Assert.True(i.LowerClosed && i.UpperClosed)
    Assert.True(region.Contains(q 5 1) && region.Contains(q 15 1))
    Assert.False(region.Contains(q 4999 1000))
    Assert.False(region.Contains(q 15001 1000))
    raisesKind ErrorKind.InvalidArgument (fun () -> Rates.radiusRegion gd (Parameters.parseFor gd "alpha=1/10") Rational.zero) |> ignore

[<Fact>]
let ``tuning gradient descent on [1, 100] gives alpha* = 2/101 and rate 99/101`` () =
    let gd = Optimizer.catalog "gd"
    let t = Rates.tune gd (q 1 1) (q 100 1) [| "alpha" |] (Parameters.create [||]) noBoxes Rates.defaultEpsilon
    Assert.Equal<string[]>([| "alpha" |], t.FreeNames)
    Assert.Equal(exact (q 2 101), t.Optimum.[0])
    Assert.Equal(exact (q 99 101), t.Rate)
    Assert.True(t.IsExactOptimum)
    Assert.NotEqual<string>("none", t.CertificateKind)
    let b = Assert.Single(t.Boxes)
    Assert.True(b.IsDefault)
    // alpha > 0 has no upper end: the default box ends where lambda = 100 becomes unstable, 2/100
    Assert.Equal(Rational.zero, b.Min)
    Assert.Equal(q 2 100, b.Max)

[<Fact>]
let ``tuning heavy ball on [1, 100] gives alpha* = 4/121, beta* = 81/121 and rate 9/11`` () =
    let hb = Optimizer.catalog "heavy-ball"
    let t = Rates.tune hb (q 1 1) (q 100 1) [| "alpha"; "beta" |] (Parameters.create [||]) noBoxes Rates.defaultEpsilon
    // Polyak: alpha* = 4/(sqrt(L) + sqrt(mu))^2 = 4/121, beta* = ((sqrt(L) - sqrt(mu))/(sqrt(L) + sqrt(mu)))^2
    // = (9/11)^2, rate sqrt(beta*) = 9/11
    Assert.Equal<string[]>([| "alpha"; "beta" |], t.FreeNames)
    Assert.Equal(exact (q 4 121), t.Optimum.[0])
    Assert.Equal(exact (q 81 121), t.Optimum.[1])
    Assert.Equal(exact (q 9 11), t.Rate)
    Assert.Equal(exact (q 81 121), t.RateSquared)

[<Fact>]
let ``bad rate and tuning inputs raise the facade's exception naming the problem`` () =
    let gd = Optimizer.catalog "gd"
    let e = raisesKind ErrorKind.InvalidArgument (fun () -> Rates.tune gd (q 1 1) (q 100 1) [| "gamma" |] (Parameters.create [||]) noBoxes Rates.defaultEpsilon)
    Assert.Contains("unknown hyperparameter 'gamma'", e.Message)
    let e = raisesKind ErrorKind.InvalidArgument (fun () -> Rates.tune gd (q 1 1) (q 100 1) [| "alpha" |] (Parameters.create [||]) noBoxes Rational.zero)
    Assert.Contains("epsilon must be positive", e.Message)
    let hb = Optimizer.catalog "heavy-ball"
    let e = raisesKind ErrorKind.InvalidArgument (fun () -> Rates.tune hb (q 1 1) (q 100 1) [| "alpha" |] (Parameters.create [||]) noBoxes Rates.defaultEpsilon)
    Assert.Contains("give a value to beta", e.Message)
    let e = raisesKind ErrorKind.InvalidParameters (fun () -> Rates.at gd (Parameters.parse "alpha=-1") Rational.one)
    Assert.Contains("alpha", e.Message)
    // a Jacobian with a denominator: at values it has rational coefficients, so the rate exists
    // (the step is alpha/(1 - beta) = 1/5, so by hand rho(M(1)) = |1 - 1/5| = 4/5) ...
    let divided = Optimizer.parse "divided.rule" "optimizer divided\nparams alpha > 0, 0 <= beta < 1\nstate x\nx' = x - alpha/(1 - beta)*grad(x)\n"
    Assert.Equal("4/5", (Rates.at divided (Parameters.parseFor divided "alpha=1/10,beta=1/2") Rational.one).RateText)
    // ... but tuning with beta free keeps the denominator symbolic, and is refused naming it
    let e = raisesKind ErrorKind.NotApplicable (fun () -> Rates.tune divided (q 1 1) (q 100 1) [| "beta" |] (Parameters.parse "alpha=1/10") noBoxes Rates.defaultEpsilon)
    Assert.StartsWith("divided: ", e.Message)
    Assert.Contains("depends on beta", e.Message)
