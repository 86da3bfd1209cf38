/// Exact regions and closed forms for the catalog, and the six paper regions against a SymPy
/// peer doing the same computation (scripts/bench/regions_peer.py), in one run: the peer is
/// timed once by the host process and its ratio to our mean is an extra summary column.
module EigenVerify.Benchmarks.RegionBenchmarks

open System
open System.Diagnostics
open System.Globalization
open System.IO
open BenchmarkDotNet.Attributes
open BenchmarkDotNet.Columns
open BenchmarkDotNet.Configs
open BenchmarkDotNet.Reports
open BenchmarkDotNet.Running
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The paper's hyperparameters (and β₁ = β for frozen Adam).
let paperValues =
    Map.ofList [ "alpha", Rational.parse "1/10"; "beta", Rational.parse "9/10"; "beta1", Rational.parse "9/10"; "rho", Rational.parse "1/20" ]

let private subjects (names: string list) =
    names
    |> List.choose (fun n ->
        match Analysis.subject (Catalog.load n) with
        | Ok s -> Some s
        | Error _ -> None)
    |> Array.ofList

let private charPolys (ss: Subject[]) =
    ss
    |> Array.map (fun s ->
        let theta = s.Model.Params |> List.map (fun d -> d.Name, paperValues.[d.Name]) |> Map.ofList
        match Analysis.charPolyAt s theta with
        | Ok p -> p
        | Error e -> failwith e)

/// The peer's median seconds for its six regions, or None when python3/SymPy is missing.
let private sympySeconds =
    lazy
        (let rec find (dir: DirectoryInfo) =
            if isNull dir then None
            else
                let candidate = Path.Combine(dir.FullName, "scripts", "bench", "regions_peer.py")
                if File.Exists candidate then Some candidate else find dir.Parent
         match find (DirectoryInfo AppContext.BaseDirectory) with
         | None -> None
         | Some script ->
             try
                 let info = ProcessStartInfo("python3", sprintf "\"%s\" 7" script, RedirectStandardOutput = true, UseShellExecute = false)
                 use p = Process.Start info
                 let output = p.StandardOutput.ReadToEnd()
                 p.WaitForExit()
                 output.Split('\n')
                 |> Array.tryFind (fun l -> l.StartsWith "sympy_seconds=")
                 |> Option.map (fun l -> Double.Parse(l.Substring("sympy_seconds=".Length), CultureInfo.InvariantCulture))
             with _ ->
                 None)

/// "SymPy / ours": how many times faster than the peer (only for the six paper regions).
type SymPyRatioColumn() =
    interface IColumn with
        member _.Id = "SymPyRatio"
        member _.ColumnName = "SymPy/ours"
        member _.AlwaysShow = true
        member _.Category = ColumnCategory.Custom
        member _.PriorityInCategory = 0
        member _.IsNumeric = true
        member _.UnitType = UnitType.Dimensionless
        member _.Legend = "SymPy's median time for the same six regions (scripts/bench/regions_peer.py) divided by this mean"
        member this.GetValue(summary: Summary, case: BenchmarkCase) =
            (this :> IColumn).GetValue(summary, case, SummaryStyle.Default)
        member _.GetValue(summary: Summary, case: BenchmarkCase, _style: SummaryStyle) =
            if case.Descriptor.WorkloadMethod.Name <> "SixPaperRegions" then
                "-"
            else
                let stats = summary.[case].ResultStatistics
                match sympySeconds.Value with
                | None -> "n/a (no python3 with sympy)"
                | Some _ when isNull stats -> "-"
                | Some s -> sprintf "%.1fx (SymPy %.1f ms)" (s * 1e9 / stats.Mean) (s * 1e3)
        member _.IsDefault(_: Summary, _: BenchmarkCase) = false
        member _.IsAvailable(_: Summary) = true

type RegionConfig() as this =
    inherit ManualConfig()
    do this.AddColumn(SymPyRatioColumn()) |> ignore

[<MemoryDiagnoser>]
[<Config(typeof<RegionConfig>)>]
type Regions() =
    let paperSix = subjects [ "gd"; "heavy-ball"; "nesterov"; "usam"; "usam-hb"; "two-step-usam" ] |> charPolys
    let catalog = subjects Catalog.names
    let catalogPolys = charPolys catalog

    /// The same six regions as the SymPy peer, from their characteristic polynomials.
    [<Benchmark>]
    member _.SixPaperRegions() = paperSix |> Array.map ExactRegion.compute

    /// Every smooth catalog rule at the paper's hyperparameters.
    [<Benchmark>]
    member _.AllCatalogRegions() = catalogPolys |> Array.map ExactRegion.compute

    /// Every closed form of the catalog (symbolic hyperparameters, exact arguments only).
    [<Benchmark>]
    member _.AllClosedForms() = catalog |> Array.map (fun s -> Analysis.closedForm s [])
