module EigenVerify.Filtering.Tests.TuningTests

open Xunit
open FsCheck
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.RateOracles

let private free name lo hi = { Name = name; Min = r lo; Max = r hi }
let private epsilon = r "1/10000"

let private tune (m: OptimizerModel) lo hi frees fixedValues =
    ok (Tuning.tune m (r lo) (r hi) frees (fixedValues |> List.map (fun (n, x) -> n, r x)) epsilon)

let private parameter (t: TuningResult) name = t.Parameters |> List.find (fun (n, _) -> n = name) |> snd

/// The certified level must lie in [rate − ε, rate).
let private assertWithinEpsilon (t: TuningResult) =
    match t.Optimality with
    | WithinEpsilon(level, boxes) ->
        let levelA = AlgebraicNumber.ofRational level
        Assert.True(AlgebraicNumber.compare levelA t.Rate < 0)
        Assert.True(AlgebraicNumber.compare (AlgebraicNumber.ofRational (level + t.Epsilon)) t.Rate >= 0)
        Assert.True(boxes > 0)
        level
    | other -> failwithf "expected a branch-and-bound certificate, got %A" other

/// The exact worst-case rate at rational θ (an independent route: `WorstCaseRate`, not the
/// disk conditions or the branch and bound).
let private exactRate (m: OptimizerModel) (values: (string * Rational) list) lo hi =
    let p, v = charPolyAt m (values |> List.map (fun (n, x) -> n, string x))
    (ok (WorstCaseRate.compute (ok (SpectralRadius.family v p)) (r lo) (r hi))).Rate

[<Property(MaxTest = 6)>]
let ``gradient descent tunes to alpha = 2/(mu + L) with rate (kappa - 1)/(kappa + 1), proved globally`` (a: PositiveInt) (b: PositiveInt) =
    let mu = Rational.ofFraction (a.Get % 9 + 1) 4
    let l = mu + Rational.ofFraction (b.Get % 30 + 1) 2
    let t = ok (Tuning.tune (Catalog.load "gd") mu l [ { Name = "alpha"; Min = Rational.zero; Max = Rational.ofInt 3 / l } ] [] epsilon)
    let expectedAlpha = Rational.ofInt 2 / (mu + l)
    let expectedRate = (l - mu) / (l + mu)
    match t.Optimality with
    | ExactGlobal _ -> AlgebraicNumber.tryRational (parameter t "alpha") = Some expectedAlpha && AlgebraicNumber.tryRational t.Rate = Some expectedRate
    | _ -> false

[<Fact>]
let ``heavy ball on mu = 1, L = 100 tunes to the textbook alpha, beta and rate`` () =
    // α* = 4/(√L + √μ)² = 4/121 ≈ 0.0330579, β* = ((√κ − 1)/(√κ + 1))² = 81/121 ≈ 0.6694215,
    // rate (√κ − 1)/(√κ + 1) = 9/11 ≈ 0.8181818.
    let t = tune (Catalog.load "heavy-ball") "1" "100" [ free "alpha" "0" "1/10"; free "beta" "0" "1" ] []
    Assert.Equal("4/121", text (parameter t "alpha"))
    Assert.Equal("81/121", text (parameter t "beta"))
    Assert.Equal("9/11", text t.Rate)
    // the issue's decimals, rounded to 7 places
    Assert.Equal(0.0330579, toFloat (parameter t "alpha"), 7)
    Assert.Equal(0.6694215, toFloat (parameter t "beta"), 7)
    Assert.Equal(0.8181818, toFloat t.Rate, 7)
    Assert.NotEmpty(t.Recognised)
    // the textbook optimum has a double root at both ends: the discriminant (1 + β − αλ)² − 4β
    // of p(z; λ) vanishes at λ = 1 and λ = 100 for the returned α, β
    let a, b = (AlgebraicNumber.tryRational (parameter t "alpha")).Value, (AlgebraicNumber.tryRational (parameter t "beta")).Value
    for l in [ r "1"; r "100" ] do
        let c = Rational.one + b - a * l
        Assert.Equal(Rational.zero, c * c - Rational.ofInt 4 * b)
    match t.RateCheck with
    | ByWorstCase w -> Assert.Equal<Interval list>([ { Lower = Some { Value = alg (r "1"); Closed = true }; Upper = Some { Value = alg (r "100"); Closed = true } } ], w.AttainedAt.Intervals)
    | other -> failwithf "a rational optimum is checked by the worst-case algorithm, got %A" other
    assertWithinEpsilon t |> ignore

