namespace EigenVerify

open System
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// One interval of an exact region. An end that is absent is −∞ (lower) or +∞ (upper):
/// HasLower / HasUpper say which ends exist; Lower / Upper raise InvalidOperationException for
/// an absent end.
[<Sealed>]
type RegionInterval internal (interval: Interval) =

    let valueOf (b: Bound option) (which: string) =
        match b with
        | Some b -> b.Value
        | None -> invalidOp (sprintf "the interval has no %s end (it is infinite)" which)

    /// True unless the interval extends to −∞.
    member _.HasLower = interval.Lower.IsSome

    /// The exact lower end.
    member _.Lower: AlgebraicNumber = valueOf interval.Lower "lower"

    /// True when the lower end belongs to the interval (false for −∞).
    member _.LowerClosed = interval.Lower |> Option.exists (fun b -> b.Closed)

    /// True unless the interval extends to +∞.
    member _.HasUpper = interval.Upper.IsSome

    /// The exact upper end.
    member _.Upper: AlgebraicNumber = valueOf interval.Upper "upper"

    /// True when the upper end belongs to the interval (false for +∞).
    member _.UpperClosed = interval.Upper |> Option.exists (fun b -> b.Closed)

    /// The exact lower end as text ("-10-10*sqrt(5)"), or "" when absent.
    member _.LowerText = interval.Lower |> Option.map (fun b -> AlgebraicNumber.toString b.Value) |> Option.defaultValue ""

    /// The exact upper end as text ("38"), or "" when absent.
    member _.UpperText = interval.Upper |> Option.map (fun b -> AlgebraicNumber.toString b.Value) |> Option.defaultValue ""

    /// The lower end as the nearest double, −∞ when absent (display only: decisions use Lower).
    member _.LowerApproximation =
        interval.Lower |> Option.map (fun b -> AlgebraicNumber.toFloat b.Value) |> Option.defaultValue Double.NegativeInfinity

    /// The upper end as the nearest double, +∞ when absent (display only: decisions use Upper).
    member _.UpperApproximation =
        interval.Upper |> Option.map (fun b -> AlgebraicNumber.toFloat b.Value) |> Option.defaultValue Double.PositiveInfinity

    /// "[0, 20]", "(-inf, -1)".
    override _.ToString() = Region.toText { Intervals = [ interval ]; Points = [] }

/// The exact region R(θ) of one rule at exact hyperparameter values, or why the theorem does not
/// apply there.
[<Sealed>]
type RegionReport internal (optimizer: string, variable: EigenVariable, parameters: ParameterSet, smooth: bool, answer: Choice<Poly[] * Region, string>) =

    let region =
        match answer with
        | Choice1Of2(_, r) -> r
        | Choice2Of2 _ -> Region.empty

    member internal _.Region = region

    /// The rule's name.
    member _.Optimizer = optimizer

    /// λ, or μ for preconditioned rules.
    member _.Variable = variable

    /// The eigenvalue's LaTeX symbol: "\\lambda" or "\\mu".
    member _.VariableLatex = LaTeX.symbol variable.Name

    /// The hyperparameter values, in declaration order.
    member _.Parameters = parameters

    /// True when the update map is C¹.
    member _.IsSmooth = smooth

    /// True when the filtering theorem applies and the region below is the exact region.
    member _.TheoremApplies =
        match answer with
        | Choice1Of2 _ -> true
        | Choice2Of2 _ -> false

    /// Why the theorem does not apply, or "" when it does.
    member _.Reason =
        match answer with
        | Choice1Of2 _ -> ""
        | Choice2Of2 reason -> reason

    /// p(z) at these values: element i is the coefficient of z^i, a polynomial in the eigenvalue;
    /// empty when the theorem does not apply.
    member _.CharPoly: Poly[] =
        match answer with
        | Choice1Of2(p, _) -> Array.copy p
        | Choice2Of2 _ -> [||]

    /// p(z) as text, "z^2 + (1/10*lambda - 19/10)*z + 9/10"; "" when the theorem does not apply.
    member _.CharPolyText =
        match answer with
        | Choice1Of2(p, _) -> PolyText.charPolyAt variable p
        | Choice2Of2 _ -> ""

    /// The intervals of the region, in increasing order.
    member _.Intervals: RegionInterval[] = region.Intervals |> List.map RegionInterval |> Array.ofList

    /// The isolated points of the region, in increasing order.
    member _.Points: AlgebraicNumber[] = Array.ofList region.Points

    /// Is the rational x in the region? Decided exactly.
    member _.Contains(x: Rational) = Region.contains x region

    /// The region as text: "[0, 20]", "{-20} U [0, 38]", "empty".
    member _.Text = Region.toText region

    /// The region in LaTeX: "[0, 20]", "\{-20\} \cup [0, 38]", "\emptyset".
    member _.Latex = Region.toLatex region

