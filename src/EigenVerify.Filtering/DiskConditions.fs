namespace EigenVerify.Filtering

open System.Collections.Concurrent
open EigenVerify.Algebra

/// One step from a monic real polynomial q of degree m to a monic polynomial of degree m − 1 in the
/// recursive description of S_m = {q : every root in |z| ≤ 1}.
type DiskStep =
    /// The Schur–Cohn reduction S(q) = (q − q(0)·q*) / (z·(1 − q(0)²)), q*(z) = z^m·q(1/z).
    /// When |q(0)| < 1: q ∈ S_m ⟺ S(q) ∈ S_(m−1).
    | SchurCohn
    /// D(q) = q'/m. Every q ∈ S_m has D(q) ∈ S_(m−1) (Gauss–Lucas); when q(0) = ±1 and q is
    /// self-inversive, q ∈ S_m ⟺ D(q) ∈ S_(m−1) (Cohn).
    | Derivative

/// The inequality a chain of steps ends in, on the polynomial q it reaches (degree m).
type DiskBase =
    /// q(1) ≥ 0.
    | AtOne
    /// (−1)^m·q(−1) ≥ 0.
    | AtMinusOne
    /// 1 − q(0) ≥ 0.
    | ConstantAtMostOne
    /// 1 + q(0) ≥ 0.
    | ConstantAtLeastMinusOne
    /// C(m, i) − [z^i]q ≥ 0 (upper) or C(m, i) + [z^i]q ≥ 0: the coefficient bounds of S_m, used only
    /// by the general construction beyond the degrees with a proved minimal description.
    | CoefficientBound of power: int * upper: bool

/// Where a condition comes from: the steps, the first applied to p first, then the base.
type DiskOrigin = { Steps: DiskStep list; Base: DiskBase }

/// One condition "Polynomial ≥ 0" of the description.
type DiskCondition = { Origin: DiskOrigin; Polynomial: MPoly }

/// Why a degree's description is exact.
type DiskDescriptionKind =
    /// A minimal set of the recursive construction, its exactness proved once for the degree by
    /// the obligations in proofs/theorems/ (each checked `unsat` by z3).
    | ProvedMinimal
    /// The full recursive construction (with coefficient bounds), exact by the general argument
    /// for every degree; not minimized.
    | GeneralConstruction

