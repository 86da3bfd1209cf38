namespace EigenVerify.Cli

open System
open System.IO
open System.Reflection
open EigenVerify
open EigenVerify.Cli.Commands

/// The `eigenverify` command as a pure entry point: arguments in, text out, an exit code back.
[<RequireQualifiedAccess>]
module Cli =

    /// Every subcommand, in the order `--help` lists them.
    let commands: Command list =
        [ Regions.command
          Region.command
          Jacobian.command
          Prove.command
          Check.command
          RateCommand.command
          TuneCommand.command
          PlotCommand.command ]

    /// The version of this build, from the assembly (the informational version without the
    /// source revision suffix).
    let version () =
        let asm = typeof<Command>.Assembly
        match asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>() with
        | null -> string (asm.GetName().Version)
        | a -> a.InformationalVersion.Split('+').[0]

    let exitCodes =
        [ ExitCode.Ok, "success"
          ExitCode.Failed, "a claim was not proved or a property failed"
          ExitCode.BadInput, "bad input (arguments, rule text, values; one line on stderr)"
          ExitCode.MissingTool, "a required external tool (z3) is not installed"
          ExitCode.Internal, "internal error" ]

    /// The global usage text for these commands.
    let usageOf (commands: Command list) =
        let width = commands |> List.map (fun c -> c.Name.Length) |> List.max
        [ yield "usage: eigenverify <command> [options]"
          yield ""
          yield "commands:"
          for c in commands do
              yield sprintf "  %s  %s" (c.Name.PadRight width) c.Summary
          yield ""
          yield "options: -h, --help (this text, or a command's options after the command); --version"
          yield "exit codes: " + (exitCodes |> List.map (fun (c, m) -> sprintf "%d %s" c m) |> String.concat "; ")
          yield "Run 'eigenverify <command> --help' for a command's options; --opt value and --opt=value both work." ]
        |> String.concat "\n"

    /// The global usage text.
    let usage () = usageOf commands

    /// One command's help text.
    let help (c: Command) =
        sprintf "eigenverify %s: %s\n\nusage: eigenverify %s %s\n\noptions:\n%s" c.Name c.Summary c.Name c.Usage (CommandLine.optionsHelp c.Options)

    let private findCommand (commands: Command list) (name: string) =
        match commands |> List.tryFind (fun c -> c.Name = name) with
        | Some c -> c
        | None ->
            let hint =
                match CommandLine.suggest name (commands |> List.map (fun c -> c.Name)) with
                | Some s -> sprintf " (did you mean '%s'?)" s
                | None -> ""
            raise (UsageError(sprintf "unknown command '%s'%s; commands: %s" name hint (commands |> List.map (fun c -> c.Name) |> String.concat ", ")))

    let private dispatch (commands: Command list) (argv: string list) (ctx: Context) =
        match argv with
        | [] ->
            ctx.Err.WriteLine(usageOf commands)
            ExitCode.BadInput
        | [ "--version" ] ->
            ctx.Out.WriteLine("eigenverify " + version ())
            ExitCode.Ok
        | [ a ] when CommandLine.isHelp a || a = "help" ->
            ctx.Out.WriteLine(usageOf commands)
            ExitCode.Ok
        | [ "help"; name ] ->
            ctx.Out.WriteLine(help (findCommand commands name))
            ExitCode.Ok
        | name :: _ when name.StartsWith "-" ->
            let hint =
                match CommandLine.suggest name [ "--help"; "--version" ] with
                | Some s -> sprintf " (did you mean %s?)" s
                | None -> ""
            raise (UsageError(sprintf "unknown option '%s'%s; a command comes first: eigenverify <command> [options]" name hint))
        | name :: rest ->
            let c = findCommand commands name
            if rest |> List.exists CommandLine.isHelp then
                ctx.Out.WriteLine(help c)
                ExitCode.Ok
            else
                let parsed =
                    try
                        CommandLine.parse c.Name c.Options rest
                    with UsageError m ->
                        raise (UsageError(sprintf "%s (see 'eigenverify %s --help')" m c.Name))
                c.Run parsed ctx

    /// Runs the command line against these commands in a context; never throws. Exit codes:
    /// see ExitCode.
    let runWith (commands: Command list) (argv: string[]) (ctx: Context) : int =
        try
            dispatch commands (List.ofArray argv) ctx
        with
        | UsageError msg ->
            ctx.Err.WriteLine("error: " + msg)
            ExitCode.BadInput
        | :? EigenVerifyException as e ->
            ctx.Err.WriteLine("error: " + e.Message)
            if e.Kind = ErrorKind.MissingTool then ExitCode.MissingTool else ExitCode.BadInput
        | ex ->
            ctx.Err.WriteLine("internal error: " + ex.GetType().Name + ": " + ex.Message.Split('\n').[0])
            ExitCode.Internal

    /// Runs the command line in a context; never throws.
    let runIn (argv: string[]) (ctx: Context) : int = runWith commands argv ctx

    /// Runs the command line with these writers, relative paths from the current directory, and
    /// no progress output (the writers are not a terminal).
    let run (argv: string[]) (out: TextWriter) (err: TextWriter) : int =
        runIn
            argv
            { Out = out
              Err = err
              ErrIsTerminal = false
              Directory = Environment.CurrentDirectory }