[<Fact>]
let ``heavy ball with kappa = 10 tunes to the textbook values in Q(sqrt 10)`` () =
    // α* = 4/(1 + √10)² = 4/(11 + 2√10) = (44 − 8√10)/81, β* = ((√10 − 1)/(√10 + 1))²
    // = ((11 − 2√10)/9)² = (161 − 44√10)/81, rate (√10 − 1)/(√10 + 1) = (11 − 2√10)/9.
    let t = tune (Catalog.load "heavy-ball") "1" "10" [ free "alpha" "0" "1/2"; free "beta" "0" "1" ] []
    Assert.Equal("44/81-8/81*sqrt(10)", text (parameter t "alpha"))
    Assert.Equal("161/81-44/81*sqrt(10)", text (parameter t "beta"))
    Assert.Equal("11/9-2/9*sqrt(10)", text t.Rate)
    match t.RateCheck with
    | ByDiskConditions _ -> ()
    | other -> failwithf "an irrational optimum is checked by the disk conditions, got %A" other
    assertWithinEpsilon t |> ignore

[<Fact>]
let ``Nesterov tunes to the textbook alpha = 4/(3L + mu) and rate 1 - 2/sqrt(3 kappa + 1)`` () =
    let t = tune (Catalog.load "nesterov") "1" "100" [ free "alpha" "0" "1/10"; free "beta" "0" "1" ] []
    Assert.Equal("4/301", text (parameter t "alpha"))
    // β* = (√301 − 2)/(√301 + 2) = (305 − 4√301)/297
    Assert.Equal("305/297-4/297*sqrt(301)", text (parameter t "beta"))
    Assert.Equal("1-2/301*sqrt(301)", text t.Rate)
    assertWithinEpsilon t |> ignore

[<Fact>]
let ``USAM and two-step USAM at fixed rho tune like gradient descent on s(lambda), derived by hand`` () =
    // USAM: p = z − 1 + α s(λ), s(λ) = λ(1 + ρλ), increasing on [1, 100] for ρ = 1/20, so
    // ρ(λ) = |1 − α s(λ)| and the problem is gradient descent on the spectrum [s(1), s(100)] =
    // [21/20, 600]: α* = 2/(s(1) + s(100)) = 40/12021 and rate (600 − 21/20)/(600 + 21/20) = 3993/4007.
    let usam = tune (Catalog.load "usam") "1" "100" [ free "alpha" "0" "1/100" ] [ "rho", "1/20" ]
    Assert.Equal("40/12021", text (parameter usam "alpha"))
    Assert.Equal("3993/4007", text usam.Rate)
    // two-step USAM: s(λ) = λ(1 + ρλ)², s(1) = 441/400, s(100) = 3600:
    // α* = 2/(441/400 + 3600) = 800/1440441, rate (1440000 − 441)/(1440000 + 441) = 159951/160049.
    let twoStep = tune (Catalog.load "two-step-usam") "1" "100" [ free "alpha" "0" "1/1000" ] [ "rho", "1/20" ]
    Assert.Equal("800/1440441", text (parameter twoStep "alpha"))
    Assert.Equal("159951/160049", text twoStep.Rate)
    for t in [ usam; twoStep ] do
        match t.Optimality with
        | ExactGlobal _ -> ()
        | other -> failwithf "a one-parameter rational optimum gets the exact argument, got %A" other

[<Fact>]
let ``USAM with rho free tunes to rho = 0, an excluded end of its domain: gradient descent`` () =
    // F(α, ρ) ≥ the rate of gradient descent on [s(1), s(100)] with s(λ) = λ(1 + ρλ), whose
    // condition number s(100)/s(1) = 100(1 + 100ρ)/(1 + ρ) grows with ρ: the best is ρ → 0,
    // where USAM is gradient descent (α* = 2/101, rate 99/101); the rule declares rho > 0.
    let t = tune (Catalog.load "usam") "1" "100" [ free "alpha" "0" "1/10"; free "rho" "0" "1/10" ] []
    Assert.Equal("2/101", text (parameter t "alpha"))
    Assert.Equal("0", text (parameter t "rho"))
    Assert.Equal("99/101", text t.Rate)
    Assert.Equal<string list>([ "rho" ], t.OutsideDomain)
    assertWithinEpsilon t |> ignore

