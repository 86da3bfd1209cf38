namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// Plain text and LaTeX of closed forms in the paper's style: "0 <= lambda <= 2*(1 + beta)/alpha",
/// with isolated points and the reasons conditions were dropped.
[<RequireQualifiedAccess>]
module ClosedFormText =

    /// "num/den" in the paper's style, the denominator positive: "2*(1 + beta)/(alpha*(1 + 2*beta))".
    [<CompiledName("Quotient")>]
    let quotient (v: EigenVariable) (q: Quotient) =
        let num, den = q.Numerator, q.Denominator
        if MPoly.isZero num then
            "0"
        elif List.isEmpty (MPoly.variables den) then
            PolyText.toFactoredText v (MPoly.scale (Rational.inverse (MPoly.eval Map.empty den)) num)
        else
            let n = PolyText.toFactoredText v num
            let d = PolyText.toFactoredText v den
            let n = if n.Contains " " && not (n.StartsWith "(") && not (n.Contains "*(") then "(" + n + ")" else n
            let d = if d.Contains "*" || d.Contains " " then "(" + d + ")" else d
            n + "/" + d

    /// The sides and relations of a statement with a shape ([lower; s; upper], ["<="; "<="]).
    let private chain (v: EigenVariable) (st: ClosedFormStatement) =
        let shape = PolyText.toFactoredText v
        match st with
        | Between(l, s, u) -> Some([ quotient v l; shape s; quotient v u ], [ "<="; "<=" ])
        | AtLeast(s, l) -> Some([ shape s; quotient v l ], [ ">=" ])
        | AtMost(s, u) -> Some([ shape s; quotient v u ], [ "<=" ])
        | AllNonNegative _ -> None

    /// "0 <= lambda*(1 + rho*lambda) <= 2/alpha", or "c1 >= 0 and c2 >= 0" without a shape.
    [<CompiledName("Statement")>]
    let statement (v: EigenVariable) (st: ClosedFormStatement) =
        match chain v st, st with
        | Some(sides, relations), _ -> List.head sides + (List.map2 (fun r s -> " " + r + " " + s) relations (List.tail sides) |> String.concat "")
        | None, AllNonNegative conditions -> conditions |> List.map (fun c -> PolyText.toText v c + " >= 0") |> String.concat " and "
        | None, _ -> invalidOp "a statement with a shape has sides"

    /// "lambda = -1/rho".
    [<CompiledName("IsolatedPoint")>]
    let isolatedPoint (v: EigenVariable) (q: Quotient) = sprintf "%s = %s" v.Name (quotient v q)

    /// The statement with its isolated points, as printed in tables:
    /// "0 <= lambda*(1 + rho*lambda)^2 <= 2/alpha (isolated point lambda = -1/rho)".
    [<CompiledName("Full")>]
    let full (cf: ClosedForm) =
        let st = statement cf.Variable cf.Statement
        match cf.IsolatedPoints with
        | [] -> st
        | pts -> sprintf "%s (isolated point %s)" st (pts |> List.map (isolatedPoint cf.Variable) |> String.concat ", ")

    /// "alpha=1/10, beta=-6667/20000, lambda=40": the hyperparameters by name, the eigenvalue last
    /// (so the order does not depend on how the hyperparameters are named).
    let private pointText (v: EigenVariable) (p: Map<string, Rational>) =
        let eigen, hyper = p |> Map.toList |> List.partition (fun (k, _) -> k = v.Name)
        hyper @ eigen |> List.map (fun (k, x) -> sprintf "%s=%O" k x) |> String.concat ", "

    /// How a condition was decided, in words; "(exact)" marks a complete exact argument. A
    /// checker's proof names the checker (its time is in the data, not in the text, so that
    /// printed certificates stay reproducible).
    [<CompiledName("Decision")>]
    let decision (v: EigenVariable) (d: Decision) =
        match d with
        | HoldsOnDomain -> "holds everywhere on the declared domain (exact)"
        | SameAs name -> sprintf "the same condition as %s once positive factors are removed (exact)" name
        | CombinationOf(name, a, b) ->
            sprintf
                "equals a*s + b with s >= 0 the kept condition %s, a = %s and b = %s both >= 0 on the declared domain (exact)"
                name
                (PolyText.toText v a)
                (PolyText.toText v b)
        | ImpliedInOneVariable m ->
            sprintf "every condition is a polynomial in %s alone, and there the kept ones imply it (exact)" (PolyText.toText v m)
        | ImpliedByChecker(names, e) -> sprintf "implied on the declared domain by %s (%s proof)" (String.concat "; " names) e.Checker
        | IndependentAt p -> sprintf "not implied by the others: at %s they hold and it fails (exact)" (pointText v p)
        | Undecided reasons -> sprintf "not shown to be implied by the others (%s)" (String.concat "; " reasons)

    /// One line about a dropped condition: "p(0) <= 1 dropped: holds everywhere on the declared domain (exact)".
    [<CompiledName("Dropped")>]
    let dropped (v: EigenVariable) (d: DecidedCondition) = sprintf "%s dropped: %s" d.Name (decision v d.Decision)

    /// One line about a kept condition: "p(1) >= 0 kept: not implied by the others: at ... (exact)".
    [<CompiledName("Kept")>]
    let kept (v: EigenVariable) (d: DecidedCondition) = sprintf "%s kept: %s" d.Name (decision v d.Decision)

    /// The region as a LaTeX set, "\{\lambda : 0 \le \lambda \le \frac{2}{\alpha}\}", with its
    /// isolated points in words. Each side is the LaTeX of its plain text read back as an
    /// expression, so the grouping stays the paper's.
    [<CompiledName("LatexSet")>]
    let latexSet (cf: ClosedForm) =
        let vt = LaTeX.symbol cf.Variable.Name
        let sides = chain cf.Variable cf.Statement |> Option.map (fun (sides, rels) -> sides |> List.map Infix.parse, rels)
        match sides with
        | Some(parsed, relations) when parsed |> List.forall Result.isOk ->
            let tex = parsed |> List.map (function Ok e -> LaTeX.print e | Error _ -> "")
            let rel op =
                match op with
                | "<=" -> " \\le "
                | ">=" -> " \\ge "
                | o -> " " + o + " "
            let body = List.head tex + (List.map2 (fun o t -> rel o + t) relations (List.tail tex) |> String.concat "")
            let isolated =
                match cf.IsolatedPoints with
                | [] -> ""
                | pts -> sprintf " \\text{ (isolated point %s)}" (pts |> List.map (isolatedPoint cf.Variable) |> String.concat ", ")
            sprintf "\\{%s : %s\\}%s" vt body isolated
        | _ -> sprintf "\\{%s : \\text{%s}\\}" vt (full cf)
