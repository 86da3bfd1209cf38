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

    /// The params line's constraints, in an order that parses back to the same model: each
    /// hyperparameter's bounds in declaration order, a relation as soon as every name it uses is
    /// declared, and a hyperparameter without bounds declared by the next relation (which names it).
    let private paramsText (m: OptimizerModel) =
        let declared = Collections.Generic.HashSet<string>()
        let pieces = ResizeArray<string>()
        let ps = Array.ofList m.Params
        let rs = Array.ofList m.Relations
        let namesOf (r: ParamRelation) = MPoly.variables r.Polynomial
        let mutable i = 0
        let mutable j = 0
        let emitRelation () =
            pieces.Add rs.[j].Text
            for n in namesOf rs.[j] do
                declared.Add n |> ignore
            j <- j + 1
        while i < ps.Length || j < rs.Length do
            if j < rs.Length && namesOf rs.[j] |> List.forall declared.Contains then
                emitRelation ()
            elif i < ps.Length then
                let d = ps.[i]
                if d.Lower.IsSome || d.Upper.IsSome then
                    pieces.Add(constraintText d)
                    declared.Add d.Name |> ignore
                    i <- i + 1
                elif declared.Contains d.Name then
                    i <- i + 1
                elif j < rs.Length then
                    emitRelation ()
                else
                    failwithf "hyperparameter %s has no constraint" d.Name
            else
                emitRelation ()
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
