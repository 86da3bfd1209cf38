namespace EigenVerify

open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// How minibatches are drawn: batches of Batch out of Samples examples without replacement, and
/// what is known of the examples' curvatures along the eigenvector: their population variance s²
/// (enough for rules affine in the eigenvalue), or the curvatures themselves (every rule: the
/// batch curvature's moments are then exact).
[<Sealed>]
type BatchModel internal (sampling: BatchSampling, spread: Rational option, curvatures: Rational list option) =

    member internal _.Sampling = sampling

    member internal _.CurvatureList = curvatures

    member internal _.SpreadValue = spread

    /// B, the batch size.
    member _.Batch = sampling.Batch

    /// n, the number of examples batches are drawn from.
    member _.Samples = sampling.Samples

    /// p = (n − B)/(B(n − 1)): the batch variance is σ² = p·s².
    member _.Factor = sampling.Factor

    /// True when the model gives s² (SpreadModel), false when it lists curvatures.
    member _.HasSpread = spread.IsSome

    /// s², the per-sample curvatures' population variance; raises InvalidOperationException for a
    /// model that lists curvatures instead.
    member _.Spread: Rational =
        match spread with
        | Some s -> s
        | None -> invalidOp "this batch model lists curvatures; it has no spread s^2"

    /// The per-sample curvatures, or an empty array for a model given by its spread.
    member _.Curvatures: Rational[] = curvatures |> Option.map Array.ofList |> Option.defaultValue [||]

/// The exact mean-square region of a rule under minibatch noise: the eigenvalues v at which
/// ρ(E[M(a) ⊗ M(a)]) ≤ 1, a the batch curvature.
[<Sealed>]
type MeanSquareRegionReport internal (variable: EigenVariable, parameters: ParameterSet, model: BatchModel, region: MeanSquareRegion) =

    /// The rule's name.
    member _.Optimizer = region.Optimizer

    /// λ, or μ for preconditioned rules.
    member _.Variable = variable

    /// The hyperparameter values, in declaration order.
    member _.Parameters = parameters

    /// The batch model the region is for.
    member _.Model = model

    /// σ², the variance of the batch curvature.
    member _.BatchVariance = region.BatchVariance

    /// The central moments 0 … 2D of the batch curvature the region used (D: the degree of M in v).
    member _.CentralMoments: Rational[] = Array.copy region.CentralMoments

    /// The degree of M in the eigenvalue: 1 for rules affine in it (only σ² matters).
    member _.EigenDegree = region.EigenDegree

    /// q(z) = det(zI − E[M(a) ⊗ M(a)]) at these values, as text.
    member _.LiftedCharPolyText = PolyText.charPoly variable region.LiftedCharPoly

    /// The intervals of the region, in increasing order.
    member _.Intervals: RegionInterval[] = region.Region.Intervals |> List.map RegionInterval |> Array.ofList

    /// The isolated points of the region, in increasing order.
    member _.Points: AlgebraicNumber[] = Array.ofList region.Region.Points

    /// Is the rational v in the region? Decided exactly.
    member _.Contains(x: Rational) = Region.contains x region.Region

    /// The region as text, exact: "[0, 20]", "empty".
    member _.Text = Region.toText region.Region

    /// The region in LaTeX.
    member _.Latex = Region.toLatex region.Region

    /// True for a model listing curvatures: ListMeanInside is then meaningful.
    member _.HasListMean = region.ListMeanInside.IsSome

    /// For a model listing curvatures: is the list's own mean in the region? False otherwise.
    member _.ListMeanInside = region.ListMeanInside |> Option.defaultValue false

/// What a stability limit is: no value is stable, stable up to a value, or stable however large.
type StabilityLimitKind =
    /// Not even the noiseless iteration is stable at this eigenvalue.
    | NoneStable = 0
    /// Stable from 0 up to Value, inclusive.
    | UpTo = 1
    /// Stable however large.
    | Unbounded = 2