/// The Jacobian M(v) of a rule at a critical point (v = λ or μ) and its characteristic polynomial.
[<NoComparison>]
type JacobianReport =
    { /// The rule's name.
      Optimizer: string
      /// λ, or μ for preconditioned rules.
      Variable: EigenVariable
      /// The eigenvalue's LaTeX symbol: "\\lambda" or "\\mu".
      VariableLatex: string
      /// "H", or "P^-1 H" for μ: the matrix whose eigenvalue the variable is.
      VariableOf: string
      /// The state vectors, in the order of the matrix rows.
      StateNames: string[]
      /// Each state's value at the fixed point as a multiple of x̄, as text ("x = x", "m = 0").
      FixedPoint: string[]
      /// Block (i, j) = ∂ update_i / ∂ state_j as a polynomial in H (or P⁻¹H), as text.
      Blocks: string[][]
      /// M(v): entries are polynomials in the eigenvalue and the hyperparameters.
      Matrix: MPoly[][]
      /// M(v), each entry as text.
      MatrixText: string[][]
      /// M(v) as a LaTeX pmatrix.
      MatrixLatex: string
      /// p(z) = det(zI − M(v)), a polynomial in z, the eigenvalue and the hyperparameters.
      CharPoly: MPoly
      /// p(z) as text, highest power of z first.
      CharPolyText: string
      /// p(z) in LaTeX, collected by powers of z.
      CharPolyLatex: string
      /// D as text when M's entries have the common denominator D: then Matrix is N = D·M and
      /// CharPoly is det(D·zI − N) = D^k·det(zI − M), with the same roots; "" when M is polynomial.
      Denominator: string }

/// How a derived closed form compares with the rule's stated filter (for catalog rules, the
/// paper's statement).
[<NoComparison>]
type FilterAgreement =
    { /// Same normalised conditions, as polynomials, and the same isolated points.
      Symbolic: bool
      /// Random hyperparameter points of the domain at which the regions were compared exactly.
      Points: int
      /// At how many of them the exact region equals the closed form.
      ClosedFormMatches: int
      /// At how many of them the exact region equals the stated filter.
      FilterMatches: int
      /// Symbolic agreement and agreement at every point.
      Agrees: bool }

    /// "agrees" (shown equal: same conditions, and equal at every sampled point), "differs" (the
    /// exact region differs from the closed form or the stated filter at a sampled point: a proven
    /// difference) or "unproven" (equal at every sampled point, but the conditions are not the
    /// same polynomials, so equality is not shown; the sets may still be equal).
    member a.Verdict =
        if a.Agrees then "agrees"
        elif a.FilterMatches < a.Points || a.ClosedFormMatches < a.Points then "differs"
        else "unproven"

/// The closed-form region of one rule for symbolic hyperparameters, beside its stated filter.
[<NoComparison>]
type ClosedFormReport =
    { /// The rule's name.
      Optimizer: string
      /// λ, or μ for preconditioned rules.
      Variable: EigenVariable
      /// The declared domain, "alpha > 0, 0 <= beta < 1".
      Domain: string
      /// True when the update map is C¹ (otherwise the theorem does not apply: no closed form).
      IsSmooth: bool
      /// p(z) as text; "" when the rule does not linearize.
      CharPolyText: string
      /// p(z) in LaTeX, collected by powers of z; "" when the rule does not linearize.
      CharPolyLatex: string
      /// True when a closed form was derived.
      HasClosedForm: bool
      /// Why there is no closed form, or "".
      Reason: string
      /// The closed form in the paper's shape, "0 <= lambda <= 2*(1 + beta)/alpha"; "" without one.
      Statement: string
      /// The statement with its isolated points, as printed in tables; "" without one.
      Full: string
      /// The closed form as a LaTeX set; "" without one.
      Latex: string
      /// Isolated points as text, "lambda = -1/rho".
      IsolatedPoints: string[]
      /// The region is {v : every condition ≥ 0}; conditions free of every variable are left out.
      Conditions: MPoly[]
      /// The conditions as text (each reads "c >= 0").
      ConditionTexts: string[]
      /// One line per condition of the unit-disk test left out of the statement, with the reason.
      Dropped: string[]
      /// One line per condition that is printed, with how it was shown not to follow from the
      /// others (an exact witness point), or why it was kept without one.
      Kept: string[]
      /// True when the rule states a filter.
      HasFilter: bool
      /// The stated filter as text, or "".
      Filter: string
      /// True when a closed form and a stated filter were compared.
      HasAgreement: bool
      /// The comparison; all zero and false when HasAgreement is false.
      Agreement: FilterAgreement
      /// D as text when M's entries have the common denominator D (M = N/D; then p(z) is
      /// det(D·zI − N) = D^k·det(zI − M) and each disk condition was multiplied by an even power
      /// of D^k, positive on the domain); "" when they are polynomials.
      Denominator: string }

