module EigenVerify.Filtering.Tests.RadiusRegionTests

open Xunit
open FsCheck
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.RateOracles

let private regionAt name values radius =
    let p, v = charPolyAt (Catalog.load name) values
    (ok (RadiusRegion.compute v p (r radius))).Region

let private single (reg: Region) =
    match reg.Intervals, reg.Points with
    | [ i ], [] -> text i.Lower.Value.Value, text i.Upper.Value.Value
    | _ -> failwithf "expected one interval, got %s" (Region.toText reg)

[<Fact>]
let ``gradient descent's radius-r region is [(1 - r)/alpha, (1 + r)/alpha]`` () =
    // |1 − αλ| ≤ r with α = 1/10: 10(1 − r) ≤ λ ≤ 10(1 + r)
    Assert.Equal(("5", "15"), single (regionAt "gd" [ "alpha", "1/10" ] "1/2"))
    // r = 1 + 1/10 widens the filter on both sides, into negative curvature
    Assert.Equal(("-1", "21"), single (regionAt "gd" [ "alpha", "1/10" ] "11/10"))

[<Fact>]
let ``heavy ball's radius-19/20 region derived by hand, and empty below sqrt(beta)`` () =
    // α = 1/10, β = 9/10, r = 19/20 (r² = 361/400 ≥ β, so p(0) = β ≤ r² holds):
    // p(r) ≥ 0 ⟺ αλr ≥ (1 + β)r − r² − β = 1.805 − 0.9025 − 0.9 = 0.0025 ⟺ λ ≥ 1/38;
    // p(−r) ≥ 0 ⟺ αλr ≤ r² + (1 + β)r + β = 3.6075 ⟺ λ ≤ 1443/38.
    Assert.Equal(("1/38", "1443/38"), single (regionAt "heavy-ball" [ "alpha", "1/10"; "beta", "9/10" ] "19/20"))
    // r = 9/10: the product of the roots is β = 9/10 > r², so never both inside
    Assert.True(Region.isEmpty (regionAt "heavy-ball" [ "alpha", "1/10"; "beta", "9/10" ] "9/10"))

[<Fact>]
let ``radius one gives the unit-disk region`` () =
    for name, values in [ "heavy-ball", [ "alpha", "1/10"; "beta", "9/10" ]; "two-step-usam", [ "alpha", "1/10"; "rho", "1/20" ] ] do
        let p, v = charPolyAt (Catalog.load name) values
        Assert.True(Region.equal (ok (ExactMachinery.unitDiskRegion v p)) (ok (RadiusRegion.compute v p Rational.one)).Region)

/// Rationals at and around the region's ends, plus a spread of fixed points.
let private probes (reg: Region) =
    let ends =
        (reg.Intervals |> List.collect (fun i -> [ i.Lower; i.Upper ] |> List.choose id |> List.map (fun b -> b.Value)))
        @ reg.Points

    let near =
        ends
        |> List.collect (fun x ->
            let lo, hi = AlgebraicNumber.interval (AlgebraicNumber.refineTo (r "1/1000000") x)
            [ lo - r "1/1000"; lo; hi; hi + r "1/1000" ])

    near @ ([ -40..5..60 ] |> List.map Rational.ofInt)

[<Property(MaxTest = 40)>]
let ``the closed form and the exact region agree, and both agree with MathNet's roots`` (pick: bool) (a: PositiveInt) (b: int) (c: PositiveInt) =
    let name = if pick then "heavy-ball" else "usam-hb"
    let alpha = Rational.ofFraction (a.Get % 19 + 1) 40
    let beta = Rational.ofFraction (abs b % 10) 10
    let radius = Rational.ofFraction (c.Get % 30 + 1) 20
    let values = [ "alpha", string alpha; "beta", string beta; "rho", "1/20" ] |> List.truncate (if pick then 2 else 3)
    let p, v = charPolyAt (Catalog.load name) values
    let exact = (ok (RadiusRegion.compute v p radius)).Region
    let cf = ok (RadiusRegion.closedFormAt v radius p)
    let rf = Rational.toFloat radius

    probes exact
    |> List.forall (fun x ->
        let inside = Region.contains x exact
        let numeric = numericRadiusAt p v x
        // the closed form is exact; the numeric root modulus is compared only away from the
        // boundary (1e-6 is far above rounding, √1e-16 at a double root)
        RadiusRegion.satisfies cf Map.empty x = inside
        && (abs (numeric - rf) < 1e-6 || (numeric <= rf) = inside))

[<Fact>]
let ``the symbolic closed form keeps r and the hyperparameters and specialises to the rational one`` () =
    let p, v = charPolyAt (Catalog.load "heavy-ball") []
    let symbolic = ok (RadiusRegion.closedForm v "r" p)
    Assert.Equal(Some "r", symbolic.RadiusSymbol)
    Assert.Equal<string list>([ "p(r) >= 0"; "p(-r) >= 0"; "p(0) <= r^2" ], symbolic.Conditions |> List.map (fun c -> c.Origin))
    // p(0) = β, so the last condition is r² − β
    Assert.Equal(MPoly.var "r" * MPoly.var "r" - MPoly.var "beta", symbolic.Conditions.[2].Condition)
    let values = Map.ofList [ "alpha", r "1/10"; "beta", r "9/10"; "r", r "19/20" ]
    for x in [ "1/38"; "1/39"; "1443/38"; "1444/38"; "10" ] do
        Assert.Equal(Region.contains (r x) (regionAt "heavy-ball" [ "alpha", "1/10"; "beta", "9/10" ] "19/20"), RadiusRegion.satisfies symbolic values (r x))

[<Fact>]
let ``non-positive radii, cubic closed forms and clashing symbols are refused`` () =
    let p, v = charPolyAt (Catalog.load "gd") [ "alpha", "1/10" ]
    match RadiusRegion.compute v p Rational.zero with
    | Error e -> Assert.Contains("positive", e)
    | Ok _ -> failwith "radius 0 accepted"
    match RadiusRegion.closedFormAt v (r "-1") p with
    | Error e -> Assert.Contains("positive", e)
    | Ok _ -> failwith "radius -1 accepted"
    let cubic = MPoly.pow 3 (MPoly.var "z") - MPoly.var "lambda"
    match RadiusRegion.closedForm "lambda" "r" cubic with
    | Error e -> Assert.Contains("degree 3", e)
    | Ok _ -> failwith "no closed form exists for degree 3"
    // the cubic still has an exact region: |λ|^(1/3) ≤ 1/2 ⟺ −1/8 ≤ λ ≤ 1/8
    Assert.Equal(("-1/8", "1/8"), single (ok (RadiusRegion.compute "lambda" cubic (r "1/2"))).Region)
    let hb, _ = charPolyAt (Catalog.load "heavy-ball") []
    match RadiusRegion.closedForm "lambda" "alpha" hb with
    | Error e -> Assert.Contains("already a variable", e)
    | Ok _ -> failwith "the radius symbol clashes with alpha"
