namespace EigenVerify.Proofs

open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// A symbol the certificate introduces besides the eigenvalue and the hyperparameters (an
/// algebraic endpoint, a square root, a rational bound), with the facts that pin it down and a
/// sentence saying what it is.
type Definition =
    { Symbol: string
      Facts: string list
      Meaning: string }

/// The set a claim is about.
type ClaimedRegion =
    /// A filter as stated (by the rule, or on the command line), over the whole domain; its
    /// isolated points that its chains provably contain are left out (the same set).
    | StatedForm of FilterStatement
    /// The exact region at the claim's hyperparameter values.
    | ExactIntervals of Region
    /// The closed form the Filtering layer derives, over the whole domain.
    | DerivedForm of ClosedForm

/// For which hyperparameters a claim is made.
type Scope =
    /// Every θ in the rule's declared domain (a closed-form region).
    | OverDomain
    /// The given exact values, in the rule's declaration order (an exact numeric region).
    | AtValues of (string * Rational) list

/// One claim "λ ∈ R(θ) ⟺ every root of p_{λ,θ} lies in the closed unit disk", with everything
/// needed to write its certificates and its transcript.
type Claim =
    { Rule: string
      RuleText: string
      /// The file stem: "closed-form" or "exact-alpha-1_10.beta-9_10".
      Id: string
      Variable: EigenVariable
      Params: ParamDomain list
      Scope: Scope
      /// The linearized rule as the Filtering layer sees it.
      Linearized: LinearizedRule
      Linearization: Linearization
      /// det(zI − M) in "z", the eigenvariable and the hyperparameters (θ kept symbolic).
      CharPoly: MPoly
      Region: ClaimedRegion
      /// "λ ∈ R" over the SMT symbols of the eigenvariable, hyperparameters and definitions.
      Membership: Formula
      Definitions: Definition list
      /// Denominators in the statement that must not vanish on the domain.
      Denominators: MPoly list
      /// The filter the rule states (or the claim given instead), compared with the other
      /// claims' regions.
      Statement: FilterStatement option }