/// The largest batch variance σ² (and per-sample spread s, σ² = p·s²) at which an eigenvalue
/// stays mean-square stable; the stable values form an interval starting at 0.
[<Sealed>]
type VarianceLimitReport internal (limit: VarianceLimitAt) =

    let kindOf (l: StabilityLimit) =
        match l with
        | StabilityLimit.NoneStable -> StabilityLimitKind.NoneStable
        | StabilityLimit.UpTo _ -> StabilityLimitKind.UpTo
        | StabilityLimit.Unbounded -> StabilityLimitKind.Unbounded

    let valueOf (what: string) (l: StabilityLimit) =
        match l with
        | StabilityLimit.UpTo x -> x
        | _ -> invalidOp (sprintf "the %s limit is not a value (see its kind)" what)

    /// The rule's name.
    member _.Optimizer = limit.Optimizer

    /// The eigenvalue.
    member _.Eigenvalue = limit.Eigenvalue

    /// The kind of the limit on σ².
    member _.VarianceKind = kindOf limit.MaxVariance

    /// The largest stable σ², exact; raises InvalidOperationException unless VarianceKind is UpTo.
    member _.MaxVariance: AlgebraicNumber = valueOf "variance" limit.MaxVariance

    /// True when a sampling was given, so that the limit on s below exists.
    member _.HasSpread = limit.MaxSpread.IsSome

    /// The kind of the limit on the per-sample standard deviation s (NoneStable without a sampling).
    member _.SpreadKind =
        match limit.MaxSpread with
        | Some l -> kindOf l
        | None -> StabilityLimitKind.NoneStable

    /// The largest stable s, exact (σ² = p·s²); raises InvalidOperationException unless
    /// SpreadKind is UpTo.
    member _.MaxSpread: AlgebraicNumber =
        match limit.MaxSpread with
        | Some l -> valueOf "spread" l
        | None -> invalidOp "no sampling was given: there is no limit on the spread"

/// The mean-square region of a rule affine in the eigenvalue in the (v, σ²) plane, for symbolic
/// hyperparameters: {(v, σ²) : σ² ≥ 0 and every condition ≥ 0}.
[<Sealed>]
type MeanSquareClosedFormReport internal (variable: EigenVariable, domain: string, cf: MeanSquareClosedForm) =

    /// The rule's name.
    member _.Optimizer = cf.Optimizer

    /// λ, or μ for preconditioned rules.
    member _.Variable = variable

    /// "sigma2": the batch variance's name in the conditions.
    member _.NoiseVariable = cf.NoiseVariable

    /// The declared domain, "alpha > 0".
    member _.Domain = domain

    /// The conditions, each read "c >= 0" (with σ² ≥ 0).
    member _.Conditions: MPoly[] = Array.ofList cf.Conditions

    /// The conditions as text.
    member _.ConditionTexts: string[] = cf.Conditions |> List.map MPoly.toString |> Array.ofList

    /// The polynomial whose zero set holds the region's boundary (ρ = 1 there).
    member _.Boundary = cf.Boundary

    /// The whole statement: "sigma2 >= 0 and ... >= 0".
    member _.Statement = cf.Statement

