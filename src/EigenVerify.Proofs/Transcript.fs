namespace EigenVerify.Proofs

open System
open System.Text
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The derivation of a claim, step by step, as Markdown with LaTeX.
[<RequireQualifiedAccess>]
module Transcript =

    let private verdictText (v: SolverVerdict) =
        match v with
        | Unsat -> "unsat (proved)"
        | Sat _ -> "sat (counterexample found: the claim is false)"
        | Unknown r -> "unknown: " + r
        | Timeout -> "timeout"
        | Failed m -> "checker error: " + m

    let private matrixTex (m: MPoly[,]) =
        let k = Array2D.length1 m
        let rows = [ for i in 0 .. k - 1 -> [ for j in 0 .. k - 1 -> LaTeX.polynomial m.[i, j] ] |> String.concat " & " ]
        "\\begin{pmatrix} " + String.concat " \\\\ " rows + " \\end{pmatrix}"

    let private substituteZ (value: Rational) (p: MPoly) =
        MPoly.substitute (Map.ofList [ "z", value ]) p

    /// The roots in v of a boundary polynomial whose factors in v are v^m times a linear part:
    /// v = 0 and v = −c₀/c₁ (a rational function of θ). Other shapes are left to the exact claim.
    let private rootsInText (v: string) (name: string) (b: MPoly) =
        let cs = MPoly.coeffsIn v b
        let m = cs |> Array.tryFindIndex (fun c -> not (MPoly.isZero c))
        match m with
        | None -> None
        | Some m ->
            let rest = cs.[m..]
            let vt = LaTeX.symbol v
            let zero = if m > 0 then [ sprintf "$%s = 0$" vt ] else []
            let linear =
                match rest.Length with
                | 1 -> Some []
                | 2 ->
                    let r = RationalFunction.div (RationalFunction.ofPolynomial (-rest.[0])) (RationalFunction.ofPolynomial rest.[1])
                    Some [ sprintf "$%s = %s$" vt (LaTeX.print (Expr.ofRationalFunction r)) ]
                | _ -> None
            match linear with
            | Some roots when not (zero @ roots).IsEmpty -> Some(sprintf "$%s$ vanishes at %s" name (String.concat " and " (zero @ roots)))
            | Some _ -> Some(sprintf "$%s$ has no root in $%s$" name vt)
            | None when m > 0 -> Some(sprintf "$%s$ vanishes at $%s = 0$ and where a factor of degree %d in $%s$ does" name vt (rest.Length - 1) vt)
            | None -> None

    /// `verdicts`: the checker's answer per certificate path, when the certificates were checked.
    let write (c: Claim) (files: CertificateFile list) (verdicts: Map<string, SolverVerdict> option) : string =
        let sb = StringBuilder()
        let line (s: string) = sb.AppendLine s |> ignore
        let v = c.Variable.Name
        let vt = LaTeX.symbol v
        let k = Array2D.length1 c.Linearization.Matrix
        let scope =
            match c.Scope with
            | OverDomain ->
                let bound (b: ParamBound) = if b.Inclusive then " \\le " else " < "
                let one (d: ParamDomain) =
                    let n = LaTeX.symbol d.Name
                    let q (r: Rational) = LaTeX.print (Number r)
                    match d.Lower, d.Upper with
                    | Some lo, Some hi -> q lo.Value + bound lo + n + bound hi + q hi.Value
                    | Some lo, None -> n + (if lo.Inclusive then " \\ge " else " > ") + q lo.Value
                    | None, Some hi -> n + bound hi + q hi.Value
                    | None, None -> n + " \\in \\mathbb{R}"
                sprintf "every hyperparameter value in the declared domain ($%s$)" (c.Params |> List.map one |> String.concat ",\\ ")
            | AtValues vs -> "the hyperparameters " + (vs |> List.map (fun (n, x) -> sprintf "$%s = %s$" (LaTeX.symbol n) (LaTeX.print (Number x))) |> String.concat ", ")
        let regionTex =
            match c.Region with
            | ExactIntervals r -> Region.toLatex r
            | DerivedForm cf -> ClosedFormText.latexSet cf
            | StatedForm f -> sprintf "\\{%s : %s\\}" vt (FilterText.latex f)
        let title =
            match c.Region with
            | ExactIntervals _ -> "exact region at fixed hyperparameters"
            | DerivedForm _ -> "derived closed-form region"
            | StatedForm _ -> "stated closed-form region"
        line (sprintf "# %s: %s" c.Rule title)
        line ""
        line (sprintf "**Claim.** For %s and every real $%s$ (an eigenvalue of %s at a critical point),"
                scope vt (if c.Variable = Mu then "$P^{-1}H$" else "the Hessian $H$"))
        line ""
        line (sprintf "$$%s \\in R \\iff \\text{every root of } p(z) = \\det(zI - M(%s)) \\text{ satisfies } |z| \\le 1, \\qquad R = %s.$$" vt vt regionTex)
        line ""
        line "## 1. Update rule"
        line ""
        line "```"
        line (c.RuleText.TrimEnd())
        line "```"
        line ""
        line "## 2. Fixed point"
        line ""
        line "At a critical point $\\bar x$ ($\\nabla f(\\bar x) = 0$) the state is fixed at:"
        line ""
        for s, value in c.Linearization.FixedPoint do
            line (sprintf "- `%s` = %s" s (LinearizationText.multiple value))
        line ""
        line "## 3. Jacobian blocks"
        line ""
        line "Terms with $\\nabla^3 f$ multiply $\\nabla f(\\bar x) = 0$ and vanish, so every block is a polynomial in one matrix:"
        line ""
        let states = c.Linearization.FixedPoint |> List.map fst
        line ("| | " + (states |> List.map (fun s -> sprintf "$\\partial / \\partial$ `%s`" s) |> String.concat " | ") + " |")
        line ("|---|" + (states |> List.map (fun _ -> "---") |> String.concat "|") + "|")
        states
        |> List.iteri (fun i s ->
            line (sprintf "| `%s'` | " s + ([ for j in 0 .. k - 1 -> sprintf "`%s`" (LinearizationText.block c.Variable c.Linearization.Blocks.[i, j]) ] |> String.concat " | ") + " |"))
        line ""
        line (sprintf "## 4. The matrix $M(%s)$" vt)
        line ""
        line (sprintf "Replacing the matrix by its eigenvalue $%s$:" vt)
        line ""
        line (sprintf "$$M(%s) = %s$$" vt (matrixTex c.Linearization.Matrix))
        line ""
        line "## 5. Characteristic polynomial"
        line ""
        if Linearization.hasPolynomialEntries c.Linearization then
            line (sprintf "$$p(z) = \\det(zI - M(%s)) = %s$$" vt (LaTeX.polynomial c.CharPoly))
        else
            let d = c.Linearization.Denominator
            line (sprintf "The entries of $M$ have the common denominator $D = %s$, nonzero on the whole domain (the `defined` certificate), and the matrix above is $N = D\\,M$. The polynomial used from here on is" (LaTeX.polynomial d))
            line ""
            line (sprintf "$$p(z) = \\det(D\\,zI - N(%s)) = D^{%d} \\det(zI - M(%s)) = %s,$$" vt k vt (LaTeX.polynomial c.CharPoly))
            line ""
            line (sprintf "which has the roots of $\\det(zI - M)$ wherever $D \\neq 0$. Each closed-disk condition of the monic $p/D^{%d}$ is a polynomial in its coefficients $[z^i]p/D^{%d}$; it was multiplied by an even power of $D^{%d}$, positive wherever $D \\neq 0$, which clears the denominators and keeps its sign." k k k)
        line ""
        line "## 6. Boundary"
        line ""
        match c.Scope with
        | OverDomain ->
            line (sprintf "The region can only change where a root of $p$ crosses the unit circle. A real root crosses at $z = \\pm 1$:")
            line ""
            let p1 = substituteZ Rational.One c.CharPoly
            let pm1 = substituteZ (-Rational.One) c.CharPoly
            line (sprintf "$$p(1) = %s, \\qquad p(-1) = %s.$$" (LaTeX.polynomial p1) (LaTeX.polynomial pm1))
            let boundaries = [ "p(1)", p1; "p(-1)", pm1 ]
            let boundaries =
                if k = 2 then
                    let c0 = (Claim.coefficientsInZ c.CharPoly).[0]
                    line ""
                    line (sprintf "A complex pair $w, \\bar w$ crosses where $|w|^2 = w \\bar w = p(0) = 1$: $p(0) - 1 = %s$." (LaTeX.polynomial (c0 - MPoly.one)))
                    boundaries @ [ "p(0) - 1", c0 - MPoly.one ]
                else
                    boundaries
            let described = boundaries |> List.map (fun (name, b) -> rootsInText v name b)
            if described |> List.exists Option.isSome then
                line ""
                line (sprintf "Their real roots in $%s$, as functions of the hyperparameters (where the denominators do not vanish):" vt)
                line ""
                for d in List.choose id described do
                    line ("- " + d)
            if described |> List.exists Option.isNone then
                line ""
                line "Boundary polynomials of higher degree in the eigenvalue are solved exactly, at the reference hyperparameters, in this folder's `exact-...` transcript."
        | AtValues vs ->
            match RuleAnalysis.charPolyAt c.Linearized (Map.ofList vs) with
            | Ok coeffs ->
                let d = UnitDisk.criticalPolynomial coeffs
                let roots = if Poly.isZero d then [] else AlgebraicNumber.realRoots d
                line "The critical polynomial $D$ vanishes exactly where $p$ has a pair of roots $w, 1/w$ (every root on the unit circle gives one); between its real roots the region cannot change:"
                line ""
                line (sprintf "$$D(%s) = %s$$" vt (LaTeX.polynomial (MPoly.ofPoly v d)))
                line ""
                line (sprintf "Real roots of $D$: %s." (if roots.IsEmpty then "none" else roots |> List.map (fun r -> "$" + AlgebraicNumber.toLatex r + "$") |> String.concat ", "))
            | Error e -> line ("(no critical polynomial: " + e + ")")
        line ""
        line "## 7. Region"
        line ""
        match c.Region with
        | DerivedForm cf ->
            line "The closed-disk conditions the Filtering layer keeps, each read \"≥ 0\" (positive factors removed on the domain):"
            line ""
            for cond in cf.Conditions do
                line (sprintf "- `%s >= 0`" (PolyText.toText c.Variable cond))
            if not cf.Dropped.IsEmpty then
                line ""
                line "Conditions it drops, and why (the certificates below prove the result either way):"
                line ""
                for d in cf.Dropped do
                    line (sprintf "- %s: `%s >= 0`: %s" d.Name (PolyText.toText c.Variable d.Condition) (ClosedFormText.decision c.Variable d.Decision))
            line ""
            line (sprintf "In the paper's shape: `%s`." (ClosedFormText.full cf))
        | _ -> line (sprintf "$$R = %s$$" regionTex)
        line ""
        line "## 8. The paper's statement"
        line ""
        match c.Statement with
        | None -> line "The rule states no filter."
        | Some s ->
            line (sprintf "The filter statement is $%s$ (the rule file's `filter` line, or the claim given to `prove`)." (FilterText.latex s))
            line ""
            match c.Scope with
            | OverDomain when (match c.Region with DerivedForm _ -> true | _ -> false) ->
                line "The `stated` claim in this folder certifies that statement on the whole domain; with this claim certified too, the derived closed form and the paper's statement describe the same set for every hyperparameter value in the domain."
            | OverDomain -> line "This claim certifies that statement itself as the exact region on the whole domain."
            | AtValues vs ->
                match c.Region with
                | ExactIntervals exact ->
                    let stated = FilterRegion.regionAt (Map.ofList vs) s
                    line (sprintf "At these values the statement describes $%s$, which %s the exact region (compared exactly)." (Region.toLatex stated) (if Region.equal stated exact then "equals" else "**differs from**"))
                | _ -> line "At these values the statement could not be compared exactly."
        line ""
        line "## 9. Certificates"
        line ""
        let throughTheorem = files |> List.filter (fun f -> not (Certificate.theoremFiles c f.Direction).IsEmpty)
        if throughTheorem.IsEmpty then
            line "Each file asserts the negation of its statement; `unsat` proves the statement. Root location is encoded directly ($z = x + iy$, $\\operatorname{Re} p = \\operatorname{Im} p = 0$, $x^2 + y^2 > 1$), not through a stability criterion."
        else
            let names = throughTheorem |> List.map (fun f -> sprintf "`%s`" (IO.Path.GetFileName f.Path)) |> String.concat " and "
            let verb = if throughTheorem.Length = 1 then "proves" else "prove"
            let converse =
                if throughTheorem |> List.exists (fun f -> f.Direction = Complete) then
                    sprintf
                        " The direction \"every root in the disk $\\Rightarrow E_{%d}$\", which `complete` uses, also needs the Gauss–Lucas theorem for the conditions that start with $D(p)$%s."
                        k
                        (if k > DiskTheorem.necessityDegree then
                             sprintf "; at degree %d the conditions through $S(p)$ are checked there only through their polynomial identities, and the rest is that README's classical argument (Schur–Cohn step, closure)" k
                         else
                             "")
                else
                    ""
            line (
                sprintf "Each file asserts the negation of its statement; `unsat` proves the statement. At degree %d %s %s an instance of the closed-disk theorem instead of encoding root location: $%s \\in R$ (or $\\notin R$) against the conditions $E_{%d}$ at the coefficients of $p$, pure polynomial inequalities in $%s$ and the hyperparameters. The theorem ($E_{%d} \\iff$ every root in $|z| \\le 1$, for generic coefficients) is proved once per degree in `proofs/theorems/` and checked there by the theorem test and `scripts/disk-theorems.fsx --check`, not by this claim's check; that folder's README gives the argument that joins its files.%s" k names verb vt k vt k converse
            )
            line ""
            line "Theorem files each of them relies on:"
            line ""
            for f in throughTheorem do
                line (sprintf "- `%s`: %s" (IO.Path.GetFileName f.Path) (Certificate.theoremFiles c f.Direction |> List.map (fun x -> sprintf "`%s`" x) |> String.concat ", "))
        line ""
        line "| file | establishes | expected | checker's verdict |"
        line "|---|---|---|---|"
        for f in files do
            let verdict =
                match verdicts with
                | None -> "not checked in this run"
                | Some m -> m |> Map.tryFind f.Path |> Option.map verdictText |> Option.defaultValue "not checked in this run"
            let words = (Direction.words f.Direction).Replace("lam", v).Replace("==>", "⇒").Replace("|", "\\|")
            line (sprintf "| [`%s`](%s) | %s | unsat | %s |" (IO.Path.GetFileName f.Path) (IO.Path.GetFileName f.Path) words verdict)
        sb.ToString()

    /// For a rule the theorem does not cover: no region, no certificate, and why.
    let notApplicable (rule: string) (ruleText: string) (reason: string) =
        String.concat
            "\n"
            [ sprintf "# %s: no filtering claim" rule
              ""
              "```"
              ruleText.TrimEnd()
              "```"
              ""
              "**Why no certificate:** " + reason
              "" ]
