namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// Why a value of the eigenvalue is a candidate for the worst case.
type CandidateReason =
    /// An end of the spectrum interval.
    | SpectrumEnd
    /// Two roots of the modulus polynomials meet there (a real root of a discriminant or a
    /// resultant in w): the dominant modulus may change branch or become multiple.
    | BranchesMeet
    /// A branch of the modulus polynomials has zero derivative in the eigenvalue there.
    | BranchStationary

/// A candidate eigenvalue with the exact squared spectral radius there.
type RateCandidate =
    { At: AlgebraicNumber
      RateSquared: AlgebraicNumber
      Reasons: CandidateReason list }

/// max over v in [Lower, Upper] of ρ(p(·, v)), exactly, and where it is attained.
type WorstCaseRate =
    { Variable: string
      Lower: Rational
      Upper: Rational
      /// The worst-case rate, exact.
      Rate: AlgebraicNumber
      RateSquared: AlgebraicNumber
      /// Where the maximum is attained: isolated values and closed intervals (plateaus, on which
      /// the dominant modulus is constant).
      AttainedAt: Region
      /// Every candidate, ascending: the ends and the interior zeros of the critical polynomials.
      Candidates: RateCandidate list
      /// The polynomials in the variable whose real roots are the interior candidates.
      CriticalPolynomials: (CandidateReason * Poly) list }

/// The worst-case rate over an interval of eigenvalues, decided exactly.
///
/// Why the candidates suffice: ρ(v)² is the largest real root g(v) of the modulus polynomials.
/// On an open interval free of zeros of their discriminants and pairwise resultants in w, every
/// root is simple, moves analytically, and real roots stay real and keep their order, so g
/// follows one branch. Off the zeros of Res_w(V, ∂V/∂v) (V a polynomial with its v-free factor
/// removed), no v-dependent branch is stationary, so it is strictly monotone; a v-free branch is
/// constant. Hence g is monotone between consecutive candidates, its maximum over [μ, L] is its
/// maximum over the candidates, and g is constant on a cell exactly when it takes the same value
/// at both ends of the cell. Each value at a candidate is an exact algebraic number.
[<RequireQualifiedAccess>]
module WorstCaseRate =

    let private w = ModulusPolynomials.W

    let private inVariable (v: string) (p: MPoly) =
        match MPoly.tryToPoly v p with
        | Some q -> q
        | None -> invalidOp "a critical polynomial kept a variable other than the eigenvalue"

    /// The critical polynomials of a family, each nonzero, with the reason their roots matter.
    let internal criticalPolynomials (family: RateFamily) : Result<(CandidateReason * Poly) list, string> =
        let v = family.Variable
        let factors = family.Modulus

        let meet =
            [ for x in factors do
                  if MPoly.degreeIn w x >= 2 then
                      yield BranchesMeet, MPoly.resultant w x (MPoly.derivative w x)
              for i in 0 .. factors.Length - 1 do
                  for j in i + 1 .. factors.Length - 1 do
                      yield BranchesMeet, MPoly.resultant w factors.[i] factors.[j] ]

        let stationary =
            [ for x in factors do
                  let content = MPoly.contentIn v x

                  match MPoly.exactDiv x content with
                  | Some moving when MPoly.degreeIn v moving >= 1 ->
                      yield BranchStationary, MPoly.resultant w moving (MPoly.derivative v moving)
                  | Some _ -> ()
                  | None -> invalidOp "a content does not divide its polynomial" ]

        let all = (meet @ stationary) |> List.map (fun (r, p) -> r, inVariable v p)

        match all |> List.tryFind (fun (_, p) -> Poly.isZero p) with
        | Some(BranchStationary, _) ->
            Error "a branch of the spectral radius is stationary for every eigenvalue without being constant; the worst case cannot be decided exactly here"
        | Some _ -> Error "two branches of the spectral radius coincide for every eigenvalue; the worst case cannot be decided exactly here"
        | None -> Ok(all |> List.filter (fun (_, p) -> Poly.degree p >= 1))

    /// The worst case of the family over [lower, upper].
    [<CompiledName("Compute")>]
    let compute (family: RateFamily) (lower: Rational) (upper: Rational) : Result<WorstCaseRate, string> =
        if lower > upper then
            Error(sprintf "the spectrum interval [%O, %O] is empty: its lower end exceeds its upper end" lower upper)
        else
            match criticalPolynomials family with
            | Error e -> Error e
            | Ok critical ->
                let lo, hi = AlgebraicNumber.ofRational lower, AlgebraicNumber.ofRational upper

                let interior =
                    critical
                    |> List.collect (fun (reason, p) ->
                        AlgebraicNumber.realRoots p
                        |> List.ofSeq
                        |> List.filter (fun x -> AlgebraicNumber.compare x lo > 0 && AlgebraicNumber.compare x hi < 0)
                        |> List.map (fun x -> x, reason))

                let ends = if lower = upper then [ lo, SpectrumEnd ] else [ lo, SpectrumEnd; hi, SpectrumEnd ]

                let points =
                    (ends @ interior)
                    |> List.sortWith (fun (a, _) (b, _) -> AlgebraicNumber.compare a b)
                    |> List.fold
                        (fun acc (x, reason) ->
                            match acc with
                            | (y, reasons) :: rest when AlgebraicNumber.compare x y = 0 ->
                                (y, (if List.contains reason reasons then reasons else reasons @ [ reason ])) :: rest
                            | _ -> (x, [ reason ]) :: acc)
                        []
                    |> List.rev

                let candidates =
                    points
                    |> List.map (fun (x, reasons) ->
                        { At = x
                          RateSquared = SpectralRadius.squaredAt family x
                          Reasons = reasons })
                    |> Array.ofList

                let best = candidates |> Array.map (fun c -> c.RateSquared) |> Array.max
                let isMax (c: RateCandidate) = AlgebraicNumber.compare c.RateSquared best = 0

                // a cell between two maximal candidates is a plateau (g is monotone on the cell)
                let intervals = ResizeArray<Interval>()
                let isolated = ResizeArray<AlgebraicNumber>()
                let mutable i = 0

                while i < candidates.Length do
                    if isMax candidates.[i] then
                        let start = i

                        while i + 1 < candidates.Length && isMax candidates.[i + 1] do
                            i <- i + 1

                        if i = start then
                            isolated.Add candidates.[i].At
                        else
                            intervals.Add
                                { Lower = Some { Value = candidates.[start].At; Closed = true }
                                  Upper = Some { Value = candidates.[i].At; Closed = true } }

                    i <- i + 1

                Ok
                    { Variable = family.Variable
                      Lower = lower
                      Upper = upper
                      Rate = AlgebraicArithmetic.sqrt best
                      RateSquared = best
                      AttainedAt = { Intervals = List.ofSeq intervals; Points = List.ofSeq isolated }
                      Candidates = List.ofArray candidates
                      CriticalPolynomials = critical }
