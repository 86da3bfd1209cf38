namespace EigenVerify.Proofs

open System.Text.RegularExpressions
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// A symbol the certificate introduces besides the eigenvalue and the hyperparameters (an
/// algebraic endpoint, a square root, a rational bound), with the facts that pin it down and a
/// sentence saying what it is.
type Definition =
    { Symbol: string
      Facts: string list
      Meaning: string }

/// A region stated in closed form as a chain of comparisons, e.g.
/// `0 <= lambda*(1 + rho*lambda) <= 2/alpha`: Sides.[i] Relations.[i] Sides.[i+1] for every i.
type StatedRegion =
    { Text: string
      Sides: Expr list
      /// Each side as written.
      SideTexts: string list
      /// Among "<=", "<", ">=", ">", "=".
      Relations: string list }

[<RequireQualifiedAccess>]
module StatedRegion =

    let private relation = Regex(@"(<=|>=|<|>|=)")

    /// Reads a chain of comparisons; errors name the piece that is wrong.
    let parse (text: string) : Result<StatedRegion, string> =
        let pieces = relation.Split(text.Trim()) |> Array.map (fun s -> s.Trim())
        // Split keeps the separators at odd positions: side, op, side, op, side ...
        if pieces.Length < 3 then
            Error(sprintf "'%s' is not a chain of comparisons such as '0 <= lambda <= 2/alpha'" text)
        else
            let sides = [ for i in 0..2 .. pieces.Length - 1 -> pieces.[i] ]
            let ops = [ for i in 1..2 .. pieces.Length - 1 -> pieces.[i] ]
            let parsed =
                sides
                |> List.map (fun s ->
                    if s = "" then Error(sprintf "a comparison in '%s' has an empty side" text)
                    else
                        match Infix.parse s with
                        | Ok e -> Ok e
                        | Error e -> Error(sprintf "'%s' in '%s': %s (column %d)" s text e.Message e.Column))
            match parsed |> List.tryPick (function Error e -> Some e | Ok _ -> None) with
            | Some e -> Error e
            | None ->
                Ok
                    { Text = text.Trim()
                      Sides = parsed |> List.map (function Ok e -> e | Error _ -> failwith "unreachable")
                      SideTexts = sides
                      Relations = ops }

    /// The closed form a rule file states in its `# Filter...: STATEMENT.` comment line (the
    /// catalog records the paper's propositions this way). A trailing parenthetical remark in
    /// words and the final full stop are not part of the statement.
    let tryOfRuleText (ruleText: string) : string option =
        ruleText.Split('\n')
        |> Array.map (fun l -> l.Trim())
        |> Array.tryFind (fun l -> l.StartsWith "#" && l.Contains "Filter" && l.Contains ": ")
        |> Option.map (fun l ->
            let body = l.Substring(l.IndexOf ": " + 2)
            let remark = Regex.Match(body, @"\s\([A-Za-z]")
            let body = if remark.Success then body.Substring(0, remark.Index) else body
            body.Trim().TrimEnd('.').Trim())

    /// Every symbol is the eigenvalue or a declared hyperparameter.
    let checkSymbols (variable: string) (parameters: string list) (s: StatedRegion) : Result<unit, string> =
        let allowed = Set.ofList (variable :: parameters)
        let used = s.Sides |> List.map Expr.symbols |> Set.unionMany
        match Set.difference used allowed |> Set.toList with
        | [] -> Ok()
        | bad :: _ ->
            Error(
                sprintf
                    "the statement '%s' uses '%s', which is neither %s nor a hyperparameter of the rule (%s)"
                    s.Text
                    bad
                    variable
                    (String.concat ", " parameters)
            )

    /// LaTeX of the chain, "0 \le \lambda \le \frac{2}{\alpha}", each side as written.
    let toLatex (s: StatedRegion) =
        let rel op =
            match op with
            | "<=" -> " \\le "
            | ">=" -> " \\ge "
            | o -> " " + o + " "
        let sides = s.Sides |> List.map LaTeX.print
        List.head sides + (List.zip s.Relations (List.tail sides) |> List.map (fun (o, t) -> rel o + t) |> String.concat "")

    /// The statement as an SMT formula. A side with a non-constant denominator d becomes a
    /// symbol b with the defining fact d·b = n; those denominators are returned so that a
    /// separate certificate can show they never vanish on the domain.
    let toFormula (s: StatedRegion) : Formula * Definition list * MPoly list =
        let definitions = ResizeArray<Definition>()
        let denominators = ResizeArray<MPoly>()
        let term (text: string) (e: Expr) =
            let f = Expr.toRationalFunction e
            match MPoly.tryConstant f.Den with
            | Some c -> Smt.polynomial (MPoly.scale (Rational.One / c) f.Num)
            | None ->
                let name = sprintf "bound%d" (definitions.Count + 1)
                definitions.Add
                    { Symbol = name
                      Facts = [ Smt.apply "=" [ Smt.product [ Smt.polynomial f.Den; name ]; Smt.polynomial f.Num ] ]
                      Meaning = sprintf "%s = %s" name text }
                denominators.Add f.Den
                name
        let terms = List.map2 term s.SideTexts s.Sides
        let comparisons =
            s.Relations |> List.mapi (fun i op -> Formula.Compare(op, terms.[i], terms.[i + 1]))
        Formula.All comparisons, List.ofSeq definitions, List.ofSeq denominators

    let private signs (op: string) =
        match op with
        | "<=" -> [ -1; 0 ]
        | "<" -> [ -1 ]
        | ">=" -> [ 0; 1 ]
        | ">" -> [ 1 ]
        | _ -> [ 0 ]

    /// The exact set the statement describes once the hyperparameters are fixed; None when a
    /// denominator still depends on the eigenvalue (then no comparison is made).
    let regionAt (variable: string) (values: Map<string, Rational>) (s: StatedRegion) : Region option =
        let substitute (e: Expr) =
            let f = Expr.toRationalFunction e
            let fix p = MPoly.substitute values p
            fix f.Num, fix f.Den
        let conditions =
            s.Relations
            |> List.mapi (fun i op ->
                let n1, d1 = substitute s.Sides.[i]
                let n2, d2 = substitute s.Sides.[i + 1]
                match MPoly.tryConstant d1, MPoly.tryConstant d2 with
                | Some c1, Some c2 when not c1.IsZero && not c2.IsZero ->
                    let diff = MPoly.scale (Rational.One / c1) n1 - MPoly.scale (Rational.One / c2) n2
                    MPoly.tryToPoly variable diff |> Option.map (fun d -> d, signs op)
                | _ -> None)
        if conditions |> List.forall Option.isSome then
            Some(Region.ofSignConditions (conditions |> List.choose id))
        else
            None
