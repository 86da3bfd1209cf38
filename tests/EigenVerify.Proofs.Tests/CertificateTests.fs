module EigenVerify.Proofs.Tests.CertificateTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Proofs

let internal catalogSource (name: string) =
    { Name = name; Text = (Catalog.source name).Value; Model = Catalog.load name }

let internal claimsOf (r: Result<RuleProofs, string>) =
    match r with
    | Ok(Claims(cs, _)) -> cs
    | Ok(NoClaim(_, _, reason)) -> failwithf "no claim: %s" reason
    | Error e -> failwithf "unexpected error: %s" e

let internal claimNamed (id: string) (cs: (Claim * CertificateFile list) list) =
    match cs |> List.tryFind (fun (c, _) -> c.Id = id) with
    | Some c -> c
    | None -> failwithf "no claim %s among %A" id (cs |> List.map (fun (c, _) -> c.Id))

let private reference = [ "alpha", Rational.ofFraction 1 10; "beta", Rational.ofFraction 9 10 ]

/// A claim written on its own, read against the rule.
let internal claimFor (m: OptimizerModel) (text: string) =
    match Rule.parseFilter m text with
    | Ok f -> Some f
    | Error e -> failwithf "the claim does not parse: %O" e

[<Fact>]
let ``a stated claim has identity, defined, sound and complete certificates, each expecting unsat`` () =
    let cs = claimsOf (ProofSet.build (catalogSource "heavy-ball") None [])
    Assert.Equal<string list>([ "derived"; "stated" ], cs |> List.map (fun (c, _) -> c.Id))
    let claim, files = claimNamed "stated" cs
    Assert.Equal(OverDomain, claim.Scope)
    Assert.Equal<Direction list>([ Identity; Defined; Sound; Complete ], files |> List.map (fun f -> f.Direction))
    for f in files do
        Assert.StartsWith("heavy-ball/stated.", f.Path)
        Assert.Contains("(set-info :status unsat)", f.Text)
        Assert.EndsWith("(check-sat)\n", f.Text)
        Assert.Contains("; Claim: for every hyperparameter value in the declared domain (alpha > 0, 0 <= beta < 1)", f.Text)

[<Fact>]
let ``the sound certificate asks for a root outside the disk, not for a stability criterion`` () =
    let _, files = claimNamed "stated" (claimsOf (ProofSet.build (catalogSource "heavy-ball") None []))
    let sound = files |> List.find (fun f -> f.Direction = Sound)
    // z = x + iy, z^2 = (x^2 - y^2) + i(2xy): written as re2/im2 from re1 = x, im1 = y.
    Assert.Contains("(define-fun re2 ((x Real) (y Real)) Real (- (* x x) (* y y)))", sound.Text)
    Assert.Contains("(define-fun im2 ((x Real) (y Real)) Real (+ (* x y) (* y x)))", sound.Text)
    Assert.Contains("(define-fun c0 () Real beta)", sound.Text)
    Assert.Contains("(assert (root_outside x y))", sound.Text)
    Assert.Contains("(assert (<= 0 beta))", sound.Text)
    Assert.Contains("(assert (< beta 1))", sound.Text)
    Assert.DoesNotContain("forall", sound.Text)

[<Fact>]
let ``for degree two the complete certificate names its three root witnesses instead of quantifying`` () =
    let _, files = claimNamed "stated" (claimsOf (ProofSet.build (catalogSource "nesterov") None []))
    let complete = files |> List.find (fun f -> f.Direction = Complete)
    Assert.Contains("(set-logic QF_NRA)", complete.Text)
    Assert.DoesNotContain("forall", complete.Text)
    Assert.Contains("(assert (not in_region))", complete.Text)
    Assert.Contains("(root_outside (/ (- c1) 2) (/ s 2))", complete.Text)

[<Fact>]
let ``the identity certificate states det(zI - M) = p with the matrix entries written out`` () =
    let _, files = claimNamed "stated" (claimsOf (ProofSet.build (catalogSource "heavy-ball") None []))
    let identity = files |> List.find (fun f -> f.Direction = Identity)
    // Heavy ball: M = [[1 + beta - alpha*lambda, -beta], [1, 0]] (state x, x_prev).
    Assert.Contains("(define-fun m1_1 () Real (+ (- (* alpha lam)) beta 1))", identity.Text)
    Assert.Contains("(define-fun m1_2 () Real (- beta))", identity.Text)
    Assert.Contains("(define-fun m2_1 () Real 1)", identity.Text)
    Assert.Contains("(define-fun m2_2 () Real 0)", identity.Text)
    Assert.Contains("(define-fun det () Real (+ (* (- z m1_1) (- z m2_2)) (- (* (- m1_2) (- m2_1)))))", identity.Text)
    Assert.Contains("(assert (not (= det p)))", identity.Text)

