/// What the benchmarks that compare against a Python peer (scripts/bench/*.py) share: running the
/// peer once from the host process and reading its `key=value` lines, and the summary column
/// that shows a number computed from the peer's result.
module EigenVerify.Benchmarks.Peer

open System
open System.Diagnostics
open System.Globalization
open System.IO
open BenchmarkDotNet.Columns
open BenchmarkDotNet.Reports
open BenchmarkDotNet.Running

/// scripts/bench/<name>, found from the benchmark binary's folder upwards.
let private find (name: string) =
    let rec up (dir: DirectoryInfo) =
        if isNull dir then None
        else
            let candidate = Path.Combine(dir.FullName, "scripts", "bench", name)
            if File.Exists candidate then Some candidate else up dir.Parent
    up (DirectoryInfo AppContext.BaseDirectory)

/// The `key=value` lines of a peer's output with a name (letters, digits, _ and -) for key and a number for value.
let private values (output: string) =
    output.Split('\n')
    |> Array.choose (fun line ->
        match line.Trim().Split('=', 2) with
        | [| key; value |] when key.Length > 0 && key |> Seq.forall (fun c -> Char.IsLetterOrDigit c || c = '_' || c = '-') ->
            match Double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture) with
            | true, x -> Some(key, x)
            | _ -> None
        | _ -> None)
    |> Map.ofArray

/// Runs scripts/bench/<script> with `arguments` under the first interpreter of `pythons` that
/// prints any numeric `key=value` line, and returns those lines; None when the script is not
/// found or no interpreter gives a result (python3 or the peer's package missing).
let run (pythons: string list) (script: string) (arguments: string) : Map<string, float> option =
    let attempt (python: string) (path: string) =
        try
            let info = ProcessStartInfo(python, sprintf "\"%s\" %s" path arguments, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
            use p = Process.Start info
            p.ErrorDataReceived.Add ignore
            p.BeginErrorReadLine()
            let output = p.StandardOutput.ReadToEnd()
            p.WaitForExit()
            let found = values output
            if found.IsEmpty then None else Some found
        with _ ->
            None
    find script |> Option.bind (fun path -> pythons |> List.tryPick (fun python -> attempt python path))

/// A custom summary column whose cells come from `cell`; the rest is the same for every column.
type Column(id: string, name: string, priority: int, legend: string, cell: Summary -> BenchmarkCase -> string) =
    interface IColumn with
        member _.Id = id
        member _.ColumnName = name
        member _.AlwaysShow = true
        member _.Category = ColumnCategory.Custom
        member _.PriorityInCategory = priority
        member _.IsNumeric = true
        member _.UnitType = UnitType.Dimensionless
        member _.Legend = legend
        member _.GetValue(summary: Summary, case: BenchmarkCase) = cell summary case
        member _.GetValue(summary: Summary, case: BenchmarkCase, _style: SummaryStyle) = cell summary case
        member _.IsDefault(_: Summary, _: BenchmarkCase) = false
        member _.IsAvailable(_: Summary) = true
