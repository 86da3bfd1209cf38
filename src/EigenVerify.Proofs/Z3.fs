namespace EigenVerify.Proofs

open System
open System.Diagnostics
open System.IO
open EigenVerify.Algebra

/// The checker's answer for one certificate.
type SolverVerdict =
    /// No counterexample: the statement of the file is proved.
    | Unsat
    /// A counterexample, as (symbol, value) pairs in the order the solver printed them.
    | Sat of model: (string * string) list
    | Unknown of reason: string
    | Timeout
    | Failed of message: string

/// Runs the installed z3 (Debian package `z3`) on SMT-LIB2 files. I/O lives here only.
[<RequireQualifiedAccess>]
module Z3 =

    /// The executable on PATH (or the given path), if it exists.
    let locate (exe: string) : string option =
        if exe.Contains(string Path.DirectorySeparatorChar) then
            if File.Exists exe then Some exe else None
        else
            let path = Environment.GetEnvironmentVariable "PATH"
            if isNull path then None
            else
                path.Split(Path.PathSeparator)
                |> Array.map (fun d -> Path.Combine(d, exe))
                |> Array.tryFind File.Exists

    type private SExpr =
        | Atom of string
        | List of SExpr list

    let private parseSExprs (text: string) : SExpr list =
        let mutable i = 0
        let n = text.Length
        let rec one () : SExpr option =
            while i < n && Char.IsWhiteSpace text.[i] do
                i <- i + 1
            if i >= n then None
            elif text.[i] = '(' then
                i <- i + 1
                let items = ResizeArray()
                let mutable fin = false
                while not fin do
                    while i < n && Char.IsWhiteSpace text.[i] do
                        i <- i + 1
                    if i >= n then fin <- true
                    elif text.[i] = ')' then
                        i <- i + 1
                        fin <- true
                    else
                        match one () with
                        | Some e -> items.Add e
                        | None -> fin <- true
                Some(List(List.ofSeq items))
            elif text.[i] = ')' then
                i <- i + 1
                one ()
            else
                let start = i
                if text.[i] = '|' then
                    i <- i + 1
                    while i < n && text.[i] <> '|' do
                        i <- i + 1
                    i <- min n (i + 1)
                else
                    while i < n && not (Char.IsWhiteSpace text.[i]) && text.[i] <> '(' && text.[i] <> ')' do
                        i <- i + 1
                Some(Atom(text.Substring(start, i - start)))
        [ let mutable go = true
          while go do
              match one () with
              | Some e -> yield e
              | None -> go <- false ]

    /// A model value as a readable exact number where possible: "15/4", "-2", else the solver's text.
    let rec private value (e: SExpr) : string =
        let rec exact (e: SExpr) : Rational option =
            match e with
            | Atom a -> Rational.tryParse a
            | List [ Atom "-"; x ] -> exact x |> Option.map (fun r -> -r)
            | List [ Atom "/"; a; b ] ->
                match exact a, exact b with
                | Some x, Some y when not y.IsZero -> Some(x / y)
                | _ -> None
            | _ -> None
        match exact e with
        | Some r -> string r
        | None ->
            match e with
            | Atom a -> a
            | List xs -> "(" + (xs |> List.map value |> String.concat " ") + ")"

    /// The constants of a z3 model (functions with arguments are left out).
    let internal parseModel (text: string) : (string * string) list =
        let rec defs (e: SExpr) =
            match e with
            | List [ Atom "define-fun"; Atom name; List []; _; v ] -> [ name.Trim('|'), value v ]
            | List(Atom "model" :: rest) -> rest |> List.collect defs
            | List xs -> xs |> List.collect defs
            | Atom _ -> []
        parseSExprs text |> List.collect defs

    /// Runs z3 on one file with a time limit in seconds; returns the verdict and the wall time.
    let check (exe: string) (timeLimit: int) (file: string) : SolverVerdict * TimeSpan =
        let psi = ProcessStartInfo(exe)
        for a in [ "-smt2"; "-model"; sprintf "-T:%d" timeLimit; file ] do
            psi.ArgumentList.Add a
        psi.RedirectStandardOutput <- true
        psi.RedirectStandardError <- true
        psi.UseShellExecute <- false
        let watch = Stopwatch.StartNew()
        use p = Process.Start psi
        let stdout = p.StandardOutput.ReadToEndAsync()
        let stderr = p.StandardError.ReadToEndAsync()
        // z3's own -T limit normally ends the run; this is the backstop if it does not.
        if not (p.WaitForExit((timeLimit + 5) * 1000)) then
            p.Kill true
            p.WaitForExit()
            Timeout, watch.Elapsed
        else
            watch.Stop()
            let out = stdout.Result
            let lines = out.Split('\n') |> Array.map (fun l -> l.Trim()) |> Array.filter (fun l -> l <> "")
            let first = if lines.Length = 0 then "" else lines.[0]
            let verdict =
                match first with
                | "unsat" -> Unsat
                | "sat" -> Sat(parseModel (out.Substring(out.IndexOf "sat" + 3)))
                | "unknown" -> Unknown "the solver could not decide"
                | "timeout" -> Timeout
                | "" -> Failed(sprintf "no answer (exit code %d): %s" p.ExitCode (stderr.Result.Trim()))
                | other -> Failed other
            verdict, watch.Elapsed
