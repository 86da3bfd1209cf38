module EigenVerify.Filtering.Tests.MeanSquareTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.Helpers

let private ok (x: Result<'a, string>) =
    match x with
    | Ok v -> v
    | Error e -> failwith e

let private error (x: Result<'a, string>) =
    match x with
    | Error e -> e
    | Ok v -> failwithf "expected an error, got %A" v

let private subjectOf name = ok (MeanSquare.subject (Catalog.load name))

/// The paper's hyperparameters, restricted to those a rule declares.
let private paperValues (s: MeanSquareSubject) =
    let all = Map.ofList [ "alpha", r "1/10"; "beta", r "9/10"; "beta1", r "9/10"; "rho", r "1/20" ]
    s.Rule.Params |> List.map (fun d -> d.Name, all.[d.Name])

let private affineRules = [ "gd"; "heavy-ball"; "nesterov"; "rmsprop-frozen"; "adam-frozen"; "adagrad-frozen" ]
let private higherRules = [ "usam"; "usam-hb"; "usam-nesterov"; "two-step-usam"; "hessian-usam" ]

let private v name = MPoly.var name
let private k (x: string) = MPoly.constant (r x)

/// The deterministic exact region of the rule's own p(z) = det(zI − M) (the existing machinery).
let private deterministicRegion (s: MeanSquareSubject) (values: (string * Rational) list) =
    let p = MPoly.substitute (Map.ofList values) s.Rule.CharPoly
    MPoly.coeffsIn "z" p |> Array.map (fun c -> (MPoly.tryToPoly s.Rule.Variable c).Value) |> DeterministicCore.exactRegion |> ok

let private regionAt (s: MeanSquareSubject) values noise = ok (MeanSquare.regionAt s values noise)

[<Fact>]
let ``gradient descent's mean-square region is (1 - alpha*lambda)^2 + alpha^2*sigma2 <= 1`` () =
    let cf = ok (MeanSquare.closedForm (subjectOf "gd"))
    let alpha, lambda, sigma2 = v "alpha", v "lambda", v "sigma2"
    let expected = MPoly.one - MPoly.pow 2 (MPoly.one - alpha * lambda) - alpha * alpha * sigma2
    Assert.Equal<MPoly list>([ expected ], cf.Conditions)
    Assert.Equal(expected, cf.Boundary)
    Assert.Equal("sigma2 >= 0 and -alpha^2*lambda^2 - alpha^2*sigma2 + 2*alpha*lambda >= 0", cf.Statement)
    // one state: the lifted operator is the scalar E[(1 − αa)²]
    Assert.Equal(1, Array2D.length1 cf.Operator.Matrix)

[<Fact>]
let ``the issue's check value: alpha 1/10, n 1000, B 32, lambda 15 allows a spread up to 90*sqrt(37)/11 = 49.768...`` () =
    let sampling = ok (BatchSampling.create 1000 32)
    let limit = ok (MeanSquare.varianceLimitAt (subjectOf "gd") [ "alpha", r "1/10" ] (r "15") (Some sampling))
    // (1 − 3/2)² + σ²/100 ≤ 1 ⟺ σ² ≤ 75; s² = 75/p = 75 · 3996/121 = 299700/121, s = 90√37/11
    match limit.MaxVariance, limit.MaxSpread with
    | UpTo b, Some(UpTo s) ->
        Assert.Equal(Some(r "75"), AlgebraicNumber.tryRational b)
        Assert.Equal("90/11*sqrt(37)", AlgebraicNumber.toString s)
        Assert.True(AlgebraicNumber.isRootOf (Poly.ofCoeffs [ r "-299700"; Rational.zero; r "121" ]) s)
        Assert.Equal("49.76805", AlgebraicNumber.toDecimal 7 s)
    | other -> failwithf "unexpected limits %A" other

[<Fact>]
let ``heavy ball's boundary is q(1) = (1 - beta)*alpha*lambda*(2(1 + beta) - alpha*lambda) - (1 + beta)*alpha^2*sigma2`` () =
    // By hand: with c = 1 + β − αa and S = [[x, y], [y, w]], E[M S Mᵀ] has coordinates
    // x' = E[c²] x − 2β E[c] y + β² w, y' = E[c] x − β y, w' = x. Expanding det(I − L) along the
    // first row gives (1 + β)(1 − E[c²]) + 2β E[c]² − β²(1 + β), and E[c²] = E[c]² + α²σ².
    let cf = ok (MeanSquare.closedForm (subjectOf "heavy-ball"))
    let alpha, beta, lambda, sigma2 = v "alpha", v "beta", v "lambda", v "sigma2"
    let one = MPoly.one
    let expected =
        (one - beta) * alpha * lambda * (MPoly.ofInt 2 * (one + beta) - alpha * lambda) - (one + beta) * alpha * alpha * sigma2
    Assert.Equal(expected, cf.Boundary)
    Assert.Equal(3, cf.Conditions.Length)
    Assert.Equal(3, Array2D.length1 cf.Operator.Matrix)

[<Fact>]
let ``without noise every rule gets exactly its deterministic region`` () =
    for name in affineRules do
        let s = subjectOf name
        let values = paperValues s
        let expected = deterministicRegion s values
        Assert.True(Region.equal expected (regionAt s values (BatchVariance Rational.zero)).Region, name)
        // a list of equal curvatures has no spread either
        let flat = ok (BatchMoments.ofCurvatures 3 (MeanSquare.momentOrder s) [ r "7"; r "7"; r "7"; r "7" ])
        Assert.True(Region.equal expected (regionAt s values (CurvatureList flat)).Region, name)
    for name in higherRules do
        let s = subjectOf name
        let values = paperValues s
        let flat = ok (BatchMoments.ofCurvatures 2 (MeanSquare.momentOrder s) [ r "5"; r "5"; r "5" ])
        let region = regionAt s values (CurvatureList flat)
        Assert.True(Region.equal (deterministicRegion s values) region.Region, sprintf "%s: %s" name (Region.toText region.Region))
        Assert.True(region.UsesHigherMoments)
        Assert.Equal(Some true, region.ListMeanInside)

[<Fact>]
let ``the criterion's region equals the closed-disk machinery's region of the lifted polynomial`` () =
    // two exact algorithms: signs of q's Taylor coefficients at 1, and critical polynomial + cells
    // + closed-disk tests on q
    for name in affineRules do
        let s = subjectOf name
        let values = paperValues s
        for variance in [ "0"; "1/3"; "5"; "40"; "1000" ] do
            let noise = BatchVariance(r variance)
            let a = (regionAt s values noise).Region
            let b = ok (MeanSquare.regionByClosedDisk s values noise)
            Assert.True(Region.equal a b, sprintf "%s at sigma2 = %s: %s vs %s" name variance (Region.toText a) (Region.toText b))
    let curvatures = [ r "1"; r "-2"; r "4"; r "13/2"; r "0"; r "3" ]
    for name in [ "usam"; "usam-hb"; "two-step-usam" ] do
        let s = subjectOf name
        let values = paperValues s
        let noise = CurvatureList(ok (BatchMoments.ofCurvatures 2 (MeanSquare.momentOrder s) curvatures))
        let a = (regionAt s values noise).Region
        let b = ok (MeanSquare.regionByClosedDisk s values noise)
        Assert.True(Region.equal a b, sprintf "%s: %s vs %s" name (Region.toText a) (Region.toText b))

[<Fact>]
let ``gradient descent's region at a variance is the interval from its closed form`` () =
    // (1 − λ/10)² + σ²/100 ≤ 1 ⟺ λ² − 20λ + σ² ≤ 0 ⟺ λ ∈ [10 − √(100 − σ²), 10 + √(100 − σ²)]
    let s = subjectOf "gd"
    let region = (regionAt s [ "alpha", r "1/10" ] (BatchVariance(r "64"))).Region
    Assert.Equal("[4, 16]", Region.toText region)
    let narrow = (regionAt s [ "alpha", r "1/10" ] (BatchVariance(r "50"))).Region
    Assert.Equal("[10-5*sqrt(2), 10+5*sqrt(2)]", Region.toText narrow)
    Assert.True(Region.isEmpty (regionAt s [ "alpha", r "1/10" ] (BatchVariance(r "101"))).Region)
    Assert.Equal("{10}", Region.toText (regionAt s [ "alpha", r "1/10" ] (BatchVariance(r "100"))).Region)

[<Fact>]
let ``a list used with an affine rule gives the region of its batch variance`` () =
    let curvatures = [ r "12"; r "30"; r "-4"; r "19"; r "25"; r "8"; r "16" ]
    let bm = ok (BatchMoments.ofCurvatures 3 2 curvatures)
    for name in affineRules do
        let s = subjectOf name
        let values = paperValues s
        let fromList = regionAt s values (CurvatureList bm)
        let fromVariance = regionAt s values (BatchVariance bm.Central.[2])
        let fromSpread = regionAt s values (SampleSpread(bm.Sampling, bm.SampleVariance))
        Assert.True(Region.equal fromList.Region fromVariance.Region, name)
        Assert.True(Region.equal fromList.Region fromSpread.Region, name)
        Assert.Equal(bm.Central.[2], fromSpread.BatchVariance)
        Assert.False(fromList.UsesHigherMoments)
        Assert.Equal(Some(Region.contains bm.Mean fromList.Region), fromList.ListMeanInside)

[<Fact>]
let ``the variance limit at an eigenvalue is where that eigenvalue leaves the region`` () =
    for name in affineRules do
        let s = subjectOf name
        let values = paperValues s
        let det = deterministicRegion s values
        for eigenvalue in [ r "-1"; r "0"; r "1/2"; r "3"; r "10"; r "19"; r "37" ] do
            let limit = ok (MeanSquare.varianceLimitAt s values eigenvalue None)
            match limit.MaxVariance with
            | NoneStable -> Assert.False(Region.contains eigenvalue det, sprintf "%s at %O" name eigenvalue)
            | Unbounded -> failwithf "%s at %O: noise of any size cannot be stable for these rules" name eigenvalue
            | UpTo b ->
                Assert.True(Region.contains eigenvalue det, sprintf "%s at %O" name eigenvalue)
                // the exact limit: inside at every rational below it, outside above it
                let lo = fst (AlgebraicNumber.interval (AlgebraicNumber.refineTo (r "1/1000") b))
                let hi = snd (AlgebraicNumber.interval (AlgebraicNumber.refineTo (r "1/1000") b))
                let stable x = ok (MeanSquare.isStableAt s values (BatchVariance x) eigenvalue)
                if lo.Sign >= 0 then Assert.True(stable lo, sprintf "%s at %O below %O" name eigenvalue lo)
                Assert.False(stable (hi + r "1/1000"), sprintf "%s at %O above %O" name eigenvalue hi)
                // the λ-slice at that variance agrees with the σ²-slice at that λ
                match AlgebraicNumber.tryRational b with
                | Some x ->
                    Assert.True(Region.contains eigenvalue (regionAt s values (BatchVariance x)).Region)
                    Assert.False(Region.contains eigenvalue (regionAt s values (BatchVariance(x + r "1/1000"))).Region)
                | None -> ()

[<Fact>]
let ``the certificate input states membership as sigma2 >= 0 and the Taylor coefficients`` () =
    let cf = ok (MeanSquare.closedForm (subjectOf "heavy-ball"))
    let input = MeanSquare.certificateInput cf
    Assert.Equal<string list>([ "sigma2 >= 0"; "q(1) >= 0"; "q'(1) >= 0"; "q''(1)/2 >= 0" ], input.Membership |> List.map fst)
    Assert.Equal<(int * int)[]>([| 0, 0; 0, 1; 1, 1 |], input.Basis)
    // the membership polynomials at a rational point decide exactly as isStableAt does
    let s = subjectOf "heavy-ball"
    let values = [ "alpha", r "1/10"; "beta", r "1/2" ]
    for lambda, sigma2 in [ "1", "1"; "10", "100"; "29", "20"; "29", "40"; "-1", "0"; "31", "0" ] do
        let point = Map.ofList ([ "lambda", r lambda; "sigma2", r sigma2 ] @ values)
        let inside = input.Membership |> List.forall (fun (_, c) -> (MPoly.eval point c).Sign >= 0)
        Assert.Equal(ok (MeanSquare.isStableAt s values (BatchVariance(r sigma2)) (r lambda)), inside)

[<Fact>]
let ``inputs that cannot give a region are refused with the reason`` () =
    Assert.Contains("C¹", error (MeanSquare.subject (Catalog.load "sam")))
    let usam = subjectOf "usam"
    let values = [ "alpha", r "1/10"; "rho", r "1/20" ]
    Assert.Contains("needs the batch curvature's moments up to order 4", error (MeanSquare.regionAt usam values (BatchVariance(r "1"))))
    Assert.Contains("per-sample curvatures", error (MeanSquare.closedForm usam))
    Assert.Contains("per-sample curvatures", error (MeanSquare.varianceLimitAt usam values (r "1") None))
    let short = ok (BatchMoments.ofCurvatures 2 2 [ r "1"; r "2"; r "3" ])
    Assert.Contains("computed up to order 2, but usam needs order 4", error (MeanSquare.regionAt usam values (CurvatureList short)))
    let gd = subjectOf "gd"
    Assert.Contains("must be non-negative", error (MeanSquare.regionAt gd [ "alpha", r "1/10" ] (BatchVariance(r "-1"))))
    let sampling = ok (BatchSampling.create 10 2)
    Assert.Contains("spread s^2 must be non-negative", error (MeanSquare.regionAt gd [ "alpha", r "1/10" ] (SampleSpread(sampling, r "-1"))))
    Assert.Contains("missing hyperparameter 'alpha'", error (MeanSquare.regionAt gd [] (BatchVariance Rational.one)))
    let clash = ok (Rule.parse "optimizer noisy\nparams alpha > 0, sigma2 > 0\nstate x\nx' = x - alpha*sigma2*grad(x)\n" |> Result.mapError string)
    Assert.Contains("hyperparameter 'sigma2' of noisy has a name the mean-square analysis uses", error (MeanSquare.subject clash))

/// Determinant by cofactor expansion along the first row: an independent oracle for Bareiss.
let rec private cofactor (m: MPoly[,]) =
    let n = Array2D.length1 m
    if n = 1 then
        m.[0, 0]
    else
        [ 0 .. n - 1 ]
        |> List.fold
            (fun acc j ->
                let minor = Array2D.init (n - 1) (n - 1) (fun a b -> m.[a + 1, (if b < j then b else b + 1)])
                let term = m.[0, j] * cofactor minor
                if j % 2 = 0 then acc + term else acc - term)
            MPoly.zero

[<FsCheck.Xunit.Property(MaxTest = 60)>]
let ``fraction-free determinants of polynomial matrices match cofactor expansion`` (entries: (int * int * int) list) (size: bool) =
    let n = if size then 4 else 3
    let entries = Array.ofList (entries @ List.replicate (n * n) (0, 0, 0))
    let x, y = v "x", v "y"
    // small entries a + b·x + c·x·y, many of them zero so that pivots must be swapped
    let m =
        Array2D.init n n (fun i j ->
            let a, b, c = entries.[n * i + j]
            MPoly.ofInt (a % 3) + MPoly.scale (Rational.ofInt (b % 2)) x + MPoly.scale (Rational.ofInt (c % 2)) (x * y))
    SecondMoment.determinant m = cofactor m

[<Fact>]
let ``a zero first pivot is swapped away`` () =
    // [[0, 1], [1, x]] has determinant −1
    let m = array2D [ [ MPoly.zero; MPoly.one ]; [ MPoly.one; v "x" ] ]
    Assert.Equal(MPoly.ofInt -1, SecondMoment.determinant m)

[<Fact>]
let ``Taylor coefficients at 1 are those of q(1 + w)`` () =
    // q = z³ − 2z² + z − 5 ⇒ q(1 + w) = w³ + w² − 5 (by hand: (1+w)³ − 2(1+w)² + (1+w) − 5)
    let z = v "z"
    let q = MPoly.pow 3 z - MPoly.ofInt 2 * MPoly.pow 2 z + z - MPoly.ofInt 5
    Assert.Equal<MPoly list>([ MPoly.ofInt -5; MPoly.zero; MPoly.one ], SecondMoment.taylorAtOne q)

[<Fact>]
let ``the lifted matrix of gradient descent is E[(1 - alpha*a)^2] with a of mean lambda and variance sigma2`` () =
    let s = subjectOf "gd"
    let alpha, lambda = v "alpha", v "lambda"
    let expected = MPoly.pow 2 (MPoly.one - alpha * lambda) + alpha * alpha * v "sigma2"
    Assert.Equal(expected, s.Operator.Matrix.[0, 0])
    Assert.Equal(1, s.EigenDegree)
    // USAM's M = 1 − α(a + ρa²) has degree 2 and needs E[ξ³], E[ξ⁴]
    let usam = subjectOf "usam"
    Assert.Equal(2, usam.EigenDegree)
    let vars = MPoly.variables usam.Operator.Matrix.[0, 0]
    Assert.Contains("kappa3", vars)
    Assert.Contains("kappa4", vars)

[<Fact>]
let ``q(1) >= 0 alone is not the region: Nesterov needs its other Taylor conditions`` () =
    // q(1) = det(I − L) has the term −α³β(1 + 2β)λ³, so it is positive for very negative λ;
    // there p(1) = αλ < 0, so M has a real eigenvalue above 1 and nothing is stable
    let s = subjectOf "nesterov"
    let values = [ "alpha", r "1/10"; "beta", r "9/10" ]
    let point = Map.ofList ([ "lambda", r "-1000"; "sigma2", Rational.zero ] @ values)
    Assert.True((MPoly.eval point (List.head s.Criterion)).Sign > 0)
    Assert.False(ok (MeanSquare.isStableAt s values (BatchVariance Rational.zero) (r "-1000")))
    Assert.False(Region.contains (r "-1000") (deterministicRegion s values))
    Assert.True(s.Criterion |> List.exists (fun c -> (MPoly.eval point c).Sign < 0))

[<FsCheck.Xunit.Property(MaxTest = 200)>]
let ``at every rational point the criterion agrees with the Schur-Cohn closed-disk test of q`` (rule: int) (lambda: int) (variance: int) =
    // the Taylor-coefficient signs against the deterministic closed-disk test (gcd with the
    // reversed polynomial, Schur–Cohn, Sturm on the circle) run on q at the same point
    let name = [| "gd"; "heavy-ball"; "nesterov"; "adam-frozen" |].[abs (rule % 4)]
    let s = subjectOf name
    let values = paperValues s
    let v = Rational.ofInt (lambda % 60) / Rational.ofInt 2
    let noise = BatchVariance(Rational.ofInt (abs (variance % 200)) / Rational.ofInt 4)
    let q = ok (MeanSquare.liftedCharPolyAt s values noise) |> Array.map (Poly.eval v) |> List.ofArray |> Poly.ofCoeffs
    ok (MeanSquare.isStableAt s values noise v) = DeterministicCore.closedDiskStable q

[<Fact>]
let ``at values a step alpha/(1 + rho) is gradient descent with the step alpha/(1 + rho)`` () =
    // M(a) = 1 − αa/(1 + ρ): at α = 1/10, ρ = 1 the step is 1/20, so by hand
    // E[M(a)²] = (1 − λ/20)² + σ²/400, and with σ² = 100 the region is (1 − λ/20)² ≤ 3/4,
    // 20 − 10√3 ≤ λ ≤ 20 + 10√3
    let m =
        match Rule.parse "optimizer gd-rho\nparams alpha > 0, rho >= 0\nstate x\nx' = x - alpha/(1 + rho)*grad(x)\n" with
        | Ok m -> m
        | Error e -> failwithf "%O" e
    // the symbolic subject needs polynomial coefficients, so it refuses and says why
    Assert.Contains("denominators", error (MeanSquare.subject m))
    let values = [ "alpha", r "1/10"; "rho", r "1" ]
    let s = ok (MeanSquare.subjectAt m values)
    let lambda = v "lambda"
    let expected = MPoly.pow 2 (MPoly.one - MPoly.scale (r "1/20") lambda) + MPoly.scale (r "1/400") (v "sigma2")
    Assert.Equal(expected, s.Operator.Matrix.[0, 0])
    let region = regionAt s values (BatchVariance(r "100"))
    Assert.Equal("[20-10*sqrt(3), 20+10*sqrt(3)]", Region.toText region.Region)
    // values outside the declared domain are refused, not analysed
    Assert.Contains("rho", error (MeanSquare.subjectAt m [ "alpha", r "1/10"; "rho", r "-1" ]))
