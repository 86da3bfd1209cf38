module EigenVerify.Proofs.Tests.RadiusCertificateTests

open System.IO
open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Proofs
open EigenVerify.TestSupport
open EigenVerify.Proofs.Tests.SolverFacts

let private r = Rational.parse

let private ok (x: Result<'a, string>) =
    match x with
    | Ok v -> v
    | Error e -> failwith e

/// The claim "λ ∈ R_r ⟺ every root in |z| ≤ r" at the given values, with the given region.
let private claimWith (name: string) (values: (string * string) list) (radius: string) (region: Region option) =
    let m = Catalog.load name
    let p, v = ok (ExactMachinery.charPoly m)
    let values = values |> List.map (fun (n, x) -> n, r x)
    let computed = (ok (RadiusRegion.compute v (MPoly.substitute (Map.ofList values) p) (r radius))).Region

    { Rule = name
      Variable = v
      Params = m.Params
      CharPoly = p
      Radius = FixedRadius(r radius)
      Membership = ExactRegionAt(values, defaultArg region computed) }

let private closedFormClaim (name: string) =
    let m = Catalog.load name
    let p, v = ok (ExactMachinery.charPoly m)
    let cf = ok (RadiusRegion.closedForm v "r" p)

    { Rule = name
      Variable = v
      Params = m.Params
      CharPoly = p
      Radius = AnyRadius "r"
      Membership = ConditionsOverDomain(cf.Conditions |> List.map (fun c -> c.Condition)) }

/// z3's verdict on each certificate of the claim, by direction.
let private verdicts (claim: RadiusClaim) =
    requireZ3 ()
    use tmp = new TempDir()
    let dir = tmp.Path

    let result =
        ok (RadiusCertificate.files claim)
        |> List.map (fun f ->
            let path = Path.Combine(dir, f.Direction + ".smt2")
            File.WriteAllText(path, f.Text)
            f.Direction, fst (Z3.check (Z3.locate "z3").Value 60 path))
        |> Map.ofList
    result

let private assertProved (claim: RadiusClaim) =
    for KeyValue(direction, v) in verdicts claim do
        Assert.True((v = Unsat), sprintf "%s %s: %A" claim.Rule direction v)

let private isSat v =
    match v with
    | Sat _ -> true
    | _ -> false

let private interval (lo: string) (hi: string) =
    { Intervals =
        [ { Lower = Some { Value = AlgebraicNumber.ofRational (r lo); Closed = true }
            Upper = Some { Value = AlgebraicNumber.ofRational (r hi); Closed = true } } ]
      Points = [] }

[<SolverFact>]
let ``exact radius regions are proved in both directions, for r below and above 1`` () =
    // heavy ball: [1/38, 1443/38] at r = 19/20 (by hand in the Filtering tests) and the wider
    // region at r = 11/10; USAM's ends are quadratic surds, two-step USAM's roots of cubics
    assertProved (claimWith "heavy-ball" [ "alpha", "1/10"; "beta", "9/10" ] "19/20" None)
    assertProved (claimWith "heavy-ball" [ "alpha", "1/10"; "beta", "9/10" ] "11/10" None)
    assertProved (claimWith "usam" [ "alpha", "1/10"; "rho", "1/20" ] "1/2" None)
    assertProved (claimWith "two-step-usam" [ "alpha", "1/10"; "rho", "1/20" ] "1/2" None)

[<SolverFact>]
let ``a region with a moved end is refuted in the direction that breaks`` () =
    let values = [ "alpha", "1/10"; "beta", "9/10" ]
    // one hundredth too wide: some λ in the claimed region has a root of modulus > 19/20
    let wide = verdicts (claimWith "heavy-ball" values "19/20" (Some(interval "1/38" "1453/38")))
    Assert.True(isSat wide.["sound"], sprintf "%A" wide.["sound"])
    Assert.Equal(Unsat, wide.["complete"])
    // too narrow: a λ outside the claim has every root inside
    let narrow = verdicts (claimWith "heavy-ball" values "19/20" (Some(interval "1/38" "1433/38")))
    Assert.Equal(Unsat, narrow.["sound"])
    Assert.True(isSat narrow.["complete"], sprintf "%A" narrow.["complete"])

[<SolverFact>]
let ``the closed forms with r symbolic are proved for every radius and every hyperparameter`` () =
    assertProved (closedFormClaim "gd")
    assertProved (closedFormClaim "heavy-ball")

[<Fact>]
let ``the certificates compare x^2 + y^2 with r^2 and refuse clashing names or radii`` () =
    let claim = claimWith "heavy-ball" [ "alpha", "1/10"; "beta", "9/10" ] "19/20" None
    let files = ok (RadiusCertificate.files claim)
    Assert.Equal<string list>([ "sound"; "complete" ], files |> List.map (fun f -> f.Direction))
    for f in files do
        Assert.Contains("(> (+ (* x x) (* y y)) (* (/ 19 20) (/ 19 20)))", f.Text)
        Assert.Contains("(assert (= alpha (/ 1 10)))", f.Text)
        Assert.EndsWith("(check-sat)\n", f.Text)
    let symbolic = ok (RadiusCertificate.files (closedFormClaim "heavy-ball"))
    Assert.Contains("(assert (> r 0))", symbolic.[0].Text)
    Assert.Contains("(> (+ (* x x) (* y y)) (* r r))", symbolic.[0].Text)
    // a radius named like one of the certificate's own symbols gets the hyperparameter suffix,
    // so it cannot be confused with the discriminant the certificate defines
    match RadiusCertificate.files { claim with Radius = AnyRadius "disc" } with
    | Ok fs ->
        Assert.Contains("(declare-const disc.param Real)", fs.[0].Text)
    | Error e -> failwithf "a radius named disc was refused: %s" e
    match RadiusCertificate.files { claim with Radius = FixedRadius Rational.zero } with
    | Error e -> Assert.Contains("positive", e)
    | Ok _ -> failwith "radius 0 accepted"
