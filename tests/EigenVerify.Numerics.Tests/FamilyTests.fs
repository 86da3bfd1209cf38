module EigenVerify.Numerics.Tests.FamilyTests

open Xunit
open FsCheck
open FsCheck.FSharp
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Numerics

let q (s: string) = Rational.parse s
let sample (seed: uint64) (count: int) (g: Gen<'a>) = Gen.sampleWithSeed (Rnd seed) 10 count g

let private exactAt (loss: Loss) (x: Rational list) = Loss.evalExact loss (Array.ofList x)

/// Exact determinant by fraction-exact Gaussian elimination.
let determinant (a: Rational[,]) =
    let n = Array2D.length1 a
    let m = Array2D.copy a
    let mutable det = Rational.one
    for col in 0 .. n - 1 do
        match [ col .. n - 1 ] |> List.tryFind (fun r -> not m.[r, col].IsZero) with
        | None -> det <- Rational.zero
        | Some p ->
            if p <> col then
                det <- -det
                for j in 0 .. n - 1 do
                    let t = m.[col, j]
                    m.[col, j] <- m.[p, j]
                    m.[p, j] <- t
            det <- det * m.[col, col]
            for r in col + 1 .. n - 1 do
                let f = m.[r, col] / m.[col, col]
                for j in 0 .. n - 1 do
                    m.[r, j] <- m.[r, j] - f * m.[col, j]
    det

[<Fact>]
let ``every family generates losses of 1 to 10 variables that compile`` () =
    for f in Families.all do
        for spec in sample 1UL 25 f.Generator do
            let loss = LossSpec.build spec
            Assert.InRange(loss.Dimension, 1, 10)
            Assert.Equal(f.Name, LossSpec.familyName spec)
            let c = CompiledLoss.prepare loss
            let v = c.Value.Invoke(Array.zeroCreate loss.Dimension)
            Assert.False(System.Double.IsNaN v, f.Name)

[<Fact>]
let ``coercive polynomials grow without bound along every sampled direction`` () =
    for spec in sample 2UL 40 Families.coercive do
        let loss = LossSpec.build spec
        let dirs = sample 3UL 5 (Gen.listOfLength loss.Dimension (Families.rational 1) |> Gen.filter (List.exists (fun r -> not r.IsZero)))
        for d in dirs do
            // the quartic part Σcᵢxᵢ⁴ (cᵢ ≥ 1/10) dominates terms of degree ≤ 3 with coefficients
            // ≤ 2 (at most 30 of them) once |x|∞ ≥ 10⁴ (exact arithmetic: no tolerance)
            let far = d |> List.map (fun r -> r * Rational.ofInt 100000)
            let farther = d |> List.map (fun r -> r * Rational.ofInt 200000)
            Assert.True(exactAt loss far > exactAt loss (List.replicate loss.Dimension Rational.zero), Loss.toText loss)
            Assert.True(exactAt loss farther > exactAt loss far, Loss.toText loss)

[<Fact>]
let ``sums of squares vanish at their center with a singular Hessian there`` () =
    for spec in sample 4UL 40 Families.sumOfSquares do
        match spec with
        | SumOfSquares(n, center, _) ->
            let loss = LossSpec.build spec
            Assert.Equal(Rational.zero, exactAt loss center)
            let c = CompiledLoss.prepare loss
            let values = List.zip (Loss.variables loss) center |> Map.ofList
            let h = c.Hessian.Value |> Array2D.map (Expr.eval values)
            // fewer squared pieces than variables: the Hessian Σ 2∇qₖ∇qₖᵀ has rank < n
            Assert.Equal(Rational.zero, determinant h)
            Assert.True(n >= 2)
        | other -> failwithf "not a sum of squares: %A" other

[<Fact>]
let ``a factorization loss vanishes on a whole orbit U·G, G⁻¹·V of exact factorizations`` () =
    // Y = U₀V₀ with U₀ = [1; 2], V₀ = [3, -1]: every (tU₀, V₀/t) is a minimizer
    let spec = Factorization(2, 1, 2, [ [ q "3"; q "-1" ]; [ q "6"; q "-2" ] ])
    let loss = LossSpec.build spec
    for t in [ q "1"; q "2"; q "-1/3"; q "7/5" ] do
        Assert.Equal(Rational.zero, exactAt loss [ t; Rational.ofInt 2 * t; Rational.ofInt 3 / t; Rational.ofInt -1 / t ])
    Assert.True(exactAt loss [ q "1"; q "1"; q "1"; q "1" ] > Rational.zero)

[<Fact>]
let ``a network loss equals the squareplus formula evaluated directly`` () =
    for spec in sample 5UL 20 Families.network do
        match spec with
        | Network(h, s, data) ->
            let loss = LossSpec.build spec
            let c = CompiledLoss.prepare loss
            let x = sample 6UL loss.Dimension (Gen.choose (-100, 100)) |> Array.map (fun k -> float k / 40.0)
            let sp t = (t + sqrt (t * t + Rational.toFloat s)) / 2.0
            let direct =
                data
                |> List.sumBy (fun (xi, y) ->
                    let out = List.sum [ for j in 0 .. h - 1 -> x.[2 * h + j] * sp (x.[j] * Rational.toFloat xi + x.[h + j]) ]
                    (out - Rational.toFloat y) ** 2.0)
            // both are short sums of products of order-one numbers
            Assert.True(abs (direct - c.Value.Invoke x) <= 1e-10 * (1.0 + abs direct))
            Assert.Equal(direct, Loss.evalFloat loss x, 9)
        | other -> failwithf "not a network: %A" other

[<Fact>]
let ``shrinking keeps the family, never grows the dimension, and reaches a fixed point`` () =
    for f in Families.all do
        for spec in sample 7UL 10 f.Generator do
            for s in LossSpec.shrink spec do
                Assert.Equal(LossSpec.familyName spec, LossSpec.familyName s)
                Assert.True(LossSpec.dimension s <= LossSpec.dimension spec)
                LossSpec.build s |> ignore
            // repeatedly taking the first candidate must stop: every candidate is simpler
            let mutable current = spec
            let mutable steps = 0
            while not (LossSpec.shrink current).IsEmpty do
                current <- (LossSpec.shrink current).Head
                steps <- steps + 1
                Assert.True(steps < 2000, sprintf "shrinking %s does not terminate" f.Name)

[<Fact>]
let ``the simplest quadratic cannot be shrunk further`` () =
    Assert.Empty(LossSpec.shrink (Quadratic([ Rational.zero ], [], [ Rational.zero ])))
    Assert.NotEmpty(LossSpec.shrink (Quadratic([ q "-1" ], [], [ Rational.zero ])))
