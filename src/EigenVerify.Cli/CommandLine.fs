namespace EigenVerify.Cli

open System

/// Bad command-line input: one line for the user, exit code 2 (`UsageError` adds "see --help").
exception UsageError of message: string

/// One option of a command: `--name VALUE`, or a flag `--name` when Value is None.
type OptionSpec =
    { Name: string
      /// The placeholder shown in help ("NAME", "FILE"); None for a flag.
      Value: string option
      Help: string }

/// The options a command received: values by option name (without the dashes) and flags.
type Parsed =
    { Values: Map<string, string>
      Flags: Set<string> }

    member p.TryValue(name: string) = p.Values.TryFind name

    member p.Has(name: string) = p.Flags.Contains name || p.Values.ContainsKey name

    /// An integer option, or the default; a non-integer is a usage error naming the option.
    member p.Int(name: string, fallback: int) =
        match p.Values.TryFind name with
        | None -> fallback
        | Some text ->
            match Int32.TryParse(text, Globalization.NumberStyles.AllowLeadingSign, Globalization.CultureInfo.InvariantCulture) with
            | true, n -> n
            | _ -> raise (UsageError(sprintf "--%s expects a whole number, got '%s'" name text))

    member p.Int64(name: string, fallback: int64) =
        match p.Values.TryFind name with
        | None -> fallback
        | Some text ->
            match Int64.TryParse(text, Globalization.NumberStyles.AllowLeadingSign, Globalization.CultureInfo.InvariantCulture) with
            | true, n -> n
            | _ -> raise (UsageError(sprintf "--%s expects a whole number, got '%s'" name text))

/// The parser behind every command: `--opt value`, `--opt=value`, flags, `-h/--help`, and
/// "did you mean" suggestions for near misses.
[<RequireQualifiedAccess>]
module CommandLine =

    /// Levenshtein distance: the number of single-character edits between two words.
    let distance (a: string) (b: string) =
        let d = Array2D.zeroCreate (a.Length + 1) (b.Length + 1)
        for i in 0 .. a.Length do
            d.[i, 0] <- i
        for j in 0 .. b.Length do
            d.[0, j] <- j
        for i in 1 .. a.Length do
            for j in 1 .. b.Length do
                let cost = if a.[i - 1] = b.[j - 1] then 0 else 1
                d.[i, j] <- min (min (d.[i - 1, j] + 1) (d.[i, j - 1] + 1)) (d.[i - 1, j - 1] + cost)
        d.[a.Length, b.Length]

    /// The closest candidate within a third of the word's length (at least 2 edits), if any; a
    /// candidate that starts with the word (an abbreviation) also counts.
    let suggest (word: string) (candidates: string seq) : string option =
        let limit = max 2 (word.Length / 3)
        let scored = candidates |> Seq.map (fun c -> c, distance word c) |> Seq.sortBy snd |> List.ofSeq
        match scored with
        | (c, d) :: _ when d <= limit -> Some c
        | _ -> candidates |> Seq.tryFind (fun c -> word.Length >= 2 && c.StartsWith word)

    /// True for -h and --help.
    let isHelp (arg: string) = arg = "-h" || arg = "--help"

    /// Reads a command's arguments. Raises UsageError for an unknown option (with a suggestion),
    /// a missing or unexpected value, a repeated option, or a positional argument.
    let parse (command: string) (specs: OptionSpec list) (args: string list) : Parsed =
        let find name = specs |> List.tryFind (fun s -> s.Name = name)
        let unknown (text: string) =
            let hint =
                match suggest text (specs |> List.map (fun s -> "--" + s.Name)) with
                | Some s -> sprintf " (did you mean %s?)" s
                | None -> ""
            raise (UsageError(sprintf "unknown option '%s' for '%s'%s" text command hint))
        let rec go (values: Map<string, string>) (flags: Set<string>) (rest: string list) =
            match rest with
            | [] -> { Values = values; Flags = flags }
            | arg :: tail when arg.StartsWith "--" && arg.Length > 2 ->
                let name, attached =
                    match arg.IndexOf '=' with
                    | i when i > 2 -> arg.Substring(2, i - 2), Some(arg.Substring(i + 1))
                    | _ -> arg.Substring 2, None
                match find name with
                | None -> unknown ("--" + name)
                | Some spec ->
                    if values.ContainsKey name || flags.Contains name then
                        raise (UsageError(sprintf "--%s is given more than once" name))
                    match spec.Value, attached with
                    | None, Some _ -> raise (UsageError(sprintf "--%s is a flag and takes no value" name))
                    | None, None -> go values (flags.Add name) tail
                    | Some _, Some v -> go (values.Add(name, v)) flags tail
                    | Some placeholder, None ->
                        match tail with
                        | v :: tail' when not (v.StartsWith "--") -> go (values.Add(name, v)) flags tail'
                        | _ -> raise (UsageError(sprintf "--%s needs a value (%s)" name placeholder))
            | arg :: _ when arg.StartsWith "-" && arg.Length > 1 && not (Char.IsDigit arg.[1]) -> unknown arg
            | arg :: _ -> raise (UsageError(sprintf "unexpected argument '%s' for '%s' (options start with --)" arg command))
        go Map.empty Set.empty args

    /// The options block of a help text, aligned.
    let optionsHelp (specs: OptionSpec list) =
        let left (s: OptionSpec) =
            match s.Value with
            | Some v -> sprintf "--%s %s" s.Name v
            | None -> "--" + s.Name
        let rows = (specs |> List.map (fun s -> left s, s.Help)) @ [ "-h, --help", "show this help." ]
        let width = rows |> List.map (fst >> String.length) |> List.max
        rows |> List.map (fun (l, h) -> sprintf "  %s  %s" (l.PadRight width) h) |> String.concat "\n"
