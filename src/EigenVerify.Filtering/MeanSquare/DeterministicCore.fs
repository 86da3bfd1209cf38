namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// A rule's linearization at a critical point, as the mean-square analysis uses it.
type MeanSquareRule =
    { Name: string
      Params: ParamDomain list
      /// "lambda", or "mu" for preconditioned rules.
      Variable: string
      /// M(v; θ), k×k.
      Matrix: MPoly[,]
      /// det(zI − M) in "z": the deterministic characteristic polynomial.
      CharPoly: MPoly }

/// The one place where the mean-square analysis calls the deterministic machinery: the rule's
/// linearization, hyperparameter validation, the exact region of a monic characteristic
/// polynomial, the closed-disk test and sign-condition regions. Renames in that layer change
/// this module only.
[<RequireQualifiedAccess>]
module DeterministicCore =

    /// Linearizes the rule at a critical point; Error says why the theorem or the reduction fails.
    [<CompiledName("Linearize")>]
    let linearize (m: OptimizerModel) : Result<MeanSquareRule, string> =
        RuleAnalysis.linearize m
        |> Result.bind (fun s ->
            // the second-moment operator is built from M itself, which is N/D here
            if Linearization.hasPolynomialEntries s.Linearization then Ok s
            else Error "the mean-square analysis needs Jacobian coefficients that are polynomials in the hyperparameters; this rule's have denominators")
        |> Result.map (fun s ->
            { Name = m.Name
              Params = m.Params
              Variable = s.Variable.Name
              Matrix = s.Linearization.Matrix
              CharPoly = s.CharPoly })

    /// The rule's linearization `s` with exact hyperparameter values put in, for a rule whose
    /// Jacobian has denominators (M = N/D): at values inside the declared domain D is a nonzero rational
    /// (every divisor was shown nonzero there when the rule was read, and again here), so M has
    /// rational coefficients. The hyperparameters stay declared, so that the values are validated
    /// and reported as for any rule; the matrix no longer depends on them.
    [<CompiledName("LinearizeAt")>]
    let linearizeAt (m: OptimizerModel) (s: LinearizedRule) (values: Map<string, Rational>) : Result<MeanSquareRule, string> =
        match DeclaredDomain.checkDenominatorsText m with
        | Error e -> Error e
        | Ok() ->
            let l = s.Linearization
            match MPoly.tryConstant (MPoly.substitute values l.Denominator) with
            | Some d when not d.IsZero ->
                let matrix = l.Matrix |> Array2D.map (fun e -> MPoly.scale (Rational.one / d) (MPoly.substitute values e))
                Ok
                    { Name = m.Name
                      Params = m.Params
                      Variable = s.Variable.Name
                      Matrix = matrix
                      CharPoly = PolyMatrix.characteristicPolynomial "z" matrix }
            | Some _ -> Error(sprintf "the Jacobian's denominator %s vanishes at these values" (MPoly.toString l.Denominator))
            | None -> Error(sprintf "the Jacobian's denominator %s needs a value for every hyperparameter it names" (MPoly.toString l.Denominator))

    /// Every declared hyperparameter given once, each inside its domain.
    [<CompiledName("Validate")>]
    let validate (domains: ParamDomain list) (values: (string * Rational) list) : Result<Map<string, Rational>, string> =
        Hyperparameters.validate domains values

    /// {v : every root of p(·, v) in the closed unit disk} for p monic in z, given by its
    /// coefficients of z^0 … z^k as polynomials in v.
    [<CompiledName("ExactRegion")>]
    let exactRegion (coefficientsInZ: Poly[]) : Result<Region, string> =
        ExactRegion.ofCoefficients coefficientsInZ

    /// Every root of the monic rational polynomial p in the closed unit disk?
    [<CompiledName("ClosedDiskStable")>]
    let closedDiskStable (p: Poly) : bool = UnitDisk.isStable p

    /// {x : every polynomial has one of its accepted signs (among −1, 0, 1)}.
    [<CompiledName("SignConditionRegion")>]
    let signConditionRegion (conditions: (Poly * int list) list) : Region =
        Region.ofSignConditions conditions