/// Regions of rules: the Jacobian at a critical point, the exact region at exact hyperparameters,
/// the closed form for symbolic ones, and the catalog table.
[<RequireQualifiedAccess>]
module Filter =

    /// Seed of the random hyperparameter points behind every agreement check.
    [<CompiledName("SamplingSeed")>]
    let samplingSeed = 20251010

    /// Random hyperparameter points per rule for the agreement check, unless told otherwise.
    [<CompiledName("DefaultSamples")>]
    let defaultSamples = 200

    // What the exact arguments of the closed-form simplification leave open goes to z3 (10 s a
    // query): a proved implication drops the condition, a model is checked exactly and keeps it;
    // without z3, or past the limit, the condition is kept and the output says why.
    let private implicationChecker = Some(EigenVerify.Proofs.ImplicationChecker.z3 "z3" 10)

    let private linearized (rule: OptimizerRule) =
        match RuleAnalysis.linearize rule.Model with
        | Ok s -> s
        | Error e -> Errors.fail ErrorKind.NotApplicable (sprintf "%s: %s" rule.Name e)

    /// The Jacobian at a critical point and p(z). Raises EigenVerifyException (NotApplicable)
    /// when the rule does not linearize (e.g. it is not C¹).
    [<CompiledName("Jacobian")>]
    let jacobian (rule: OptimizerRule) : JacobianReport =
        let s = linearized rule
        let l = s.Linearization
        let v = s.Variable
        let k = Array2D.length1 l.Matrix
        let grid f = Array.init k (fun i -> Array.init k (fun j -> f i j))
        let rows =
            [ for i in 0 .. k - 1 -> [ for j in 0 .. k - 1 -> LaTeX.polynomial l.Matrix.[i, j] ] |> String.concat " & " ]
            |> String.concat " \\\\ "
        { Optimizer = rule.Name
          Variable = v
          VariableLatex = LaTeX.symbol v.Name
          VariableOf = (if v = Mu then "P^-1 H" else "H")
          StateNames = Array.ofList rule.Model.State
          FixedPoint = l.FixedPoint |> List.map (fun (n, x) -> sprintf "%s = %s" n (LinearizationText.multiple x)) |> Array.ofList
          Blocks = grid (fun i j -> LinearizationText.block v l.Blocks.[i, j])
          Matrix = grid (fun i j -> l.Matrix.[i, j])
          MatrixText = grid (fun i j -> PolyText.toText v l.Matrix.[i, j])
          MatrixLatex = sprintf "\\begin{pmatrix} %s \\end{pmatrix}" rows
          CharPoly = s.CharPoly
          CharPolyText = PolyText.charPoly v s.CharPoly
          CharPolyLatex = Printing.charPolyLatex s.CharPoly
          Denominator = (if Linearization.hasPolynomialEntries l then "" else PolyText.toText v l.Denominator) }

    /// The exact region at these values (checked against the rule's domain). Raises
    /// EigenVerifyException: InvalidParameters for values that do not fit the rule,
    /// NotApplicable when the region cannot be computed. A rule that is not C¹ gives a report
    /// with TheoremApplies = false and the reason.
    [<CompiledName("Region")>]
    let region (rule: OptimizerRule) (values: ParameterSet) : RegionReport =
        let checkedValues = Parameters.validate rule values
        match RuleAnalysis.region rule.Model checkedValues.List with
        | Error e -> Errors.fail ErrorKind.NotApplicable (sprintf "%s: %s" rule.Name e)
        | Ok(Exact r) -> RegionReport(r.Optimizer, r.Variable, checkedValues, rule.IsSmooth, Choice1Of2(r.CharPoly, r.Region))
        | Ok(NotApplicable(name, variable, _, reason)) -> RegionReport(name, variable, checkedValues, rule.IsSmooth, Choice2Of2 reason)

    let private noAgreement =
        { Symbolic = false
          Points = 0
          ClosedFormMatches = 0
          FilterMatches = 0
          Agrees = false }

    let private reportOf (rule: OptimizerRule) (row: CatalogRow) : ClosedFormReport =
        let v = row.Variable
        let charPoly = RuleAnalysis.linearize rule.Model |> Result.toOption
        let informative (c: MPoly) = not (List.isEmpty (MPoly.variables c))
        let basics =
            { Optimizer = rule.Name
              Variable = v
              Domain = rule.Domain
              IsSmooth = rule.IsSmooth
              CharPolyText = charPoly |> Option.map (fun s -> PolyText.charPoly v s.CharPoly) |> Option.defaultValue ""
              CharPolyLatex = charPoly |> Option.map (fun s -> Printing.charPolyLatex s.CharPoly) |> Option.defaultValue ""
              Denominator =
                  match charPoly with
                  | Some s when not (Linearization.hasPolynomialEntries s.Linearization) -> PolyText.toText v s.Linearization.Denominator
                  | _ -> ""
              HasClosedForm = false
              Reason = ""
              Statement = ""
              Full = ""
              Latex = ""
              IsolatedPoints = [||]
              Conditions = [||]
              ConditionTexts = [||]
              Dropped = [||]
              Kept = [||]
              HasFilter = rule.HasFilter
              Filter = rule.Filter
              HasAgreement = false
              Agreement = noAgreement }
        let withForm =
            match row.ClosedForm with
            | Error e -> { basics with Reason = e }
            | Ok cf ->
                let conditions = cf.Conditions |> List.filter informative |> Array.ofList
                { basics with
                    HasClosedForm = true
                    Statement = ClosedFormText.statement v cf.Statement
                    Full = ClosedFormText.full cf
                    Latex = ClosedFormText.latexSet cf
                    IsolatedPoints = cf.IsolatedPoints |> List.map (ClosedFormText.isolatedPoint v) |> Array.ofList
                    Conditions = conditions
                    ConditionTexts = conditions |> Array.map (PolyText.toText v)
                    Dropped = cf.Dropped |> List.map (ClosedFormText.dropped v) |> Array.ofList
                    Kept = cf.Kept |> List.map (ClosedFormText.kept v) |> Array.ofList }
        match row.Agreement with
        | None -> withForm
        | Some a ->
            { withForm with
                HasAgreement = true
                Agreement =
                    { Symbolic = a.Symbolic
                      Points = a.Points
                      ClosedFormMatches = a.ClosedFormMatches
                      FilterMatches = a.PaperMatches
                      Agrees = a.Symbolic && a.PaperMatches = a.Points && a.ClosedFormMatches = a.Points } }

    /// The closed form, compared with the stated filter at `samples` random points of the
    /// domain (seed SamplingSeed). A rule without a closed form gives a report with
    /// HasClosedForm = false and the reason. Raises EigenVerifyException (InvalidArgument) for
    /// samples below 1.
    [<CompiledName("ClosedFormSampled")>]
    let closedFormSampled (samples: int) (rule: OptimizerRule) : ClosedFormReport =
        if samples < 1 then
            Errors.fail ErrorKind.InvalidArgument (sprintf "the number of sample points must be at least 1 (got %d)" samples)
        reportOf rule (RuleAnalysis.catalogRow implicationChecker samplingSeed samples rule.Model)

    /// The closed form, compared with the stated filter at DefaultSamples random points.
    [<CompiledName("ClosedForm")>]
    let closedForm (rule: OptimizerRule) : ClosedFormReport = closedFormSampled defaultSamples rule

    /// The catalog table: every catalog rule's closed form beside its stated filter, in
    /// catalog order, compared at `samples` random points per rule.
    [<CompiledName("CatalogTable")>]
    let catalogTable (samples: int) : ClosedFormReport[] =
        if samples < 1 then
            Errors.fail ErrorKind.InvalidArgument (sprintf "the number of sample points must be at least 1 (got %d)" samples)
        EigenVerify.Optimizer.catalogNames () |> Array.Parallel.map (fun name -> closedFormSampled samples (EigenVerify.Optimizer.catalog name))
