module EigenVerify.Numerics.Tests.MeanSquareNumericTests

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

let private subjectOf name = ok (MeanSquare.subject (Catalog.load name))

let private paper = Map.ofList [ "alpha", q "1/10"; "beta", q "9/10"; "beta1", q "9/10"; "rho", q "1/20" ]
let private valuesOf (s: MeanSquareSubject) (all: Map<string, Rational>) = s.Rule.Params |> List.map (fun d -> d.Name, all.[d.Name])

/// M(a) in doubles for concrete hyperparameters: the rule's linearization with the eigenvalue
/// replaced by the random curvature a.
let private numericM (s: MeanSquareSubject) (values: (string * Rational) list) : float -> Matrix<float> =
    let theta = Map.ofList values
    let k = Array2D.length1 s.Rule.Matrix
    let coeffs =
        Array2D.init k k (fun i j ->
            match MPoly.tryToPoly s.Rule.Variable (MPoly.substitute theta s.Rule.Matrix.[i, j]) with
            | Some p -> Poly.coeffs p |> Array.map Rational.toFloat
            | None -> failwith "a hyperparameter has no value")
    fun a -> DenseMatrix.Create(k, k, fun i j -> Array.foldBack (fun c acc -> c + a * acc) coeffs.[i, j] 0.0) :> Matrix<float>

let private radius (m: Matrix<float>) = m.Evd().EigenValues |> Seq.map (fun z -> z.Magnitude) |> Seq.max

/// E[M(a) ⊗ M(a)] on all k² coordinates, averaged over an explicit finite law of a.
let private fullOperator (m: float -> Matrix<float>) (law: (float * float) list) =
    law |> List.map (fun (weight, a) -> weight * (m a).KroneckerProduct(m a)) |> List.reduce (+)

/// Every B-subset of 0 … n−1.
let rec private subsets (n: int) (b: int) (start: int) : int list list =
    if b = 0 then [ [] ]
    elif start >= n then []
    else [ for rest in subsets n (b - 1) (start + 1) -> start :: rest ] @ subsets n b (start + 1)

/// The law of the batch mean of a list, by enumerating every batch (equal weights).
let private batchLaw (xs: float[]) (b: int) =
    let all = subsets xs.Length b 0
    let w = 1.0 / float all.Length
    all |> List.map (fun s -> w, (s |> List.sumBy (fun i -> xs.[i])) / float b)

/// Exact interval ends and isolated points of a region, as doubles.
let private ends (r: Region) =
    [ for i in r.Intervals do
          for b in [ i.Lower; i.Upper ] do
              match b with
              | Some b -> yield AlgebraicNumber.toFloat b.Value
              | None -> ()
      for p in r.Points -> AlgebraicNumber.toFloat p ]

/// Scans the eigenvalue over a grid around the region and compares exact membership with the
/// numeric spectral radius of E[M ⊗ M] built independently (Kronecker products over an explicit
/// law of the noise; `lawAt v` is the law of a when the mean curvature is v).
let private scan (label: string) (region: Region) (m: float -> Matrix<float>) (lawAt: float -> (float * float) list) =
    let e = ends region
    let lo = if e.IsEmpty then -50 else int (floor (List.min e)) - 5
    let hi = if e.IsEmpty then 450 else int (ceil (List.max e)) + 5
    let steps = 400
    let step = Rational.ofInt (hi - lo) / Rational.ofInt steps
    let delta = Rational.toFloat step
    let mutable compared = 0
    for i in 0..steps do
        let exact = Rational.ofInt lo + Rational.ofInt i * step
        let v = Rational.toFloat exact
        // grid points within half a step of an exact boundary are skipped: there ρ is within a
        // rounding error of 1 and neither answer would test anything
        if e |> List.forall (fun x -> abs (v - x) >= delta / 2.0) then
            let inside = Region.contains exact region
            let rho = radius (fullOperator m (lawAt v))
            // τ = 1e-7: the Hessenberg-QR eigenvalues of these ≤ 4×4 matrices (entries below 1e4)
            // are accurate to about 1e-12 at a simple eigenvalue; τ leaves five orders of headroom
            // and stays far below |ρ − 1| half a grid step from the boundary (checked by the message)
            let tau = 1e-7
            if inside then Assert.True(rho <= 1.0 + tau, sprintf "%s: v = %g is in %s but rho = %.12g" label v (Region.toText region) rho)
            else Assert.True(rho > 1.0 + tau, sprintf "%s: v = %g is outside %s but rho = %.12g" label v (Region.toText region) rho)
            compared <- compared + 1
    Assert.True(compared > steps / 2, sprintf "%s: only %d grid points compared" label compared)

