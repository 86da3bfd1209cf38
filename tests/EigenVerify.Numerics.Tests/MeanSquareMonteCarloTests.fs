/// The mean-square region against simulation: the random linear iteration u⁺ = M(a_B) u with
/// batches of 4 out of 12 per-sample curvatures drawn without replacement, many paths, fixed
/// seeds. Inside the exact region the empirical second moment must decay, outside it must grow.
///
/// Statistical margins. X̄_t is the mean of ‖u_t‖² over N independent paths from ‖u₀‖ = 1, with
/// E[X̄_t] = E_t and Var[X̄_t] = (F_t − E_t²)/N, F_t = E‖u_t‖⁴. Both are computed from the exact
/// law of a_B (all 495 batches enumerated) through E[M⊗M] and E[M⊗M⊗M⊗M].
/// Inside: the test asserts X̄_t ≤ 1/20; by Markov's inequality this fails with probability at
///   most 20·E_t, required below 1/100 before simulating.
/// Outside: the test asserts X̄_t ≥ E_t/2 ≥ 5 (five times the start); by Chebyshev's inequality this
///   fails with probability at most 4(F_t − E_t²)/(N·E_t²), required below 1/100 before simulating.
///   Second moments are heavy-tailed (a few paths carry the mean), which is why the outside
///   points sit at twice the limit and t is the first step where both requirements hold.
/// Distances: affine rules are tested at σ² = 9/10 and 2 times the exact limit σ²_max(λ);
/// USAM (degree 2) at eigenvalues 1/10 of the region's width inside and 5 outside its ends.
module EigenVerify.Numerics.Tests.MeanSquareMonteCarloTests

open System
open Xunit
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.LinearAlgebra.Double
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

let private q (s: string) = Rational.parse s