[<Fact>]
let ``QHM at nu = 7/10 gets an exact algebraic optimum that no sampled tuning beats`` () =
    let t = tune qhm "1" "100" [ free "alpha" "0" "1/5"; free "beta" "0" "1" ] [ "nu", "7/10" ]
    let level = assertWithinEpsilon t
    // the rate at θ* by MathNet's roots on a λ grid of [1, 100]: rounding (√1e-16 at the double
    // root the optimum has) is far below 1e-6
    let p, v = charPolyAt qhm [ "nu", "7/10" ]
    let atOptimum = MPoly.substitute (t.Parameters |> List.map (fun (n, x) -> n, Rational.parse ((toFloat x).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) |> Map.ofList) p
    Assert.Equal(toFloat t.Rate, numericWorstCase atOptimum v (r "1") (r "100") 2000, 6)
    // the certificate's claim, checked by the exact worst-case algorithm at sampled rational θ
    let rng = System.Random 7
    for _ in 1..40 do
        let alpha = Rational.ofFraction (rng.Next(1, 1001)) 5000
        let beta = Rational.ofFraction (rng.Next(0, 1000)) 1000
        let rate = exactRate qhm [ "alpha", alpha; "beta", beta; "nu", r "7/10" ] "1" "100"
        Assert.True(AlgebraicNumber.compare rate (alg level) > 0, sprintf "alpha=%O beta=%O beats the certified level" alpha beta)

[<Fact>]
let ``a cubic characteristic polynomial is tuned exactly when its optimum is rational`` () =
    // p = (z − 1 + αλ)(z² − 1/4): the roots 1 − αλ and ±1/2, so the rate is max(|1 − αλ|, 1/2)
    // and on [1, 100] the optimum is gradient descent's: α* = 2/101, rate 99/101.
    let z = MPoly.var "z"
    let p = (z - MPoly.one + MPoly.var "alpha" * MPoly.var "lambda") * (z * z - MPoly.constant (r "1/4"))
    let t = ok (Tuning.tunePolynomial "lambda" p (r "1") (r "100") [ free "alpha" "0" "1/20" ] epsilon)
    Assert.Equal("2/101", text (parameter t "alpha"))
    Assert.Equal("99/101", text t.Rate)
    match t.Optimality with
    | ExactGlobal _ -> ()
    | other -> failwithf "expected the exact one-parameter argument, got %A" other

[<Fact>]
let ``a level above the optimum is never certified, and wrong candidate rates are rejected`` () =
    let p, v = charPolyAt (Catalog.load "gd") []
    let box = [ free "alpha" "0" "1/25" ]
    let guide (_: Map<string, Rational>) = r "50"
    // the optimum is 99/101 at α = 2/101; the level 99/101 + 1/1000 is beaten there
    match RateBounds.branchAndBound v p (r "1") (r "100") box (r "99/101" + r "1/1000") guide 5000 with
    | Error e -> Assert.Contains("not certified", e)
    | Ok n -> failwithf "a false lower bound was certified with %d boxes" n
    match RateBounds.branchAndBound v p (r "1") (r "100") box (r "99/101" - r "1/1000") guide 5000 with
    | Ok n -> Assert.True(n > 0)
    | Error e -> failwith e
    Assert.Equal(Ok false, RateBounds.exactLowerBound1D v p (r "1") (r "100") box.[0] (r "99/101" + r "1/1000000"))
    Assert.Equal(Ok true, RateBounds.exactLowerBound1D v p (r "1") (r "100") box.[0] (r "99/101"))
    // F(2/101)² = (99/101)²: the disk conditions accept it and reject a slightly different value
    let f = NumberField.ofGenerator (alg (r "2/101"))
    let theta = Map.ofList [ "alpha", Poly.constant (r "2/101") ]
    let check s = RateBounds.verifySquaredRate f v p theta (Poly.constant s) (r "1") (r "100")
    Assert.True(Result.isOk (check (r "9801/10201")))
    Assert.True(Result.isError (check (r "9801/10201" + r "1/100000")))
    Assert.True(Result.isError (check (r "9801/10201" - r "1/100000")))

[<Fact>]
let ``bad tuning requests are refused with the reason`` () =
    let hb = Catalog.load "heavy-ball"
    let refuse frees fixedValues (fragment: string) =
        match Tuning.tune hb (r "1") (r "100") frees (fixedValues |> List.map (fun (n, x) -> n, r x)) epsilon with
        | Error e -> Assert.Contains(fragment, e)
        | Ok _ -> failwithf "expected an error mentioning %s" fragment
    refuse [ free "gamma" "0" "1" ] [ "beta", "1/2" ] "unknown hyperparameter 'gamma'"
    refuse [ free "beta" "0" "2" ] [ "alpha", "1/10" ] "above its domain's upper end 1"
    refuse [ free "alpha" "-1" "1" ] [ "beta", "1/2" ] "below its domain's lower end 0"
    refuse [ free "alpha" "0" "1" ] [] "missing hyperparameter 'beta'"
    refuse [ free "alpha" "0" "1" ] [ "alpha", "1/10"; "beta", "1/2" ] "both free and fixed"
    refuse [ free "alpha" "1" "1" ] [ "beta", "1/2" ] "empty or a point"
    match Tuning.tune hb (r "1") (r "100") [ free "alpha" "0" "1" ] [ "beta", r "1/2" ] Rational.zero with
    | Error e -> Assert.Contains("epsilon must be positive", e)
    | Ok _ -> failwith "epsilon 0 accepted"
    match Tuning.tune (Catalog.load "usam-hb") (r "1") (r "100") [ free "alpha" "0" "1"; free "beta" "0" "1"; free "rho" "0" "1" ] [] epsilon with
    | Error e -> Assert.Contains("1 or 2 free", e)
    | Ok _ -> failwith "three free parameters accepted"

/// Heavy ball with a declared relation between its step and momentum.
let private tiedHeavyBall (relation: string) =
    match Rule.parse (sprintf "optimizer tied\nparams alpha > 0, 0 <= beta < 1, %s\nstate x, x_prev\nx' = x - alpha*grad(x) + beta*(x - x_prev)\nx_prev' = x\n" relation) with
    | Ok m -> m
    | Error e -> failwithf "%O" e

let private tuneError (m: OptimizerModel) lo hi frees fixedValues =
    match Tuning.tune m (r lo) (r hi) frees (fixedValues |> List.map (fun (n, x) -> n, r x)) epsilon with
    | Error e -> e
    | Ok t -> failwithf "expected a refusal, got %A" t.Parameters

[<Fact>]
let ``a declared relation between the free hyperparameters bounds the searched box`` () =
    let m = tiedHeavyBall "beta <= 30*alpha"
    // 30α − β ≥ 0 on α ∈ [1/40, 1/10], β ∈ [0, 3/4]: its least value is 30/40 − 3/4 = 0 at a corner
    // (by hand), and the textbook optimum 4/121, 81/121 (81/121 ≤ 120/121) lies inside
    let t = tune m "1" "100" [ free "alpha" "1/40" "1/10"; free "beta" "0" "3/4" ] []
    Assert.Equal("4/121", text (parameter t "alpha"))
    Assert.Equal("81/121", text (parameter t "beta"))
    Assert.Equal("9/11", text t.Rate)
    // with β up to 4/5 the corner α = 1/40, β = 4/5 has 30α − β = −1/20 < 0: refused with it
    let e = tuneError m "1" "100" [ free "alpha" "1/40" "1/10"; free "beta" "0" "4/5" ] []
    Assert.Contains("beta <= 30*alpha fails at alpha = 1/40, beta = 4/5", e)
    // a failure away from the corners and the centre is found by subdivision: with
    // f(α) = 2/5 + 640(α − 7/80)², f ≥ 1/2 at α = 1/20 and 1/10 and f(3/40) = 1/2 (by hand), so the
    // corners and the centre (3/40, 1/4) satisfy β ≤ f(α), but f(7/80) = 2/5 < 1/2 on the top edge
    let inner = tiedHeavyBall "beta <= 2/5 + 640*(alpha - 7/80)^2"
    let e2 = tuneError inner "1" "100" [ free "alpha" "1/20" "1/10"; free "beta" "0" "1/2" ] []
    Assert.Contains("fails at", e2)

[<Fact>]
let ``a strict relation with a fixed hyperparameter must hold strictly on the searched interval`` () =
    let m = tiedHeavyBall "beta < 30*alpha"
    // α = 1/30 fixed: β < 1 is the relation, so the closed interval [0, 1] touches it at β = 1
    let e = tuneError m "1" "100" [ free "beta" "0" "1" ] [ "alpha", "1/30" ]
    Assert.Contains("beta < 30*alpha fails at beta = 1 (with alpha = 1/30)", e)
    // [0, 9/10] lies strictly inside: the tuning runs and its β* is inside the box
    let t = tune m "1" "100" [ free "beta" "0" "9/10" ] [ "alpha", "1/30" ]
    let b = parameter t "beta"
    Assert.True(AlgebraicNumber.compare b (alg (r "9/10")) <= 0 && (AlgebraicNumber.compare b (alg Rational.zero)) >= 0)

[<Fact>]
let ``an optimum on a face of the searched box is reported on the face, exactly`` () =
    // p(z) = z² − (1 + β₁ − αλ(1 + β₂))z + β₁(1 − αλ) at α = 1/100, β₂ = 1/4 on λ ∈ [1, 100]: the
    // worst-case rate falls as β₁ grows up to 1/5, so the optimum over [0, 1/5] is the face
    // β₁ = 1/5, where the worst eigenvalue is inside the spectrum (no end equation holds there)
    let m =
        match Rule.parse "optimizer nesterov-like\nparams alpha > 0, 0 <= beta1 < 1, 0 <= beta2 < 1\nstate x, v\nv' = beta1*v + grad(x)\nx' = x - alpha*(beta2*v' + grad(x))\n" with
        | Ok m -> m
        | Error e -> failwithf "%O" e
    let fixedValues = [ "alpha", r "1/100"; "beta2", r "1/4" ]
    let t = tune m "1" "100" [ free "beta1" "0" "1/5" ] [ "alpha", "1/100"; "beta2", "1/4" ]
    Assert.Equal("1/5", text (parameter t "beta1"))
    // its rate is the exact worst case at β₁ = 1/5 computed independently, and every other
    // sampled point of the box is worse
    let at b = exactRate m (("beta1", r b) :: fixedValues) "1" "100"
    Assert.Equal(0, AlgebraicNumber.compare t.Rate (at "1/5"))
    for b in [ "0"; "1/10"; "19/100"; "99999/500000" ] do
        Assert.True(AlgebraicNumber.compare (at b) t.Rate > 0, b)

[<Fact>]
let ``a rule whose denominator involves only fixed hyperparameters tunes like the catalog rule it equals`` () =
    // heavy ball written with m' = beta*m + (1 - beta)*g, x' = x - alpha/(1 - beta)*m': the same
    // p(z) as the catalog heavy ball once p = det(D zI - N) is divided by D^2, D = beta - 1
    let m =
        match Rule.parse "optimizer hb-averaged\nparams alpha > 0, 0 <= beta < 1\nstate x, m\nm' = beta*m + (1 - beta)*grad(x)\nx' = x - alpha/(1 - beta)*m'\n" with
        | Ok m -> m
        | Error e -> failwithf "%O" e
    let averaged = tune m "1" "100" [ free "alpha" "0" "1/10" ] [ "beta", "81/121" ]
    let catalog = tune (Catalog.load "heavy-ball") "1" "100" [ free "alpha" "0" "1/10" ] [ "beta", "81/121" ]
    // with β at its textbook value the textbook α = 4/121 and rate 9/11 are optimal (by hand:
    // the joint optimum has this β)
    Assert.Equal("4/121", text (parameter averaged "alpha"))
    Assert.Equal("9/11", text averaged.Rate)
    Assert.Equal(text (parameter catalog "alpha"), text (parameter averaged "alpha"))
    // with β free the denominator 1 − β stays symbolic: refused, naming it
    let e = tuneError m "1" "100" [ free "beta" "0" "9/10" ] [ "alpha", "4/121" ]
    Assert.Contains("depends on beta", e)
