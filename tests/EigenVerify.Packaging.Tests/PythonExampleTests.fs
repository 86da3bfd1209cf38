/// The Python example (scripts/python/choose_learning_rate.py) chooses a heavy-ball learning rate
/// from the regions the tool prints as JSON. It runs here with Debian's python3, on the tool this
/// solution builds.
module EigenVerify.Packaging.Tests.PythonExampleTests

open System
open System.IO
open System.Numerics
open System.Text.Json
open Xunit
open EigenVerify.Packaging.Tests.Repository

/// Debian's interpreter, which has NumPy (the `python3` first on PATH may lack it).
let python = "/usr/bin/python3"

let private hasModule (name: string) =
    File.Exists python && (run python [ "-c"; $"import {name}" ] root []).ExitCode = 0

/// Outside CI a machine without python3 and NumPy reports the test as skipped; under CI=true it
/// always runs, and there it must take the PyTorch path (.ci/run installs python3-torch).
type PythonFactAttribute() as this =
    inherit FactAttribute()
    do
        if not inCi && not (hasModule "numpy") then
            this.Skip <- "python3 with NumPy is not installed (Debian: apt-get install python3-numpy); skipped outside CI"

/// p/q from "p/q" or "p".
let private parseFraction (s: string) =
    match s.Split '/' with
    | [| p |] -> BigInteger.Parse p, BigInteger.One
    | [| p; q |] -> BigInteger.Parse p, BigInteger.Parse q
    | _ -> failwith $"not a fraction: {s}"

let private fractionText (p: BigInteger, q: BigInteger) =
    let g = BigInteger.GreatestCommonDivisor(p, q)
    let p, q = p / g, q / g
    if q.IsOne then string p else $"{p}/{q}"

/// Heavy ball's region is [0, 2(1+beta)/alpha] (derived by hand in the README); its upper end.
let private heavyBallUpper (alpha: string) (beta: string) =
    let ap, aq = parseFraction alpha
    let bp, bq = parseFraction beta
    // 2 (bq + bp)/bq * aq/ap
    fractionText (BigInteger 2 * (bq + bp) * aq, bq * ap)

let private toDouble (s: string) =
    let p, q = parseFraction s
    float p / float q

[<PythonFact>]
let ``the example keeps the largest rate whose region holds every Hessian eigenvalue`` () =
    use temp = new TempFolder()
    let script = Path.Combine(root, "scripts", "python", "choose_learning_rate.py")
    let r = run python [ script; "--json" ] temp.Path [ "EIGENVERIFY_CLI", cliDll ]
    Assert.True((r.ExitCode = 0), $"the example failed ({r.ExitCode}): {r.Stderr}")
    let summary = JsonDocument.Parse(r.Stdout).RootElement
    if inCi then
        Assert.Equal("torch", summary.GetProperty("backend").GetString())
    let beta = summary.GetProperty("beta").GetString()
    let lambdaMax = summary.GetProperty("lambdaMax").GetDouble()
    let chosen = summary.GetProperty "chosen"
    let rejected = summary.GetProperty "rejected"
    let upperOf (run: JsonElement) =
        let alpha = run.GetProperty("alpha").GetString()
        let upper = run.GetProperty("upper").GetString()
        Assert.Equal(heavyBallUpper alpha beta, upper)
        toDouble upper
    // The chosen rate's region holds the largest eigenvalue; the next larger rate's does not.
    Assert.True(lambdaMax <= upperOf chosen, $"lambda_max {lambdaMax} outside the chosen region")
    Assert.Equal(JsonValueKind.Object, rejected.ValueKind)
    Assert.True(lambdaMax > upperOf rejected, $"lambda_max {lambdaMax} inside the rejected region")
    // Inside the region heavy ball converges to the least-squares optimum, whose loss is about
    // sigma^2/2 = 0.005 for the example's noise (sigma = 0.1); 0.01 leaves room for the 400 steps.
    let chosenLoss = chosen.GetProperty "finalLoss"
    Assert.Equal(JsonValueKind.Number, chosenLoss.ValueKind)
    Assert.True(chosenLoss.GetDouble() < 0.01, $"final loss {chosenLoss.GetDouble()} at the chosen rate")
    // Outside it the iteration grows geometrically (spectral radius > 1) from a loss of order 10:
    // after 400 steps the loss is no longer finite (null) or far above 1e10.
    let rejectedLoss = rejected.GetProperty "finalLoss"
    Assert.True(
        rejectedLoss.ValueKind = JsonValueKind.Null || rejectedLoss.GetDouble() > 1e10,
        $"final loss {rejectedLoss} at the rejected rate")
