namespace EigenVerify.Filtering

open System.Collections.Generic
open System.Numerics
open EigenVerify.Algebra

/// How a minibatch is drawn: B of the n samples, uniformly without replacement.
type BatchSampling =
    { Samples: int
      Batch: int
      /// p = (n − B)/(B(n − 1)), and 0 when B = n: a list with population variance s² gives a
      /// batch mean with variance p·s².
      Factor: Rational }

/// The exact law of the batch curvature a_B (the mean of a uniformly drawn B-subset of a list of
/// per-sample curvatures) through its moments.
type BatchMoments =
    { Sampling: BatchSampling
      /// E[a_B], the list's mean.
      Mean: Rational
      /// s² = (1/n)·Σ (aᵢ − mean)², the list's population variance.
      SampleVariance: Rational
      /// E[(a_B − mean)^j] for j = 0 … the order asked for: 1, 0, p·s², …
      Central: Rational[] }

[<RequireQualifiedAccess>]
module BatchSampling =

    /// Checks 1 ≤ B ≤ n and computes p.
    [<CompiledName("Create")>]
    let create (samples: int) (batch: int) : Result<BatchSampling, string> =
        if samples < 1 then
            Error(sprintf "the number of samples n must be at least 1, got %d" samples)
        elif batch < 1 || batch > samples then
            Error(sprintf "the batch size B must be between 1 and the number of samples n = %d, got %d" samples batch)
        else
            let factor =
                if batch = samples then
                    Rational.zero
                else
                    Rational.ofInt (samples - batch) / (Rational.ofInt batch * Rational.ofInt (samples - 1))
            Ok { Samples = samples; Batch = batch; Factor = factor }

/// Moments of the mean of a sample drawn without replacement, exactly, from power sums.
///
/// For a B-subset S of {1 … n} drawn uniformly, (Σ_{i∈S} xᵢ)^j expands over sequences of j indices
/// of S; grouping the positions of equal indices gives a set partition of the j positions into m
/// blocks of sizes e₁ … e_m, and the sequence picks m distinct indices. Any m given distinct
/// indices all lie in S with probability (B)_m/(n)_m (falling factorials), so
///   E[(Σ_S x)^j] = Σ over integer partitions e ⊢ j of  #set partitions of shape e · (B)_m/(n)_m · A(e),
/// with A(e₁ … e_m) = Σ over distinct i₁ … i_m of Π x_{i_r}^{e_r}, which depends only on the
/// multiset e and satisfies A(e₁ … e_m) = p_{e_m}·A(e₁ … e_{m−1}) − Σ_{r<m} A(… e_r + e_m …)
/// (the last index ranges over all indices except the m − 1 already used; p_e = Σ xᵢ^e).
[<RequireQualifiedAccess>]
module BatchMoments =

    let private factorial (k: int) = Seq.fold (fun (acc: BigInteger) i -> acc * BigInteger(i: int)) BigInteger.One (seq { 1..k })

    /// (x)_m = x (x − 1) … (x − m + 1).
    let private falling (x: int) (m: int) =
        Seq.fold (fun (acc: BigInteger) i -> acc * BigInteger(x - i)) BigInteger.One (seq { 0 .. m - 1 })

    /// Integer partitions of j, parts in non-increasing order.
    let rec private partitions (j: int) (largest: int) : int list list =
        if j = 0 then
            [ [] ]
        else
            [ for first in min j largest .. -1 .. 1 do
                  for rest in partitions (j - first) first do
                      yield first :: rest ]

    /// Set partitions of j labelled positions whose block sizes are the parts: j!/(Π eᵢ! · Π mult!).
    let private shapeCount (j: int) (parts: int list) =
        let blocks = parts |> List.fold (fun acc e -> acc * factorial e) BigInteger.One
        let multiplicities = parts |> List.countBy id |> List.fold (fun acc (_, c) -> acc * factorial c) BigInteger.One
        factorial j / (blocks * multiplicities)

    /// E[(x̄_S)^j] for j = 0 … order, x̄_S the mean of a uniform B-subset of xs.
    [<CompiledName("MeanMoments")>]
    let meanMoments (batch: int) (order: int) (xs: Rational[]) : Rational[] =
        let n = xs.Length
        let powerSums =
            Array.init (order + 1) (fun e -> xs |> Array.fold (fun acc x -> acc + Rational.pow e x) Rational.zero)
        let memo = Dictionary<int list, Rational>(HashIdentity.Structural)
        // A over a multiset kept sorted (non-increasing) so equal multisets share one entry
        let rec augmented (es: int list) =
            match es with
            | [] -> Rational.one
            | _ ->
                match memo.TryGetValue es with
                | true, v -> v
                | _ ->
                    let arr = Array.ofList es
                    let m = arr.Length
                    let last = arr.[m - 1]
                    let front = Array.sub arr 0 (m - 1)
                    let sorted (a: int[]) = a |> Array.sortDescending |> List.ofArray
                    let merged =
                        [ for r in 0 .. m - 2 ->
                              let a = Array.copy front
                              a.[r] <- a.[r] + last
                              augmented (sorted a) ]
                    let v = powerSums.[last] * augmented (List.ofArray front) - List.fold (+) Rational.zero merged
                    memo.[es] <- v
                    v
        Array.init (order + 1) (fun j ->
            if j = 0 then
                Rational.one
            else
                let sumMoment =
                    partitions j j
                    |> List.fold
                        (fun acc parts ->
                            let m = parts.Length
                            if m > batch then
                                acc
                            else
                                let chance = Rational.create (falling batch m) (falling n m)
                                acc + Rational.ofBigInt (shapeCount j parts) * chance * augmented parts)
                        Rational.zero
                sumMoment / Rational.pow j (Rational.ofInt batch))

    /// The moments of a_B up to `order` for a list of per-sample curvatures and a batch size.
    [<CompiledName("OfCurvatures")>]
    let ofCurvatures (batch: int) (order: int) (curvatures: Rational list) : Result<BatchMoments, string> =
        if curvatures.IsEmpty then
            Error "the list of per-sample curvatures is empty"
        elif order < 0 then
            Error(sprintf "the moment order must be non-negative, got %d" order)
        else
            match BatchSampling.create curvatures.Length batch with
            | Error e -> Error e
            | Ok sampling ->
                let xs = Array.ofList curvatures
                let n = Rational.ofInt xs.Length
                let mean = Array.fold (+) Rational.zero xs / n
                // centring first: a_B − mean is the batch mean of the centred list, and the numbers stay small
                let centred = xs |> Array.map (fun x -> x - mean)
                let variance = (centred |> Array.fold (fun acc y -> acc + y * y) Rational.zero) / n
                Ok
                    { Sampling = sampling
                      Mean = mean
                      SampleVariance = variance
                      Central = meanMoments batch order centred }

    /// E[a_B^j] for j = 0 … the order of the central moments.
    [<CompiledName("Raw")>]
    let raw (m: BatchMoments) : Rational[] =
        let binomial (j: int) (i: int) = Rational.ofBigInt (factorial j / (factorial i * factorial (j - i)))
        Array.init m.Central.Length (fun j ->
            [ 0..j ] |> List.fold (fun acc i -> acc + binomial j i * Rational.pow (j - i) m.Mean * m.Central.[i]) Rational.zero)
