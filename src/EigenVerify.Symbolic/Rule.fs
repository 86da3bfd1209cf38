namespace EigenVerify.Symbolic

open System
open EigenVerify.Algebra

[<RequireQualifiedAccess>]
module Rule =
    let private splitLines (text: string) = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')

    /// Parses and checks a rule; every problem comes back as an Error with line:col and a kind.
    [<CompiledName("Parse")>]
    let parse (text: string) : Result<OptimizerModel, RuleError> =
        try
            let lines = splitLines (if isNull text then "" else text)
            let statements =
                lines |> Array.toList |> List.mapi (fun i l -> i + 1, l) |> List.choose (fun (i, l) -> Syntax.parseLine i l |> Option.map (fun s -> i, s))
            Ok(Checker.check statements lines.Length)
        with RuleFailure e ->
            Error e

    /// A filter statement written on its own ("0 <= lambda <= 3/alpha", what follows `filter`
    /// on its line) for a checked rule: its names must be the rule's eigenvalue and
    /// hyperparameters. Errors give the column in `text` (line 1).
    [<CompiledName("ParseFilter")>]
    let parseFilter (m: OptimizerModel) (text: string) : Result<FilterStatement, RuleError> =
        try
            let t = if isNull text then "" else text
            if t.Contains '\n' || t.Contains '\r' then
                Error { Line = 1; Column = (t.IndexOfAny [| '\n'; '\r' |]) + 1; Kind = "syntax"; Message = "a filter statement is one line" }
            else
                Ok(Checker.filterFor m (Syntax.parseFilterText t))
        with RuleFailure e ->
            Error e

    /// Like `parse`, raising RuleParseException on an error.
    let parseOrRaise (text: string) =
        match parse text with
        | Ok m -> m
        | Error e -> raise (RuleParseException e)

    let private constraintText (d: ParamDomain) =
        match d.Lower, d.Upper with
        | Some l, Some u -> sprintf "%O %s %s %s %O" l.Value (if l.Inclusive then "<=" else "<") d.Name (if u.Inclusive then "<=" else "<") u.Value
        | Some l, None -> sprintf "%s %s %O" d.Name (if l.Inclusive then ">=" else ">") l.Value
        | None, Some u -> sprintf "%s %s %O" d.Name (if u.Inclusive then "<=" else "<") u.Value
        // an unconstrained hyperparameter still needs a declaration; this chain says "any value"
        | None, None -> failwithf "hyperparameter %s has no constraint" d.Name

    /// The params line's constraints: each hyperparameter's bounds in declaration order, and a
    /// hyperparameter bounded by relations only declared by the first relation naming it, so
    /// that parsing the line again declares the names in the same order.
    let private paramsText (m: OptimizerModel) =
        let emitted = Collections.Generic.HashSet<string>()
        let pieces = ResizeArray<string>()
        for d in m.Params do
            if d.Lower.IsSome || d.Upper.IsSome then
                pieces.Add(constraintText d)
            else
                match m.Relations |> List.tryFind (fun r -> List.contains d.Name (MPoly.variables r.Polynomial)) with
                | Some r when emitted.Add r.Text -> pieces.Add r.Text
                | Some _ -> ()
                | None -> failwithf "hyperparameter %s has no constraint" d.Name
        for r in m.Relations do
            if emitted.Add r.Text then
                pieces.Add r.Text
        String.concat ", " pieces

    /// Rule text: `parse (print m)` gives back `m`.
    [<CompiledName("Print")>]
    let print (m: OptimizerModel) : string =
        let sb = Text.StringBuilder()
        let line (s: string) = sb.Append(s).Append('\n') |> ignore
        line ("optimizer " + m.Name)
        if not m.Params.IsEmpty then
            line ("params " + paramsText m)
        line ("state " + String.concat ", " m.State)
        // a let named NAME' holds NAME's update, read by a later line: the update is written
        // where the let stands, and NAME's own update (a reference to it) is not repeated
        for (n, t) in m.Lets do
            if n.EndsWith "'" then
                line (sprintf "%s = %s" n (TermText.print t))
            else
                line (sprintf "let %s = %s" n (TermText.print t))
        for (n, t) in m.Updates do
            if t <> Ref(n + "'") then
                line (sprintf "%s' = %s" n (TermText.print t))
        match m.Filter with
        | Some f -> line ("filter " + FilterText.statement f)
        | None -> ()
        sb.ToString()
