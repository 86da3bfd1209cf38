namespace EigenVerify.Filtering

open System.Collections.Generic
open EigenVerify.Algebra
open EigenVerify.Symbolic

/// A rule with its linearization at a critical point and characteristic polynomial.
type LinearizedRule =
    { Model: OptimizerModel
      Linearization: Linearization
      /// det(zI − M(v; θ)): monic in "z", polynomial in the eigenvalue variable and θ.
      CharPoly: MPoly
      /// λ, or μ for preconditioned rules.
      Variable: EigenVariable }

/// The exact region at concrete hyperparameters.
type RegionAtValues =
    { Optimizer: string
      Variable: EigenVariable
      Params: (string * Rational) list
      /// p(z) with the hyperparameters substituted: coefficient i is that of z^i, a polynomial in
      /// the eigenvalue; monic in z.
      CharPoly: Poly[]
      Region: Region }

type RegionAnswer =
    | Exact of RegionAtValues
    /// The filtering theorem's hypotheses fail (e.g. SAM is not C¹ at critical points).
    | NotApplicable of optimizer: string * variable: EigenVariable * parameters: (string * Rational) list * reason: string

/// How a closed form compares with the rule's stated filter (for catalog rules, the paper's).
type Agreement =
    { /// Same normalised conditions, as polynomials, and the same isolated points.
      Symbolic: bool
      /// Sampled hyperparameter points, and at how many the exact region equals the closed form
      /// and the stated filter.
      Points: int
      ClosedFormMatches: int
      PaperMatches: int
      /// The first sampled point where something differed, with the exact region there.
      FirstMismatch: (Map<string, Rational> * Region) option }

type CatalogRow =
    { Rule: string
      Variable: EigenVariable
      Smoothness: Smoothness
      ClosedForm: Result<ClosedForm, string>
      /// The filter the rule states, if any.
      Filter: FilterStatement option
      Agreement: Agreement option }

