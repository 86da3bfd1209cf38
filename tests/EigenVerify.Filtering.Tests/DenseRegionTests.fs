/// The exact region of dense linearizations, where most of the work is in critical values of high
/// degree, against an independent oracle: the eigenvalues of the Jacobian M(λ) in floating point.
module EigenVerify.Filtering.Tests.DenseRegionTests

open Xunit
open MathNet.Numerics.LinearAlgebra
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.Helpers

let private ok r =
    match r with
    | Ok x -> x
    | Error e -> failwith e

// MathNet's eigenvalues (Hessenberg QR) of these 10×10 matrices, whose entries stay below 100 in
// size on the probed range, are within about 1e-12 of the exact ones for the simple eigenvalues
// that decide the spectral radius; 1e-8 leaves four orders of margin. Every probe inside or
// outside the region is at least 4e-4 away from radius 1 (the radius has slope about 0.0135 at
// λ = 0 and 0.0055 at the upper end, and the probes stand at least 1/10 off the ends); the
// critical values are either ends (radius 1 up to the probe's 1e-12 offset) or have radius above
// 1.7. So the tolerance cannot decide a probe wrongly.
let private tolerance = 1e-8

/// A rational within 10^−digits of x.
let private near (digits: int) (x: float) =
    let scale = System.Numerics.BigInteger.Pow(System.Numerics.BigInteger 10, digits)
    Rational.create (System.Numerics.BigInteger(round (x * 10.0 ** float digits))) scale

[<Fact>]
let ``the exact region of a dense 10-state rule agrees with the eigenvalues of its Jacobian`` () =
    let s = RuleAnalysis.linearize (Rule.parseOrRaise (EigenVerify.SharedRules.denseRule 10)) |> ok
    let theta = Map.ofList [ "alpha", q 1 10 ]
    let reg = RuleAnalysis.exactRegionAt s theta |> ok
    let matrix = s.Linearization.Matrix
    let k = Array2D.length1 matrix
    let radiusAt (x: Rational) =
        let values = theta.Add(s.Variable.Name, x)
        let m = Matrix<float>.Build.Dense(k, k, fun i j -> Rational.toFloat (MPoly.eval values matrix.[i, j]))
        m.Evd().EigenValues |> Seq.map (fun z -> z.Magnitude) |> Seq.max
    // the region is one closed interval from 0 to an irrational end near 79.7386
    Assert.Empty reg.Points
    let i = Assert.Single reg.Intervals
    let lower, upper = i.Lower.Value, i.Upper.Value
    Assert.True(lower.Closed && upper.Closed)
    Assert.Equal(Some Rational.zero, AlgebraicNumber.tryRational lower.Value)
    let a, b = AlgebraicNumber.toFloat lower.Value, AlgebraicNumber.toFloat upper.Value
    // the upper end is where the radius crosses 1, found by bisection on the floating-point radius:
    // a radius error of 1e-12 moves the crossing by about 2e-10 at slope 0.0055, well within 1e-6
    let mutable lo, hi = 70.0, 90.0
    for _ in 1 .. 50 do
        let mid = (lo + hi) / 2.0
        if radiusAt (near 9 mid) <= 1.0 then lo <- mid else hi <- mid
    Assert.True(abs (lo - b) < 1e-6, sprintf "the radius crosses 1 at %.12f, the exact end is %.12f" lo b)
    // inside the interval the radius is at most 1; a tenth outside either end it exceeds 1
    for t in [ 0.01; 0.25; 0.5; 0.75; 0.99 ] do
        let x = near 6 (a + t * (b - a))
        Assert.True(Region.contains x reg)
        Assert.True(radiusAt x <= 1.0 + tolerance, sprintf "radius %g at %O" (radiusAt x) x)
    for x in [ near 6 (a - 0.1); near 6 (b + 0.1) ] do
        Assert.False(Region.contains x reg)
        Assert.True(radiusAt x > 1.0 + tolerance, sprintf "radius %g at %O" (radiusAt x) x)
    // every critical value, including the irrational ones between two non-member cells: a member
    // exactly when the radius there is 1 (the ends) rather than above it
    let critical = UnitDisk.criticalFactors (RuleAnalysis.charPolyAt s theta |> ok) |> ok
    let values = critical |> List.collect AlgebraicNumber.realRoots
    Assert.Equal(5, values.Length)
    for c in values do
        let rho = radiusAt (near 12 (AlgebraicNumber.toFloat c))
        Assert.True((rho <= 1.0 + tolerance) = Region.containsAlgebraic c reg, sprintf "radius %g at the critical value %s" rho (AlgebraicNumber.toString c))
