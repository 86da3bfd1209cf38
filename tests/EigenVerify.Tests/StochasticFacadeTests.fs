/// The mean-square (minibatch) region through the facade, against the hand-derived boundary of
/// gradient descent: E[(1 - alpha*a)^2] = (1 - alpha*lambda)^2 + alpha^2*sigma2 <= 1.
module EigenVerify.Tests.StochasticFacadeTests

open Xunit
open EigenVerify
open EigenVerify.Algebra
open EigenVerify.Tests.FacadeAssertions

/// The hand-derived mean-square condition of GD.
let private gdStable (alpha: Rational) (lambda: Rational) (sigma2: Rational) =
    let d = Rational.one - alpha * lambda
    d * d + alpha * alpha * sigma2 <= Rational.one

[<Fact>]
let ``gd at alpha = 1/10, n = 1000, B = 32, lambda = 15: the largest stable spread is 49.768...`` () =
    let gd = Optimizer.catalog "gd"
    let values = Parameters.parseFor gd "alpha=1/10"
    let alpha, lambda = q 1 10, q 15 1
    // p = (n - B)/(B(n - 1)) = 968/31968 = 121/3996
    let p = q 968 (32 * 999)
    let model s2 = Stochastic.spreadModel 32 1000 s2
    Assert.Equal(p, (model Rational.zero).Factor)
    // (1 - 3/2)^2 + sigma2/100 <= 1  <=>  sigma2 <= 75, so s^2 <= 75/p
    let limit = Stochastic.varianceLimit gd values lambda (model Rational.zero)
    Assert.Equal(StabilityLimitKind.UpTo, limit.VarianceKind)
    Assert.Equal(AlgebraicNumber.ofRational (q 75 1), limit.MaxVariance)
    let s = limit.MaxSpread
    // s = sqrt(75/p) = sqrt(299700)/11
    Assert.Equal(EigenVerify.Filtering.AlgebraicArithmetic.sqrt (AlgebraicNumber.ofRational (q 75 1 / p)), s)
    Assert.StartsWith("49.768", AlgebraicNumber.toDecimal 8 s)
    // just below the largest s, lambda = 15 is inside; just above, outside
    for sBelow, sAbove in [ q 49768 1000, q 49769 1000 ] do
        let below = Stochastic.region gd values (model (sBelow * sBelow))
        let above = Stochastic.region gd values (model (sAbove * sAbove))
        Assert.True(below.Contains lambda)
        Assert.False(above.Contains lambda)
        Assert.True(gdStable alpha lambda (p * sBelow * sBelow))
        Assert.False(gdStable alpha lambda (p * sAbove * sAbove))
    // the membership of a point (lambda, sigma2) is the hand-derived inequality, on a grid
    for l in [ q 0 1; q 1 2; q 10 1; q 15 1; q 19 1; q 20 1; q 21 1; q -1 10 ] do
        for s2 in [ q 0 1; q 1 1; q 75 1; q 7501 100; q 99 1; q 100 1; q 150 1 ] do
            Assert.Equal(gdStable alpha l s2, Stochastic.isStable gd values l s2)

[<Fact>]
let ``the mean-square region of gd is the interval between the roots of the boundary`` () =
    let gd = Optimizer.catalog "gd"
    let values = Parameters.parseFor gd "alpha=1/10"
    // s^2 = 3996/121*64 gives sigma2 = p*s^2 = 64: lambda^2/100 - lambda/5 + 64/100 <= 0 has roots 4 and 16
    let r = Stochastic.region gd values (Stochastic.spreadModel 32 1000 (q (3996 * 64) 121))
    Assert.Equal(q 64 1, r.BatchVariance)
    let i = Assert.Single(r.Intervals)
    Assert.Equal(AlgebraicNumber.ofInt 4, i.Lower)
    Assert.Equal(AlgebraicNumber.ofInt 16, i.Upper)
    Assert.Equal(1, r.EigenDegree)
    Assert.Equal(1, Stochastic.eigenDegree gd)

[<Fact>]
let ``gd's closed form in the (lambda, sigma2) plane is the hand-derived inequality`` () =
    let gd = Optimizer.catalog "gd"
    let cf = Stochastic.closedForm gd
    Assert.Equal("sigma2", cf.NoiseVariable)
    Assert.StartsWith("sigma2 >= 0", cf.Statement)
    let inside (a: Rational) (l: Rational) (s2: Rational) =
        let at = Map.ofList [ "alpha", a; "lambda", l; "sigma2", s2 ]
        cf.Conditions |> Array.forall (fun c -> (MPoly.eval at c).Sign >= 0)
    for a in [ q 1 10; q 1 2; q 3 1 ] do
        for l in [ q -1 1; q 0 1; q 1 3; q 2 1; q 7 1; q 20 1 ] do
            for s2 in [ q 0 1; q 1 4; q 3 1; q 50 1 ] do
                Assert.Equal(gdStable a l s2, inside a l s2)

[<Fact>]
let ``a curvature list gives usam's region from the exact moments, and a spread alone is refused`` () =
    let usam = Optimizer.catalog "usam"
    let values = Parameters.parseFor usam "alpha=1/10,rho=1/20"
    Assert.True(Stochastic.eigenDegree usam >= 2)
    let spread = Stochastic.spreadModel 2 4 Rational.one
    raisesKind ErrorKind.InvalidArgument (fun () -> Stochastic.region usam values spread) |> ignore
    // a list of four equal curvatures has no spread at all: every batch mean is the same, so
    // the mean-square region is the deterministic one
    let same = Stochastic.curvatureModel 2 [| q 3 1; q 3 1; q 3 1; q 3 1 |]
    let ms = Stochastic.region usam values same
    let det = Filter.region usam values
    Assert.Equal(det.Text, ms.Text)
    Assert.True(ms.HasListMean)
    raisesKind ErrorKind.InvalidArgument (fun () -> Stochastic.curvatureModel 5 [| q 1 1; q 2 1 |]) |> ignore
    raisesKind ErrorKind.InvalidArgument (fun () -> Stochastic.spreadModel 32 1000 (q -1 1)) |> ignore
    raisesKind ErrorKind.InvalidParameters (fun () -> Stochastic.region usam (Parameters.parse "alpha=1/10") same) |> ignore

[<Fact>]
let ``a step alpha/(1 - beta) at values is gradient descent with that step`` () =
    // α/(1 − β) = 1/10 at α = 1/20, β = 1/2: every point (λ, σ²) must get GD's hand-derived
    // answer at α = 1/10, though the rule's Jacobian has a denominator
    let divided = Optimizer.parse "divided.rule" "optimizer divided\nparams alpha > 0, 0 <= beta < 1\nstate x\nx' = x - alpha/(1 - beta)*grad(x)\n"
    let values = Parameters.parseFor divided "alpha=1/20,beta=1/2"
    for lambda in [ q -1 1; q 0 1; q 5 1; q 15 1; q 20 1; q 21 1 ] do
        for sigma2 in [ q 0 1; q 10 1; q 75 1; q 76 1 ] do
            Assert.Equal(gdStable (q 1 10) lambda sigma2, Stochastic.isStable divided values lambda sigma2)
    // the closed form in the (λ, σ²) plane stays symbolic in beta, so it is refused
    raisesKind ErrorKind.NotApplicable (fun () -> Stochastic.closedForm divided) |> ignore