let private ok (x: Result<'a, string>) =
    match x with
    | Ok v -> v
    | Error e -> failwith e

/// Twelve per-sample curvature offsets with mean 0 (population variance 65/6).
let private offsets = [ -11; -7; -5; -3; -2; -1; 0; 1; 2; 4; 9; 13 ] |> List.map Rational.ofInt
let private batch = 4

/// M(a) in doubles for concrete hyperparameters.
let private numericM (s: MeanSquareSubject) (values: (string * Rational) list) =
    let theta = Map.ofList values
    let k = Array2D.length1 s.Rule.Matrix
    let coeffs =
        Array2D.init k k (fun i j -> (MPoly.tryToPoly s.Rule.Variable (MPoly.substitute theta s.Rule.Matrix.[i, j])).Value |> Poly.coeffs |> Array.map Rational.toFloat)
    k, fun (a: float) -> Array2D.init k k (fun i j -> Array.foldBack (fun c acc -> c + a * acc) coeffs.[i, j] 0.0)

let rec private subsets (n: int) (b: int) (start: int) : int list list =
    if b = 0 then [ [] ]
    elif start >= n then []
    else [ for rest in subsets n (b - 1) (start + 1) -> start :: rest ] @ subsets n b (start + 1)

/// E_t and F_t for t = 1 … tmax from the exact law of a_B (every batch enumerated), u₀ = e₁.
let private exactMoments (k: int) (m: float -> float[,]) (curvatures: float[]) (tmax: int) =
    let batches = subsets curvatures.Length batch 0
    let w = 1.0 / float batches.Length
    let second = Matrix<float>.Build.Dense(k * k, k * k)
    let fourth = Matrix<float>.Build.Dense(k * k * k * k, k * k * k * k)
    for s in batches do
        let mm = DenseMatrix.OfArray(m ((s |> List.sumBy (fun i -> curvatures.[i])) / float batch))
        let k2 = mm.KroneckerProduct mm
        second.Add(w * k2, second)
        fourth.Add(w * k2.KroneckerProduct k2, fourth)
    let tensorSquare (x: Vector<float>) = x.ToColumnMatrix().KroneckerProduct(x.ToColumnMatrix()).Column 0
    let e1 = DenseVector.Create(k, fun i -> if i = 0 then 1.0 else 0.0)
    // vec(u uᵀ) for u = e₁, and its tensor square for the fourth moments
    let v2 = DenseVector.OfArray(e1.OuterProduct(e1).ToColumnMajorArray()) :> Vector<float>
    let v4 = tensorSquare v2
    // ‖u‖² = Σ_i u_i² reads the diagonal of u uᵀ; ‖u‖⁴ = (Σ_i u_i²)² reads its tensor square
    let id2 = DenseVector.Create(k * k, fun r -> if r % k = r / k then 1.0 else 0.0) :> Vector<float>
    let id4 = tensorSquare id2
    let mutable a = v2
    let mutable b = v4
    [ for t in 1..tmax do
          a <- second * a
          b <- fourth * b
          yield t, id2.DotProduct a, id4.DotProduct b ]

/// X̄_t over `paths` simulated paths with fresh batches drawn without replacement each step.
let private simulate (seed: int) (paths: int) (steps: int) (k: int) (m: float -> float[,]) (curvatures: float[]) =
    let rng = Random seed
    let index = Array.init curvatures.Length id
    let mutable total = 0.0
    let u = Array.zeroCreate<float> k
    let next = Array.zeroCreate<float> k
    for _ in 1..paths do
        Array.fill u 0 k 0.0
        u.[0] <- 1.0
        for _ in 1..steps do
            // partial Fisher–Yates: the first `batch` entries become a uniform batch
            let mutable sum = 0.0
            for j in 0 .. batch - 1 do
                let r = j + rng.Next(index.Length - j)
                let t = index.[j]
                index.[j] <- index.[r]
                index.[r] <- t
                sum <- sum + curvatures.[index.[j]]
            let mm = m (sum / float batch)
            for i in 0 .. k - 1 do
                let mutable acc = 0.0
                for j in 0 .. k - 1 do
                    acc <- acc + mm.[i, j] * u.[j]
                next.[i] <- acc
            Array.blit next 0 u 0 k
        total <- total + Array.sumBy (fun x -> x * x) u
    total / float paths

let private checkInside (label: string) (seed: int) k m (curvatures: float[]) =
    let steps = 300
    let _, e, _ = exactMoments k m curvatures steps |> List.last
    Assert.True(20.0 * e <= 0.01, sprintf "%s: the Markov margin 20*E_t = %g is too weak" label (20.0 * e))
    let x = simulate seed 2000 steps k m curvatures
    Assert.True(x <= 0.05, sprintf "%s: the empirical second moment after %d steps is %g, expected decay (E_t = %g)" label steps x e)

let private checkOutside (label: string) (seed: int) k m (curvatures: float[]) =
    let paths = 300000
    let chebyshev (e: float) (f: float) = 4.0 * (f - e * e) / (float paths * e * e)
    match exactMoments k m curvatures 20 |> List.tryFind (fun (_, e, f) -> e >= 10.0 && chebyshev e f <= 0.01) with
    | None -> failwithf "%s: no t <= 20 gives E_t >= 10 with a Chebyshev margin below 1/100" label
    | Some(t, e, _) ->
        let x = simulate seed paths t k m curvatures
        Assert.True(x >= e / 2.0, sprintf "%s: the empirical second moment after %d steps is %g, expected growth to about %g" label t x e)

[<Fact>]
let ``empirical second moments decay inside and grow outside the exact region of affine rules`` () =
    let sampling = ok (BatchSampling.create offsets.Length batch)
    let spread = (offsets |> List.fold (fun acc x -> acc + x * x) Rational.zero) / Rational.ofInt offsets.Length
    let cases =
        [ "gd", [ "alpha", q "1/10" ], [ 5; 10; 15 ]
          "heavy-ball", [ "alpha", q "1/10"; "beta", q "1/2" ], [ 2; 10; 28 ] ]
    let mutable seed = 11
    for name, values, eigenvalues in cases do
        let s = ok (MeanSquare.subject (Catalog.load name))
        let k, m = numericM s values
        for lambda in eigenvalues do
            match (ok (MeanSquare.varianceLimitAt s values (Rational.ofInt lambda) None)).MaxVariance with
            | UpTo limit ->
                let limit = AlgebraicNumber.toFloat limit
                for factor, inside in [ 0.9, true; 2.0, false ] do
                    // curvatures λ + c·offset with p·c²·spread = factor·σ²_max
                    let c = sqrt (factor * limit / Rational.toFloat (sampling.Factor * spread))
                    let curvatures = offsets |> List.map (fun o -> float lambda + c * Rational.toFloat o) |> Array.ofList
                    let label = sprintf "%s at lambda = %d, sigma2 = %g x limit" name lambda factor
                    seed <- seed + 1
                    if inside then checkInside label seed k m curvatures else checkOutside label seed k m curvatures
            | other -> failwithf "%s at lambda = %d: expected a finite variance limit, got %A" name lambda other

[<Fact>]
let ``empirical second moments decay inside and grow outside the exact region of USAM from a curvature list`` () =
    let s = ok (MeanSquare.subject (Catalog.load "usam"))
    let values = [ "alpha", q "1/10"; "rho", q "1/20" ]
    let list = offsets |> List.map (fun o -> o / Rational.ofInt 4)
    let bm = ok (BatchMoments.ofCurvatures batch (MeanSquare.momentOrder s) list)
    let region = (ok (MeanSquare.regionAt s values (CurvatureList bm))).Region
    let k, m = numericM s values
    let shifted (v: float) = list |> List.map (fun o -> v + Rational.toFloat o) |> Array.ofList
    let mutable seed = 101
    for i in region.Intervals do
        let lo, hi = AlgebraicNumber.toFloat i.Lower.Value.Value, AlgebraicNumber.toFloat i.Upper.Value.Value
        seed <- seed + 3
        checkInside (sprintf "usam at %g" (lo + (hi - lo) / 10.0)) seed k m (shifted (lo + (hi - lo) / 10.0))
        checkInside (sprintf "usam at %g" (hi - (hi - lo) / 10.0)) (seed + 1) k m (shifted (hi - (hi - lo) / 10.0))
        checkOutside (sprintf "usam at %g" (hi + 5.0)) (seed + 2) k m (shifted (hi + 5.0))
    Assert.Equal(2, region.Intervals.Length)
