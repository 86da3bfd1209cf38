namespace EigenVerify.Symbolic

/// Plain text and LaTeX of filter statements. Sides print as the rule file writes them.
[<RequireQualifiedAccess>]
module FilterText =

    [<CompiledName("Relation")>]
    let relation (r: Relation) =
        match r with
        | Less -> "<"
        | LessOrEqual -> "<="
        | Greater -> ">"
        | GreaterOrEqual -> ">="
        | Equal -> "="

    /// "0 <= lambda <= 2/alpha".
    [<CompiledName("Chain")>]
    let chain (c: FilterChain) =
        match c.Sides with
        | [] -> ""
        | first :: rest -> first.Text + (List.map2 (fun r (s: FilterSide) -> " " + relation r + " " + s.Text) c.Relations rest |> String.concat "")

    /// The chains joined by ", ".
    [<CompiledName("Chains")>]
    let chains (f: FilterStatement) = f.Chains |> List.map chain |> String.concat ", "

    /// "lambda = -1/rho".
    [<CompiledName("Point")>]
    let point (v: EigenVariable) (p: FilterSide) = sprintf "%s = %s" v.Name p.Text

    /// The statement in the rule language (what follows `filter` on its line):
    /// "0 <= lambda*(1 + rho*lambda)^2 <= 2/alpha or lambda = -1/rho".
    [<CompiledName("Statement")>]
    let statement (f: FilterStatement) =
        chains f + (f.Points |> List.map (fun p -> " or " + point f.Variable p) |> String.concat "")

    /// As printed in tables beside derived closed forms:
    /// "0 <= lambda*(1 + rho*lambda)^2 <= 2/alpha (isolated point lambda = -1/rho)".
    [<CompiledName("Display")>]
    let display (f: FilterStatement) =
        match f.Points with
        | [] -> chains f
        | pts -> sprintf "%s (isolated point %s)" (chains f) (pts |> List.map (point f.Variable) |> String.concat ", ")

    let private latexRelation (r: Relation) =
        match r with
        | LessOrEqual -> " \\le "
        | GreaterOrEqual -> " \\ge "
        | r -> " " + relation r + " "

    let private latexChain (c: FilterChain) =
        match c.Sides |> List.map (fun s -> LaTeX.print s.Expr) with
        | [] -> ""
        | first :: rest -> first + (List.map2 (fun r t -> latexRelation r + t) c.Relations rest |> String.concat "")

    /// LaTeX of the chains ("0 \le \lambda \le \frac{2}{\alpha}"), then "\text{ or } \lambda = …"
    /// for each isolated point.
    [<CompiledName("Latex")>]
    let latex (f: FilterStatement) =
        let points =
            f.Points
            |> List.map (fun p -> sprintf " \\text{ or } %s = %s" (LaTeX.symbol f.Variable.Name) (LaTeX.print p.Expr))
        (f.Chains |> List.map latexChain |> String.concat ",\\ ") + String.concat "" points
