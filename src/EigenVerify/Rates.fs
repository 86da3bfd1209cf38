namespace EigenVerify

open System.Collections.Generic
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The number of certified significant digits of every rate decimal (the command line's too).
module internal RateDigits =
    let count = 20

/// The exact rate ρ(M(v)) of a rule at one eigenvalue v: the largest modulus of the roots of p(z).
[<Sealed>]
type RateReport internal (optimizer: string, variable: EigenVariable, parameters: ParameterSet, charPoly: MPoly, eigenvalue: Rational, radius: SpectralRadius) =

    /// The rule's name.
    member _.Optimizer = optimizer

    /// λ, or μ for preconditioned rules.
    member _.Variable = variable

    /// The hyperparameter values, in declaration order.
    member _.Parameters = parameters

    /// p(z, v) at these values as text, highest power of z first.
    member _.CharPolyText = PolyText.charPoly variable charPoly

    /// The eigenvalue the rate is taken at.
    member _.Eigenvalue = eigenvalue

    /// ρ(M(v)), exact.
    member _.Rate: AlgebraicNumber = radius.Radius

    /// ρ as exact text ("9/11", "sqrt(2)/2").
    member _.RateText = AlgebraicNumber.toString radius.Radius

    /// ρ's first Rates.Digits significant digits, each certified (truncated, never rounded).
    member _.RateDecimal = AlgebraicNumber.toDecimal RateDigits.count radius.Radius

    /// ρ as the nearest double (display only: decisions use Rate).
    member _.RateApproximation = AlgebraicNumber.toFloat radius.Radius

    /// ρ², exact (rational whenever the dominant roots are a complex pair of a real polynomial).
    member _.RateSquared: AlgebraicNumber = radius.RadiusSquared

    /// The real roots of modulus ρ, in increasing order; empty when the dominant roots are a
    /// complex-conjugate pair.
    member _.DominantRealRoots: AlgebraicNumber[] = Array.ofList radius.RealRootsOnCircle

    /// "dominant real roots: 1/11" or "dominant roots: a complex-conjugate pair", as the command
    /// line prints it.
    member _.DominantRootsText =
        match radius.RealRootsOnCircle with
        | [] -> "dominant roots: a complex-conjugate pair"
        | xs -> sprintf "dominant real roots: %s" (xs |> List.map AlgebraicNumber.toString |> String.concat ", ")

    /// "rho = 9/11 at lambda = 1".
    override _.ToString() = sprintf "rho = %s at %s = %O" (AlgebraicNumber.toString radius.Radius) variable.Name eigenvalue

/// One candidate of a worst case: a point where the maximum of ρ over the spectrum can sit.
[<Sealed>]
type RateCandidateReport internal (candidate: RateCandidate) =

    /// The eigenvalue, exact.
    member _.At: AlgebraicNumber = candidate.At

    /// The eigenvalue as exact text.
    member _.AtText = AlgebraicNumber.toString candidate.At

    /// ρ there, exact.
    member _.Rate: AlgebraicNumber = AlgebraicArithmetic.sqrt candidate.RateSquared

    /// ρ² there, exact.
    member _.RateSquared: AlgebraicNumber = candidate.RateSquared

    /// Why it is a candidate: "spectrum end", "branches meet", "branch stationary".
    member _.Reasons: string[] = candidate.Reasons |> List.map RateWording.reason |> Array.ofList

/// The worst case max over v in [Lower, Upper] of ρ(M(v)), where it is attained, and the
/// candidates it was chosen from.
[<Sealed>]
type WorstCaseReport internal (optimizer: string, variable: EigenVariable, parameters: ParameterSet, charPoly: MPoly, worst: WorstCaseRate) =

    /// The rule's name.
    member _.Optimizer = optimizer

    /// λ, or μ for preconditioned rules.
    member _.Variable = variable

    /// The hyperparameter values, in declaration order.
    member _.Parameters = parameters

    /// p(z, v) at these values as text, highest power of z first.
    member _.CharPolyText = PolyText.charPoly variable charPoly

    /// The spectrum's lower end.
    member _.Lower = worst.Lower

    /// The spectrum's upper end.
    member _.Upper = worst.Upper

    /// The worst-case rate, exact.
    member _.Rate: AlgebraicNumber = worst.Rate

    /// The worst-case rate as exact text.
    member _.RateText = AlgebraicNumber.toString worst.Rate

    /// The worst-case rate's first Rates.Digits significant digits, each certified (truncated).
    member _.RateDecimal = AlgebraicNumber.toDecimal RateDigits.count worst.Rate

    /// The worst-case rate as the nearest double (display only).
    member _.RateApproximation = AlgebraicNumber.toFloat worst.Rate

    /// The square of the worst-case rate, exact.
    member _.RateSquared: AlgebraicNumber = worst.RateSquared

    /// The intervals of the spectrum where the worst case is attained, in increasing order.
    member _.AttainedIntervals: RegionInterval[] = worst.AttainedAt.Intervals |> List.map RegionInterval |> Array.ofList

    /// The isolated points of the spectrum where the worst case is attained, in increasing order.
    member _.AttainedPoints: AlgebraicNumber[] = Array.ofList worst.AttainedAt.Points

    /// Where the worst case is attained, as text: "{1, 100}", "[1, 2]".
    member _.AttainedAtText = Region.toText worst.AttainedAt

    /// Every candidate, in increasing order of the eigenvalue, each exact.
    member _.Candidates: RateCandidateReport[] = worst.Candidates |> List.map RateCandidateReport |> Array.ofList

/// The radius-r region {v : every root of p(z, v) lies in the closed disk |z| ≤ r} at exact values.
[<Sealed>]
type RadiusRegionReport internal (optimizer: string, variable: EigenVariable, parameters: ParameterSet, charPoly: MPoly, result: RadiusRegion) =

    /// The rule's name.
    member _.Optimizer = optimizer

    /// λ, or μ for preconditioned rules.
    member _.Variable = variable

    /// The hyperparameter values, in declaration order.
    member _.Parameters = parameters

    /// The radius r.
    member _.Radius = result.Radius

    /// p(z, v) at these values as text, highest power of z first.
    member _.CharPolyText = PolyText.charPoly variable charPoly

    /// The intervals of the region, in increasing order.
    member _.Intervals: RegionInterval[] = result.Region.Intervals |> List.map RegionInterval |> Array.ofList

    /// The isolated points of the region, in increasing order.
    member _.Points: AlgebraicNumber[] = Array.ofList result.Region.Points

    /// Is the rational v in the region? Decided exactly.
    member _.Contains(x: Rational) = Region.contains x result.Region

    /// The region as text: "[5, 15]", "empty".
    member _.Text = Region.toText result.Region

    /// The region in LaTeX.
    member _.Latex = Region.toLatex result.Region

/// One searched interval of a tuning and where it comes from.
[<Sealed>]
type TuningBox internal (box: TuneBox) =

    /// The hyperparameter.
    member _.Name = box.Parameter.Name

    /// The interval's lower end.
    member _.Min = box.Parameter.Min

    /// The interval's upper end.
    member _.Max = box.Parameter.Max

    /// True when the interval was chosen by default rather than given.
    member _.IsDefault = box.IsDefault

    /// Where the interval comes from, in words.
    member _.Origin = box.Origin

/// The minimax hyperparameters over a spectrum: the optimum, its worst-case rate and the
/// certificate that nothing in the searched box does better.
[<Sealed>]
type TuningReport internal (variable: EigenVariable, search: TuningSearchResult) =
    let t = search.Result

    /// The rule's name.
    member _.Optimizer = t.Rule

    /// λ, or μ for preconditioned rules.
    member _.Variable = variable

    /// The spectrum's lower end.
    member _.Lower = t.Lower

    /// The spectrum's upper end.
    member _.Upper = t.Upper

    /// The values of the hyperparameters that were not tuned.
    member _.Fixed = ParameterSet t.Fixed

    /// The searched interval of each free hyperparameter, in the order they were named.
    member _.Boxes: TuningBox[] = search.Boxes |> List.map TuningBox |> Array.ofList

    /// The free hyperparameters, in the order of Optimum.
    member _.FreeNames: string[] = t.Parameters |> List.map fst |> Array.ofList

    /// The optimum θ*, exact, in the order of FreeNames.
    member _.Optimum: AlgebraicNumber[] = t.Parameters |> List.map snd |> Array.ofList

    /// The optimum as exact text, in the order of FreeNames.
    member _.OptimumText: string[] = t.Parameters |> List.map (snd >> AlgebraicNumber.toString) |> Array.ofList

    /// The worst-case rate at the optimum, exact.
    member _.Rate: AlgebraicNumber = t.Rate

    /// The worst-case rate as exact text.
    member _.RateText = AlgebraicNumber.toString t.Rate

    /// The worst-case rate's first Rates.Digits significant digits, each certified (truncated).
    member _.RateDecimal = AlgebraicNumber.toDecimal RateDigits.count t.Rate

    /// The square of the worst-case rate, exact.
    member _.RateSquared: AlgebraicNumber = t.RateSquared

    /// True when the optimum was recognised as the exact solution of the active conditions; false
    /// when it is a rational next to the numeric optimum (its rate still exact).
    member _.IsExactOptimum = not t.Recognised.IsEmpty

    /// The active conditions the exact optimum solves, as text; empty when not recognised.
    member _.ActiveConditions: string[] = t.Recognised |> List.map (ActiveCondition.text t.Variable) |> Array.ofList

    /// How the optimum's rate was checked, in words.
    member _.RateCheck = RateWording.rateCheck t.RateCheck

    /// "exact" (a global argument), "epsilon" (nothing in the box beats the rate by more than
    /// Epsilon) or "none".
    member _.CertificateKind = RateWording.certificateKind t.Optimality

    /// The certificate in one line, as the command line prints it.
    member _.Certificate = RateWording.certificate t.Optimality t.Epsilon

    /// The certificate's slack.
    member _.Epsilon = t.Epsilon

    /// Free hyperparameters whose optimum is an excluded end of the rule's domain (approached,
    /// not attained).
    member _.OutsideDomain: string[] = Array.ofList t.OutsideDomain

/// Exact rates of a rule at exact hyperparameter values: ρ(M(v)) at one eigenvalue, its worst
/// case over a spectrum, the radius-r region, and minimax tuning over a spectrum. The same
/// computations as `eigenverify rate`, `region --radius` and `tune`.
[<RequireQualifiedAccess>]
module Rates =

    /// Significant digits of the certified decimals (RateDecimal).
    [<CompiledName("Digits")>]
    let Digits = RateDigits.count

    let private variableOf (name: string) = if name = "mu" then Mu else Lambda

    let private orRefuse (rule: OptimizerRule) (r: Result<'a, string>) =
        match r with
        | Ok x -> x
        | Error e -> Errors.fail ErrorKind.NotApplicable (sprintf "%s: %s" rule.Name e)

    /// p(z, v) with the values substituted, and v's name.
    let private charPolyAt (rule: OptimizerRule) (values: ParameterSet) =
        let checkedValues = Parameters.validate rule values
        let v, p = RateQueries.charPolyAt rule.Model checkedValues.List |> orRefuse rule
        checkedValues, v, p

    /// ρ(M(v)) at the eigenvalue v, exact. Raises EigenVerifyException: InvalidParameters for
    /// values that do not fit the rule, NotApplicable when the rule has no rate (not C¹). A rule
    /// whose Jacobian has denominators has rates too: at values they are nonzero rationals.
    [<CompiledName("At")>]
    let at (rule: OptimizerRule) (values: ParameterSet) (eigenvalue: Rational) : RateReport =
        let checkedValues, v, p = charPolyAt rule values
        let family = SpectralRadius.family v p |> orRefuse rule
        RateReport(rule.Name, variableOf v, checkedValues, p, eigenvalue, SpectralRadius.at family eigenvalue)

    /// The worst case max over v in [lower, upper] of ρ(M(v)), exact, with where it is attained.
    /// Raises EigenVerifyException: InvalidArgument when lower > upper, otherwise as At.
    [<CompiledName("WorstCase")>]
    let worstCase (rule: OptimizerRule) (values: ParameterSet) (lower: Rational) (upper: Rational) : WorstCaseReport =
        if lower > upper then
            Errors.fail ErrorKind.InvalidArgument (sprintf "the spectrum [%O, %O] is empty: %O > %O" lower upper lower upper)
        let checkedValues, v, p = charPolyAt rule values
        let family = SpectralRadius.family v p |> orRefuse rule
        WorstCaseReport(rule.Name, variableOf v, checkedValues, p, WorstCaseRate.compute family lower upper |> orRefuse rule)

    /// {v : every root of p(z, v) lies in the closed disk |z| ≤ radius}, exact. Raises
    /// EigenVerifyException: InvalidArgument for a radius that is not positive, otherwise as At.
    [<CompiledName("RadiusRegion")>]
    let radiusRegion (rule: OptimizerRule) (values: ParameterSet) (radius: Rational) : RadiusRegionReport =
        if radius.Sign <= 0 then
            Errors.fail ErrorKind.InvalidArgument (sprintf "the radius must be positive, got %O" radius)
        let checkedValues, v, p = charPolyAt rule values
        RadiusRegionReport(rule.Name, variableOf v, checkedValues, p, RadiusRegion.compute v p radius |> orRefuse rule)

    /// The certificate's slack of Tune: 1/1000.
    [<CompiledName("DefaultEpsilon")>]
    let defaultEpsilon = TuningSearch.defaultEpsilon

    /// Minimax tuning: the values of the `free` hyperparameters (1 or 2) minimizing the worst-case
    /// rate over [lower, upper], the others at `fixedValues`, searched over `boxes` (name to
    /// [Min, Max]; free names left out get the default box the command line uses), with the
    /// certificate's slack `epsilon` > 0. Raises EigenVerifyException: InvalidArgument for a
    /// free name the rule does not declare, an empty spectrum or box, or inputs that do not fit
    /// together (the message names them, in the words of the `tune` command's options: "--fixed",
    /// "--box", "--epsilon"); NotApplicable when the rule cannot be tuned.
    [<CompiledName("Tune")>]
    let tune
        (rule: OptimizerRule)
        (lower: Rational)
        (upper: Rational)
        (free: string[])
        (fixedValues: ParameterSet)
        (boxes: IReadOnlyDictionary<string, KeyValuePair<Rational, Rational>>)
        (epsilon: Rational)
        : TuningReport =
        let declared = rule.ParameterNames
        if isNull free || free.Length = 0 then
            Errors.fail ErrorKind.InvalidArgument (sprintf "name 1 or 2 of %s's hyperparameters to tune (%s)" rule.Name (String.concat ", " declared))
        for n in free do
            if not (Array.contains n declared) then
                Errors.fail ErrorKind.InvalidArgument (sprintf "unknown hyperparameter '%s' (%s declares: %s)" n rule.Name (String.concat ", " declared))
        match free |> Array.countBy id |> Array.tryFind (fun (_, c) -> c > 1) with
        | Some(n, _) -> Errors.fail ErrorKind.InvalidArgument (sprintf "'%s' is named twice among the free hyperparameters" n)
        | None -> ()
        if lower > upper then
            Errors.fail ErrorKind.InvalidArgument (sprintf "the spectrum [%O, %O] is empty: %O > %O" lower upper lower upper)
        let given =
            if isNull boxes then []
            else
                [ for kv in boxes do
                      let lo, hi = kv.Value.Key, kv.Value.Value
                      if lo > hi then
                          Errors.fail ErrorKind.InvalidArgument (sprintf "the searched interval of %s, [%O, %O], is empty" kv.Key lo hi)
                      yield kv.Key, (lo, hi) ]
        let fixedList = if isNull (box fixedValues) then [] else fixedValues.List
        match TuningSearch.run rule.Model lower upper (List.ofArray free) fixedList given epsilon with
        | Ok r -> TuningReport(variableOf r.Result.Variable, r)
        | Error e when e.StartsWith(rule.Name + ": ") -> Errors.fail ErrorKind.NotApplicable e
        | Error e -> Errors.fail ErrorKind.InvalidArgument e
