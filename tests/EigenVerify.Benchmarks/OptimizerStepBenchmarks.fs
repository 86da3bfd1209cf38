/// Optimizer steps per second on a 10-variable quartic for gd, heavy ball and USAM, each rule
/// compiled from its catalog model for the concrete loss, against the same loops in NumPy
/// (scripts/bench/optimizer_steps_peer.py, Debian python3-numpy) in the same run: the peer is
/// timed once by the host process and the ratio is a summary column.
module EigenVerify.Benchmarks.OptimizerStepBenchmarks

open System
open BenchmarkDotNet.Attributes
open BenchmarkDotNet.Configs
open BenchmarkDotNet.Reports
open BenchmarkDotNet.Running
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Numerics

/// f(x) = Σ (xᵢ⁴/4 − xᵢ²/2) + (1/10)·Σ_{i<10} xᵢxᵢ₊₁, the peer's loss.
let quartic () =
    let x i = Symbol(sprintf "x%d" i)
    let q (s: string) = Number(Rational.parse s)
    let body =
        Sum(
            [ for i in 1..10 -> Sum [ Product [ q "1/4"; Power(x i, 4) ]; Product [ q "-1/2"; Power(x i, 2) ] ] ]
            @ [ for i in 1..9 -> Product [ q "1/10"; x i; x (i + 1) ] ]
        )
    { Dimension = 10; Roots = []; Body = Expr.simplify body }

/// α = 1/20, β = 9/10, ρ = 1/20, as in the peer.
let hyperparameters = Map.ofList [ "alpha", 0.05; "beta", 0.9; "rho", 0.05 ]

/// Steps per benchmark invocation.
[<Literal>]
let Steps = 100000

/// The NumPy peer's steps per second by optimizer; the first python3 on PATH may lack NumPy,
/// Debian's python3-numpy lives under /usr/bin.
let private peerRates =
    lazy
        (Peer.run [ "python3"; "/usr/bin/python3" ] "optimizer_steps_peer.py" "20000 3"
         |> Option.map (fun values ->
             values
             |> Seq.choose (fun kv ->
                 if kv.Key.StartsWith "numpy_steps_per_second_" then
                     Some(kv.Key.Substring("numpy_steps_per_second_".Length), kv.Value)
                 else None)
             |> Map.ofSeq)
         |> Option.filter (fun rates -> not rates.IsEmpty))

let private rateOf (summary: Summary) (case: BenchmarkCase) =
    let stats = summary.[case].ResultStatistics
    if isNull stats then None else Some(1e9 / stats.Mean)

/// Steps per second of this row (the mean is per step: OperationsPerInvoke = Steps).
let private stepsPerSecond (summary: Summary) (case: BenchmarkCase) =
    match rateOf summary case with
    | Some r -> sprintf "%.2f M" (r / 1e6)
    | None -> "-"

/// "ours / NumPy" for the same optimizer.
let private numPyRatio (summary: Summary) (case: BenchmarkCase) =
    let name = string (case.Parameters.["Optimizer"])
    match peerRates.Value, rateOf summary case with
    | None, _ -> "n/a (no python3 with numpy)"
    | Some rates, Some r when rates.ContainsKey name -> sprintf "%.0fx (NumPy %.0f steps/s)" (r / rates.[name]) rates.[name]
    | _ -> "-"

type OptimizerStepConfig() as this =
    inherit ManualConfig()
    do
        this.AddColumn(Peer.Column("StepsPerSecond", "steps/s", 0, "optimizer steps per second on one core", stepsPerSecond)) |> ignore
        this.AddColumn(
            Peer.Column("NumPyRatio", "ours/NumPy", 1, "steps/s divided by the NumPy peer's steps/s for the same loop (scripts/bench/optimizer_steps_peer.py)", numPyRatio)
        )
        |> ignore

[<Config(typeof<OptimizerStepConfig>)>]
type OptimizerSteps() =
    let mutable step: StepMap = null
    let mutable theta: float[] = [||]
    let mutable a: float[] = [||]
    let mutable b: float[] = [||]

    [<Params("gd", "heavy-ball", "usam")>]
    member val Optimizer = "gd" with get, set

    [<GlobalSetup>]
    member this.Setup() =
        let m = Catalog.load this.Optimizer
        let c = CompiledLoss.prepare (quartic ())
        step <- StepCompiler.compile m c
        theta <- Array.append (m.Params |> List.map (fun p -> hyperparameters.[p.Name]) |> Array.ofList) (Array.create 10 1.0)
        a <- Array.create (10 * m.State.Length) 0.5
        b <- Array.zeroCreate a.Length

    /// `Steps` iterations of the compiled update, from the peer's start.
    [<Benchmark(OperationsPerInvoke = Steps)>]
    member _.Step() =
        Array.fill a 0 a.Length 0.5
        let mutable s = a
        let mutable t = b
        for _ in 1..Steps do
            step.Invoke(s, t, theta)
            let tmp = s
            s <- t
            t <- tmp
        s.[0]
