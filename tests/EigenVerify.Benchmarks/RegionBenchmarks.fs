/// Exact regions and closed forms for the catalog, and the six paper regions against a SymPy
/// peer doing the same computation (scripts/bench/regions_peer.py), in one run: the peer is
/// timed once by the host process and its ratio to our mean is an extra summary column.
module EigenVerify.Benchmarks.RegionBenchmarks

open System
open BenchmarkDotNet.Attributes
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
        match RuleAnalysis.linearize (Catalog.load n) with
        | Ok s -> Some s
        | Error _ -> None)
    |> Array.ofList

let private charPolys (ss: LinearizedRule[]) =
    ss
    |> Array.map (fun s ->
        let theta = s.Model.Params |> List.map (fun d -> d.Name, paperValues.[d.Name]) |> Map.ofList
        match RuleAnalysis.charPolyAt s theta with
        | Ok p -> p
        | Error e -> failwith e)

/// The peer's median seconds for its six regions, or None when python3/SymPy is missing.
let private sympySeconds =
    lazy (Peer.run [ "python3" ] "regions_peer.py" "7" |> Option.bind (Map.tryFind "sympy_seconds"))

/// "SymPy / ours": how many times faster than the peer (only for the six paper regions).
let private sympyRatio (summary: Summary) (case: BenchmarkCase) =
    if case.Descriptor.WorkloadMethod.Name <> "SixPaperRegions" then
        "-"
    else
        let stats = summary.[case].ResultStatistics
        match sympySeconds.Value with
        | None -> "n/a (no python3 with sympy)"
        | Some _ when isNull stats -> "-"
        | Some s -> sprintf "%.1fx (SymPy %.1f ms)" (s * 1e9 / stats.Mean) (s * 1e3)

type RegionConfig() as this =
    inherit ManualConfig()
    do
        this.AddColumn(
            Peer.Column("SymPyRatio", "SymPy/ours", 0, "SymPy's median time for the same six regions (scripts/bench/regions_peer.py) divided by this mean", sympyRatio)
        )
        |> ignore

[<MemoryDiagnoser>]
[<Config(typeof<RegionConfig>)>]
type Regions() =
    let paperSix = subjects [ "gd"; "heavy-ball"; "nesterov"; "usam"; "usam-hb"; "two-step-usam" ] |> charPolys
    let catalog = subjects Catalog.names
    let catalogPolys = charPolys catalog

    /// The same six regions as the SymPy peer, from their characteristic polynomials.
    [<Benchmark>]
    member _.SixPaperRegions() = paperSix |> Array.map ExactRegion.ofCoefficients

    /// Every smooth catalog rule at the paper's hyperparameters.
    [<Benchmark>]
    member _.AllCatalogRegions() = catalogPolys |> Array.map ExactRegion.ofCoefficients

    /// Every closed form of the catalog (symbolic hyperparameters, exact arguments only).
    [<Benchmark>]
    member _.AllClosedForms() = catalog |> Array.map (fun s -> RuleAnalysis.closedForm None s)
