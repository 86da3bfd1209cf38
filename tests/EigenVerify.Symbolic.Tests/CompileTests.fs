module EigenVerify.Symbolic.Tests.CompileTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Symbolic.Tests.Generators

let expr (s: string) =
    match Infix.parse s with
    | Ok e -> e
    | Error e -> failwithf "test expression does not parse: %O" e

let close (expected: float) (actual: float) =
    // float evaluation of these small expressions rounds at most a few dozen times, each by
    // 2^-53 relative; 1e-9 of max(1, |value|) leaves a wide margin and still catches wrong code
    abs (expected - actual) <= 1e-9 * max 1.0 (abs expected)

[<Property(MaxTest = 300)>]
let ``a compiled expression agrees with exact evaluation`` () =
    Prop.forAll (Arb.fromGen (Gen.zip exprGen pointGen)) (fun (e, p) ->
        let f = ExprCompiler.compileScalarIn symbolNames e
        let x = symbolNames |> List.map (fun s -> Rational.toFloat p.[s]) |> Array.ofList
        close (Rational.toFloat (Expr.eval p e)) (f.Invoke x) |> Prop.label (Infix.print e))

[<Fact>]
let ``compiled gradient and Hessian of a quartic match the hand derivation`` () =
    // f = x1^4/4 + x1 x2 + x2^2: ∇f = (x1^3 + x2, x1 + 2 x2), ∇²f = [[3 x1^2, 1], [1, 2]]
    let f = expr "x1^4/4 + x1*x2 + x2^2"
    let c = CompiledLoss.prepare { Dimension = 2; Roots = []; Body = f }
    for (a, b) in [ 1.5, -2.0; 0.25, 3.0; -1.0, 0.5 ] do
        let gv = CompiledLoss.gradientAt c [| a; b |]
        Assert.True(close (a ** 3.0 + b) gv.[0])
        Assert.True(close (a + 2.0 * b) gv.[1])
        let hv = CompiledLoss.hessianAt c [| a; b |]
        Assert.True(close (3.0 * a * a) hv.[0, 0])
        Assert.Equal(1.0, hv.[0, 1])
        Assert.Equal(1.0, hv.[1, 0])
        Assert.Equal(2.0, hv.[1, 1])

/// One compiled step of a catalog rule on the loss f in x1 … xn: the state vectors in, the next
/// state vectors out.
let step (rule: string) (f: Expr) (n: int) (values: (string * float) list) (states: float[][]) (precond: float[]) =
    let m = Catalog.load rule
    let c = CompiledLoss.prepare { Dimension = n; Roots = []; Body = f }
    let theta = StepCompiler.theta m (Map.ofList values) (if isNull precond then Array.create n 1.0 else precond)
    let next = Array.zeroCreate (m.State.Length * n)
    (StepCompiler.compile m c).Invoke(Array.concat states, next, theta)
    Array.chunkBySize n next

let quadratic = expr "x1^2/2 + 3/2*x2^2" // ∇f = (x1, 3 x2)

[<Fact>]
let ``a compiled heavy-ball step is the hand-computed step`` () =
    // α = 1/2, β = 1/4, x = (1, 2), x₋ = (1/2, 1): g = (1, 6),
    // x⁺ = x − αg + β(x − x₋) = (5/8, −3/4) — every number is dyadic, so float is exact here
    let next = step "heavy-ball" quadratic 2 [ "alpha", 0.5; "beta", 0.25 ] [| [| 1.0; 2.0 |]; [| 0.5; 1.0 |] |] null
    Assert.Equal<float[]>([| 0.625; -0.75 |], next.[0])
    Assert.Equal<float[]>([| 1.0; 2.0 |], next.[1])

[<Fact>]
let ``a compiled adam-frozen step applies the preconditioner`` () =
    // P = diag(2, 4), β1 = 1/2, α = 1/2, x = (1, 2), m = (1/2, 1/4): P⁻¹g = (1/2, 3/2),
    // m⁺ = (1/2, 7/8), x⁺ = x − αm⁺ = (3/4, 25/16)
    let next = step "adam-frozen" quadratic 2 [ "alpha", 0.5; "beta1", 0.5 ] [| [| 1.0; 2.0 |]; [| 0.5; 0.25 |] |] [| 2.0; 4.0 |]
    Assert.Equal<float[]>([| 0.75; 1.5625 |], next.[0])
    Assert.Equal<float[]>([| 0.5; 0.875 |], next.[1])

[<Fact>]
let ``compiled Hessian-USAM and SAM steps match a direct float computation`` () =
    // f = x1^4/4 + x1 x2 + x2^2, written out by hand below as an independent oracle
    let f = expr "x1^4/4 + x1*x2 + x2^2"
    let grad (x: float[]) = [| x.[0] ** 3.0 + x.[1]; x.[0] + 2.0 * x.[1] |]
    let hessTimes (x: float[]) (w: float[]) = [| 3.0 * x.[0] * x.[0] * w.[0] + w.[1]; w.[0] + 2.0 * w.[1] |]
    let alpha, rho = 0.1, 0.05
    let x = [| 0.7; -0.3 |]
    let g = grad x
    let g2 = grad [| x.[0] + rho * g.[0]; x.[1] + rho * g.[1] |]
    let hv = hessTimes x g2
    let expectedHu = Array.init 2 (fun i -> x.[i] - alpha * (g2.[i] + rho * hv.[i]))
    let hu = step "hessian-usam" f 2 [ "alpha", alpha; "rho", rho ] [| x |] null
    for i in 0..1 do
        Assert.True(close expectedHu.[i] hu.[0].[i])
    let norm = sqrt (g.[0] * g.[0] + g.[1] * g.[1])
    let gs = grad [| x.[0] + rho * g.[0] / norm; x.[1] + rho * g.[1] / norm |]
    let sam = step "sam" f 2 [ "alpha", alpha; "rho", rho ] [| x |] null
    for i in 0..1 do
        Assert.True(close (x.[i] - alpha * gs.[i]) sam.[0].[i])

[<Fact>]
let ``compiling rejects a loss in the wrong variables and missing hyperparameters`` () =
    let ex = Assert.Throws<ArgumentException>(fun () -> step "gd" (expr "y^2") 1 [ "alpha", 0.1 ] [| [| 1.0 |] |] null |> ignore)
    Assert.Contains("y", ex.Message)
    let ex2 = Assert.Throws<ArgumentException>(fun () -> step "gd" (expr "x1^2") 1 [] [| [| 1.0 |] |] null |> ignore)
    Assert.Contains("alpha", ex2.Message)