[<RequireQualifiedAccess>]
module Claim =

    /// The claim's region in words: the chain of comparisons, the exact union of intervals, or
    /// the derived closed form with its isolated points.
    let regionText (c: Claim) =
        match c.Region with
        | StatedForm f -> FilterText.statement f
        | ExactIntervals r -> Region.toText r
        | DerivedForm cf -> ClosedFormText.full cf

    /// Coefficients of z^0 … z^k of a polynomial in "z".
    let coefficientsInZ (p: MPoly) = MPoly.coeffsIn "z" p

    /// Denominators the rule itself needs nonzero: its divisors that depend on the hyperparameters
    /// and, when M has them, the common denominator D of M's entries (a divisor of their product).
    let ruleDenominators (s: LinearizedRule) : MPoly list =
        let written = s.Model.Denominators |> List.map (fun d -> d.Polynomial)
        let d = if Linearization.hasPolynomialEntries s.Linearization then [] else [ s.Linearization.Denominator ]
        (written @ d) |> List.distinct

    /// SMT term and definitions for an exact real algebraic endpoint: a rational literal, a
    /// quadratic surd a + b·s with s² = c, s > 0, or the unique root of its defining
    /// polynomial inside its isolating interval.
    let private endpoint (defs: ResizeArray<Definition>) (a: AlgebraicNumber) =
        match AlgebraicNumber.tryQuadratic a with
        | Some(q, b, _) when b.IsZero -> Smt.rational q
        | Some(q, b, c) ->
            let name = sprintf "sqrt%O" c
            if not (defs |> Seq.exists (fun d -> d.Symbol = name)) then
                defs.Add
                    { Symbol = name
                      Facts = [ sprintf "(= (* %s %s) %O)" name name c; sprintf "(> %s 0)" name ]
                      Meaning = sprintf "%s = sqrt(%O), the positive root of s^2 = %O" name c c }
            let surd = if b = Rational.One then name else Smt.product [ Smt.rational b; name ]
            if q.IsZero then surd else Smt.sum [ Smt.rational q; surd ]
        | None ->
            let name = sprintf "root%d" (defs |> Seq.filter (fun d -> d.Symbol.StartsWith "root") |> Seq.length |> (+) 1)
            let poly = AlgebraicNumber.definingPoly a
            let lo, hi = AlgebraicNumber.interval a
            defs.Add
                { Symbol = name
                  Facts =
                    [ sprintf "(= %s 0)" (Smt.univariate name poly)
                      sprintf "(< %s %s)" (Smt.rational lo) name
                      sprintf "(< %s %s)" name (Smt.rational hi) ]
                  Meaning =
                    sprintf
                        "%s = %s: the only root of %s in (%O, %O), approximately %s"
                        name
                        (AlgebraicNumber.toString a)
                        (Poly.toString "x" (AlgebraicNumber.definingPoly a))
                        lo
                        hi
                        (AlgebraicNumber.toDecimal 15 a) }
            name

    /// "v ∈ R" for an exact region, with its endpoint definitions.
    let regionFormula (v: string) (r: Region) : Formula * Definition list =
        let defs = ResizeArray<Definition>()
        let intervals =
            r.Intervals
            |> List.map (fun i ->
                let lower =
                    i.Lower |> Option.map (fun b -> Formula.Compare((if b.Closed then "<=" else "<"), endpoint defs b.Value, v))
                let upper =
                    i.Upper |> Option.map (fun b -> Formula.Compare((if b.Closed then "<=" else "<"), v, endpoint defs b.Value))
                Formula.All(List.choose id [ lower; upper ]))
        let points = r.Points |> List.map (fun p -> Formula.Compare("=", v, endpoint defs p))
        Formula.Any(intervals @ points), List.ofSeq defs

    /// A file-name-safe stem for given hyperparameter values.
    let valuesId (values: (string * Rational) list) =
        "exact-"
        + (values
           |> List.map (fun (n, v) -> n + "-" + (string v).Replace("/", "_").Replace("-", "m"))
           |> String.concat ".")

    /// "v ∈ R" for a filter statement. A side (or point) with a non-constant denominator d
    /// becomes a symbol b with the defining fact d·b = n; those denominators are returned so that
    /// a separate certificate can show they never vanish on the domain.
    let statedFormula (f: FilterStatement) : Formula * Definition list * MPoly list =
        let definitions = ResizeArray<Definition>()
        let denominators = ResizeArray<MPoly>()
        let term (side: FilterSide) =
            let rf = Expr.toRationalFunction side.Expr
            match MPoly.tryConstant rf.Den with
            | Some c -> Smt.polynomial (MPoly.scale (Rational.One / c) rf.Num)
            | None ->
                let name = sprintf "bound%d" (definitions.Count + 1)
                definitions.Add
                    { Symbol = name
                      Facts = [ Smt.apply "=" [ Smt.product [ Smt.polynomial rf.Den; name ]; Smt.polynomial rf.Num ] ]
                      Meaning = sprintf "%s = %s" name side.Text }
                denominators.Add rf.Den
                name
        let comparisons =
            f.Chains
            |> List.collect (fun c ->
                let terms = c.Sides |> List.map term
                c.Relations |> List.mapi (fun i r -> Formula.Compare(FilterText.relation r, terms.[i], terms.[i + 1])))
        let v = Smt.symbol f.Variable.Name
        let points = f.Points |> List.map (fun p -> Formula.Compare("=", v, term p))
        let membership =
            match points with
            | [] -> Formula.All comparisons
            | _ -> Formula.Any(Formula.All comparisons :: points)
        membership, List.ofSeq definitions, List.ofSeq denominators

    /// The filter as stated (the rule's `filter` line, or a claim given instead) over the whole
    /// declared domain.
    let stated (ruleText: string) (linearized: LinearizedRule) (statement: FilterStatement) : Claim =
        let m = linearized.Model
        let l = linearized.Linearization
        // points the chains contain anyway add nothing to the set, so they are not encoded
        let effective =
            { statement with Points = statement.Points |> List.filter (fun p -> not (FilterRegion.pointInChains m.Params statement p)) }
        let f, defs, dens = statedFormula effective
        { Rule = m.Name
          RuleText = ruleText
          Id = "stated"
          Variable = l.Variable
          Params = m.Params
          Scope = OverDomain
          Linearized = linearized
          Linearization = l
          CharPoly = Linearization.charPoly l
          Region = StatedForm effective
          Membership = f
          Definitions = defs
          Denominators = List.distinct (ruleDenominators linearized @ dens)
          Statement = Some statement }

    /// The exact-region claim at given hyperparameters, the region computed by Filtering.
    let atValues
        (ruleText: string)
        (s: LinearizedRule)
        (values: (string * Rational) list)
        (statement: FilterStatement option)
        : Result<Claim, string> =
        let l = s.Linearization
        match RuleAnalysis.exactRegionAt s (Map.ofList values) with
        | Error e -> Error e
        | Ok region ->
            let f, defs = regionFormula (Smt.symbol l.Variable.Name) region
            Ok
                { Rule = s.Model.Name
                  RuleText = ruleText
                  Id = valuesId values
                  Variable = l.Variable
                  Params = s.Model.Params
                  Scope = AtValues values
                  Linearized = s
                  Linearization = l
                  CharPoly = Linearization.charPoly l
                  Region = ExactIntervals region
                  Membership = f
                  Definitions = defs
                  Denominators = ruleDenominators s
                  Statement = statement }

    /// The closed form the Filtering layer derives, over the whole domain: {v : every
    /// condition ≥ 0}. Certifying it also settles any condition it dropped after sampling only.
    let derived (ruleText: string) (s: LinearizedRule) (cf: ClosedForm) (statement: FilterStatement option) : Claim =
        let l = s.Linearization
        { Rule = s.Model.Name
          RuleText = ruleText
          Id = "derived"
          Variable = l.Variable
          Params = s.Model.Params
          Scope = OverDomain
          Linearized = s
          Linearization = l
          CharPoly = Linearization.charPoly l
          Region = DerivedForm cf
          Membership = Formula.All(cf.Conditions |> List.map (fun c -> Formula.Compare(">=", Smt.polynomial c, "0")))
          Definitions = []
          Denominators = ruleDenominators s
          Statement = statement }
