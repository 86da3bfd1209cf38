/// Exact worst-case rates and tunings against NumPy grid scans of the same quantities
/// (scripts/bench/rates_peer.py) in one run: the peer is timed once by the host process and its
/// median time divided by our mean is a summary column.
module EigenVerify.Benchmarks.RateBenchmarks

open BenchmarkDotNet.Attributes
open BenchmarkDotNet.Configs
open BenchmarkDotNet.Reports
open BenchmarkDotNet.Running
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

let private r = Rational.parse

let private unwrap (x: Result<'a, string>) =
    match x with
    | Ok v -> v
    | Error e -> failwith e

/// The peer's median seconds per task, or None without a python3 that has NumPy.
let private peerSeconds = lazy (Peer.run [ "/usr/bin/python3"; "python3" ] "rates_peer.py" "3")

let private peerKey (method: string) =
    match method with
    | "WorstCases" -> Some("numpy_worstcase_seconds", "1e-4 lambda grid")
    | "TuneGradientDescent" -> Some("numpy_tune_gd_seconds", "1e-4 grids")
    | "TuneHeavyBall" -> Some("numpy_tune_hb_seconds", "1e-2 theta grid, 1e-4 lambda grid")
    | _ -> None

/// "NumPy / ours": how many times faster the exact answer is than the grid scan.
let private numPyRatio (summary: Summary) (case: BenchmarkCase) =
    let stats = summary.[case].ResultStatistics

    match peerKey case.Descriptor.WorkloadMethod.Name, peerSeconds.Value with
    | None, _ -> "-"
    | Some _, None -> "n/a (no python3 with numpy)"
    | Some _, Some _ when isNull stats -> "-"
    | Some(key, grid), Some values ->
        match Map.tryFind key values with
        | Some s -> sprintf "%.1fx (NumPy %.0f ms, %s)" (s * 1e9 / stats.Mean) (s * 1e3) grid
        | None -> "-"

type RateConfig() as this =
    inherit ManualConfig()

    do
        this.AddColumn(
            Peer.Column("NumPyRatio", "NumPy/ours", 0, "the NumPy grid scan's median time for the same quantity (scripts/bench/rates_peer.py) divided by this mean", numPyRatio)
        )
        |> ignore

let private family (name: string) (values: (string * string) list) =
    let p, v = unwrap (ExactMachinery.charPoly (Catalog.load name))
    unwrap (SpectralRadius.family v (MPoly.substitute (values |> List.map (fun (n, x) -> n, r x) |> Map.ofList) p))

[<MemoryDiagnoser>]
[<Config(typeof<RateConfig>)>]
type Rates() =
    let worstCases =
        [ family "heavy-ball" [ "alpha", "1/60"; "beta", "1/2" ], r "1", r "100"
          family "nesterov" [ "alpha", "1/10"; "beta", "9/10" ], r "1/2", r "12"
          family "two-step-usam" [ "alpha", "1/10"; "rho", "1/20" ], r "-30", r "9" ]

    let epsilon = r "1/10000"

    /// The peer's three worst cases (heavy ball, Nesterov, two-step USAM), exactly.
    [<Benchmark>]
    member _.WorstCases() =
        worstCases |> List.map (fun (f, lo, hi) -> unwrap (WorstCaseRate.compute f lo hi))

    /// α* for gradient descent on [1, 100], with the exact global optimality argument.
    [<Benchmark>]
    member _.TuneGradientDescent() =
        unwrap (Tuning.tune (Catalog.load "gd") (r "1") (r "100") [ { Name = "alpha"; Min = r "0"; Max = r "1/25" } ] [] epsilon)

    /// α*, β* for heavy ball on [1, 100], certified to within ε by branch and bound.
    [<Benchmark>]
    member _.TuneHeavyBall() =
        unwrap (
            Tuning.tune
                (Catalog.load "heavy-ball")
                (r "1")
                (r "100")
                [ { Name = "alpha"; Min = r "0"; Max = r "1/10" }; { Name = "beta"; Min = r "0"; Max = r "1" } ]
                []
                epsilon
        )
