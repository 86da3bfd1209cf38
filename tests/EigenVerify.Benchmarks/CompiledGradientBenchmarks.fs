/// Gradient of a 10-variable degree-4 polynomial: walking the exact expression tree in floating
/// point against the delegate compiled from the same expressions (target: ≥ 50× faster).
module EigenVerify.Benchmarks.CompiledGradientBenchmarks

open System
open BenchmarkDotNet.Attributes
open EigenVerify.Algebra
open EigenVerify.Symbolic

/// A fixed pseudo-random polynomial: 40 monomials of degree 1 to 4 in x1 … x10 with small
/// rational coefficients (seeded, so every run measures the same expression).
let polynomial () =
    let rng = Random 2026
    let vars = Calculus.vectorVariables 10 |> Array.ofList
    let monomial () =
        let degree = rng.Next(1, 5)
        let factors = [ for _ in 1..degree -> Symbol vars.[rng.Next vars.Length] ]
        Product(Number(Rational.ofFraction (rng.Next(-9, 10)) (rng.Next(1, 8))) :: factors)
    Expr.simplify (Sum [ for _ in 1..40 -> monomial () ])

[<MemoryDiagnoser>]
type CompiledGradient() =
    let vars = Calculus.vectorVariables 10
    let f = polynomial ()
    let gradient = Calculus.gradient vars f
    // the same gradient expressions, compiled once; both sides return a new array per call
    let compiled = ExprCompiler.compileVectorIn vars (Array.ofList gradient)
    let point = Array.init 10 (fun i -> 0.1 * float (i + 1))
    let env = List.zip vars (List.ofArray point) |> Map.ofList

    [<Benchmark(Baseline = true)>]
    member _.TreeWalk() = gradient |> List.map (Expr.evalFloat env) |> Array.ofList

    [<Benchmark>]
    member _.Compiled() =
        let result = Array.zeroCreate 10
        compiled.Invoke(point, result)
        result
