module EigenVerify.Benchmarks.RootIsolationBenchmarks

open System
open BenchmarkDotNet.Attributes
open EigenVerify.Algebra

/// Fixed inputs so runs on different machines measure the same work. Functions, not values:
/// BenchmarkDotNet hosts this assembly as a library, where module-level values stay uninitialised.
module Inputs =

    /// Degree 40, integer coefficients uniform in [−100, 100] from a fixed seed, leading one nonzero.
    let randomDegree40 () =
        let rnd = Random 20260101
        let cs = [ for _ in 0 .. 39 -> rnd.Next(-100, 101) ]
        let lead = rnd.Next(1, 101) * (if rnd.Next 2 = 0 then -1 else 1)
        Poly.ofInts (cs @ [ lead ])

    /// Thirty distinct rational roots n/d, n in [−50, 50], d in [1, 9], from a fixed seed.
    let linearRoots () =
        let rnd = Random 7

        Seq.initInfinite (fun _ -> Rational.ofFraction (rnd.Next(-50, 51)) (rnd.Next(1, 10)))
        |> Seq.distinct
        |> Seq.take 30
        |> List.ofSeq

    /// Π (x − rᵢ) over the thirty roots.
    let product30 (roots: Rational list) =
        roots |> List.fold (fun acc r -> acc * Poly.ofCoeffs [ -r; Rational.one ]) Poly.one

/// Exact isolation of all real roots (square-free part, Descartes bisection, rational roots
/// exposed as degenerate intervals).
[<MemoryDiagnoser>]
type RootIsolationBenchmarks() =
    let roots = Inputs.linearRoots ()
    let random40 = Inputs.randomDegree40 ()
    let product30 = Inputs.product30 roots

    [<GlobalSetup>]
    member _.Check() =
        // refuse to time a wrong answer: every constructed root must come back exactly
        let found = RealRoots.isolate product30

        if found <> (List.sort roots |> List.map (fun r -> r, r)) then
            failwith "root isolation lost a constructed root"

        if Poly.degree random40 <> 40 then
            failwith "the random input must have degree 40"

    [<Benchmark>]
    member _.RandomDegree40() = RealRoots.isolate random40

    [<Benchmark>]
    member _.ProductOf30LinearFactors() = RealRoots.isolate product30

    /// The same roots as algebraic numbers (adds rational-root and quadratic-factor splitting).
    [<Benchmark>]
    member _.AlgebraicRootsDegree40() = AlgebraicNumber.realRoots random40
