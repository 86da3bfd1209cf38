/// The exact mean-square stability limit of a minibatch iteration against NumPy Monte Carlo
/// estimates of the same limit (scripts/bench/mean_square_peer.py, Debian python3-numpy), in one
/// run: the largest per-sample spread s for which gd (α = 1/10, λ = 15) and heavy ball (α = 1/10,
/// β = 1/2, λ = 10) stay mean-square stable with batches of 32 out of 1000 samples. The peer is
/// run once by the host process; its time ratio to our mean and its estimate's deviation from
/// the exact value are summary columns.
module EigenVerify.Benchmarks.MeanSquareBenchmarks

open BenchmarkDotNet.Attributes
open BenchmarkDotNet.Configs
open BenchmarkDotNet.Reports
open BenchmarkDotNet.Running
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// Hyperparameters and the mean curvature of each case, as in the peer.
let private cases =
    Map.ofList
        [ "gd", ([ "alpha", Rational.parse "1/10" ], Rational.ofInt 15)
          "heavy-ball", ([ "alpha", Rational.parse "1/10"; "beta", Rational.parse "1/2" ], Rational.ofInt 10) ]

let private sampling =
    match BatchSampling.create 1000 32 with
    | Ok s -> s
    | Error e -> failwith e

let private subjectOf (rule: string) =
    match MeanSquare.subject (Catalog.load rule) with
    | Ok s -> s
    | Error e -> failwith e

/// The exact largest spread s of a case.
let private spreadLimit (s: MeanSquareSubject) (rule: string) =
    let values, eigenvalue = cases.[rule]
    match MeanSquare.varianceLimitAt s values eigenvalue (Some sampling) with
    | Ok { MaxSpread = Some(UpTo limit) } -> limit
    | other -> failwithf "%s: expected a finite spread limit, got %A" rule other

let private exactSpreads = lazy (cases |> Map.map (fun rule _ -> spreadLimit (subjectOf rule) rule))

/// The peer's seconds and estimates by key; the first python3 on PATH may lack NumPy, Debian's
/// python3-numpy lives under /usr/bin.
let private peer = lazy (Peer.run [ "/usr/bin/python3"; "python3" ] "mean_square_peer.py" "4000 200 3")

let private ruleOf (case: BenchmarkCase) = string case.Parameters.["Rule"]

let private exactColumn (_: Summary) (case: BenchmarkCase) =
    let s = exactSpreads.Value.[ruleOf case]
    sprintf "%s = %s" (AlgebraicNumber.toString s) (AlgebraicNumber.toDecimal 8 s)

/// "peer time / our mean (peer's estimate, its deviation from the exact s)".
let private peerColumn (estimator: string) (summary: Summary) (case: BenchmarkCase) =
    let rule = ruleOf case
    let stats = summary.[case].ResultStatistics
    match peer.Value with
    | None -> "n/a (no python3 with numpy)"
    | Some _ when isNull stats -> "-"
    | Some values ->
        match Map.tryFind (sprintf "numpy_%s_seconds_%s" estimator rule) values, Map.tryFind (sprintf "numpy_%s_spread_%s" estimator rule) values with
        | Some seconds, Some estimate ->
            let exact = AlgebraicNumber.toFloat exactSpreads.Value.[rule]
            sprintf "%.0fx (%.2f s; s = %.3f, %+.1f%%)" (seconds * 1e9 / stats.Mean) seconds estimate (100.0 * (estimate / exact - 1.0))
        | _ -> "-"

type MeanSquareConfig() as this =
    inherit ManualConfig()
    do
        this.AddColumn(Peer.Column("ExactSpread", "exact s", 0, "the exact largest stable per-sample spread", exactColumn)) |> ignore
        this.AddColumn(
            Peer.Column(
                "PathsRatio",
                "NumPy paths/ours",
                1,
                "the peer's time for simulating 4000 paths of 200 steps and bisecting on s, divided by this mean; its estimate and deviation from the exact s",
                peerColumn "paths"
            )
        )
        |> ignore
        this.AddColumn(
            Peer.Column(
                "OperatorRatio",
                "NumPy operator/ours",
                2,
                "the peer's time for averaging M(a) (x) M(a) over 20000 sampled batches and bisecting on s, divided by this mean; its estimate and deviation",
                peerColumn "operator"
            )
        )
        |> ignore

[<MemoryDiagnoser>]
[<Config(typeof<MeanSquareConfig>)>]
type MeanSquareLimits() =
    let mutable subject = Unchecked.defaultof<MeanSquareSubject>

    [<Params("gd", "heavy-ball")>]
    member val Rule = "gd" with get, set

    [<GlobalSetup>]
    member this.Setup() = subject <- subjectOf this.Rule

    /// The exact largest spread from the prepared rule (criterion in σ², its root, s = √(σ²/p)).
    [<Benchmark>]
    member this.SpreadLimit() = spreadLimit subject this.Rule

    /// The same from the rule file's model: linearization, lifted operator, criterion, limit.
    [<Benchmark>]
    member this.SpreadLimitFromRule() = spreadLimit (subjectOf this.Rule) this.Rule