[<Fact>]
let ``an exact claim encodes a quadratic surd endpoint by its square and sign`` () =
    let values = [ "alpha", Rational.ofFraction 1 10; "rho", Rational.ofFraction 1 20 ]
    let cs = claimsOf (ProofSet.build (catalogSource "usam") None [ values ])
    let claim, files = cs |> List.find (fun (c, _) -> c.Scope <> OverDomain)
    Assert.Equal("exact-alpha-1_10.rho-1_20", claim.Id)
    let sound = files |> List.find (fun f -> f.Direction = Sound)
    Assert.Contains("(assert (= (* sqrt5 sqrt5) 5))", sound.Text)
    Assert.Contains("(assert (> sqrt5 0))", sound.Text)
    Assert.Contains("(assert (= alpha (/ 1 10)))", sound.Text)
    // [−10 − 10√5, −20] ∪ [0, −10 + 10√5]
    Assert.Contains(
        "(define-fun in_region () Bool (or (and (<= (+ (- 10) (* (- 10) sqrt5)) lam) (<= lam (- 20))) (and (<= 0 lam) (<= lam (+ (- 10) (* 10 sqrt5))))))",
        sound.Text
    )

[<Fact>]
let ``an exact claim encodes a cubic endpoint as the only root of its polynomial in an interval`` () =
    let values = [ "alpha", Rational.ofFraction 1 10; "rho", Rational.ofFraction 1 20 ]
    let cs = claimsOf (ProofSet.build (catalogSource "two-step-usam") None [ values ])
    let _, files = cs |> List.find (fun (c, _) -> c.Scope <> OverDomain)
    let sound = files |> List.find (fun f -> f.Direction = Sound)
    // λ(1 + λ/20)² = 20 ⟺ λ³ + 40λ² + 400λ − 8000 = 0, whose real root is ≈ 9.3114.
    Assert.Contains("(assert (= (+ (* root1 root1 root1) (* 40 root1 root1) (* 400 root1) (- 8000)) 0))", sound.Text)
    Assert.Contains("(= lam (- 20))", sound.Text)

[<Fact>]
let ``the derived claim asserts the Filtering layer's conditions, each non-negative`` () =
    let claim, files = claimNamed "derived" (claimsOf (ProofSet.build (catalogSource "gd") None []))
    // GD: p(z) = z - 1 + alpha*lambda; |1 - alpha*lambda| <= 1 gives lambda >= 0 and 2 - alpha*lambda >= 0.
    let text = Smt.formula claim.Membership
    Assert.StartsWith("(and (>= ", text)
    Assert.Contains("(>= lam 0)", text)
    match claim.Region with
    | DerivedForm cf -> Assert.Equal(2, cf.Conditions.Length)
    | other -> failwithf "expected the derived closed form, got %A" other
    Assert.Equal<Direction list>([ Identity; Sound; Complete ], files |> List.map (fun f -> f.Direction))

[<Fact>]
let ``a statement given by hand replaces the derived and stated closed forms`` () =
    let cs = claimsOf (ProofSet.build (catalogSource "gd") (claimFor (Catalog.load "gd") "0 <= lambda <= 3/alpha") [])
    let claim, _ = Assert.Single cs
    Assert.Equal("stated", claim.Id)
    Assert.Equal("0 <= lambda <= 3/alpha", Claim.regionText claim)

[<Fact>]
let ``generation is deterministic`` () =
    let texts () =
        ProofSet.outputs [ Claims(claimsOf (ProofSet.build (catalogSource "usam-hb") None [ reference @ [ "rho", Rational.ofFraction 1 20 ] ]), []) ] None
        |> List.map (fun f -> f.Path + "\n" + f.Text)
    Assert.Equal<string list>(texts (), texts ())

[<Fact>]
let ``a rule with three state variables gets a quantifier-free complete certificate through a real factorization`` () =
    let text =
        "optimizer three-state\nparams alpha > 0, 0 <= beta < 1\nstate x, x1, x2\nx' = x - alpha*grad(x) + beta*(x1 - x2)\nx1' = x\nx2' = x1\n"
    let m =
        match Rule.parse text with
        | Ok m -> m
        | Error e -> failwithf "%O" e
    let cs = claimsOf (ProofSet.build { Name = m.Name; Text = text; Model = m } (claimFor m "0 <= lambda <= 1/alpha") [])
    let _, files = Assert.Single cs
    let complete = files |> List.find (fun f -> f.Direction = Complete)
    Assert.Contains("(set-logic QF_NRA)", complete.Text)
    Assert.DoesNotContain("forall", complete.Text)
    // p = (z − r)(z² − u z + w): one real root in [−1, 1] and a quadratic with its closed-disk conditions
    Assert.Contains("(assert (<= (* |factor.r| |factor.r|) 1))", complete.Text)
    Assert.Contains("(assert (<= |factor.w0| 1))", complete.Text)
    Assert.Contains("(assert (>= (+ (- 1 |factor.u0|) |factor.w0|) 0))", complete.Text)
    Assert.Contains("(assert (>= (+ (+ 1 |factor.u0|) |factor.w0|) 0))", complete.Text)
    for i in 0..2 do
        Assert.Contains(sprintf "(assert (= c%d " i, complete.Text)
    // z^3 from z^2: re3 = re2*x - im2*y.
    Assert.Contains("(define-fun re3 ((x Real) (y Real)) Real (- (* (re2 x y) x) (* (im2 x y) y)))", complete.Text)

[<Fact>]
let ``SAM has no claim because its update is not C1 at critical points`` () =
    match ProofSet.build (catalogSource "sam") None [] with
    | Ok(NoClaim(rule, _, reason)) ->
        Assert.Equal("sam", rule)
        Assert.Contains("C¹", reason)
    | _ -> failwith "SAM should have no claim"
