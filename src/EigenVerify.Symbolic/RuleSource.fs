namespace EigenVerify.Symbolic

open System.IO

/// A rule as a command received it: its name (the catalog entry's, or the header's for a file),
/// the text it was parsed from, and the checked model.
type RuleSource = { Name: string; Text: string; Model: OptimizerModel }

/// Why `--optimizer NAME | --rule FILE` gave no rule.
type RuleLoadError =
    | BothGiven
    | NoneGiven
    | UnknownOptimizer of name: string
    | Unreadable of file: string * reason: string
    /// Where the text came from (`catalog/NAME.rule` or the file as given) and what is wrong there.
    | Invalid of origin: string * error: RuleError

/// Reads the rule named by `--optimizer NAME` or `--rule FILE`, with errors at file:line:col.
[<RequireQualifiedAccess>]
module RuleSource =
    /// The one-line text a user sees for a load error.
    [<CompiledName("Message")>]
    let message (e: RuleLoadError) =
        match e with
        | BothGiven -> "give either --optimizer or --rule, not both"
        | NoneGiven -> "missing --optimizer NAME or --rule FILE"
        | UnknownOptimizer name -> sprintf "unknown optimizer '%s' (catalog: %s)" name (String.concat ", " Catalog.names)
        | Unreadable(file, reason) -> sprintf "cannot read rule file '%s': %s" file reason
        | Invalid(origin, e) -> sprintf "%s:%d:%d: %s: %s" origin e.Line e.Column e.Kind e.Message

    let private parse (origin: string) (name: string option) (text: string) =
        match Rule.parse text with
        | Ok m -> Ok { Name = defaultArg name m.Name; Text = text; Model = m }
        | Error e -> Error(Invalid(origin, e))

    /// The rule with its name and text, or why there is none.
    [<CompiledName("Read")>]
    let read (optimizer: string option) (ruleFile: string option) : Result<RuleSource, RuleLoadError> =
        match optimizer, ruleFile with
        | Some _, Some _ -> Error BothGiven
        | None, None -> Error NoneGiven
        | Some name, None ->
            match Catalog.source name with
            | None -> Error(UnknownOptimizer name)
            | Some text -> parse (sprintf "catalog/%s.rule" name) (Some name) text
        | None, Some file ->
            let text =
                try
                    Ok(File.ReadAllText file)
                with ex ->
                    Error(Unreadable(file, ex.Message.Split('\n').[0].Trim()))
            text |> Result.bind (parse file None)

    /// The checked model, or the message a user sees.
    [<CompiledName("Load")>]
    let load (optimizer: string option) (ruleFile: string option) : Result<OptimizerModel, string> =
        read optimizer ruleFile |> Result.map (fun s -> s.Model) |> Result.mapError message
