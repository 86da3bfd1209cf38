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

/// The delayed gradient with delay tau: p = z^(tau+1) - z^tau + alpha*lambda, of degree tau + 1.
let private delayedGradient (tau: int) =
    let states = [ for i in 0 .. tau -> if i = 0 then "x" else sprintf "x%d" i ]
    let text =
        sprintf "optimizer delayed-%d\nparams alpha > 0\nstate %s\nx' = x - alpha*grad(%s)\n" tau (String.concat ", " states) (List.last states)
        + (states |> List.pairwise |> List.map (fun (a, b) -> sprintf "%s' = %s\n" b a) |> String.concat "")
    let m =
        match Rule.parse text with
        | Ok m -> m
        | Error e -> failwithf "%O" e
    claimsOf (ProofSet.build { Name = m.Name; Text = text; Model = m } (claimFor m "0 <= lambda <= 1/(3*alpha)") [])
    |> Assert.Single

/// The hypotheses of a committed theorem file, "(>= P 0)" per line, in order.
let private theoremHypotheses (file: string) =
    System.IO.File.ReadAllLines(System.IO.Path.Combine(EigenVerify.TestSupport.repositoryRoot (), "proofs", "theorems", file))
    |> Array.filter (fun l -> l.StartsWith "(assert (>= ")
    |> Array.map (fun l -> l.Substring("(assert ".Length, l.Length - "(assert ".Length - 1))
    |> List.ofArray

[<Fact>]
let ``from degree 4 the sound certificate is an instance of the committed theorem: the same conditions in the same order`` () =
    for tau, degree in [ 3, 4; 4, 5 ] do
        let claim, files = delayedGradient tau
        let sound = files |> List.find (fun f -> f.Direction = Sound)
        let theorems = Certificate.theoremFiles claim Sound
        // no root variables: the certificate only asks whether E_n fails somewhere in R
        Assert.DoesNotContain("root_outside", sound.Text)
        Assert.DoesNotContain("(declare-const x Real)", sound.Text)
        Assert.Contains("(assert in_region)\n(assert (not disk.holds))\n(check-sat)\n", sound.Text)
        Assert.Contains("(define-fun c0 () Real (* alpha lam))", sound.Text)
        Assert.Contains(sprintf "(define-fun c%d () Real (- 1))" (degree - 1), sound.Text)
        // the conditions the instance asserts are, character for character, the hypotheses of the
        // committed theorem file of that degree (read from disk, not from the generator)
        let expected = theoremHypotheses (sprintf "disk-%d.bound.smt2" degree)
        Assert.True(expected.Length >= 6, sprintf "degree %d: only %d hypotheses read" degree expected.Length)
        let parameters = [ for i in 0 .. degree - 1 -> sprintf "(a%d Real)" i ] |> String.concat " "
        let definition = sprintf "(define-fun disk.conditions (%s) Bool (and %s))" parameters (String.concat " " expected)
        Assert.Contains(definition, sound.Text)
        Assert.Contains(sprintf "(define-fun disk.holds () Bool (disk.conditions %s))" ([ for i in 0 .. degree - 1 -> sprintf "c%d" i ] |> String.concat " "), sound.Text)
        // the files it relies on: the sufficiency obligations of every degree from 4 up, and the
        // direct check of degree 3, listed in the header and recorded for the transcript
        Assert.Equal<string list>(DiskTheorem.sufficiencyFiles degree, theorems)
        Assert.Contains("disk-3.direct-sound.smt2", theorems)
        Assert.DoesNotContain("disk-3.bound.smt2", theorems)
        for t in theorems do
            Assert.Contains(";   " + t + "\n", sound.Text)
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(EigenVerify.TestSupport.repositoryRoot (), "proofs", "theorems", t)), t)
        for n in 4 .. degree do
            Assert.Contains(sprintf "disk-%d.bound.smt2" n, theorems)
            Assert.Contains(sprintf "disk-%d.selfinverse-p1.smt2" n, theorems)

[<Fact>]
let ``from degree 4 the complete certificate goes through the theorem's converse, and names what no file checks`` () =
    for tau, degree in [ 3, 4; 4, 5 ] do
        let claim, files = delayedGradient tau
        let complete = files |> List.find (fun f -> f.Direction = Complete)
        Assert.DoesNotContain("factor.", complete.Text)
        Assert.Contains("(assert (not in_region))\n(assert disk.holds)\n(check-sat)\n", complete.Text)
        let theorems = Certificate.theoremFiles claim Complete
        Assert.Equal<string list>(DiskTheorem.necessityFiles degree, theorems)
        for t in theorems do
            Assert.Contains(";   " + t + "\n", complete.Text)
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(EigenVerify.TestSupport.repositoryRoot (), "proofs", "theorems", t)), t)
        // degree 3 directly, degree 4 one condition at a time; nothing of the sufficiency argument
        Assert.Contains("disk-3.direct-valid-0.smt2", theorems)
        Assert.Contains("disk-3.direct-valid-1.smt2", theorems)
        Assert.Contains("disk-4.necessary-S.S-1mq0-2.smt2", theorems)
        Assert.DoesNotContain("disk-4.bound.smt2", theorems)
        Assert.DoesNotContain("disk-3.direct-sound.smt2", theorems)
        // the conditions through D(p) rest on Gauss-Lucas: said in the file, no check of them listed
        Assert.Contains("Gauss-Lucas theorem", complete.Text)
        Assert.DoesNotContain(theorems, fun t -> t.StartsWith "disk-4.necessary-D.")
        if degree = 4 then
            Assert.DoesNotContain(theorems, fun t -> t.StartsWith "disk-4.identity-")
            Assert.DoesNotContain("classical argument", complete.Text)
        else
            // degree 5: its conditions through S(p) only through their identities, and said so
            Assert.Contains("disk-5.identity-S.S-1mq0.smt2", theorems)
            Assert.Contains("classical argument of proofs/theorems/README.md", complete.Text)

[<Fact>]
let ``up to degree 3 no certificate goes through the theorem`` () =
    for name in [ "gd"; "heavy-ball"; "usam" ] do
        let values = ProofSet.referenceFor (Catalog.load name) |> Option.toList
        for claim, files in claimsOf (ProofSet.build (catalogSource name) None values) do
            for f in files do
                Assert.Empty(Certificate.theoremFiles claim f.Direction)
                Assert.DoesNotContain("disk.conditions", f.Text)
    let claim, files = delayedGradient 2
    for f in files do
        Assert.Empty(Certificate.theoremFiles claim f.Direction)
        Assert.DoesNotContain("disk.conditions", f.Text)
