namespace EigenVerify.Proofs

open System.Text
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// What one certificate file establishes.
type Direction =
    /// det(zI − M) = p as a polynomial identity.
    | Identity
    /// The statement's denominators never vanish on the domain, so the region is well defined.
    | Defined
    /// λ ∈ R ⇒ every root of p lies in the closed unit disk.
    | Sound
    /// every root in the closed unit disk ⇒ λ ∈ R, shown as: λ ∉ R ⇒ some root lies outside.
    | Complete

type CertificateFile =
    { Claim: string
      Direction: Direction
      /// Relative to the output folder: "<rule>/<claim>.<direction>.smt2".
      Path: string
      Text: string }

[<RequireQualifiedAccess>]
module Direction =
    let name (d: Direction) =
        match d with
        | Identity -> "identity"
        | Defined -> "defined"
        | Sound -> "sound"
        | Complete -> "complete"

    let words (d: Direction) =
        match d with
        | Identity -> "det(zI - M) = p(z) as a polynomial identity"
        | Defined -> "the region's denominators are nonzero on the domain"
        | Sound -> "lam in R ==> every root of p in the closed unit disk"
        | Complete -> "every root of p in the closed unit disk ==> lam in R"

/// SMT-LIB2 certificates of a claim; each asserts the negation of what it establishes, so the
/// expected answer of every file is `unsat`.
[<RequireQualifiedAccess>]
module Certificate =

    let private v (c: Claim) = Smt.symbol c.Variable.Name

    /// "alpha > 0, 0 <= beta < 1".
    let domainText (domains: ParamDomain list) =
        domains
        |> List.map (fun d ->
            let lo = d.Lower |> Option.map (fun b -> sprintf "%O %s " b.Value (if b.Inclusive then "<=" else "<"))
            let hi = d.Upper |> Option.map (fun b -> sprintf " %s %O" (if b.Inclusive then "<=" else "<") b.Value)
            match lo, hi with
            | Some _, None -> sprintf "%s %s %O" d.Name (if d.Lower.Value.Inclusive then ">=" else ">") d.Lower.Value.Value
            | _ -> (defaultArg lo "") + d.Name + (defaultArg hi ""))
        |> String.concat ", "

    let private scopeWords (c: Claim) =
        match c.Scope with
        | OverDomain -> sprintf "every hyperparameter value in the declared domain (%s)" (domainText c.Params)
        | AtValues vs -> "the hyperparameters " + (vs |> List.map (fun (n, x) -> sprintf "%s = %O" n x) |> String.concat ", ")

    /// `through`: for a file that proves an instance of the closed-disk theorem, what the file
    /// itself establishes and the theorem files that turn it into the direction's statement.
    let private header (c: Claim) (d: Direction) (through: (string list * string list) option) (sb: StringBuilder) =
        let k = Array2D.length1 c.Linearization.Matrix
        let thisFile =
            match through with
            | None -> [ sprintf "This file: %s." ((Direction.words d).Replace("lam", c.Variable.Name)) ]
            | Some(says, theorems) ->
                says
                @ [ "It relies on these files of proofs/theorems/ (checked once for the degree, for generic"
                    sprintf "coefficients a0 ... a%d, by the theorem test and scripts/disk-theorems.fsx --check):" (k - 1) ]
                @ (theorems |> List.map (fun f -> "  " + f))
        let lines =
            [ sprintf "EigenVerify certificate: optimizer %s, claim %s, part %s." c.Rule c.Id (Direction.name d)
              ""
              sprintf "Claim: for %s and every real %s (an eigenvalue of %s at a critical point)," (scopeWords c) c.Variable.Name (if c.Variable = Mu then "P^-1 H" else "the Hessian H")
              sprintf "  %s in R  <=>  every root of p(z) = det(zI - M(%s)) lies in the closed unit disk |z| <= 1," c.Variable.Name c.Variable.Name
              sprintf "where R = { %s : %s }, M is the %dx%d Jacobian of the update at the fixed point" c.Variable.Name (Claim.regionText c) k k
              (if Linearization.hasPolynomialEntries c.Linearization then
                   sprintf "per eigenvalue, and p(z) = %s." (Infix.print (Expr.ofPolynomial c.CharPoly))
               else
                   sprintf
                       "per eigenvalue. M = N/D with D = %s, nonzero on the domain, and p(z) = det(D zI - N) = D^k det(zI - M) = %s has the same roots."
                       (Infix.print (Expr.ofPolynomial c.Linearization.Denominator))
                       (Infix.print (Expr.ofPolynomial c.CharPoly)))
              (if c.Variable = Lambda then "The eigenvalue lambda is written lam in SMT-LIB terms (SMT-LIB 2.6 reserves the word lambda)." else "")
              "" ]
            @ thisFile
            @ [ "It asserts the negation of that statement; the expected answer is unsat (no counterexample)." ]
        sb.AppendLine(Smt.comment (String.concat "\n" lines)).AppendLine() |> ignore

    let private declare (sb: StringBuilder) (name: string) =
        sb.AppendLine(sprintf "(declare-const %s Real)" name) |> ignore

    let private scope (c: Claim) (sb: StringBuilder) =
        sb.AppendLine(Smt.comment "Hyperparameters.") |> ignore
        for d in c.Params do
            declare sb (Smt.symbol d.Name)
        match c.Scope with
        | OverDomain ->
            for d in c.Params do
                let s = Smt.symbol d.Name
                d.Lower |> Option.iter (fun b -> sb.AppendLine(sprintf "(assert (%s %s %s))" (if b.Inclusive then "<=" else "<") (Smt.rational b.Value) s) |> ignore)
                d.Upper |> Option.iter (fun b -> sb.AppendLine(sprintf "(assert (%s %s %s))" (if b.Inclusive then "<=" else "<") s (Smt.rational b.Value)) |> ignore)
            for r in c.Linearized.Model.Relations do
                sb.AppendLine(Smt.comment (sprintf "The relation %s." r.Text))
                    .AppendLine(sprintf "(assert (%s 0 %s))" (if r.Strict then "<" else "<=") (Smt.polynomial r.Polynomial)) |> ignore
        | AtValues vs ->
            for n, x in vs do
                sb.AppendLine(sprintf "(assert (= %s %s))" (Smt.symbol n) (Smt.rational x)) |> ignore

    let private definitions (c: Claim) (sb: StringBuilder) =
        if not c.Definitions.IsEmpty then
            sb.AppendLine(Smt.comment "Exact numbers of the region, each pinned down uniquely by its facts.") |> ignore
            for d in c.Definitions do
                sb.AppendLine(Smt.comment d.Meaning) |> ignore
                declare sb d.Symbol
                for f in d.Facts do
                    sb.AppendLine(sprintf "(assert %s)" f) |> ignore

    let private region (c: Claim) (sb: StringBuilder) =
        sb.AppendLine(Smt.comment (sprintf "Membership in R: %s." (Claim.regionText c)))
            .AppendLine(sprintf "(define-fun in_region () Bool %s)" (Smt.formula c.Membership))
            .AppendLine() |> ignore

    /// The coefficients c0 … c(k−1) of p in z, each a polynomial in the eigenvalue and the
    /// hyperparameters; returns the degree k.
    let private coefficients (c: Claim) (sb: StringBuilder) =
        let coeffs = Claim.coefficientsInZ c.CharPoly
        let k = coeffs.Length - 1
        if coeffs.[k] = MPoly.one then
            sb.AppendLine(Smt.comment "Coefficients of p(z) = c0 + c1 z + ... + z^k (polynomials in the eigenvalue and hyperparameters).") |> ignore
            for i in 0 .. k - 1 do
                sb.AppendLine(sprintf "(define-fun c%d () Real %s)" i (Smt.polynomial coeffs.[i])) |> ignore
        else
            sb.AppendLine(
                Smt.comment
                    "M = N/D has denominators, so p(z) = det(D zI - N) = D^k det(zI - M) has the leading coefficient\nlead = D^k, nonzero on the domain (the defined certificate proves it; it is assumed here).\nc0 + c1 z + ... + z^k = p(z)/lead is monic with the same roots."
            )
                .AppendLine(sprintf "(define-fun lead () Real %s)" (Smt.polynomial coeffs.[k]))
                .AppendLine("(assert (not (= lead 0)))") |> ignore
            for i in 0 .. k - 1 do
                sb.AppendLine(sprintf "(define-fun c%d () Real (/ %s lead))" i (Smt.polynomial coeffs.[i])) |> ignore
        k

    /// p(x + iy) split into real and imaginary parts through the powers of z = x + iy:
    /// z^1 = (x, y), z^(j+1) = (re_j x − im_j y, re_j y + im_j x), written out so a reader can
    /// check the expansion rather than trust it.
    let private rootLocation (c: Claim) (sb: StringBuilder) =
        let k = coefficients c sb
        sb.AppendLine(Smt.comment "Powers of z = x + iy: re_j + i im_j = z^j.") |> ignore
        let re j = if j = 1 then "x" else sprintf "(re%d x y)" j
        let im j = if j = 1 then "y" else sprintf "(im%d x y)" j
        for j in 2..k do
            sb.AppendLine(sprintf "(define-fun re%d ((x Real) (y Real)) Real (- (* %s x) (* %s y)))" j (re (j - 1)) (im (j - 1)))
                .AppendLine(sprintf "(define-fun im%d ((x Real) (y Real)) Real (+ (* %s y) (* %s x)))" j (re (j - 1)) (im (j - 1))) |> ignore
        let part (power: int -> string) (constant: string option) =
            [ yield! Option.toList constant
              for j in 1 .. k - 1 do
                  yield sprintf "(* c%d %s)" j (power j)
              yield power k ]
            |> Smt.sum
        sb.AppendLine(Smt.comment "Real and imaginary parts of p(x + iy).")
            .AppendLine(sprintf "(define-fun p_re ((x Real) (y Real)) Real %s)" (part re (Some "c0")))
            .AppendLine(sprintf "(define-fun p_im ((x Real) (y Real)) Real %s)" (part im None))
            .AppendLine(Smt.comment "x + iy is a root of p strictly outside the closed unit disk.")
            .AppendLine("(define-fun root_outside ((x Real) (y Real)) Bool (and (= (p_re x y) 0) (= (p_im x y) 0) (> (+ (* x x) (* y y)) 1)))")
            .AppendLine() |> ignore
        k

    let private openingThrough (c: Claim) (d: Direction) (through: (string list * string list) option) (logic: string) =
        let sb = StringBuilder()
        header c d through sb
        sb.AppendLine(sprintf "(set-logic %s)" logic).AppendLine("(set-info :status unsat)").AppendLine() |> ignore
        sb

    let private opening (c: Claim) (d: Direction) (logic: string) = openingThrough c d None logic

    let private closing (sb: StringBuilder) = sb.AppendLine("(check-sat)").ToString()

    let private eigen (c: Claim) (sb: StringBuilder) =
        sb.AppendLine(Smt.comment (sprintf "The eigenvalue (%s)." c.Variable.Name)) |> ignore
        declare sb (v c)

    let private degree (c: Claim) = Array2D.length1 c.Linearization.Matrix

    /// From this degree on, `sound` and `complete` prove an instance of the closed-disk theorem
    /// instead of locating roots: with root variables z3 does not finish `sound` in 60 s at degree
    /// 4 (delayed gradient, tau = 3), nor the real factorization of `complete` at degree 4 with two
    /// hyperparameters (three-lag heavy ball) or at degree 5 with one (delayed gradient, tau = 4);
    /// it answers the instances in a fraction of a second. Up to degree 3 the root forms stay: they
    /// are fast there and rest on less (no theorem file, or the degree-2 one).
    let private throughTheoremFrom = 4

    /// Does this claim's `direction` file go through the closed-disk theorem of its degree?
    /// Only degrees whose description is proved once in proofs/theorems/ qualify.
    let private throughTheorem (c: Claim) (d: Direction) =
        let k = degree c
        k >= throughTheoremFrom
        && k <= DiskConditions.provedDegree
        && (match d with
            | Sound | Complete -> true
            | Identity | Defined -> false)

    /// The files of proofs/theorems/ that the claim's `d` certificate rests on: empty when the
    /// file encodes root location itself; otherwise it proves an instance and the closed-disk
    /// theorem of the degree, in these files, does the rest.
    let internal theoremFiles (c: Claim) (d: Direction) : string list =
        if not (throughTheorem c d) then []
        else
            match d with
            | Sound -> DiskTheorem.sufficiencyFiles (degree c)
            | _ -> DiskTheorem.necessityFiles (degree c)

    /// E_k as one SMT function of the generic coefficients a0 … a(k−1): each condition printed
    /// exactly as the theorem files print it (same list, same order, same text), so a reader can
    /// compare them line by line. The parameters are bound names, so a hyperparameter called a0
    /// cannot capture them.
    let private diskConditions (k: int) (sb: StringBuilder) =
        let conditions = DiskConditions.generic k
        let parameters =
            [ for i in 0 .. k - 1 -> sprintf "(%s Real)" (Smt.symbol (DiskConditions.coefficientName i)) ] |> String.concat " "
        let listed =
            conditions |> List.map (fun x -> sprintf "  %s >= 0    [%s]" (MPoly.toString x.Polynomial) (DiskConditions.originText k x.Origin))
        sb.AppendLine(
            Smt.comment (
                String.concat
                    "\n"
                    ([ sprintf "E_%d, the closed-disk conditions of degree %d in the generic coefficients of" k k
                       sprintf "z^%d + a%d z^%d + ... + a1 z + a0, in the order and form of the theorem files:" k (k - 1) (k - 1) ]
                     @ listed)
            )
        )
            .AppendLine(
                sprintf
                    "(define-fun disk.conditions (%s) Bool (and %s))"
                    parameters
                    (conditions |> List.map (fun x -> sprintf "(>= %s 0)" (Smt.polynomial x.Polynomial)) |> String.concat " ")
            )
            .AppendLine(Smt.comment (sprintf "E_%d at the coefficients of p." k))
            .AppendLine(sprintf "(define-fun disk.holds () Bool (disk.conditions %s))" ([ for i in 0 .. k - 1 -> sprintf "c%d" i ] |> String.concat " "))
            .AppendLine()
        |> ignore

    /// λ ∈ R ⇒ E_k(c(λ, θ)) (sound) or λ ∉ R ⇒ not E_k(c(λ, θ)) (complete): pure polynomial
    /// inequalities in the eigenvalue and the hyperparameters, no root variables. The theorem
    /// files listed in the header turn it into the direction's statement.
    let private throughTheoremFile (c: Claim) (d: Direction) =
        let k = degree c
        let v = c.Variable.Name
        let says =
            match d with
            | Sound ->
                [ sprintf "This file: %s in R ==> E_%d holds at the coefficients of p (the closed-disk conditions below)." v k
                  sprintf "With the closed-disk theorem of degree %d (E_%d ==> every root in the closed unit disk) this is" k k
                  sprintf "the sound direction: %s." ((Direction.words d).Replace("lam", v)) ]
            | _ ->
                [ sprintf "This file: %s not in R ==> E_%d fails at the coefficients of p (the closed-disk conditions below)." v k
                  sprintf "With the converse half of the closed-disk theorem of degree %d (every root in the closed unit disk" k
                  sprintf "==> E_%d) this is the complete direction: %s." k ((Direction.words d).Replace("lam", v)) ]
                @ [ "Besides the files below, that converse uses the Gauss-Lucas theorem (the roots of p' lie in the"
                    "convex hull of those of p) for the conditions that start with D(p)." ]
                @ (if k > DiskTheorem.necessityDegree then
                       [ sprintf "At degree %d the conditions through S(p) are checked only through their polynomial identities;" k
                         "the rest is the classical argument of proofs/theorems/README.md (the Schur-Cohn step keeps"
                         "the roots in the disk when |a0| < 1, closure at |a0| = 1)." ]
                   else
                       [])
        let sb = openingThrough c d (Some(says, theoremFiles c d)) "QF_NRA"
        eigen c sb
        scope c sb
        definitions c sb
        region c sb
        coefficients c sb |> ignore
        diskConditions k sb
        match d with
        | Sound ->
            sb.AppendLine(Smt.comment (sprintf "Negation: some eigenvalue in R has coefficients where E_%d fails." k))
                .AppendLine("(assert in_region)")
                .AppendLine("(assert (not disk.holds))") |> ignore
        | _ ->
            sb.AppendLine(Smt.comment (sprintf "Negation: some eigenvalue outside R has coefficients where E_%d holds." k))
                .AppendLine("(assert (not in_region))")
                .AppendLine("(assert disk.holds)") |> ignore
        closing sb

    let private soundWithRoots (c: Claim) =
        let sb = opening c Sound "QF_NRA"
        eigen c sb
        scope c sb
        definitions c sb
        region c sb
        rootLocation c sb |> ignore
        sb.AppendLine(Smt.comment "Negation: some eigenvalue in R has a root z = x + iy of p with x^2 + y^2 > 1.")
            .AppendLine("(declare-const x Real)")
            .AppendLine("(declare-const y Real)")
            .AppendLine("(assert in_region)")
            .AppendLine("(assert (root_outside x y))") |> ignore
        closing sb

    let private completeWithFactors (c: Claim) =
        let k = Array2D.length1 c.Linearization.Matrix
        let sb = opening c Complete "QF_NRA"
        eigen c sb
        scope c sb
        definitions c sb
        region c sb
        rootLocation c sb |> ignore
        sb.AppendLine(Smt.comment "The eigenvalue lies outside R.").AppendLine("(assert (not in_region))") |> ignore
        match k with
        | 1 ->
            sb.AppendLine(
                Smt.comment
                    "p(z) = z + c0 has the single root -c0. Negation of \"some root lies outside\": the\nwitness -c0 is not a root outside the disk. The solver itself checks that the witness is a\nroot (p_re = p_im = 0), so the witness formula is not trusted."
            )
                .AppendLine("(assert (not (root_outside (- c0) 0)))") |> ignore
        | 2 ->
            sb.AppendLine(
                Smt.comment
                    "Case analysis instead of a quantifier over (x, y): p(z) = z^2 + c1 z + c0 has the roots\n(-c1 +- s)/2 when disc = c1^2 - 4 c0 >= 0 and -c1/2 +- i s/2 when disc < 0, with s >= 0 and\ns^2 = |disc|. So \"some root lies outside\" holds as soon as one of three explicit witnesses is a\nroot outside the disk (the conjugate of the complex one has the same modulus). The solver checks\nthat the witness is a root (p_re = p_im = 0), so these formulas are not trusted. Negation: none is."
            )
                .AppendLine("(define-fun disc () Real (- (* c1 c1) (* 4 c0)))")
                .AppendLine("(declare-const s Real)")
                .AppendLine("(assert (>= s 0))")
                .AppendLine("(assert (= (* s s) (ite (>= disc 0) disc (- disc))))")
                .AppendLine("(assert (not (or (root_outside (/ (+ (- c1) s) 2) 0)")
                .AppendLine("                 (root_outside (/ (- (- c1) s) 2) 0)")
                .AppendLine("                 (root_outside (/ (- c1) 2) (/ s 2)))))") |> ignore
        | _ ->
            // no quantifier (z3 does not finish the forall form at degree 3): the roots enter
            // through a real factorization, and each factor's closed-disk condition is exact
            let linear = k % 2
            let pairs = k / 2
            let rootName = "factor.r"
            let uName i = sprintf "factor.u%d" i
            let wName i = sprintf "factor.w%d" i
            let z = MPoly.var "z"
            let product =
                (if linear = 1 then z - MPoly.var rootName else MPoly.one)
                * ([ 0 .. pairs - 1 ] |> List.fold (fun acc i -> acc * (z * z - MPoly.var (uName i) * z + MPoly.var (wName i))) MPoly.one)
            let factorCoeffs = MPoly.coeffsIn "z" product
            sb.AppendLine(
                Smt.comment (
                    sprintf
                        "Every real monic polynomial of degree %d is a product of %s%d real quadratics
z^2 - u z + w. A linear factor has its root in the closed unit disk exactly when r^2 <= 1, a
quadratic exactly when 1 - w >= 0, 1 - u + w >= 0 and 1 + u + w >= 0 (the degree-2 closed-disk
theorem, proofs/theorems/disk-2.*). Negation of \"some root lies outside\": p has such a
factorization with every factor in the disk."
                        k
                        (if linear = 1 then "one real linear factor z - r and " else "")
                        pairs
                )
            )
            |> ignore
            if linear = 1 then
                declare sb (Smt.symbol rootName)
            for i in 0 .. pairs - 1 do
                declare sb (Smt.symbol (uName i))
                declare sb (Smt.symbol (wName i))
            for i in 0 .. k - 1 do
                sb.AppendLine(sprintf "(assert (= c%d %s))" i (Smt.polynomial factorCoeffs.[i])) |> ignore
            if linear = 1 then
                let r = Smt.symbol rootName
                sb.AppendLine(sprintf "(assert (<= (* %s %s) 1))" r r) |> ignore
            for i in 0 .. pairs - 1 do
                let u, w = Smt.symbol (uName i), Smt.symbol (wName i)
                sb.AppendLine(sprintf "(assert (<= %s 1))" w)
                    .AppendLine(sprintf "(assert (>= (+ (- 1 %s) %s) 0))" u w)
                    .AppendLine(sprintf "(assert (>= (+ (+ 1 %s) %s) 0))" u w) |> ignore
        closing sb

    /// det(zI − M) by cofactor expansion along the first row, written out in SMT.
    let rec private determinant (entry: int -> int -> string) (rows: int list) (cols: int list) =
        match rows, cols with
        | [ r ], [ col ] -> entry r col
        | r :: rest, _ ->
            cols
            |> List.mapi (fun i col ->
                let minor = determinant entry rest (cols |> List.filter (fun x -> x <> col))
                let term = Smt.product [ entry r col; minor ]
                if i % 2 = 0 then term else Smt.apply "-" [ term ])
            |> Smt.sum
        | [], _ -> "1"

    let private identity (c: Claim) =
        let m = c.Linearization.Matrix
        let k = Array2D.length1 m
        let sb = opening c Identity "QF_NRA"
        sb.AppendLine(Smt.comment "z, the eigenvalue and the hyperparameters range over all reals: a polynomial identity.")
            .AppendLine("(declare-const z Real)") |> ignore
        declare sb (v c)
        for d in c.Params do
            declare sb (Smt.symbol d.Name)
        sb.AppendLine(Smt.comment "The entries of M, the Jacobian per eigenvalue (row i, column j: d state_i' / d state_j).") |> ignore
        for i in 0 .. k - 1 do
            for j in 0 .. k - 1 do
                sb.AppendLine(sprintf "(define-fun m%d_%d () Real %s)" (i + 1) (j + 1) (Smt.polynomial m.[i, j])) |> ignore
        let scaled = not (Linearization.hasPolynomialEntries c.Linearization)
        if scaled then
            sb.AppendLine(Smt.comment "M = N/D: the entries above are those of N = D M, and D is the common denominator.")
                .AppendLine(sprintf "(define-fun den () Real %s)" (Smt.polynomial c.Linearization.Denominator)) |> ignore
        let entry i j =
            let e = sprintf "m%d_%d" (i + 1) (j + 1)
            if i = j then (if scaled then sprintf "(- (* den z) %s)" e else sprintf "(- z %s)" e) else sprintf "(- %s)" e
        sb.AppendLine(Smt.comment (if scaled then "det(D zI - N) = D^k det(zI - M) by cofactor expansion along the first row." else "det(zI - M) by cofactor expansion along the first row."))
            .AppendLine(sprintf "(define-fun det () Real %s)" (determinant entry [ 0 .. k - 1 ] [ 0 .. k - 1 ]))
            .AppendLine(Smt.comment "The characteristic polynomial used by every other certificate of this claim.")
            .AppendLine(sprintf "(define-fun p () Real %s)" (Smt.polynomial c.CharPoly))
            .AppendLine("(assert (not (= det p)))") |> ignore
        closing sb

    let private defined (c: Claim) =
        let sb = opening c Defined "QF_NRA"
        eigen c sb
        scope c sb
        sb.AppendLine(Smt.comment "Negation: some denominator of the statement vanishes for a value in the domain.")
            .AppendLine(sprintf "(assert %s)" (Smt.formula (Formula.Any(c.Denominators |> List.map (fun d -> Formula.Compare("=", Smt.polynomial d, "0"))))))
        |> ignore
        closing sb

    /// Every certificate of a claim, in a fixed order.
    let files (c: Claim) : CertificateFile list =
        let make d text =
            { Claim = c.Id
              Direction = d
              Path = sprintf "%s/%s.%s.smt2" c.Rule c.Id (Direction.name d)
              Text = text }
        let through d written = if throughTheorem c d then throughTheoremFile c d else written c
        [ yield make Identity (identity c)
          if not c.Denominators.IsEmpty then
              yield make Defined (defined c)
          yield make Sound (through Sound soundWithRoots)
          yield make Complete (through Complete completeWithFactors) ]