[<RequireQualifiedAccess>]
module RuleAnalysis =

    /// Linearizes the rule; an Error says why the theorem or the scalar reduction fails.
    let linearize (m: OptimizerModel) : Result<LinearizedRule, string> =
        match Linearization.atCriticalPoint m with
        | Error e -> Error e
        | Ok l ->
            Ok
                { Model = m
                  Linearization = l
                  CharPoly = Linearization.charPoly l
                  Variable = l.Variable }

    let private variableOf (m: OptimizerModel) = if m.UsesPreconditioner then Mu else Lambda

    /// p(z, v) at concrete hyperparameters.
    /// Coefficient i is that of z^i, a polynomial in the eigenvalue; monic in z. For a rule with
    /// denominators the polynomial det(D·zI − N) is divided by its leading coefficient D(θ)^k,
    /// a nonzero rational at these values (or an error naming the divisor that is 0 there).
    let charPolyAt (s: LinearizedRule) (theta: Map<string, Rational>) : Result<Poly[], string> =
        let p = MPoly.substitute theta s.CharPoly
        let coeffs = MPoly.coeffsIn "z" p
        let lead = coeffs.[coeffs.Length - 1]
        let zeroDivisor =
            if Linearization.hasPolynomialEntries s.Linearization then None
            elif s.Model.Params |> List.forall (fun d -> theta.ContainsKey d.Name) then DeclaredDomain.zeroDenominatorAt s.Model theta
            else None
        match zeroDivisor, MPoly.tryConstant lead with
        | Some d, _ ->
            Error(sprintf "%d:%d: the rule divides by %s, which is 0 at these hyperparameter values" d.Line d.Column d.Text)
        | None, Some c when c.IsZero -> Error "the denominator of the Jacobian's coefficients is 0 at these hyperparameter values"
        | _ ->
            let coeffs =
                match MPoly.tryConstant lead with
                | Some c when c <> Rational.One -> coeffs |> Array.map (MPoly.scale (Rational.One / c))
                | _ -> coeffs
            let converted = coeffs |> Array.map (MPoly.tryToPoly s.Variable.Name)
            if converted |> Array.exists Option.isNone then
                let missing = MPoly.variables p |> List.filter (fun x -> x <> "z" && x <> s.Variable.Name)
                Error(sprintf "the characteristic polynomial still depends on %s" (String.concat ", " missing))
            else
                converted |> Array.map Option.get |> ExactRegion.validate

    let exactRegionAt (s: LinearizedRule) (theta: Map<string, Rational>) : Result<Region, string> =
        charPolyAt s theta |> Result.bind ExactRegion.ofCoefficients

    /// The exact region for concrete hyperparameter values (validated against the domain).
    let region (m: OptimizerModel) (values: (string * Rational) list) : Result<RegionAnswer, string> =
        match Hyperparameters.validateModel m values with
        | Error e -> Error e
        | Ok theta ->
            let ordered = m.Params |> List.map (fun d -> d.Name, theta.[d.Name])
            match m.Smoothness with
            | NonSmooth _ ->
                match Linearization.atCriticalPoint m with
                | Error reason -> Ok(NotApplicable(m.Name, variableOf m, ordered, reason))
                | Ok _ -> Ok(NotApplicable(m.Name, variableOf m, ordered, "the update map is not C¹"))
            | Smooth ->
                match linearize m with
                | Error e -> Error e
                | Ok s ->
                    match charPolyAt s theta with
                    | Error e -> Error e
                    | Ok p ->
                        ExactRegion.ofCoefficients p
                        |> Result.map (fun r ->
                            Exact
                                { Optimizer = m.Name
                                  Variable = s.Variable
                                  Params = ordered
                                  CharPoly = p
                                  Region = r })

    /// c > 0 with p(z, λ) = P(z, cλ) where P's first coefficient linear in λ is ±1, and P; c = 1
    /// and P = p when no coefficient of p has a term linear in λ. Points where p depends on θ and
    /// λ only through products like αλ share one P.
    let private shapeOf (p: Poly[]) =
        let c =
            p
            |> Array.tryPick (fun q -> let a = Poly.coeff 1 q in if a.IsZero then None else Some(Rational.abs a))
            |> Option.defaultValue Rational.one
        let unscaled (q: Poly) =
            Poly.coeffs q |> Array.mapi (fun j a -> a / Rational.pow j c) |> List.ofArray |> Poly.ofCoeffs
        c, Array.map unscaled p

    /// Exact regions at sampled points, computed once per shape P: the region of p(z, λ) =
    /// P(z, cλ) is {λ : cλ ∈ region of P}, the region of P scaled by 1/c, exactly.
    let private memoized (s: LinearizedRule) =
        let cache = Dictionary<Map<string, Rational>, Region>(HashIdentity.Structural)
        let byShape = Dictionary<Poly[], Region>(HashIdentity.Structural)
        let orFail r =
            match r with
            | Ok x -> x
            | Error e -> failwithf "exact region at a sampled point failed: %s" e
        fun theta ->
            match cache.TryGetValue theta with
            | true, r -> r
            | _ ->
                let c, shape = shapeOf (orFail (charPolyAt s theta))
                let ofShape =
                    match byShape.TryGetValue shape with
                    | true, r -> r
                    | _ ->
                        let r = orFail (ExactRegion.ofCoefficients shape)
                        byShape.[shape] <- r
                        r
                let r = Region.scale (Rational.one / c) ofShape
                cache.[theta] <- r
                r

    /// The closed form of a linearized rule; `checker` may prove implications the exact
    /// arguments do not reach (without it such conditions stay in).
    let closedForm (checker: ImplicationChecker option) (s: LinearizedRule) =
        let domain = DeclaredDomain.ofModel s.Model
        if Linearization.hasPolynomialEntries s.Linearization then
            ClosedForm.deriveOver ConditionLogic.defaultOptions checker domain s.Variable s.CharPoly
        else
            ClosedForm.deriveCleared ConditionLogic.defaultOptions checker domain s.Linearization.Denominator s.Variable s.CharPoly

    /// One line of the catalog table: closed form, the rule's stated filter, and how they agree
    /// (the sampled points only compare; they never decide what the closed form contains)
    /// (symbolically, and by exact regions at `count` random points of the domain). Without a
    /// stated filter there is nothing to agree with: no agreement.
    let catalogRow (checker: ImplicationChecker option) (seed: int) (count: int) (m: OptimizerModel) : CatalogRow =
        let variable = variableOf m
        match m.Smoothness with
        | NonSmooth reason ->
            { Rule = m.Name
              Variable = variable
              Smoothness = m.Smoothness
              ClosedForm = Error(sprintf "the theorem does not apply: %s" reason)
              Filter = m.Filter
              Agreement = None }
        | Smooth ->
            match linearize m with
            | Error e ->
                { Rule = m.Name
                  Variable = variable
                  Smoothness = m.Smoothness
                  ClosedForm = Error e
                  Filter = m.Filter
                  Agreement = None }
            | Ok s ->
                let samples = HyperparameterPoints.pointsOf seed count m
                let exactAt = memoized s
                let cf = closedForm checker s
                let facts = Positivity.facts m.Params
                let agreement =
                    match cf, m.Filter with
                    | Ok cf, Some filter ->
                        let mutable cfOk = 0
                        let mutable filterOk = 0
                        let mutable first = None
                        for theta in samples do
                            let exact = exactAt theta
                            let a = Region.equal exact (ClosedForm.regionAt s.Variable cf.Conditions theta)
                            let b = Region.equal exact (FilterRegion.regionAt theta filter)
                            if a then cfOk <- cfOk + 1
                            if b then filterOk <- filterOk + 1
                            if (not a || not b) && first.IsNone then
                                // the region as computed directly at θ, so that it reads as `region --params` prints it
                                first <- Some(theta, exactRegionAt s theta |> Result.defaultValue exact)
                        let samePoints =
                            let stated = FilterRegion.points filter
                            let derived = cf.IsolatedPoints |> List.map (fun q -> RationalFunction.create q.Numerator q.Denominator)
                            let within (xs: RationalFunction list) (ys: RationalFunction list) =
                                xs |> List.forall (fun x -> ys |> List.exists (RationalFunction.equal x))
                            within stated derived && within derived stated
                        Some
                            { Symbolic =
                                match FilterRegion.conditions m.Params filter with
                                | Some pc -> ClosedForm.sameConditions cf.Conditions pc && samePoints
                                | None -> false
                              Points = samples.Length
                              ClosedFormMatches = cfOk
                              PaperMatches = filterOk
                              FirstMismatch = first }
                    | _ -> None
                { Rule = m.Name
                  Variable = s.Variable
                  Smoothness = m.Smoothness
                  ClosedForm = cf
                  Filter = m.Filter
                  Agreement = agreement }
