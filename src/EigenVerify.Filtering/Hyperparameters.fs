namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// Concrete hyperparameter values ("alpha=1/10,beta=9/10"), checked against a rule's domain.
[<RequireQualifiedAccess>]
module Hyperparameters =

    /// Reads "name=value,name=value"; values are exact ("0.9" is 9/10). Errors name the piece.
    let parse (text: string) : Result<(string * Rational) list, string> =
        let pieces = text.Split(',') |> Array.map (fun s -> s.Trim()) |> Array.filter (fun s -> s <> "")
        let folder (acc: Result<(string * Rational) list, string>) (piece: string) =
            match acc with
            | Error e -> Error e
            | Ok sofar ->
                match piece.Split('=') with
                | [| name; value |] when name.Trim() <> "" ->
                    let name = name.Trim()
                    if sofar |> List.exists (fun (n, _) -> n = name) then
                        Error(sprintf "hyperparameter '%s' is given twice" name)
                    else
                        match Rational.tryParse (value.Trim()) with
                        | Some v -> Ok(sofar @ [ name, v ])
                        | None -> Error(sprintf "'%s' is not an exact number (in '%s')" (value.Trim()) piece)
                | _ -> Error(sprintf "'%s' is not of the form name=value" piece)
        if pieces.Length = 0 then Error "no hyperparameters given (expected name=value,...)"
        else Array.fold folder (Ok []) pieces

    let private boundText (name: string) (d: ParamDomain) =
        let lo =
            d.Lower |> Option.map (fun b -> sprintf "%O %s " b.Value (if b.Inclusive then "<=" else "<"))
        let hi =
            d.Upper |> Option.map (fun b -> sprintf " %s %O" (if b.Inclusive then "<=" else "<") b.Value)
        (defaultArg lo "") + name + (defaultArg hi "")

    /// Is v inside the declared domain?
    let inDomain (d: ParamDomain) (v: Rational) =
        let okLo =
            match d.Lower with
            | None -> true
            | Some b -> if b.Inclusive then v >= b.Value else v > b.Value
        let okHi =
            match d.Upper with
            | None -> true
            | Some b -> if b.Inclusive then v <= b.Value else v < b.Value
        okLo && okHi

    /// Every declared hyperparameter given once, nothing else, each inside its domain.
    let validate (domains: ParamDomain list) (values: (string * Rational) list) : Result<Map<string, Rational>, string> =
        let declared = domains |> List.map (fun d -> d.Name)
        match values |> List.tryFind (fun (n, _) -> not (List.contains n declared)) with
        | Some(n, _) ->
            Error(sprintf "unknown hyperparameter '%s' (this rule declares: %s)" n (String.concat ", " declared))
        | None ->
            match domains |> List.tryFind (fun d -> not (values |> List.exists (fun (n, _) -> n = d.Name))) with
            | Some d -> Error(sprintf "missing hyperparameter '%s' (domain: %s)" d.Name (boundText d.Name d))
            | None ->
                let values = Map.ofList values
                match domains |> List.tryFind (fun d -> not (inDomain d values.[d.Name])) with
                | Some d ->
                    Error(sprintf "hyperparameter %s = %O is outside its domain %s" d.Name values.[d.Name] (boundText d.Name d))
                | None -> Ok values

    /// Does the relation hold at these values (every name it uses given)? Exact.
    let relationHolds (r: ParamRelation) (values: Map<string, Rational>) =
        let s = (MPoly.eval values r.Polynomial).Sign
        if r.Strict then s > 0 else s >= 0

    /// Like `validate`, and the values also satisfy every relation between hyperparameters;
    /// the error names the first violated relation and the values it compares.
    let validateModel (m: OptimizerModel) (values: (string * Rational) list) : Result<Map<string, Rational>, string> =
        match validate m.Params values with
        | Error e -> Error e
        | Ok map ->
            match m.Relations |> List.tryFind (fun r -> not (relationHolds r map)) with
            | Some r ->
                let used = MPoly.variables r.Polynomial
                let shown = m.Params |> List.filter (fun d -> List.contains d.Name used) |> List.map (fun d -> sprintf "%s = %O" d.Name map.[d.Name])
                Error(sprintf "the hyperparameters violate the constraint %s (%s)" r.Text (String.concat ", " shown))
            | None -> Ok map

    /// The domain as text, e.g. "alpha > 0, 0 <= beta < 1".
    let domainText (domains: ParamDomain list) =
        domains
        |> List.map (fun d ->
            match d.Lower, d.Upper with
            | Some lo, None -> sprintf "%s %s %O" d.Name (if lo.Inclusive then ">=" else ">") lo.Value
            | _ -> boundText d.Name d)
        |> String.concat ", "

    /// The whole declared domain as text: the bounds, then the relations ("0 <= c <= 1, 0 <= beta < 1, c <= beta").
    let modelDomainText (m: OptimizerModel) =
        let bounds = m.Params |> List.filter (fun d -> d.Lower.IsSome || d.Upper.IsSome)
        (if bounds.IsEmpty then [] else [ domainText bounds ]) @ (m.Relations |> List.map (fun r -> r.Text))
        |> String.concat ", "
