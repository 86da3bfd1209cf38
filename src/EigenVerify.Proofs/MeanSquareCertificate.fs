namespace EigenVerify.Proofs

open System.Text
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// For which hyperparameters a mean-square claim is made.
type MeanSquareScope =
    /// Every value in the rule's declared domain.
    | MeanSquareOverDomain
    /// These values (rule declaration order).
    | MeanSquareAtValues of (string * Rational) list

/// One SMT-LIB2 file of a mean-square claim; its expected answer is unsat.
type MeanSquareCertificateFile =
    { /// "lifting", "charpoly", "sound" or "complete".
      Direction: string
      Text: string }

/// SMT-LIB2 certificates for the mean-square closed form of a rule affine in the eigenvalue v:
/// "(v, σ²) ∈ R ⟺ every eigenvalue of L = E[M(a) ⊗ M(a)] on symmetric matrices lies in the closed
/// unit disk", for a batch curvature a with mean v and variance σ². Four files, each asserting the
/// negation of what it establishes (expected answer: unsat):
///   lifting  — L·S = M(v) S M(v)ᵀ + σ² M₁ S M₁ᵀ for every symmetric S (M₁ = ∂M/∂v: for affine M,
///              E[(M(v) + ξM₁) S (M(v) + ξM₁)ᵀ] with E ξ = 0, E ξ² = σ²), so L is the operator;
///   charpoly — q(z) = det(zI − L) as a polynomial identity (Leibniz' formula);
///   sound    — the membership conditions ⟹ q has no real root above 1 (degree 1: its root has
///              modulus ≤ 1); L preserves the positive semidefinite cone, so ρ(L) is a real
///              eigenvalue (Krein–Rutman, proved in `MeanSquare`) and this is ρ(L) ≤ 1;
///   complete — every root of q in the closed unit disk ⟹ the membership conditions, with the
///              roots described by Jury's conditions (through a real factorization for degree 3).
/// The solver checks each against the rule's own matrix, not against the analysis that derived R.
/// Own symbols carry a '.', which no rule name has, so they cannot capture a hyperparameter.
[<RequireQualifiedAccess>]
module MeanSquareCertificate =

    /// Leibniz' formula stays small up to this size of L (3! = 6 terms; k = 2 states).
    let MaxLiftedSize = 3

    let private declare (sb: StringBuilder) (name: string) =
        sb.AppendLine(sprintf "(declare-const %s Real)" name) |> ignore

    let private header (c: MeanSquareCertificateInput) (scope: MeanSquareScope) (direction: string) (establishes: string) (sb: StringBuilder) =
        let scopeText =
            match scope with
            | MeanSquareOverDomain -> sprintf "every hyperparameter value in the declared domain (%s)" (Certificate.domainText c.Params)
            | MeanSquareAtValues vs -> "the hyperparameters " + (vs |> List.map (fun (n, x) -> sprintf "%s = %O" n x) |> String.concat ", ")
        let lines =
            [ sprintf "EigenVerify mean-square certificate: optimizer %s, part %s." c.Rule direction
              ""
              sprintf "Claim: for %s, every real %s (the mean of the batch curvature a) and every %s = Var[a] >= 0," scopeText c.Variable c.NoiseVariable
              sprintf "  (%s, %s) in R  <=>  every eigenvalue of L = E[M(a) (x) M(a)] on symmetric matrices lies in |z| <= 1," c.Variable c.NoiseVariable
              sprintf "where R = { %s }" (c.Membership |> List.map fst |> String.concat ", ")
              sprintf "and q(z) = det(zI - L) = %s." (Infix.print (Expr.ofPolynomial c.LiftedCharPoly))
              ""
              sprintf "This file: %s. It asserts the negation; the expected answer is unsat." establishes ]
        sb.AppendLine(Smt.comment (String.concat "\n" lines)).AppendLine() |> ignore

    /// Declarations of v, σ², the hyperparameters and the scope.
    let private variables (c: MeanSquareCertificateInput) (scope: MeanSquareScope) (sb: StringBuilder) =
        declare sb (Smt.symbol c.Variable)
        declare sb (Smt.symbol c.NoiseVariable)
        sb.AppendLine(sprintf "(assert (>= %s 0))" (Smt.symbol c.NoiseVariable)) |> ignore
        for d in c.Params do
            declare sb (Smt.symbol d.Name)
        match scope with
        | MeanSquareAtValues values ->
            for n, x in values do
                sb.AppendLine(sprintf "(assert (= %s %s))" (Smt.symbol n) (Smt.rational x)) |> ignore
        | MeanSquareOverDomain ->
            for d in c.Params do
                let s = Smt.symbol d.Name
                d.Lower |> Option.iter (fun b -> sb.AppendLine(sprintf "(assert (%s %s %s))" (if b.Inclusive then "<=" else "<") (Smt.rational b.Value) s) |> ignore)
                d.Upper |> Option.iter (fun b -> sb.AppendLine(sprintf "(assert (%s %s %s))" (if b.Inclusive then "<=" else "<") s (Smt.rational b.Value)) |> ignore)

    let private membership (c: MeanSquareCertificateInput) =
        Formula.All(c.Membership |> List.map (fun (_, p) -> Formula.Compare(">=", Smt.polynomial p, "0")))

    /// q(x + iy) split into real and imaginary parts, through the powers of z = x + iy.
    let private rootDefinitions (c: MeanSquareCertificateInput) (sb: StringBuilder) =
        let coeffs = MPoly.coeffsIn SecondMoment.Z c.LiftedCharPoly
        let n = coeffs.Length - 1
        for i in 0 .. n - 1 do
            sb.AppendLine(sprintf "(define-fun q.c%d () Real %s)" i (Smt.polynomial coeffs.[i])) |> ignore
        let re j = if j = 1 then "x" else sprintf "(re.%d x y)" j
        let im j = if j = 1 then "y" else sprintf "(im.%d x y)" j
        for j in 2..n do
            sb.AppendLine(sprintf "(define-fun re.%d ((x Real) (y Real)) Real (- (* %s x) (* %s y)))" j (re (j - 1)) (im (j - 1)))
                .AppendLine(sprintf "(define-fun im.%d ((x Real) (y Real)) Real (+ (* %s y) (* %s x)))" j (re (j - 1)) (im (j - 1)))
            |> ignore
        let part (power: int -> string) (constant: string option) =
            [ yield! Option.toList constant
              for j in 1 .. n - 1 do
                  yield sprintf "(* q.c%d %s)" j (power j)
              yield power n ]
            |> Smt.sum
        sb.AppendLine(sprintf "(define-fun q.re ((x Real) (y Real)) Real %s)" (part re (Some "q.c0")))
            .AppendLine(sprintf "(define-fun q.im ((x Real) (y Real)) Real %s)" (part im None))
            .AppendLine(Smt.comment "x + iy is a root of q strictly outside the closed unit disk.")
            .AppendLine("(define-fun root.outside ((x Real) (y Real)) Bool (and (= (q.re x y) 0) (= (q.im x y) 0) (> (+ (* x x) (* y y)) 1)))")
        |> ignore

    let private lifting (c: MeanSquareCertificateInput) (scope: MeanSquareScope) =
        let sb = StringBuilder()
        header c scope "lifting" "L S = M(v) S M(v)^T + sigma2 M1 S M1^T for every symmetric S, M1 the derivative of M in v" sb
        sb.AppendLine("(set-logic QF_NRA)").AppendLine("(set-info :status unsat)") |> ignore
        variables c scope sb
        let k = Array2D.length1 c.Matrix
        let sName (i: int) (j: int) = if i <= j then sprintf "S.%d.%d" i j else sprintf "S.%d.%d" j i
        for i, j in c.Basis do
            declare sb (sName i j)
        let v = c.Variable
        let m1 = c.Matrix |> Array2D.map (MPoly.derivative v)
        // (A S Bᵀ)_ij = Σ_p Σ_q A_ip S_pq B_jq
        let sandwich (a: MPoly[,]) (i: int) (j: int) =
            [ for p in 0 .. k - 1 do
                  for q in 0 .. k - 1 do
                      if not (MPoly.isZero a.[i, p]) && not (MPoly.isZero a.[j, q]) then
                          yield Smt.product [ Smt.polynomial a.[i, p]; sName p q; Smt.polynomial a.[j, q] ] ]
            |> Smt.sum
        let sigma = Smt.symbol c.NoiseVariable
        let equations =
            c.Basis
            |> Array.mapi (fun r (i, j) ->
                let lhs =
                    c.Basis
                    |> Array.mapi (fun col (p, q) -> if MPoly.isZero c.LiftedMatrix.[r, col] then None else Some(Smt.product [ Smt.polynomial c.LiftedMatrix.[r, col]; sName p q ]))
                    |> Array.choose id
                    |> List.ofArray
                    |> Smt.sum
                let rhs = Smt.sum [ sandwich c.Matrix i j; Smt.product [ sigma; sandwich m1 i j ] ]
                sprintf "(= %s %s)" lhs rhs)
        sb.AppendLine(sprintf "(assert (not (and %s)))" (String.concat " " equations)).AppendLine("(check-sat)").ToString()

    let private charpoly (c: MeanSquareCertificateInput) (scope: MeanSquareScope) =
        let sb = StringBuilder()
        header c scope "charpoly" "q(z) = det(zI - L) as a polynomial identity" sb
        sb.AppendLine("(set-logic QF_NRA)").AppendLine("(set-info :status unsat)") |> ignore
        variables c scope sb
        declare sb "z"
        let n = Array2D.length1 c.LiftedMatrix
        let entry (i: int) (j: int) =
            let l = Smt.polynomial c.LiftedMatrix.[i, j]
            if i = j then sprintf "(- z %s)" l else sprintf "(- %s)" l
        let rec permutations (xs: int list) =
            match xs with
            | [] -> [ [] ]
            | _ -> xs |> List.collect (fun x -> permutations (List.filter ((<>) x) xs) |> List.map (fun rest -> x :: rest))
        let sign (perm: int list) =
            let a = Array.ofList perm
            let inversions = [ for i in 0 .. a.Length - 1 do for j in i + 1 .. a.Length - 1 do if a.[i] > a.[j] then yield 1 ] |> List.length
            if inversions % 2 = 0 then 1 else -1
        let terms =
            permutations [ 0 .. n - 1 ]
            |> List.map (fun perm ->
                let t = Smt.product (perm |> List.mapi entry)
                if sign perm > 0 then t else sprintf "(- %s)" t)
        sb.AppendLine(sprintf "(define-fun det.zl () Real %s)" (Smt.sum terms))
            .AppendLine(sprintf "(define-fun q.z () Real %s)" (Smt.polynomial c.LiftedCharPoly))
            .AppendLine("(assert (not (= det.zl q.z)))")
            .AppendLine("(check-sat)")
            .ToString()

    /// Degree 1: the root −q.c0 itself. Degree ≥ 2: q has no real root in (1, ∞); with
    /// Krein–Rutman (L maps the positive semidefinite cone into itself, so ρ(L) is an eigenvalue,
    /// see `MeanSquare`) that is ρ(L) ≤ 1.
    let private sound (c: MeanSquareCertificateInput) (scope: MeanSquareScope) =
        let sb = StringBuilder()
        let n = MPoly.degreeIn SecondMoment.Z c.LiftedCharPoly
        let establishes =
            if n = 1 then "(v, sigma2) in R ==> the root of q has |z| <= 1"
            else "(v, sigma2) in R ==> q has no real root above 1; as L preserves the cone of positive semidefinite matrices, rho(L) is itself a real eigenvalue (Krein-Rutman), so this is rho(L) <= 1"
        header c scope "sound" establishes sb
        sb.AppendLine("(set-logic QF_NRA)").AppendLine("(set-info :status unsat)") |> ignore
        variables c scope sb
        rootDefinitions c sb
        sb.AppendLine(sprintf "(define-fun in.region () Bool %s)" (Smt.formula (membership c)))
            .AppendLine("(declare-const x Real)")
            .AppendLine("(assert in.region)")
        |> ignore
        if n = 1 then sb.AppendLine("(assert (root.outside x 0))") |> ignore
        else sb.AppendLine("(assert (> x 1))").AppendLine("(assert (= (q.re x 0) 0))") |> ignore
        sb.AppendLine("(check-sat)").ToString()

    /// Every root in the closed unit disk ⟹ membership, with the roots described without
    /// quantifiers: degree 1, the root −q.c0; degree 2, Jury's closed-disk conditions on q;
    /// degree 3, q = (z − r)(z² + p z + s) over the reals (every real cubic has a real root) with
    /// |r| ≤ 1 and Jury's conditions on the quadratic factor.
    let private complete (c: MeanSquareCertificateInput) (scope: MeanSquareScope) =
        let sb = StringBuilder()
        let n = MPoly.degreeIn SecondMoment.Z c.LiftedCharPoly
        header c scope "complete" "every root of q has |z| <= 1 ==> (v, sigma2) in R" sb
        sb.AppendLine("(set-logic QF_NRA)").AppendLine("(set-info :status unsat)") |> ignore
        variables c scope sb
        rootDefinitions c sb
        sb.AppendLine(sprintf "(define-fun in.region () Bool %s)" (Smt.formula (membership c)))
            .AppendLine("(assert (not in.region))")
        |> ignore
        let jury (p: string) (s: string) =
            sprintf "(and (<= %s 1) (>= (+ 1 %s %s) 0) (>= (+ 1 (- %s) %s) 0))" s p s p s
        match n with
        | 1 ->
            sb.AppendLine(Smt.comment "The single root is -q.c0; the solver checks it is a root, so the witness is not trusted.")
                .AppendLine("(assert (not (root.outside (- q.c0) 0)))")
            |> ignore
        | 2 ->
            sb.AppendLine(Smt.comment "Both roots of z^2 + q.c1 z + q.c0 lie in the closed unit disk (Jury's conditions).")
                .AppendLine(sprintf "(assert %s)" (jury "q.c1" "q.c0"))
            |> ignore
        | _ ->
            sb.AppendLine(Smt.comment "q = (z - r)(z^2 + p z + s) with real r, p, s; |r| <= 1 and both roots of the quadratic in the closed unit disk.")
                .AppendLine("(declare-const f.r Real)")
                .AppendLine("(declare-const f.p Real)")
                .AppendLine("(declare-const f.s Real)")
                .AppendLine("(assert (= q.c2 (- f.p f.r)))")
                .AppendLine("(assert (= q.c1 (- f.s (* f.r f.p))))")
                .AppendLine("(assert (= q.c0 (- (* f.r f.s))))")
                .AppendLine("(assert (<= (- 1) f.r 1))")
                .AppendLine(sprintf "(assert %s)" (jury "f.p" "f.s"))
            |> ignore
        sb.AppendLine("(check-sat)").ToString()

    /// The four certificates. Errors: L too large for Leibniz' formula.
    [<CompiledName("Files")>]
    let files (c: MeanSquareCertificateInput) (scope: MeanSquareScope) : Result<MeanSquareCertificateFile list, string> =
        let n = Array2D.length1 c.LiftedMatrix
        if n > MaxLiftedSize then
            Error(sprintf "%s: the lifted operator is %dx%d; its determinant certificate is written for at most %dx%d (rules with at most 2 state vectors)" c.Rule n n MaxLiftedSize MaxLiftedSize)
        else
            Ok
                [ { Direction = "lifting"; Text = lifting c scope }
                  { Direction = "charpoly"; Text = charpoly c scope }
                  { Direction = "sound"; Text = sound c scope }
                  { Direction = "complete"; Text = complete c scope } ]