[<Fact>]
let ``exact regions of affine rules match the numeric spectral radius of E[M ⊗ M] on a grid`` () =
    for name in [ "gd"; "heavy-ball"; "nesterov"; "rmsprop-frozen"; "adam-frozen"; "adagrad-frozen" ] do
        let s = subjectOf name
        let values = valuesOf s paper
        let m = numericM s values
        for variance in [ "0"; "1/2"; "7"; "60" ] do
            let region = (ok (MeanSquare.regionAt s values (BatchVariance(q variance)))).Region
            // a two-point law with mean v and variance σ²: only these two moments enter for affine M
            let sd = sqrt (Rational.toFloat (q variance))
            scan (sprintf "%s, sigma2 = %s" name variance) region m (fun v -> [ 0.5, v - sd; 0.5, v + sd ])

[<Fact>]
let ``exact regions from a curvature list match the numeric spectral radius for the USAM family`` () =
    let curvatures = [| q "-3"; q "1"; q "2"; q "5/2"; q "6"; q "-1/2" |]
    let mean = (Array.fold (+) Rational.zero curvatures / Rational.ofInt 6)
    let centred = curvatures |> Array.map (fun x -> Rational.toFloat (x - mean))
    for name in [ "usam"; "usam-hb"; "usam-nesterov"; "two-step-usam"; "hessian-usam" ] do
        let s = subjectOf name
        let values = valuesOf s paper
        let bm = ok (BatchMoments.ofCurvatures 3 (MeanSquare.momentOrder s) (List.ofArray curvatures))
        let region = (ok (MeanSquare.regionAt s values (CurvatureList bm))).Region
        // the law of a = v + (batch mean of the centred list), by enumerating the 20 batches
        let law = batchLaw centred 3
        scan name region (numericM s values) (fun v -> law |> List.map (fun (w, xi) -> w, v + xi))

[<Fact>]
let ``the symmetric lift has the spectral radius of E[M ⊗ M] on all k^2 coordinates`` () =
    let curvatures = [| q "-3"; q "1"; q "2"; q "5/2"; q "6"; q "-1/2" |]
    let mean = Rational.toFloat (Array.fold (+) Rational.zero curvatures / Rational.ofInt 6)
    let law = batchLaw (curvatures |> Array.map Rational.toFloat) 3
    for name, values in [ "heavy-ball", [ "alpha", q "1/10"; "beta", q "1/2" ]; "usam-hb", [ "alpha", q "1/10"; "beta", q "1/2"; "rho", q "1/20" ] ] do
        let s = subjectOf name
        let bm = ok (BatchMoments.ofCurvatures 3 (MeanSquare.momentOrder s) (List.ofArray curvatures))
        let theta = Map.ofList values
        let central = Map.ofList [ for j in 2 .. MeanSquare.momentOrder s -> MeanSquare.centralMomentVariable j, bm.Central.[j] ]
        for shift in [ -5; 0; 4; 11; 25 ] do
            let v = bm.Mean + Rational.ofInt shift
            let assignment = central |> Map.fold (fun (acc: Map<string, Rational>) key x -> acc.Add(key, x)) (theta.Add(s.Rule.Variable, v))
            let n = Array2D.length1 s.Operator.Matrix
            let lifted = DenseMatrix.Create(n, n, fun i j -> Rational.toFloat (MPoly.eval assignment s.Operator.Matrix.[i, j]))
            let vf = Rational.toFloat v
            let full = fullOperator (numericM s values) (law |> List.map (fun (w, a) -> w, a - mean + vf))
            let a, b = radius lifted, radius full
            // both radii are eigenvalues of 3×3 and 4×4 matrices with entries below 1e3 computed
            // in doubles: a relative difference of 1e-9 is far above rounding and far below any
            // genuine difference between two distinct eigenvalues here
            Assert.True(abs (a - b) <= 1e-9 * max 1.0 b, sprintf "%s at v = %O: symmetric %.15g, full %.15g" name v a b)
