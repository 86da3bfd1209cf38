module EigenVerify.Cli.Program

open System

[<EntryPoint>]
let main argv =
    Cli.runIn
        argv
        { Out = stdout
          Err = stderr
          ErrIsTerminal = not Console.IsErrorRedirected
          Directory = Environment.CurrentDirectory }
