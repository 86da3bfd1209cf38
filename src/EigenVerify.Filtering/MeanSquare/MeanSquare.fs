namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// What is known about the batch curvature a_B besides its mean, which the region varies.
type NoiseModel =
    /// Var[a_B] = σ², given directly.
    | BatchVariance of variance: Rational
    /// Var[a_B] = p·s² for per-sample curvatures with population variance s² (the spread) and
    /// batches of B out of n drawn without replacement.
    | SampleSpread of sampling: BatchSampling * spread: Rational
    /// A list of per-sample curvatures: every central moment of a_B is exact, and the region
    /// shifts the whole list so that its mean is the eigenvalue v (the central moments stay fixed).
    | CurvatureList of BatchMoments

/// A rule prepared for mean-square questions. The batch curvature is a = v + ξ with E[ξ] = 0,
/// E[ξ²] = "sigma2" and E[ξ^j] = "kappa<j>" for j ≥ 3, all symbolic here.
type MeanSquareSubject =
    { Rule: MeanSquareRule
      /// D, the degree of M in the eigenvalue: the operator needs the moments of a up to 2D.
      EigenDegree: int
      /// S ↦ E[M(a) S M(a)ᵀ] with entries in v, the central moments and θ.
      Operator: SecondMomentOperator
      /// c₀ … c_{n−1}, the Taylor coefficients of q at z = 1; the region is where all are ≥ 0.
      Criterion: MPoly list }

/// The exact mean-square region in the eigenvalue for concrete hyperparameters and noise.
type MeanSquareRegion =
    { Optimizer: string
      /// "lambda", or "mu" for preconditioned rules.
      Variable: string
      Params: (string * Rational) list
      Noise: NoiseModel
      /// σ² = Var[a_B].
      BatchVariance: Rational
      /// E[(a_B − E a_B)^j] for j = 0 … 2D: the moments the operator used.
      CentralMoments: Rational[]
      /// D, the degree of M in the eigenvalue.
      EigenDegree: int
      /// D ≥ 2: moments beyond the variance were used, taken from the curvature list.
      UsesHigherMoments: bool
      /// q(z) = det(zI − E[M ⊗ M]) at these inputs: a polynomial in z and the eigenvalue.
      LiftedCharPoly: MPoly
      /// The criterion at these inputs: the region is {v : every c(v) ≥ 0}.
      Conditions: Poly list
      /// {v : ρ(E[M(a_B) ⊗ M(a_B)]) ≤ 1} on symmetric matrices.
      Region: Region
      /// For a curvature list: is its own mean (the unshifted list) in the region?
      ListMeanInside: bool option }

/// Where a stability limit lies.
type StabilityLimit =
    /// Not even the noiseless iteration is stable: the eigenvalue is outside the deterministic region.
    | NoneStable
    /// Stable exactly from 0 up to this value, inclusive.
    | UpTo of AlgebraicNumber
    /// Stable however large.
    | Unbounded

/// The largest batch variance (and per-sample spread) for which a given eigenvalue stays
/// mean-square stable: by monotonicity the stable variances form an interval starting at 0.
type VarianceLimitAt =
    { Optimizer: string
      Variable: string
      Params: (string * Rational) list
      Eigenvalue: Rational
      /// The limit on σ² = Var[a_B].
      MaxVariance: StabilityLimit
      Sampling: BatchSampling option
      /// With a sampling: the limit on the per-sample standard deviation s (σ² = p·s²).
      MaxSpread: StabilityLimit option }

/// The region in the (v, σ²) plane for a rule affine in the eigenvalue, with symbolic θ.
type MeanSquareClosedForm =
    { Optimizer: string
      Variable: string
      /// "sigma2", the batch variance σ².
      NoiseVariable: string
      Params: ParamDomain list
      /// M(v; θ), the rule's linearization.
      Matrix: MPoly[,]
      /// The lifted operator and q(z) = det(zI − L), in v, sigma2 and θ.
      Operator: SecondMomentOperator
      /// R = {(v, σ²) : σ² ≥ 0 and c ≥ 0 for every condition c}; each is a Taylor coefficient
      /// q^(j)(1)/j! divided by its positive rational content, constants > 0 left out.
      Conditions: MPoly list
      /// c₀ = q(1): the boundary of R lies on c₀ = 0 (ρ = 1 there, and ρ is a root of q).
      Boundary: MPoly
      /// "sigma2 >= 0 and -alpha^2*lambda^2 - ... >= 0".
      Statement: string }