/// Exact polynomial conditions for "every root of the monic real polynomial p lies in the closed
/// unit disk", for any degree, as a conjunction c₁ ≥ 0, …, c_k ≥ 0 of polynomials in p's
/// coefficients (no case split, no strict inequality).
///
/// The construction, for p = z^n + a_(n−1)z^(n−1) + … + a₀ with d = 1 − a₀²:
///   E_n = { p(1) ≥ 0, (−1)^n·p(−1) ≥ 0 }
///       ∪ { d^deg(g)·g(S(p)) ≥ 0 with positive factors (1 ∓ a₀)^k removed : g ∈ E_(n−1) }
///       ∪ { g(D(p)) ≥ 0 : g ∈ E_(n−1) } ∪ { 1 − a₀ ≥ 0, 1 + a₀ ≥ 0 }
/// (beyond the proved degrees the homogenized coefficient bounds of S_(n−1) are added too).
/// Why it is exact: every condition holds on S_n (Schur–Cohn, Gauss–Lucas, continuity), and
/// conversely, when they hold, |a₀| ≤ 1; if |a₀| < 1 then S(p) ∈ S_(n−1) and p = z·S(p) + a₀·S(p)*
/// is in S_n (|z·q| > |q| ≥ |q*| outside the disk); if a₀ = ±1 the conditions force p* = a₀·p, so
/// n·p = z·p' + a₀·(p')* with p'/n ∈ S_(n−1), hence p ∈ S_n by the same inequality.
/// proofs/theorems/README.md gives the argument in full and the per-degree checks.
[<RequireQualifiedAccess>]
module DiskConditions =

    /// The name of the generic coefficient of z^i in the generic conditions.
    [<CompiledName("CoefficientName")>]
    let coefficientName (i: int) = sprintf "a%d" i

    let private coefficient (i: int) = MPoly.var (coefficientName i)

    let private indexOf (name: string) =
        if name.Length >= 2 && name.[0] = 'a' then
            match System.Int32.TryParse(name.Substring 1) with
            | true, i -> Some i
            | _ -> None
        else
            None

    /// Generic coefficients a₀ … a_(n−1) with the leading 1 appended.
    let private genericCoefficients (n: int) =
        Array.init (n + 1) (fun i -> if i = n then MPoly.one else coefficient i)

    let private binomial (n: int) (k: int) =
        let mutable acc = 1I
        for i in 1 .. k do
            acc <- acc * bigint (n - k + i) / bigint i
        Rational.ofBigInt acc

    /// The base inequality on a polynomial with coefficients `q` (z^0 first, leading 1 included).
    let private baseCondition (q: MPoly[]) (b: DiskBase) =
        let m = q.Length - 1
        match b with
        | AtOne -> Array.fold (+) MPoly.zero q
        | AtMinusOne ->
            // (−1)^m q(−1) = Σ (−1)^(m+i) q_i
            q |> Array.mapi (fun i c -> if (m + i) % 2 = 0 then c else -c) |> Array.fold (+) MPoly.zero
        | ConstantAtMostOne -> MPoly.one - q.[0]
        | ConstantAtLeastMinusOne -> MPoly.one + q.[0]
        | CoefficientBound(i, upper) -> MPoly.constant (binomial m i) + (if upper then -q.[i] else q.[i])

    /// Scaled by a positive rational to coprime integer coefficients (signs kept).
    let private primitive (p: MPoly) =
        if MPoly.isZero p then p else MPoly.scale (Rational.inverse (MPoly.rationalContent p)) p

    /// The numerator of the Schur–Cohn reduction of p (coefficients z^0 first, leading 1 included):
    /// c_i = a_(i+1) − a₀·a_(n−1−i) for i < n − 1, and d = 1 − a₀², so that
    /// (p − a₀·p*)/z = d·z^(n−1) + Σ c_i z^i.
    [<CompiledName("SchurCohnNumerator")>]
    let schurCohnNumerator (p: MPoly[]) : MPoly[] * MPoly =
        let n = p.Length - 1
        let a0 = p.[0]
        Array.init (n - 1) (fun i -> p.[i + 1] - a0 * p.[n - 1 - i]), MPoly.one - a0 * a0

    /// d^deg(g) · g(c₀/d, …, c_(m−1)/d) for a generic condition g of degree m (variables a_i):
    /// a polynomial, equal to g at S(p) times d^deg(g) > 0 wherever |a₀| < 1.
    [<CompiledName("Homogenize")>]
    let homogenize (g: MPoly) (c: MPoly[]) (d: MPoly) : MPoly =
        let total = MPoly.totalDegree g
        let powers = System.Collections.Generic.Dictionary<int * int, MPoly>()
        let power (i: int) (e: int) (x: MPoly) =
            match powers.TryGetValue((i, e)) with
            | true, r -> r
            | _ ->
                let r = MPoly.pow e x
                powers.[(i, e)] <- r
                r
        MPoly.terms g
        |> List.fold
            (fun acc (m, coeff) ->
                let degree = m |> Map.fold (fun s _ e -> s + e) 0
                let term =
                    m
                    |> Map.fold
                        (fun t v e ->
                            match indexOf v with
                            | Some i when i < c.Length -> t * power i e c.[i]
                            | _ -> invalidArg "g" (sprintf "'%s' is not a generic coefficient of degree %d" v c.Length))
                        (MPoly.constant coeff)
                acc + term * power -1 (total - degree) d)
            MPoly.zero

    /// g = κ·(1 − a₀)^i·(1 + a₀)^j·rest with κ > 0 rational and i, j maximal: the factors that are
    /// positive wherever |a₀| < 1. Returns (rest, i, j, κ).
    [<CompiledName("RemoveUnitFactors")>]
    let removeUnitFactors (a0: MPoly) (g: MPoly) : MPoly * int * int * Rational =
        let rec divideOut (f: MPoly) (g: MPoly) (k: int) =
            if MPoly.isZero g then g, k
            else
                match MPoly.exactDiv g f with
                | Some q -> divideOut f q (k + 1)
                | None -> g, k
        let g1, i = divideOut (MPoly.one - a0) g 0
        let g2, j = divideOut (MPoly.one + a0) g1 0
        let rest = primitive g2
        let kappa = if MPoly.isZero g2 then Rational.one else MPoly.rationalContent g2
        rest, i, j, kappa

    /// The coefficients of D(p) = p'/n (z^0 first, leading 1 included).
    [<CompiledName("DerivativeCoefficients")>]
    let derivativeCoefficients (p: MPoly[]) : MPoly[] =
        let n = p.Length - 1
        Array.init n (fun i -> MPoly.scale (Rational.ofFraction (i + 1) n) p.[i + 1])

    /// g(D(p)): the generic condition g of degree n − 1 at the coefficients of p'/n.
    let private atDerivative (p: MPoly[]) (g: MPoly) =
        let dp = derivativeCoefficients p
        MPoly.substituteWith
            (fun v ->
                match indexOf v with
                | Some i when i < dp.Length - 1 -> Some dp.[i]
                | _ -> None)
            g

    /// The highest degree whose description is a proved minimal set.
    [<CompiledName("ProvedDegree")>]
    let provedDegree = 5

    /// From this degree on the construction also clears the coefficient bounds of S_(n−1) at S(p):
    /// without them the conditions no longer force p = ±p* when a₀ = ±1 (z3 finds a counterexample
    /// at degree 6), and with them they always do (at a₀ = ±1 the bounds read ±c_i ≥ 0).
    [<CompiledName("BoundsFrom")>]
    let boundsFrom = 6

    let private s = SchurCohn
    let private d = Derivative
    let private at (steps: DiskStep list) (b: DiskBase) = { Steps = steps; Base = b }

    /// The proved minimal sets: which conditions of the construction are kept per degree. Each
    /// set was found by removing conditions while z3 still proved every obligation of the
    /// sufficiency argument (DiskTheorem in the Proofs project), and is certified by the files in
    /// proofs/theorems/. "Minimal" is for that argument: up to degree 4 every condition is also
    /// needed for exactness (an unstable polynomial passes the others); at degree 5 that is shown
    /// for seven of the ten and open for S.S.D, S.D.S and 1 + p(0) (keeping a redundant condition
    /// costs nothing in soundness; the simplification on a domain drops it when it is implied).
    let private minimalSets: Map<int, DiskOrigin list> =
        Map.ofList
            [ 1, [ at [] AtOne; at [] AtMinusOne ]
              2, [ at [] AtOne; at [] AtMinusOne; at [] ConstantAtMostOne ]
              3, [ at [] AtOne; at [] AtMinusOne; at [ s ] ConstantAtMostOne; at [ d ] ConstantAtMostOne ]
              4,
              [ at [] AtOne
                at [] AtMinusOne
                at [ s; s ] ConstantAtMostOne
                at [ s; d ] ConstantAtMostOne
                at [ d; s ] ConstantAtMostOne
                at [] ConstantAtMostOne ]
              5,
              [ at [] AtOne
                at [] AtMinusOne
                at [ s; s; s ] ConstantAtMostOne
                at [ s; s; d ] ConstantAtMostOne
                at [ s; d; s ] ConstantAtMostOne
                at [ s ] ConstantAtMostOne
                at [ d; s; s ] ConstantAtMostOne
                at [ d; s; d ] ConstantAtMostOne
                at [] ConstantAtMostOne
                at [] ConstantAtLeastMinusOne ] ]

    let private cache = ConcurrentDictionary<int, DiskCondition list>()

    /// The kind of description used for degree n.
    [<CompiledName("Kind")>]
    let kind (n: int) =
        if n <= provedDegree then ProvedMinimal else GeneralConstruction

    /// Every condition of the recursive construction for degree n, before selecting a minimal
    /// set: duplicates (equal up to a positive rational) and constants ≥ 0 are left out, the first
    /// occurrence kept. The lower degree enters through its own description (`generic`).
    let rec candidates (n: int) : DiskCondition list =
        if n < 1 then
            []
        else
            let p = genericCoefficients n
            let a0 = p.[0]
            let lower = if n = 1 then [] else generic (n - 1)
            let bounds =
                if n >= boundsFrom then
                    [ for i in 0 .. n - 2 do
                          for upper in [ true; false ] do
                              let b = CoefficientBound(i, upper)
                              yield { Origin = at [] b; Polynomial = baseCondition (genericCoefficients (n - 1)) b } ]
                else
                    []
            let c, dd = schurCohnNumerator p
            let reduced =
                (lower @ bounds)
                |> List.map (fun g ->
                    let rest, _, _, _ = removeUnitFactors a0 (homogenize g.Polynomial c dd)
                    { Origin = { g.Origin with Steps = SchurCohn :: g.Origin.Steps }; Polynomial = rest })
            let derived =
                lower
                |> List.map (fun g ->
                    { Origin = { g.Origin with Steps = Derivative :: g.Origin.Steps }
                      Polynomial = primitive (atDerivative p g.Polynomial) })
            let own (b: DiskBase) = { Origin = at [] b; Polynomial = primitive (baseCondition p b) }
            let all =
                [ own AtOne; own AtMinusOne ] @ reduced @ derived @ [ own ConstantAtMostOne; own ConstantAtLeastMinusOne ]
            all
            |> List.fold
                (fun (kept: DiskCondition list) (cond: DiskCondition) ->
                    match MPoly.tryConstant cond.Polynomial with
                    | Some v when v.Sign >= 0 -> kept
                    | Some _ -> invalidOp (sprintf "internal error: the disk condition %A is a negative constant" cond.Origin)
                    | None ->
                        if kept |> List.exists (fun k -> k.Polynomial = cond.Polynomial) then kept else kept @ [ cond ])
                []

    /// The description used for degree n, in the generic coefficients a₀ … a_(n−1): the proved
    /// minimal set for n ≤ `provedDegree`, the general construction beyond.
    and [<CompiledName("Generic")>] generic (n: int) : DiskCondition list =
        if n < 1 then
            []
        else
            cache.GetOrAdd(
                n,
                fun n ->
                    let all = candidates n
                    match Map.tryFind n minimalSets with
                    | Some keep ->
                        keep
                        |> List.map (fun o ->
                            match all |> List.tryFind (fun c -> c.Origin = o) with
                            | Some c -> c
                            | None -> invalidOp (sprintf "internal error: the proved set of degree %d names %A, which the construction does not produce" n o))
                    | None -> all
            )

    /// The description at concrete coefficients: each generic a_i replaced by coefficients.[i]
    /// (z^0 first, the leading 1 not included). Conditions that become constants ≥ 0 stay in the
    /// list (the caller decides what to print).
    [<CompiledName("Instantiate")>]
    let instantiate (coefficients: MPoly[]) : DiskCondition list =
        let n = coefficients.Length
        generic n
        |> List.map (fun c ->
            { c with
                Polynomial =
                    MPoly.substituteWith
                        (fun v ->
                            match indexOf v with
                            | Some i when i < n -> Some coefficients.[i]
                            | _ -> None)
                        c.Polynomial })

    /// The conditions of a polynomial monic in `z` (its other variables stay symbolic), or why
    /// there are none.
    [<CompiledName("OfMonic")>]
    let ofMonic (z: string) (p: MPoly) : Result<DiskCondition list, string> =
        let cs = MPoly.coeffsIn z p
        let n = cs.Length - 1
        if n < 1 then
            Error(sprintf "the characteristic polynomial has degree %d in %s; closed-disk conditions need degree at least 1" n z)
        elif cs.[n] <> MPoly.one then
            Error(sprintf "the characteristic polynomial is not monic in %s (leading coefficient %s)" z (MPoly.toString cs.[n]))
        else
            Ok(instantiate (Array.sub cs 0 n))

    /// The conditions of p = L·z^n + c_(n−1)·z^(n−1) + … + c₀ whose leading coefficient L is free
    /// of `z` (a polynomial in the hyperparameters, nonzero wherever the conditions are used):
    /// p/L is monic with the same roots and coefficients c_i/L, and each condition g(c/L) ≥ 0 is
    /// multiplied by L^(2⌈deg g/2⌉), an even power of L and so positive wherever L ≠ 0, which makes
    /// it the polynomial L^(2⌈deg g/2⌉ − deg g)·homogenize(g, c, L) with the same truth value.
    /// For L = 1 these are the conditions of `ofMonic`.
    [<CompiledName("OfCleared")>]
    let ofCleared (z: string) (p: MPoly) : Result<DiskCondition list, string> =
        let cs = MPoly.coeffsIn z p
        let n = cs.Length - 1
        if n < 1 then
            Error(sprintf "the characteristic polynomial has degree %d in %s; closed-disk conditions need degree at least 1" n z)
        elif cs.[n] = MPoly.one then
            ofMonic z p
        else
            let lead = cs.[n]
            let lower = Array.sub cs 0 n
            Ok(
                generic n
                |> List.map (fun g ->
                    let degree = MPoly.totalDegree g.Polynomial
                    let h = homogenize g.Polynomial lower lead
                    { g with Polynomial = primitive (if degree % 2 = 1 then h * lead else h) })
            )

    /// Do all conditions hold at rational coefficients (z^0 first, leading 1 not included)?
    [<CompiledName("Holds")>]
    let holds (coefficients: Rational[]) : bool =
        let values = coefficients |> Array.mapi (fun i c -> coefficientName i, c) |> Map.ofArray
        generic coefficients.Length |> List.forall (fun c -> (MPoly.eval values c.Polynomial).Sign >= 0)

    /// The polynomial q the origin's steps reach, written with S (Schur–Cohn) and D (derivative).
    let private reachedText (steps: DiskStep list) =
        steps |> List.fold (fun acc st -> (match st with SchurCohn -> "S" | Derivative -> "D") + "(" + acc + ")") "p"

    /// "p(1) >= 0", "q(0) <= 1 for q = S(D(p))": what the condition says before clearing
    /// denominators (S(q) = (q − q(0)q*)/(z(1 − q(0)²)), D(q) = q'/deg q).
    [<CompiledName("OriginText")>]
    let originText (n: int) (o: DiskOrigin) =
        let m = n - o.Steps.Length
        let q = if o.Steps.IsEmpty then "p" else "q"
        let body =
            match o.Base with
            | AtOne -> sprintf "%s(1) >= 0" q
            | AtMinusOne -> sprintf "%s%s(-1) >= 0" (if m % 2 = 0 then "" else "-") q
            | ConstantAtMostOne -> sprintf "%s(0) <= 1" q
            | ConstantAtLeastMinusOne -> sprintf "%s(0) >= -1" q
            | CoefficientBound(i, upper) -> sprintf "%O %s [z^%d]%s >= 0" (binomial m i) (if upper then "-" else "+") i q
        if o.Steps.IsEmpty then body else sprintf "%s for q = %s" body (reachedText o.Steps)

    /// A short identifier: "p(1)", "S.D:1-q(0)".
    [<CompiledName("OriginId")>]
    let originId (o: DiskOrigin) =
        let steps = o.Steps |> List.map (function SchurCohn -> "S" | Derivative -> "D") |> String.concat "."
        let b =
            match o.Base with
            | AtOne -> "q(1)"
            | AtMinusOne -> "q(-1)"
            | ConstantAtMostOne -> "1-q(0)"
            | ConstantAtLeastMinusOne -> "1+q(0)"
            | CoefficientBound(i, upper) -> sprintf "bound%d%s" i (if upper then "+" else "-")
        if steps = "" then b else steps + ":" + b
