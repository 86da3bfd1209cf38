namespace EigenVerify.Cli

open System
open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The spectrum interval [Lower, Upper] of "MU..L".
type Spectrum = { Lower: Rational; Upper: Rational }

/// Reading the rate, tuning and mean-square options: every failure is a `UsageError` (exit code 2) naming the
/// option (and, for files, the file and line).
[<RequireQualifiedAccess>]
module RateInputs =

    let private fail msg = raise (UsageError msg)

    /// An exact number given to an option ("1/20", "0.05", "3").
    let rational (option: string) (text: string) =
        match Rational.tryParse (text.Trim()) with
        | Some x -> x
        | None -> fail (sprintf "%s: '%s' is not an exact number (e.g. 1/20 or 0.05)" option text)

    /// "A..B" with A ≤ B.
    let range (option: string) (text: string) : Spectrum =
        match text.Split([| ".." |], StringSplitOptions.None) with
        | [| a; b |] when a.Trim() <> "" && b.Trim() <> "" ->
            let lo, hi = rational option a, rational option b
            if lo > hi then fail (sprintf "%s: the interval %s is empty: %O > %O" option text lo hi)
            { Lower = lo; Upper = hi }
        | _ -> fail (sprintf "%s: '%s' is not an interval of the form LOWER..UPPER (e.g. 1..100)" option text)

    /// "alpha=1/10,beta=9/10" without the domain check (for partial assignments).
    let assignments (option: string) (text: string) =
        match Hyperparameters.parse text with
        | Ok vs -> vs
        | Error e -> fail (sprintf "%s: %s" option e)

    /// Every declared hyperparameter, each inside its domain, in the rule's declaration order.
    let parameters (m: OptimizerModel) (text: string option) =
        let given =
            match text with
            | Some t -> assignments "--params" t
            | None when m.Params.IsEmpty -> []
            | None -> fail (sprintf "--params is required: %s declares %s" m.Name (Hyperparameters.modelDomainText m))
        match Hyperparameters.validateModel m given with
        | Ok map -> m.Params |> List.map (fun d -> d.Name, map.[d.Name])
        | Error e -> fail ("--params: " + e)

    /// "alpha,beta": names, each declared by the rule, none twice.
    let names (m: OptimizerModel) (option: string) (text: string) =
        let declared = m.Params |> List.map (fun d -> d.Name)
        let xs = text.Split(',') |> Array.map (fun s -> s.Trim()) |> Array.filter (fun s -> s <> "") |> List.ofArray
        if xs.IsEmpty then fail (sprintf "%s: no hyperparameter named" option)
        for x in xs do
            if not (List.contains x declared) then
                fail (sprintf "%s: unknown hyperparameter '%s' (%s declares: %s)" option x m.Name (String.concat ", " declared))
        match xs |> List.countBy id |> List.tryFind (fun (_, c) -> c > 1) with
        | Some(x, _) -> fail (sprintf "%s: '%s' is named twice" option x)
        | None -> xs

    /// "alpha=0..1/10,beta=0..1": a searched interval per name.
    let boxes (option: string) (text: string) =
        text.Split(',')
        |> Array.map (fun s -> s.Trim())
        |> Array.filter (fun s -> s <> "")
        |> Array.map (fun piece ->
            match piece.Split('=') with
            | [| name; interval |] when name.Trim() <> "" ->
                let r = range (sprintf "%s %s" option (name.Trim())) interval
                name.Trim(), r
            | _ -> fail (sprintf "%s: '%s' is not of the form name=LOWER..UPPER" option piece))
        |> List.ofArray

    /// Per-sample curvatures: exact numbers separated by commas, spaces or new lines; '#' starts a
    /// comment. A bad entry is reported as FILE:LINE.
    let curvatures (path: string) : Rational list =
        let lines =
            try
                File.ReadAllLines path
            with
            | :? FileNotFoundException
            | :? DirectoryNotFoundException -> fail (sprintf "--curvatures: %s: no such file" path)
            | :? IOException as e -> fail (sprintf "--curvatures: %s: %s" path e.Message)
            | :? UnauthorizedAccessException -> fail (sprintf "--curvatures: %s: permission denied" path)
        let values =
            [ for i, line in Array.indexed lines do
                  let body = match line.IndexOf '#' with -1 -> line | k -> line.Substring(0, k)
                  for token in body.Split([| ','; ' '; '\t'; ';' |], StringSplitOptions.RemoveEmptyEntries) do
                      match Rational.tryParse token with
                      | Some x -> yield x
                      | None -> fail (sprintf "%s:%d: '%s' is not an exact number" path (i + 1) token) ]
        if values.IsEmpty then fail (sprintf "%s: no curvatures in the file" path)
        values