/// What an SMT certificate of the affine mean-square region needs: the membership formula
/// "(v, σ²) ∈ R" as polynomial conditions, each read "≥ 0", and the objects it speaks about.
type MeanSquareCertificateInput =
    { Rule: string
      Variable: string
      NoiseVariable: string
      Params: ParamDomain list
      /// M(v; θ).
      Matrix: MPoly[,]
      /// The coordinates (i, j), i ≤ j, of the symmetric matrices.
      Basis: (int * int)[]
      /// L(v, σ²; θ) = E[M(a) ⊗ M(a)] on symmetric matrices, a with mean v and variance σ².
      LiftedMatrix: MPoly[,]
      /// det(zI − L).
      LiftedCharPoly: MPoly
      /// (origin, polynomial): "sigma2 >= 0", "q(1) >= 0", "q'(1) >= 0", …; their conjunction is
      /// equivalent to every root of q lying in the closed unit disk.
      Membership: (string * MPoly) list }

/// The linear mean-square analysis of minibatch iterations, exactly.
///
/// Model: near a minimizer where every per-sample gradient vanishes, per-sample Hessians share an
/// eigenvector; along it the batch curvature a_B is random with mean v (λ or μ). The linearized
/// state evolves as u⁺ = M(a_B) u with independent batches, and its second moment S = E[u uᵀ] as
/// S⁺ = T(S), T(S) = E[M(a) S M(a)ᵀ] (see `SecondMomentOperator`). The iteration is mean-square
/// stable when ρ(T) ≤ 1, the analogue of the deterministic closed-disk condition.
///
/// Criterion: ρ(T) ≤ 1 ⟺ every Taylor coefficient of q(z) = det(zI − T) at z = 1 is ≥ 0.
/// Proof. T maps the positive semidefinite cone into itself (each M S Mᵀ is PSD, and so is their
/// average), a closed, pointed cone with interior, so ρ(T) is itself an eigenvalue of T
/// (Krein–Rutman). (⇐) If q(1 + w) = wⁿ + Σ c_j w^j has every c_j ≥ 0 then q(1 + w) ≥ wⁿ > 0 for
/// w > 0: q has no root in (1, ∞), and the real eigenvalue ρ(T) ≥ 0 is not above 1. (⇒) If
/// ρ(T) ≤ 1, every root r of q has |r| ≤ 1, so q(1 + w) = Π (w + 1 − r) is a product of factors
/// w + c with c = 1 − r ≥ 0 (real r) and w² + 2 Re(1 − r) w + |1 − r|² (complex pairs), all with
/// non-negative coefficients, and so is their product. ∎
/// The criterion needs no assumption on how M depends on v; it is exact for every rule.
///
/// Monotonicity (used for variance limits): for a rule affine in v, T = A + σ² B with A(S) =
/// M(v) S M(v)ᵀ and B(S) = M₁ S M₁ᵀ both cone-preserving. For σ₁² ≤ σ₂² the difference
/// T₂^t − T₁^t is a sum of products of cone-preserving maps, so T₁^t(I) ≼ T₂^t(I); and for a
/// cone-preserving T, ρ(T) = lim tr(T^t(I))^(1/t) because every S with ‖S‖ ≤ 1 lies between −I
/// and I. Hence ρ(T) is non-decreasing in σ², and the stable σ² at a fixed v form an interval
/// starting at 0 (empty when ρ(A) = ρ(M(v))² > 1).
[<RequireQualifiedAccess>]
module MeanSquare =

    /// The batch variance σ² in every polynomial of this module.
    [<Literal>]
    let NoiseVariable = "sigma2"

    /// The variable standing for E[ξ^j], the j-th central moment of the batch curvature.
    [<CompiledName("CentralMomentVariable")>]
    let centralMomentVariable (j: int) = if j = 2 then NoiseVariable else sprintf "kappa%d" j

    /// The moments the operator needs: central moments 0 … 2D.
    [<CompiledName("MomentOrder")>]
    let momentOrder (s: MeanSquareSubject) = 2 * s.EigenDegree

    /// The second-moment operator and criterion of a linearized rule.
    let private subjectOf (m: OptimizerModel) (linearized: Result<MeanSquareRule, string>) : Result<MeanSquareSubject, string> =
        match linearized with
        | Error e -> Error e
        | Ok rule ->
            let d = SecondMoment.eigenDegree rule.Variable rule.Matrix
            let reserved = SecondMoment.Z :: [ for j in 2 .. 2 * d -> centralMomentVariable j ]
            match rule.Params |> List.tryFind (fun p -> List.contains p.Name reserved) with
            | Some p ->
                Error(
                    sprintf
                        "hyperparameter '%s' of %s has a name the mean-square analysis uses for itself (%s); rename it"
                        p.Name
                        m.Name
                        (String.concat ", " reserved)
                )
            | None ->
                let central j =
                    match j with
                    | 0 -> MPoly.one
                    | 1 -> MPoly.zero
                    | j -> MPoly.var (centralMomentVariable j)
                let operator = SecondMoment.create rule.Variable (SecondMoment.shiftedMoment rule.Variable central) rule.Matrix
                Ok
                    { Rule = rule
                      EigenDegree = d
                      Operator = operator
                      Criterion = SecondMoment.taylorAtOne operator.CharPoly }

    /// Linearizes the rule and builds its symbolic second-moment operator and criterion.
    [<CompiledName("Subject")>]
    let subject (m: OptimizerModel) : Result<MeanSquareSubject, string> = subjectOf m (DeterministicCore.linearize m)

    /// The subject for questions at exact hyperparameter values (regions, memberships, variance
    /// limits at those values): the symbolic subject for a rule with polynomial coefficients, and
    /// for a rule whose Jacobian has denominators the one of M with the values put in, which the
    /// symbolic analysis cannot take. The values are validated again where the subject is used.
    [<CompiledName("SubjectAt")>]
    let subjectAt (m: OptimizerModel) (values: (string * Rational) list) : Result<MeanSquareSubject, string> =
        match RuleAnalysis.linearize m with
        | Ok s when not (Linearization.hasPolynomialEntries s.Linearization) ->
            match DeterministicCore.validate m.Params values with
            | Error e -> Error e
            | Ok theta -> subjectOf m (DeterministicCore.linearizeAt m s theta)
        | _ -> subject m

    let private higherDegreeError (s: MeanSquareSubject) =
        sprintf
            "%s has degree %d in %s: its mean-square region needs the batch curvature's moments up to order %d, which a variance does not fix; give the list of per-sample curvatures"
            s.Rule.Name
            s.EigenDegree
            s.Rule.Variable
            (momentOrder s)

    /// σ² and the central moments 0 … 2D of a_B for the noise model.
    let private resolve (s: MeanSquareSubject) (noise: NoiseModel) : Result<Rational * Rational[], string> =
        let order = momentOrder s
        let fromVariance (variance: Rational) =
            if variance.Sign < 0 then
                Error(sprintf "the batch variance must be non-negative, got %O" variance)
            elif s.EigenDegree >= 2 then
                Error(higherDegreeError s)
            else
                Ok(variance, [| Rational.one; Rational.zero; variance |] |> Array.truncate (order + 1))
        match noise with
        | BatchVariance v -> fromVariance v
        | SampleSpread(sampling, spread) ->
            if spread.Sign < 0 then
                Error(sprintf "the per-sample spread s^2 must be non-negative, got %O" spread)
            else
                fromVariance (sampling.Factor * spread)
        | CurvatureList bm ->
            if bm.Central.Length <= order then
                Error(
                    sprintf
                        "the curvature list's moments were computed up to order %d, but %s needs order %d"
                        (bm.Central.Length - 1)
                        s.Rule.Name
                        order
                )
            else
                let variance = if bm.Central.Length > 2 then bm.Central.[2] else bm.Sampling.Factor * bm.SampleVariance
                Ok(variance, Array.sub bm.Central 0 (order + 1))

    /// θ and the central moments as one assignment of the criterion's variables.
    let private assignment (theta: Map<string, Rational>) (central: Rational[]) =
        [ 2 .. central.Length - 1 ] |> List.fold (fun (acc: Map<string, Rational>) j -> acc.Add(centralMomentVariable j, central.[j])) theta

    let private univariate (v: string) (p: MPoly) =
        match MPoly.tryToPoly v p with
        | Some q -> q
        | None ->
            invalidOp (sprintf "internal error: %s still has variables other than %s" (MPoly.toString p) v)

    let private ordered (s: MeanSquareSubject) (theta: Map<string, Rational>) =
        s.Rule.Params |> List.map (fun d -> d.Name, theta.[d.Name])

    /// The exact region in the eigenvalue at concrete hyperparameters and noise.
    [<CompiledName("RegionAt")>]
    let regionAt (s: MeanSquareSubject) (values: (string * Rational) list) (noise: NoiseModel) : Result<MeanSquareRegion, string> =
        match DeterministicCore.validate s.Rule.Params values with
        | Error e -> Error e
        | Ok theta ->
            match resolve s noise with
            | Error e -> Error e
            | Ok(variance, central) ->
                let values = assignment theta central
                let v = s.Rule.Variable
                let conditions = s.Criterion |> List.map (MPoly.substitute values >> univariate v)
                let region = DeterministicCore.signConditionRegion (conditions |> List.map (fun c -> c, [ 0; 1 ]))
                Ok
                    { Optimizer = s.Rule.Name
                      Variable = v
                      Params = ordered s theta
                      Noise = noise
                      BatchVariance = variance
                      CentralMoments = central
                      EigenDegree = s.EigenDegree
                      UsesHigherMoments = s.EigenDegree >= 2
                      LiftedCharPoly = MPoly.substitute values s.Operator.CharPoly
                      Conditions = conditions
                      Region = region
                      ListMeanInside =
                        match noise with
                        | CurvatureList bm -> Some(Region.contains bm.Mean region)
                        | _ -> None }

    /// The coefficients of z^0 … z^n of q at concrete hyperparameters and noise, as polynomials in
    /// the eigenvalue: the input of the deterministic exact-region machinery.
    [<CompiledName("LiftedCharPolyAt")>]
    let liftedCharPolyAt (s: MeanSquareSubject) (values: (string * Rational) list) (noise: NoiseModel) : Result<Poly[], string> =
        match DeterministicCore.validate s.Rule.Params values, resolve s noise with
        | Error e, _
        | _, Error e -> Error e
        | Ok theta, Ok(_, central) ->
            let q = MPoly.substitute (assignment theta central) s.Operator.CharPoly
            Ok(MPoly.coeffsIn SecondMoment.Z q |> Array.map (univariate s.Rule.Variable))

    /// The same region as `regionAt`, computed instead by the deterministic machinery on q
    /// (critical polynomial, cells, closed-disk tests): a second, independent exact algorithm.
    [<CompiledName("RegionByClosedDisk")>]
    let regionByClosedDisk (s: MeanSquareSubject) (values: (string * Rational) list) (noise: NoiseModel) : Result<Region, string> =
        liftedCharPolyAt s values noise |> Result.bind DeterministicCore.exactRegion

    /// Is the eigenvalue v mean-square stable at these inputs? Exact: the criterion's signs.
    [<CompiledName("IsStableAt")>]
    let isStableAt (s: MeanSquareSubject) (values: (string * Rational) list) (noise: NoiseModel) (v: Rational) : Result<bool, string> =
        match DeterministicCore.validate s.Rule.Params values, resolve s noise with
        | Error e, _
        | _, Error e -> Error e
        | Ok theta, Ok(_, central) ->
            let values = (assignment theta central).Add(s.Rule.Variable, v)
            Ok(s.Criterion |> List.forall (fun c -> (MPoly.eval values c).Sign >= 0))

    /// s with p·s² = σ² for the limit σ² = b ≥ 0: the positive roots of P(p·x²), P the defining
    /// polynomial of b, correspond in order to the positive roots of P (x ↦ p·x² is increasing on
    /// x > 0), so the root for b is found by b's rank among P's positive roots.
    let private spreadFor (factor: Rational) (b: AlgebraicNumber) =
        let zero = AlgebraicNumber.ofInt 0
        if AlgebraicNumber.compare b zero = 0 then
            zero
        else
            let p = AlgebraicNumber.definingPoly b
            let positive (roots: AlgebraicNumber list) = roots |> List.filter (fun r -> AlgebraicNumber.compare r zero > 0)
            let rank = positive (AlgebraicNumber.realRoots p) |> List.filter (fun r -> AlgebraicNumber.compare r b < 0) |> List.length
            let composed = Poly.compose p (Poly.scale factor (Poly.monomial 2))
            (positive (AlgebraicNumber.realRoots composed)).[rank]

    /// The stable batch variances at a rational eigenvalue (rules affine in the eigenvalue), and
    /// with a sampling the stable per-sample spreads. Exact: the criterion as conditions in σ².
    [<CompiledName("VarianceLimitAt")>]
    let varianceLimitAt
        (s: MeanSquareSubject)
        (values: (string * Rational) list)
        (eigenvalue: Rational)
        (sampling: BatchSampling option)
        : Result<VarianceLimitAt, string> =
        if s.EigenDegree >= 2 then
            Error(higherDegreeError s)
        else
            match DeterministicCore.validate s.Rule.Params values with
            | Error e -> Error e
            | Ok theta ->
                let values = theta.Add(s.Rule.Variable, eigenvalue)
                let sigma2 = Poly.x
                let conditions = s.Criterion |> List.map (MPoly.substitute values >> univariate NoiseVariable)
                let stable = DeterministicCore.signConditionRegion ((sigma2, [ 0; 1 ]) :: (conditions |> List.map (fun c -> c, [ 0; 1 ])))
                let isZero (b: Bound option) =
                    match b with
                    | Some b -> b.Closed && AlgebraicNumber.compare b.Value (AlgebraicNumber.ofInt 0) = 0
                    | None -> false
                let limit =
                    match stable.Intervals, stable.Points with
                    | [], [] -> NoneStable
                    | [], [ p ] when AlgebraicNumber.compare p (AlgebraicNumber.ofInt 0) = 0 -> UpTo p
                    | [ i ], [] when isZero i.Lower ->
                        match i.Upper with
                        | None -> Unbounded
                        | Some b when b.Closed -> UpTo b.Value
                        | Some _ -> invalidOp "internal error: the stable variances do not form a closed set"
                    | _ ->
                        invalidOp (
                            sprintf
                                "internal error: the stable variances at %s = %O are %s, not an interval starting at 0"
                                s.Rule.Variable
                                eigenvalue
                                (Region.toText stable)
                        )
                let spread =
                    sampling
                    |> Option.map (fun smp ->
                        match limit with
                        | NoneStable -> NoneStable
                        | Unbounded -> Unbounded
                        // B = n: every batch is the whole list, a_B has no variance whatever the spread
                        | UpTo _ when smp.Factor.IsZero -> Unbounded
                        | UpTo b -> UpTo(spreadFor smp.Factor b))
                Ok
                    { Optimizer = s.Rule.Name
                      Variable = s.Rule.Variable
                      Params = ordered s theta
                      Eigenvalue = eigenvalue
                      MaxVariance = limit
                      Sampling = sampling
                      MaxSpread = spread }

    /// The region in the (v, σ²) plane for symbolic hyperparameters (rules affine in v).
    [<CompiledName("ClosedForm")>]
    let closedForm (s: MeanSquareSubject) : Result<MeanSquareClosedForm, string> =
        if s.EigenDegree >= 2 then
            Error(higherDegreeError s)
        else
            let normalize (c: MPoly) = if MPoly.isZero c then c else MPoly.scale (Rational.inverse (MPoly.rationalContent c)) c
            let trivial (c: MPoly) =
                match MPoly.tryConstant c with
                | Some x -> x.Sign >= 0
                | None -> false
            let conditions = s.Criterion |> List.map normalize |> List.filter (trivial >> not)
            let statement =
                (NoiseVariable + " >= 0") :: (conditions |> List.map (fun c -> MPoly.toString c + " >= 0")) |> String.concat " and "
            Ok
                { Optimizer = s.Rule.Name
                  Variable = s.Rule.Variable
                  NoiseVariable = NoiseVariable
                  Params = s.Rule.Params
                  Matrix = s.Rule.Matrix
                  Operator = s.Operator
                  Conditions = conditions
                  Boundary = List.head s.Criterion
                  Statement = statement }

    /// The membership formula and the polynomials an SMT certificate of the closed form checks.
    [<CompiledName("CertificateInput")>]
    let certificateInput (cf: MeanSquareClosedForm) : MeanSquareCertificateInput =
        let origin (j: int) =
            match j with
            | 0 -> "q(1) >= 0"
            | 1 -> "q'(1) >= 0"
            | 2 -> "q''(1)/2 >= 0"
            | j -> sprintf "q^(%d)(1)/%d! >= 0" j j
        let criterion = SecondMoment.taylorAtOne cf.Operator.CharPoly
        { Rule = cf.Optimizer
          Variable = cf.Variable
          NoiseVariable = cf.NoiseVariable
          Params = cf.Params
          Matrix = cf.Matrix
          Basis = cf.Operator.Basis
          LiftedMatrix = cf.Operator.Matrix
          LiftedCharPoly = cf.Operator.CharPoly
          Membership = (NoiseVariable + " >= 0", MPoly.var NoiseVariable) :: (criterion |> List.mapi (fun j c -> origin j, c)) }
