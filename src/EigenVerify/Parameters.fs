namespace EigenVerify

open System.Collections.Generic
open EigenVerify.Algebra
open EigenVerify.Filtering

/// Exact hyperparameter values by name, in a fixed order (the rule's declaration order once
/// checked against a rule).
[<Sealed>]
type ParameterSet internal (values: (string * Rational) list) =

    member internal _.List = values

    member internal _.Map = Map.ofList values

    /// The names, in order.
    member _.Names: string[] = values |> List.map fst |> Array.ofList

    /// The values, in the order of Names.
    member _.Values: Rational[] = values |> List.map snd |> Array.ofList

    /// How many values there are.
    member _.Count = values.Length

    /// True when a value for this name is present.
    member _.Contains(name: string) = values |> List.exists (fun (n, _) -> n = name)

    /// The value of one hyperparameter; raises KeyNotFoundException when absent.
    member _.Item
        with get (name: string): Rational =
            match values |> List.tryFind (fun (n, _) -> n = name) with
            | Some(_, v) -> v
            | None -> raise (KeyNotFoundException(sprintf "no value for hyperparameter '%s'" name))

    /// The values as a read-only dictionary.
    member _.ToDictionary() : IReadOnlyDictionary<string, Rational> =
        let d = Dictionary<string, Rational>()
        for n, v in values do
            d.[n] <- v
        d :> IReadOnlyDictionary<string, Rational>

    /// "alpha=1/10,beta=9/10": the text Parameters.Parse reads back.
    override _.ToString() = values |> List.map (fun (n, v) -> sprintf "%s=%O" n v) |> String.concat ","

/// Exact hyperparameter values: parsing "alpha=1/10,beta=9/10" and checking them against a rule.
[<RequireQualifiedAccess>]
module Parameters =

    /// Reads "name=value,name=value" (values exact: "0.9" is 9/10), in the order written.
    /// Raises EigenVerifyException (InvalidParameters) naming the faulty piece.
    [<CompiledName("Parse")>]
    let parse (text: string) : ParameterSet =
        match Hyperparameters.parse (if isNull text then "" else text) with
        | Ok values -> ParameterSet values
        | Error e -> Errors.fail ErrorKind.InvalidParameters e

    /// Values from name/value pairs, in the order given. Raises EigenVerifyException
    /// (InvalidParameters) when a name is given twice.
    [<CompiledName("Create")>]
    let create (pairs: KeyValuePair<string, Rational>[]) : ParameterSet =
        let values = pairs |> Array.map (fun kv -> kv.Key, kv.Value) |> List.ofArray
        match values |> List.countBy fst |> List.tryFind (fun (_, c) -> c > 1) with
        | Some(n, _) -> Errors.fail ErrorKind.InvalidParameters (sprintf "hyperparameter '%s' is given twice" n)
        | None -> ParameterSet values

    /// The values checked against the rule: every declared hyperparameter exactly once, inside
    /// its domain, nothing else; returned in declaration order. Raises EigenVerifyException
    /// (InvalidParameters) saying what is wrong.
    [<CompiledName("Validate")>]
    let validate (rule: OptimizerRule) (values: ParameterSet) : ParameterSet =
        match Hyperparameters.validateModel rule.Model values.List with
        | Ok map -> ParameterSet(rule.Model.Params |> List.map (fun d -> d.Name, map.[d.Name]))
        | Error e -> Errors.fail ErrorKind.InvalidParameters e

    /// Parse, then Validate against the rule.
    [<CompiledName("ParseFor")>]
    let parseFor (rule: OptimizerRule) (text: string) : ParameterSet = validate rule (parse text)
