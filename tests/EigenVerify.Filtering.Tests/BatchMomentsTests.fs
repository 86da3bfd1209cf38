module EigenVerify.Filtering.Tests.BatchMomentsTests

open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Filtering
open EigenVerify.Filtering.Tests.Helpers

/// Every B-subset of the indices 0 … n−1.
let rec private subsets (n: int) (b: int) (start: int) : int list list =
    if b = 0 then [ [] ]
    elif start >= n then []
    else
        [ for rest in subsets n (b - 1) (start + 1) -> start :: rest ] @ subsets n b (start + 1)

/// E[(mean of the subset)^j] by enumerating all subsets: the brute-force oracle.
let private bruteForce (xs: Rational[]) (b: int) (order: int) =
    let all = subsets xs.Length b 0
    let count = Rational.ofInt all.Length
    Array.init (order + 1) (fun j ->
        (all
         |> List.fold (fun acc s -> acc + Rational.pow j ((s |> List.fold (fun t i -> t + xs.[i]) Rational.zero) / Rational.ofInt b)) Rational.zero)
        / count)

let private ok (r: Result<'a, string>) =
    match r with
    | Ok x -> x
    | Error e -> failwith e

/// Lists of 1 to 7 small rationals (some repeated, some negative) and a batch size that fits.
let private listAndBatch =
    gen {
        let! n = Gen.choose (1, 7)
        let! nums = Gen.listOfLength n (Gen.choose (-9, 9))
        let! dens = Gen.listOfLength n (Gen.choose (1, 4))
        let! b = Gen.choose (1, n)
        return List.map2 q nums dens, b
    }
    |> Arb.fromGen

[<Property(MaxTest = 150)>]
let ``moments of the without-replacement mean match enumeration of every batch`` () =
    Prop.forAll listAndBatch (fun (xs, b) ->
        let order = 6
        let expected = bruteForce (Array.ofList xs) b order
        let m = ok (BatchMoments.ofCurvatures b order xs)
        // raw moments from the central ones, and the partition formula on the list itself
        BatchMoments.raw m = expected && BatchMoments.meanMoments b order (Array.ofList xs) = expected)

[<Property(MaxTest = 150)>]
let ``the batch variance is p times the population variance with p = (n - B)/(B(n - 1))`` () =
    Prop.forAll listAndBatch (fun (xs, b) ->
        let n = xs.Length
        let m = ok (BatchMoments.ofCurvatures b 2 xs)
        let mean = List.fold (+) Rational.zero xs / Rational.ofInt n
        let s2 = (xs |> List.fold (fun acc x -> acc + (x - mean) * (x - mean)) Rational.zero) / Rational.ofInt n
        // by hand: B = n leaves no randomness; otherwise the classical finite-population correction
        let p = if b = n then Rational.zero else Rational.ofInt (n - b) / Rational.ofInt (b * (n - 1))
        m.Mean = mean && m.SampleVariance = s2 && m.Sampling.Factor = p && m.Central.[2] = p * s2 && m.Central.[1].IsZero)

[<Fact>]
let ``a batch of one is a single sample and a batch of all is the mean`` () =
    let xs = [ r "3"; r "-1/2"; r "7"; r "0"; r "5/3" ]
    let mean = List.fold (+) Rational.zero xs / Rational.ofInt 5
    let one = ok (BatchMoments.ofCurvatures 1 5 xs)
    for j in 0..5 do
        // B = 1: a_B is a uniformly drawn sample, so its central moments are the list's own
        let own = (xs |> List.fold (fun acc x -> acc + Rational.pow j (x - mean)) Rational.zero) / Rational.ofInt 5
        Assert.Equal(own, one.Central.[j])
    let all = ok (BatchMoments.ofCurvatures 5 5 xs)
    Assert.Equal<Rational[]>([| Rational.one; Rational.zero; Rational.zero; Rational.zero; Rational.zero; Rational.zero |], all.Central)

[<Fact>]
let ``the issue's sampling n = 1000, B = 32 has p = 121/3996`` () =
    // (1000 − 32)/(32 · 999) = 968/31968 = 121/3996
    Assert.Equal(r "121/3996", (ok (BatchSampling.create 1000 32)).Factor)

[<Fact>]
let ``a large list keeps exact moments: the third central moment of a batch of a skewed list`` () =
    // 999 zeros and one 1000: a_B = 1000/B if the outlier is drawn (probability B/n), else 0
    let xs = r "1000" :: List.replicate 999 Rational.zero
    let m = ok (BatchMoments.ofCurvatures 32 3 xs)
    let pIn = r "32/1000"
    let hit = r "1000" / r "32"
    let mean = pIn * hit
    let third = pIn * Rational.pow 3 (hit - mean) + (Rational.one - pIn) * Rational.pow 3 (-mean)
    Assert.Equal(mean, m.Mean)
    Assert.Equal(third, m.Central.[3])

[<Fact>]
let ``bad sampling inputs are named`` () =
    let error (r: Result<'a, string>) =
        match r with
        | Error e -> e
        | Ok _ -> failwith "expected an error"
    Assert.Contains("batch size B must be between 1 and the number of samples n = 10, got 11", error (BatchSampling.create 10 11))
    Assert.Contains("got 0", error (BatchSampling.create 10 0))
    Assert.Contains("number of samples n must be at least 1", error (BatchSampling.create 0 1))
    Assert.Contains("list of per-sample curvatures is empty", error (BatchMoments.ofCurvatures 1 2 []))
    Assert.Contains("batch size B", error (BatchMoments.ofCurvatures 4 2 [ r "1"; r "2" ]))
