module EigenVerify.Numerics.Tests.CompilerTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Numerics

let q (s: string) = Rational.parse s

let smoothRules =
    Catalog.names |> List.filter (fun n -> (Catalog.load n).Smoothness = Smooth)

let sample (seed: uint64) (count: int) (g: Gen<'a>) = Gen.sampleWithSeed (Rnd seed) 10 count g

let rationalPoint (n: int) (seed: uint64) =
    sample seed n (Families.rational 2) |> List.ofArray

[<Fact>]
let ``compiled gradients of coercive polynomials equal the exact symbolic gradient at rational points`` () =
    for spec in sample 11UL 30 Families.coercive do
        let loss = LossSpec.build spec
        let c = CompiledLoss.prepare loss
        let x = rationalPoint loss.Dimension 5UL
        let values = List.zip (Loss.variables loss) x |> Map.ofList
        let exact = c.Gradient |> Array.map (Expr.eval values)
        let numeric = CompiledLoss.gradientAt c (x |> List.map Rational.toFloat |> Array.ofList)
        for i in 0 .. exact.Length - 1 do
            let e = Rational.toFloat exact.[i]
            // ≤ 40 terms of size up to ~10³ summed in double: cancellation can cost three digits
            // of the 16, so 1e-9 relative to (1 + |exact|)
            Assert.True(abs (numeric.[i] - e) <= 1e-9 * (1.0 + abs e), sprintf "%s: component %d %g vs %g" (Loss.toText loss) i numeric.[i] e)

[<Fact>]
let ``the gradient of a squareplus network matches central finite differences of its value`` () =
    for spec in sample 12UL 20 Families.network do
        let loss = LossSpec.build spec
        let c = CompiledLoss.prepare loss
        let x = sample 3UL loss.Dimension (Gen.choose (-100, 100)) |> Array.map (fun k -> float k / 50.0)
        let g = CompiledLoss.gradientAt c x
        let h = 1e-5
        for i in 0 .. x.Length - 1 do
            let shifted d = Array.mapi (fun j v -> if i = j then v + d else v) x
            let fd = (c.Value.Invoke(shifted h) - c.Value.Invoke(shifted -h)) / (2.0 * h)
            // truncation h²·f'''/6 ≈ 1e-10·f''' plus rounding ε·f/h ≈ 1e-11·f: 1e-6 relative is safe
            Assert.True(abs (g.[i] - fd) <= 1e-6 * (1.0 + abs fd), sprintf "%s: d/dx%d = %g, finite difference %g" (Loss.toText loss) (i + 1) g.[i] fd)

[<Fact>]
let ``a one-unit squareplus network has the hand-derived value and gradient`` () =
    // f(w, b, a) = (a·sp(w·ξ + b) − y)², sp(t) = (t + √(t² + s))/2, ξ = 2, y = 1, s = 1
    let loss = LossSpec.build (Network(1, Rational.one, [ Rational.ofInt 2, Rational.one ]))
    let c = CompiledLoss.prepare loss
    let w, b, a = 0.3, -0.2, 1.5
    let t = w * 2.0 + b
    let r = sqrt (t * t + 1.0)
    let sp = (t + r) / 2.0
    let dsp = (1.0 + t / r) / 2.0
    let res = a * sp - 1.0
    let expected = [| 2.0 * res * a * dsp * 2.0; 2.0 * res * a * dsp; 2.0 * res * sp |]
    let g = CompiledLoss.gradientAt c [| w; b; a |]
    Assert.Equal(res * res, c.Value.Invoke [| w; b; a |], 12)
    for i in 0..2 do
        // a handful of roundings on numbers of order one
        Assert.Equal(expected.[i], g.[i], 12)

[<Fact>]
let ``the Hessian of a quadratic family member is exactly Q·diag(spectrum)·Qᵀ and has that spectrum`` () =
    let spectrum = [ q "3"; q "-1/2"; q "0"; q "2" ]
    let reflections = [ [ q "1"; q "2"; q "0"; q "-1" ]; [ q "0"; q "1"; q "1"; q "1" ] ]
    let loss = LossSpec.build (Quadratic(spectrum, reflections, [ q "1"; q "0"; q "-1"; q "1/2" ]))
    let c = CompiledLoss.prepare loss
    let expected = LossSpec.quadraticMatrix spectrum reflections
    let h = c.Hessian.Value
    for i in 0..3 do
        for j in 0..3 do
            Assert.True(Expr.equivalent h.[i, j] (Number expected.[i, j]), sprintf "entry %d,%d" i j)
    let eig = Spectrum.symmetricEigenvalues (CompiledLoss.hessianAt c [| 0.1; 0.2; 0.3; 0.4 |])
    let want = spectrum |> List.map Rational.toFloat |> List.sort |> Array.ofList
    // a symmetric 4×4 eigensolver: backward stable to ~1e-15·‖A‖
    Array.iter2 (fun (a: float) b -> Assert.Equal(a, b, 10)) want eig

/// Random rule inputs: a loss, a state, hyperparameters inside the domain, a preconditioner.
let private stepInputs (m: OptimizerModel) (spec: LossSpec) (seed: uint64) =
    let case = (sample seed 1 (RunCase.caseGen m.State.Length m.Params.Length (Gen.constant spec))).[0]
    let values = RunCase.resolve m 1.0 case.ParamDraws
    let pre = RunCase.precond case.PrecondDraws
    let theta = Runner.theta m values pre
    let start = case.Start |> List.concat |> List.map Rational.toFloat |> Array.ofList
    case, values, pre, theta, start

[<Fact>]
let ``every smooth catalog rule compiles to its update map evaluated exactly`` () =
    for name in smoothRules do
        let m = Catalog.load name
        for spec in sample 21UL 8 Families.coercive do
            let loss = LossSpec.build spec
            let c = CompiledLoss.prepare loss
            let case, values, pre, theta, start = stepInputs m spec 7UL
            let ours = Array.zeroCreate start.Length
            (StepCompiler.compile m c).Invoke(start, ours, theta)
            let exact = ExactStep.evaluate m loss values pre case.Start |> List.map Rational.toFloat |> Array.ofList
            for i in 0 .. ours.Length - 1 do
                // double rounding in a few dozen operations against the exact value
                Assert.True(abs (ours.[i] - exact.[i]) <= 1e-9 * (1.0 + abs exact.[i]), sprintf "%s on %s: %g vs %g" name (Loss.toText loss) ours.[i] exact.[i])

[<Fact>]
let ``the chain-rule Jacobian of every smooth rule matches finite differences of the compiled step`` () =
    for name in smoothRules do
        let m = Catalog.load name
        for spec in Array.append (sample 31UL 3 Families.coercive) (sample 32UL 2 Families.network) do
            let c = CompiledLoss.prepare (LossSpec.build spec)
            let _, _, _, theta, start = stepInputs m spec 9UL
            let start = start |> Array.map (fun v -> v / 4.0)
            let step = StepCompiler.compile m c
            let value, jac = Tangent.evaluate m c theta start
            let g (s: float[]) =
                let r = Array.zeroCreate s.Length
                step.Invoke(s, r, theta)
                r
            let g0 = g start
            for i in 0 .. g0.Length - 1 do
                Assert.True(abs (value.[i] - g0.[i]) <= 1e-9 * (1.0 + abs g0.[i]), sprintf "%s: value %d" name i)
            let h = 1e-6
            for j in 0 .. start.Length - 1 do
                let plus = g (Array.mapi (fun k v -> if k = j then v + h else v) start)
                let minus = g (Array.mapi (fun k v -> if k = j then v - h else v) start)
                for i in 0 .. start.Length - 1 do
                    let fd = (plus.[i] - minus.[i]) / (2.0 * h)
                    // central differences: truncation ~h²·G''' and rounding ~ε·|G|/h ≈ 1e-10·|G|;
                    // steps with large curvature scale both, hence relative 1e-5
                    Assert.True(abs (jac.[i].[j] - fd) <= 1e-5 * (1.0 + abs fd), sprintf "%s: J[%d,%d] = %g, finite difference %g" name i j jac.[i].[j] fd)

[<Fact>]
let ``the Jacobian of gradient descent on a quadratic is exactly I − αA`` () =
    let m = Catalog.load "gd"
    let spec = Quadratic([ q "2"; q "1/2" ], [ [ q "1"; q "1" ] ], [ q "0"; q "0" ])
    let c = CompiledLoss.prepare (LossSpec.build spec)
    let a = LossSpec.quadraticMatrix [ q "2"; q "1/2" ] [ [ q "1"; q "1" ] ]
    let alpha = 0.3
    let _, jac = Tangent.evaluate m c [| alpha; 1.0; 1.0 |] [| 0.7; -0.4 |]
    for i in 0..1 do
        for j in 0..1 do
            let expected = (if i = j then 1.0 else 0.0) - alpha * Rational.toFloat a.[i, j]
            Assert.Equal(expected, jac.[i].[j], 14)

[<Fact>]
let ``a product of two vectors cannot be compiled into a step`` () =
    let m = Catalog.load "gd"
    let broken = { m with Updates = [ "x", Mul(Ref "x", Grad(Ref "x")) ] }
    let c = CompiledLoss.prepare (LossSpec.build (Quadratic([ q "1" ], [], [ q "0" ])))
    let ex = Assert.Throws<StepCompileException>(fun () -> StepCompiler.compile broken c |> ignore)
    Assert.Contains("product of two vectors", ex.Data0)
