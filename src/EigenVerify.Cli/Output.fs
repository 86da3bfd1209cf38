namespace EigenVerify.Cli

open System
open System.IO

/// The exit codes of every command (README, "Exit codes").
[<RequireQualifiedAccess>]
module ExitCode =
    /// Success: the command did what was asked; every claim checked was proved, every property held.
    [<Literal>]
    let Ok = 0

    /// The command ran, and a claim was not proved (false, unknown or timed out) or a property failed.
    [<Literal>]
    let Failed = 1

    /// Bad input: arguments, rule text, hyperparameters, claims, an output that would clobber a file.
    [<Literal>]
    let BadInput = 2

    /// A required external program (the SMT solver z3) is not installed.
    [<Literal>]
    let MissingTool = 3

    /// An internal error: a bug; the message says what failed.
    [<Literal>]
    let Internal = 4

/// How a command prints its result.
type Format =
    | Text
    | Json
    | Latex

/// Where a command writes, and what it may assume about the terminal.
type Context =
    { Out: TextWriter
      Err: TextWriter
      /// Progress lines are written to Err only when it is an interactive terminal.
      ErrIsTerminal: bool
      /// The folder relative paths are resolved against.
      Directory: string }

/// `--format`: the values a command accepts and the parse of the option.
[<RequireQualifiedAccess>]
module Format =
    let spec: OptionSpec =
        { Name = "format"
          Value = Some "text|json|latex"
          Help = "output format (default text)." }

    let parse (p: Parsed) =
        match p.TryValue "format" with
        | None
        | Some "text" -> Text
        | Some "json" -> Json
        | Some "latex" -> Latex
        | Some other ->
            let hint =
                match CommandLine.suggest other [ "text"; "json"; "latex" ] with
                | Some s -> sprintf " (did you mean %s?)" s
                | None -> ""
            raise (UsageError(sprintf "--format must be text, json or latex, got '%s'%s" other hint))

/// One-line progress on stderr for long work, only on a terminal and never in JSON mode (so
/// piped and machine-read output stays clean).
type Progress(ctx: Context, format: Format) =
    let enabled = ctx.ErrIsTerminal && format <> Json
    let gate = obj ()
    let mutable shown = false

    /// Replaces the progress line.
    member _.Show(text: string) =
        if enabled then
            lock gate (fun () ->
                ctx.Err.Write("\r" + text.PadRight 60)
                ctx.Err.Flush()
                shown <- true)

    /// Clears the progress line before results are printed.
    member _.Done() =
        if enabled && shown then
            lock gate (fun () ->
                ctx.Err.Write("\r" + String(' ', 60) + "\r")
                ctx.Err.Flush()
                shown <- false)

/// Plain text tables that paste into Markdown.
[<RequireQualifiedAccess>]
module Table =
    /// A Markdown table: header, separator, rows; columns padded to their widest cell.
    let markdown (header: string list) (rows: string list list) =
        let widths =
            header |> List.mapi (fun i h -> (h :: (rows |> List.map (fun r -> r.[i]))) |> List.map String.length |> List.max)
        let line (cells: string list) =
            "| " + (List.map2 (fun (c: string) w -> c.PadRight w) cells widths |> String.concat " | ") + " |"
        [ yield line header
          yield "| " + (widths |> List.map (fun w -> String('-', w)) |> String.concat " | ") + " |"
          for r in rows -> line r ]

    /// Columns aligned with two spaces between them, a dashed rule under the header.
    let aligned (header: string list) (rows: string list list) =
        let widths =
            header |> List.mapi (fun i h -> (h :: (rows |> List.map (fun r -> r.[i]))) |> List.map String.length |> List.max)
        let line (cells: string list) = (List.map2 (fun (c: string) w -> c.PadRight w) cells widths |> String.concat "  ").TrimEnd()
        [ yield line header
          yield widths |> List.map (fun w -> String('-', w)) |> String.concat "  "
          for r in rows -> line r ]

    /// A LaTeX tabular: cells are already LaTeX.
    let latex (columns: string) (header: string list) (rows: string list list) =
        [ yield sprintf "\\begin{tabular}{%s}" columns
          yield "\\hline"
          yield (header |> String.concat " & ") + " \\\\"
          yield "\\hline"
          for r in rows -> (r |> String.concat " & ") + " \\\\"
          yield "\\hline"
          yield "\\end{tabular}" ]

    /// Text in a LaTeX \texttt{...} with the special characters escaped.
    let texttt (s: string) =
        let escaped =
            s.Replace("\\", "\\textbackslash{}").Replace("_", "\\_").Replace("%", "\\%").Replace("&", "\\&").Replace("#", "\\#").Replace("^", "\\^{}")
        "\\texttt{" + escaped + "}"

/// The rule a command works on: `--optimizer NAME` or `--rule FILE`, exactly one.
[<RequireQualifiedAccess>]
module RuleOption =
    let specs: OptionSpec list =
        [ { Name = "optimizer"; Value = Some "NAME"; Help = "a catalog rule by name (see `eigenverify regions`)." }
          { Name = "rule"; Value = Some "FILE"; Help = "a .rule file." } ]

    let load (p: Parsed) : EigenVerify.OptimizerRule =
        match p.TryValue "optimizer", p.TryValue "rule" with
        | Some _, Some _ -> raise (UsageError "give either --optimizer or --rule, not both")
        | None, None -> raise (UsageError "missing --optimizer NAME or --rule FILE")
        | Some name, None -> EigenVerify.Optimizer.catalog name
        | None, Some file -> EigenVerify.Optimizer.load file

/// A subcommand: its name, a one-line summary, its usage line and options, and its body.
/// Adding a command is one file in Commands/ defining one of these, and one line in Cli.commands.
type Command =
    { Name: string
      Summary: string
      /// The usage line after "eigenverify NAME ".
      Usage: string
      Options: OptionSpec list
      /// Runs the command; returns the exit code (see ExitCode).
      Run: Parsed -> Context -> int }
