namespace EigenVerify.Proofs

open System.Text
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// One obligation of the per-degree closed-disk theorem: an SMT-LIB2 file that asserts the
/// negation of what it establishes, so its expected answer is `unsat`.
type DiskObligation =
    { Degree: int
      /// File stem, e.g. "disk-4.reduction-S.D.1-q(0)" made file-safe.
      Name: string
      /// What the file establishes, in words.
      Says: string
      Text: string }

/// The theorem "for every real a, E_n(a) ⟺ every root of z^n + a_(n−1)z^(n−1) + … + a₀ lies in
/// |z| ≤ 1" for the proved degrees, split into obligations in coefficient space only (no root
/// variables), each small enough for z3:
///   bound          E_n ⇒ a₀² ≤ 1
///   reduction-g    E_n ∧ 1 − a₀² > 0 ⇒ d^deg(g)·g(S(p)) ≥ 0, for every g of E_(n−1) whose cleared form
///                  is not itself in E_n (those are identities, see identity-g)
///   identity-g     d^deg(g)·g(S(p)) = κ(1 − a₀)^i(1 + a₀)^j·c for the member c of E_n (polynomial identity)
///   selfinverse±1  E_n ∧ a₀ = ±1 ⇒ p = ±p* (every coefficient of (p ∓ p*)/z vanishes)
///   derivative±1-g E_n ∧ a₀ = ±1 ∧ p = ±p* ⇒ g(p'/n) ≥ 0, for every g of E_(n−1) not itself in E_n
/// With the theorem for degree n − 1 and two classical lemmas (the step-up inequality
/// |z·q(z)| > |q*(z)| for |z| > 1 when q ∈ S_(n−1), and n·p = z·p' ± (p')* for p = ±p*), these give
/// E_n ⇒ p ∈ S_n; the converse holds condition by condition (Schur–Cohn, Gauss–Lucas, continuity).
/// proofs/theorems/README.md writes the argument out. For degrees ≤ 3 the files `direct-sound`
/// and `direct-valid-k` also check both directions directly with root variables.
[<RequireQualifiedAccess>]
module DiskTheorem =

    let private coefficient (i: int) = MPoly.var (DiskConditions.coefficientName i)

    let private generic (n: int) = Array.init (n + 1) (fun i -> if i = n then MPoly.one else coefficient i)

    let private safe (s: string) =
        s.Replace("(", "").Replace(")", "").Replace("-", "m").Replace("+", "p").Replace(":", "-")

    let private conditionText (n: int) (c: DiskCondition) =
        sprintf "%s    [%s]" (MPoly.toString c.Polynomial) (DiskConditions.originText n c.Origin)

    let private opening (n: int) (says: string) (conditions: DiskCondition list) =
        let sb = StringBuilder()
        let lines =
            [ sprintf "EigenVerify closed-disk theorem, degree %d." n
              ""
              sprintf "p(z) = z^%d + a%d z^%d + ... + a1 z + a0 with real coefficients a0 ... a%d." n (n - 1) (n - 1) (n - 1)
              sprintf "E_%d: the conditions c >= 0 for each c below (the description used for degree %d):" n n ]
            @ (conditions |> List.map (fun c -> "  " + conditionText n c))
            @ [ ""
                sprintf "This file: %s." says
                "It asserts the negation; the expected answer is unsat." ]
        sb.AppendLine(Smt.comment (String.concat "\n" lines)).AppendLine() |> ignore
        sb.AppendLine("(set-logic QF_NRA)").AppendLine("(set-info :status unsat)") |> ignore
        for i in 0 .. n - 1 do
            sb.AppendLine(sprintf "(declare-const %s Real)" (Smt.symbol (DiskConditions.coefficientName i))) |> ignore
        sb

    let private hypotheses (sb: StringBuilder) (conditions: DiskCondition list) =
        sb.AppendLine(Smt.comment "The conditions of E_n.") |> ignore
        for c in conditions do
            sb.AppendLine(sprintf "(assert (>= %s 0))" (Smt.polynomial c.Polynomial)) |> ignore

    let private closing (sb: StringBuilder) = sb.AppendLine("(check-sat)").ToString()

    let private obligation n name says (text: string) =
        { Degree = n; Name = sprintf "disk-%d.%s" n name; Says = says; Text = text }

    /// The obligations of the sufficiency argument for an arbitrary candidate description
    /// `conditions` of degree n ≥ 2, given the (proved) description `lower` of degree n − 1.
    /// A wrong candidate makes at least one of them satisfiable.
    [<CompiledName("ObligationsFor")>]
    let obligationsFor (n: int) (conditions: DiskCondition list) (lower: DiskCondition list) : DiskObligation list =
        if n < 2 then
            invalidArg "n" "the reduction obligations start at degree 2"
        let p = generic n
        let a0 = p.[0]
        let c, d = DiskConditions.schurCohnNumerator p
        let members = conditions |> List.map (fun x -> x.Polynomial)
        let primitive (q: MPoly) = if MPoly.isZero q then q else MPoly.scale (Rational.inverse (MPoly.rationalContent q)) q
        let dp = DiskConditions.derivativeCoefficients p
        let atDerivative (g: MPoly) =
            MPoly.substituteWith
                (fun v ->
                    [ 0 .. n - 2 ] |> List.tryFind (fun i -> DiskConditions.coefficientName i = v) |> Option.map (fun i -> dp.[i]))
                g
        let bound =
            let sb = opening n "E_n implies a0^2 <= 1" conditions
            hypotheses sb conditions
            sb.AppendLine(Smt.comment "Negation: |a0| > 1.").AppendLine("(assert (> (* a0 a0) 1))") |> ignore
            obligation n "bound" "E_n implies a0^2 <= 1" (closing sb)
        let reductions =
            lower
            |> List.map (fun g ->
                let id = safe (DiskConditions.originId g.Origin)
                let homogenized = DiskConditions.homogenize g.Polynomial c d
                let rest, i, j, kappa = DiskConditions.removeUnitFactors a0 homogenized
                let gText = DiskConditions.originText (n - 1) g.Origin
                if members |> List.contains rest then
                    let factored =
                        MPoly.scale kappa (MPoly.pow i (MPoly.one - a0) * MPoly.pow j (MPoly.one + a0) * rest)
                    let says =
                        sprintf "for g: %s of degree %d, d^%d g(S(p)) = %O (1 - a0)^%d (1 + a0)^%d times a member of E_n, so it is >= 0 where 1 - a0^2 > 0" gText (n - 1) (MPoly.totalDegree g.Polynomial) kappa i j
                    let sb = opening n says conditions
                    sb.AppendLine(Smt.comment "Negation: the two sides differ somewhere.")
                        .AppendLine(sprintf "(assert (not (= %s %s)))" (Smt.polynomial homogenized) (Smt.polynomial factored))
                    |> ignore
                    obligation n ("identity-" + id) says (closing sb)
                else
                    let says = sprintf "E_n and 1 - a0^2 > 0 imply d^%d g(S(p)) >= 0 for g: %s of degree %d" (MPoly.totalDegree g.Polynomial) gText (n - 1)
                    let sb = opening n says conditions
                    hypotheses sb conditions
                    sb.AppendLine(Smt.comment "Negation: |a0| < 1 and the cleared condition fails at S(p).")
                        .AppendLine(sprintf "(assert (> %s 0))" (Smt.polynomial d))
                        .AppendLine(sprintf "(assert (< %s 0))" (Smt.polynomial homogenized))
                    |> ignore
                    obligation n ("reduction-" + id) says (closing sb))
        let atSlice (eps: int) =
            let at = Map.ofList [ DiskConditions.coefficientName 0, Rational.ofInt eps ]
            let cs = c |> Array.map (MPoly.substitute at) |> Array.filter (MPoly.isZero >> not) |> Array.distinct
            let tag = if eps > 0 then "p1" else "m1"
            let selfInverse =
                if cs.Length = 0 then
                    []
                else
                    let says = sprintf "E_n and a0 = %d imply p = %d p* (self-inversive)" eps eps
                    let sb = opening n says conditions
                    hypotheses sb conditions
                    sb.AppendLine(Smt.comment (sprintf "Negation: a0 = %d and some coefficient of (p - a0 p*)/z is nonzero." eps))
                        .AppendLine(sprintf "(assert (= a0 %s))" (Smt.rational (Rational.ofInt eps)))
                        .AppendLine(sprintf "(assert (or %s))" (cs |> Array.map (fun x -> sprintf "(not (= %s 0))" (Smt.polynomial x)) |> String.concat " "))
                    |> ignore
                    [ obligation n ("selfinverse-" + tag) says (closing sb) ]
            let derivatives =
                lower
                |> List.choose (fun g ->
                    let q = primitive (atDerivative g.Polynomial)
                    let trivial = (match MPoly.tryConstant q with Some x -> x.Sign >= 0 | None -> false) || members |> List.contains q
                    if trivial then
                        None
                    else
                        let gText = DiskConditions.originText (n - 1) g.Origin
                        let says = sprintf "E_n, a0 = %d and p = %d p* imply g(p'/%d) >= 0 for g: %s of degree %d" eps eps n gText (n - 1)
                        let sb = opening n says conditions
                        hypotheses sb conditions
                        sb.AppendLine(Smt.comment "Negation: p is self-inversive and the condition fails at p'/n.")
                            .AppendLine(sprintf "(assert (= a0 %s))" (Smt.rational (Rational.ofInt eps)))
                        |> ignore
                        for x in cs do
                            sb.AppendLine(sprintf "(assert (= %s 0))" (Smt.polynomial x)) |> ignore
                        sb.AppendLine(sprintf "(assert (< %s 0))" (Smt.polynomial q)) |> ignore
                        Some(obligation n (sprintf "derivative-%s-%s" tag (safe (DiskConditions.originId g.Origin))) says (closing sb)))
            selfInverse @ derivatives
        bound :: reductions @ atSlice 1 @ atSlice -1

    /// Real and imaginary parts of p(x + iy) as SMT definitions (powers of z written out).
    let private rootParts (sb: StringBuilder) (p: MPoly[]) =
        let n = p.Length - 1
        let re j = if j = 1 then "x" else sprintf "re%d" j
        let im j = if j = 1 then "y" else sprintf "im%d" j
        sb.AppendLine(Smt.comment "Powers of z = x + iy: re_j + i im_j = z^j.") |> ignore
        for j in 2 .. n do
            sb.AppendLine(sprintf "(define-fun re%d () Real (- (* %s x) (* %s y)))" j (re (j - 1)) (im (j - 1)))
                .AppendLine(sprintf "(define-fun im%d () Real (+ (* %s y) (* %s x)))" j (re (j - 1)) (im (j - 1))) |> ignore
        let part (power: int -> string) (constant: string option) =
            [ yield! Option.toList constant
              for j in 1 .. n do
                  yield Smt.product [ Smt.polynomial p.[j]; power j ] ]
            |> Smt.sum
        sb.AppendLine(sprintf "(define-fun p_re () Real %s)" (part re (Some(Smt.polynomial p.[0]))))
            .AppendLine(sprintf "(define-fun p_im () Real %s)" (part im None)) |> ignore

    /// The opening of a necessity check with root variables: p is the product of n − 2·pairs real
    /// linear factors with roots in [−1, 1] and `pairs` quadratics z² − u z + w with u² ≤ 4w ≤ 4
    /// (every real monic polynomial with its roots in the closed disk is such a product, for one
    /// number of pairs), its coefficients a_i written through the factors' parameters.
    let private rootsInDisk (n: int) (pairs: int) (says: string) (conditions: DiskCondition list) =
        let reals = n - 2 * pairs
        let r = [ for i in 0 .. reals - 1 -> sprintf "r%d" i ]
        let u = [ for i in 0 .. pairs - 1 -> sprintf "u%d" i ]
        let w = [ for i in 0 .. pairs - 1 -> sprintf "w%d" i ]
        let z = MPoly.var "z"
        let product =
            (r |> List.fold (fun acc x -> acc * (z - MPoly.var x)) MPoly.one)
            * (List.zip u w |> List.fold (fun acc (ui, wi) -> acc * (z * z - MPoly.var ui * z + MPoly.var wi)) MPoly.one)
        let coeffs = MPoly.coeffsIn "z" product
        let sb = opening n says conditions
        for v in r @ u @ w do
            sb.AppendLine(sprintf "(declare-const %s Real)" v) |> ignore
        sb.AppendLine(Smt.comment "The roots: real ones in [-1, 1], pairs with modulus^2 = w <= 1.") |> ignore
        for x in r do
            sb.AppendLine(sprintf "(assert (<= (* %s %s) 1))" x x) |> ignore
        for ui, wi in List.zip u w do
            sb.AppendLine(sprintf "(assert (<= %s 1))" wi).AppendLine(sprintf "(assert (<= (* %s %s) (* 4 %s)))" ui ui wi) |> ignore
        sb.AppendLine(Smt.comment "The coefficients of the product.") |> ignore
        for i in 0 .. n - 1 do
            sb.AppendLine(sprintf "(assert (= a%d %s))" i (Smt.polynomial coeffs.[i])) |> ignore
        sb

    /// For degrees ≤ 3, both directions with root variables: E_n ∧ p(x + iy) = 0 ⇒ x² + y² ≤ 1, and
    /// for each number of complex-conjugate pairs, roots in the closed disk ⇒ every condition.
    [<CompiledName("DirectChecks")>]
    let directChecks (n: int) : DiskObligation list =
        let conditions = DiskConditions.generic n
        let sound =
            let says = "E_n implies that every root x + iy of p has x^2 + y^2 <= 1"
            let sb = opening n says conditions
            sb.AppendLine("(declare-const x Real)").AppendLine("(declare-const y Real)") |> ignore
            hypotheses sb conditions
            rootParts sb (generic n)
            sb.AppendLine(Smt.comment "Negation: x + iy is a root of p outside the closed unit disk.")
                .AppendLine("(assert (= p_re 0))")
                .AppendLine("(assert (= p_im 0))")
                .AppendLine("(assert (> (+ (* x x) (* y y)) 1))") |> ignore
            obligation n "direct-sound" says (closing sb)
        let valid =
            [ for pairs in 0 .. n / 2 do
                  let reals = n - 2 * pairs
                  let says =
                      sprintf "if p has %d real roots in [-1, 1] and %d pairs of roots z^2 - u z + w with u^2 <= 4w <= 4 (conjugate pairs in the closed disk, or real pairs), every condition of E_n holds" reals pairs
                  let sb = rootsInDisk n pairs says conditions
                  sb.AppendLine(Smt.comment "Negation: some condition fails.")
                      .AppendLine(sprintf "(assert (or %s))" (conditions |> List.map (fun c -> sprintf "(< %s 0)" (Smt.polynomial c.Polynomial)) |> String.concat " "))
                  |> ignore
                  yield obligation n (sprintf "direct-valid-%d" pairs) says (closing sb) ]
        sound :: valid

    /// The highest degree with direct (root-variable) checks: beyond it z3 does not finish them.
    [<CompiledName("DirectDegree")>]
    let directDegree = 3

    /// The conditions of E_n whose necessity the per-condition checks cover: those that do not
    /// start with the derivative step (a condition g(D(p)) holds on S_n because D(p) keeps its
    /// roots in the closed disk, by the Gauss–Lucas theorem, and g is necessary one degree lower).
    let private withoutDerivativeFirst (n: int) =
        DiskConditions.generic n |> List.filter (fun c -> List.tryHead c.Origin.Steps <> Some Derivative)

    /// Necessity one condition at a time, with root variables: for each condition of E_n that does
    /// not start with D and each number of conjugate pairs, roots in the closed disk ⇒ that
    /// condition. z3 answers each in well under a second at degree 4, where the conjunction
    /// (`direct-valid`) times out; at degree 5 some of them time out too.
    [<CompiledName("NecessityChecks")>]
    let necessityChecks (n: int) : DiskObligation list =
        let conditions = DiskConditions.generic n
        [ for c in withoutDerivativeFirst n do
              for pairs in 0 .. n / 2 do
                  let reals = n - 2 * pairs
                  let cText = DiskConditions.originText n c.Origin
                  let says =
                      sprintf "if p has %d real roots in [-1, 1] and %d pairs of roots z^2 - u z + w with u^2 <= 4w <= 4, the condition %s holds" reals pairs cText
                  let sb = rootsInDisk n pairs says conditions
                  sb.AppendLine(Smt.comment (sprintf "Negation: the condition %s fails." cText))
                      .AppendLine(sprintf "(assert (< %s 0))" (Smt.polynomial c.Polynomial))
                  |> ignore
                  yield obligation n (sprintf "necessary-%s-%d" (safe (DiskConditions.originId c.Origin)) pairs) says (closing sb) ]

    /// The highest degree with per-condition necessity checks.
    [<CompiledName("NecessityDegree")>]
    let necessityDegree = 4

    /// Every obligation of every proved degree, in a fixed order.
    [<CompiledName("All")>]
    let all () : DiskObligation list =
        [ for n in 1 .. DiskConditions.provedDegree do
              if n >= 2 then
                  yield! obligationsFor n (DiskConditions.generic n) (DiskConditions.generic (n - 1))
              if n <= directDegree then
                  yield! directChecks n
              elif n <= necessityDegree then
                  yield! necessityChecks n ]

    let private fileName (o: DiskObligation) = o.Name + ".smt2"

    // the file lists are asked for per certificate and per transcript; building them writes the
    // obligations out, so each degree's list is built once
    let private sufficiencyCache = System.Collections.Concurrent.ConcurrentDictionary<int, string list>()
    let private necessityCache = System.Collections.Concurrent.ConcurrentDictionary<int, string list>()

    let private checkProved (n: int) =
        if n < 1 || n > DiskConditions.provedDegree then
            invalidArg "n" (sprintf "the closed-disk theorem is proved for degrees 1 to %d, not %d" DiskConditions.provedDegree n)

    /// The files of proofs/theorems/ that together give "E_n ⇒ every root of p in the closed unit
    /// disk": the direct check of the highest degree that has one (or of n itself), then every
    /// obligation of the sufficiency argument of each degree above it up to n (bound, identity,
    /// reduction, selfinverse, derivative), each of which assumes the degree below. The step-up and
    /// self-inversive lemmas that join them are in the folder's README.
    let internal sufficiencyFiles (n: int) : string list =
        checkProved n
        let direct = min n directDegree
        sufficiencyCache.GetOrAdd(n, fun n ->
          [ yield sprintf "disk-%d.direct-sound.smt2" direct
            for m in direct + 1 .. n do
                for o in obligationsFor m (DiskConditions.generic m) (DiskConditions.generic (m - 1)) do
                    yield fileName o ])

    /// The files of proofs/theorems/ behind "every root of p in the closed unit disk ⇒ E_n": the
    /// direct checks of degree min(n, 3); the per-condition checks of degree 4 (the conditions
    /// that start with D hold by Gauss–Lucas and the degree below); at degree 5 the identity
    /// obligations, which show that each member coming through the Schur–Cohn step is a positive
    /// multiple of a condition of degree 4 at S(p). The rest of that last step (S(p) keeps its
    /// roots in the disk when |a0| < 1, the closure at |a0| = 1) is the classical argument of the
    /// folder's README, not a solver check.
    let internal necessityFiles (n: int) : string list =
        checkProved n
        let direct = min n directDegree
        necessityCache.GetOrAdd(n, fun n ->
          [ for o in directChecks direct do
                if o.Name.StartsWith(sprintf "disk-%d.direct-valid-" direct) then
                    yield fileName o
            for m in direct + 1 .. min n necessityDegree do
                for o in necessityChecks m do
                    yield fileName o
            for m in necessityDegree + 1 .. n do
                for o in obligationsFor m (DiskConditions.generic m) (DiskConditions.generic (m - 1)) do
                    if o.Name.StartsWith(sprintf "disk-%d.identity-" m) then
                        yield fileName o ])

    /// The minimal set of degree n that the greedy search finds: starting from every candidate of
    /// the construction, remove conditions (highest degree and most terms first) while `unsat`
    /// still answers every obligation. `unsat` gets the file text.
    [<CompiledName("Minimize")>]
    let minimize (unsat: string -> bool) (n: int) : DiskOrigin list =
        let lower = DiskConditions.generic (n - 1)
        let holds (cs: DiskCondition list) = obligationsFor n cs lower |> List.forall (fun o -> unsat o.Text)
        let candidates = DiskConditions.candidates n
        let order =
            candidates
            |> List.sortBy (fun c -> -(MPoly.totalDegree c.Polynomial), -(MPoly.terms c.Polynomial).Length)
        let kept =
            order
            |> List.fold (fun (kept: DiskCondition list) c ->
                let trial = kept |> List.filter (fun k -> k.Origin <> c.Origin)
                if holds trial then trial else kept) candidates
        kept |> List.map (fun c -> c.Origin)