/// Mean-square (minibatch) stability, exactly: the region of a rule under a batch model, the
/// membership of a point (v, σ²), the largest stable variance at an eigenvalue and the closed form
/// in the (v, σ²) plane. The same computations as `eigenverify region --stochastic`.
[<RequireQualifiedAccess>]
module Stochastic =

    let private variableOf (name: string) = if name = "mu" then Mu else Lambda

    let private sampling (samples: int) (batch: int) =
        match BatchSampling.create samples batch with
        | Ok s -> s
        | Error e -> Errors.fail ErrorKind.InvalidArgument e

    /// Batches of `batch` out of `samples` examples whose curvatures have population variance
    /// `spread` (s²). Raises EigenVerifyException (InvalidArgument) unless 1 ≤ batch ≤ samples and
    /// spread ≥ 0.
    [<CompiledName("SpreadModel")>]
    let spreadModel (batch: int) (samples: int) (spread: Rational) : BatchModel =
        let s = sampling samples batch
        if spread.Sign < 0 then
            Errors.fail ErrorKind.InvalidArgument (sprintf "the per-sample spread s^2 must be non-negative, got %O" spread)
        BatchModel(s, Some spread, None)

    /// Batches of `batch` drawn without replacement from these per-sample curvatures. Raises
    /// EigenVerifyException (InvalidArgument) for an empty list or a batch outside 1 … its length.
    [<CompiledName("CurvatureModel")>]
    let curvatureModel (batch: int) (curvatures: Rational[]) : BatchModel =
        if isNull curvatures || curvatures.Length = 0 then
            Errors.fail ErrorKind.InvalidArgument "the list of per-sample curvatures is empty"
        BatchModel(sampling curvatures.Length batch, None, Some(List.ofArray curvatures))

    let private subject (rule: OptimizerRule) =
        match MeanSquare.subject rule.Model with
        | Ok s -> s
        | Error e -> Errors.fail ErrorKind.NotApplicable (sprintf "%s: %s" rule.Name e)

    /// The subject for questions at checked values: a rule whose Jacobian has denominators has
    /// rational coefficients there.
    let private subjectAt (rule: OptimizerRule) (values: ParameterSet) =
        match MeanSquare.subjectAt rule.Model values.List with
        | Ok s -> s
        | Error e -> Errors.fail ErrorKind.NotApplicable (sprintf "%s: %s" rule.Name e)

    let private noise (s: MeanSquareSubject) (model: BatchModel) =
        match model.SpreadValue, model.CurvatureList with
        | Some spread, _ -> SampleSpread(model.Sampling, spread)
        | None, Some xs ->
            match BatchMoments.ofCurvatures model.Batch (MeanSquare.momentOrder s) xs with
            | Ok m -> CurvatureList m
            | Error e -> Errors.fail ErrorKind.InvalidArgument e
        | None, None -> Errors.fail ErrorKind.InvalidArgument "the batch model has neither a spread nor curvatures"

    let private orRefuse (rule: OptimizerRule) (r: Result<'a, string>) =
        match r with
        | Ok x -> x
        | Error e -> Errors.fail ErrorKind.InvalidArgument (sprintf "%s: %s" rule.Name e)

    /// The degree of the rule's M in the eigenvalue: 1 for rules affine in it (the spread s²
    /// suffices), 2 or more when the region needs the curvatures themselves. Raises
    /// EigenVerifyException (NotApplicable) when the rule has no mean-square region.
    [<CompiledName("EigenDegree")>]
    let eigenDegree (rule: OptimizerRule) : int = (subject rule).EigenDegree

    /// The exact mean-square region at these values under the batch model. Raises
    /// EigenVerifyException: InvalidParameters for values that do not fit the rule,
    /// NotApplicable when the rule has no mean-square region (not C¹), InvalidArgument when the
    /// model does not suffice (a spread for a rule of degree 2 or more in the eigenvalue).
    [<CompiledName("Region")>]
    let region (rule: OptimizerRule) (values: ParameterSet) (model: BatchModel) : MeanSquareRegionReport =
        let checkedValues = Parameters.validate rule values
        let s = subjectAt rule checkedValues
        let r = MeanSquare.regionAt s checkedValues.List (noise s model) |> orRefuse rule
        MeanSquareRegionReport(variableOf r.Variable, checkedValues, model, r)

    /// Is the point (eigenvalue, σ²) mean-square stable, for a rule affine in the eigenvalue?
    /// Decided exactly. Raises EigenVerifyException as Region, and InvalidArgument for σ² < 0.
    [<CompiledName("IsStable")>]
    let isStable (rule: OptimizerRule) (values: ParameterSet) (eigenvalue: Rational) (sigma2: Rational) : bool =
        let checkedValues = Parameters.validate rule values
        let s = subjectAt rule checkedValues
        MeanSquare.isStableAt s checkedValues.List (BatchVariance sigma2) eigenvalue |> orRefuse rule

    /// The largest σ² at which the eigenvalue stays stable, and with a batch model the largest
    /// per-sample spread s (σ² = p·s²; pass null for none), for a rule affine in the eigenvalue.
    [<CompiledName("VarianceLimit")>]
    let varianceLimit (rule: OptimizerRule) (values: ParameterSet) (eigenvalue: Rational) (model: BatchModel) : VarianceLimitReport =
        let checkedValues = Parameters.validate rule values
        let s = subjectAt rule checkedValues
        let smp = if isNull (box model) then None else Some model.Sampling
        VarianceLimitReport(MeanSquare.varianceLimitAt s checkedValues.List eigenvalue smp |> orRefuse rule)

    /// The region in the (v, σ²) plane for symbolic hyperparameters, for a rule affine in the
    /// eigenvalue. Raises EigenVerifyException: NotApplicable without a mean-square region,
    /// InvalidArgument for a rule of degree 2 or more in the eigenvalue.
    [<CompiledName("ClosedForm")>]
    let closedForm (rule: OptimizerRule) : MeanSquareClosedFormReport =
        let s = subject rule
        let cf = MeanSquare.closedForm s |> orRefuse rule
        MeanSquareClosedFormReport(variableOf cf.Variable, rule.Domain, cf)
