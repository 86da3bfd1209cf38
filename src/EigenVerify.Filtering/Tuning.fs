namespace EigenVerify.Filtering

open System
open System.Globalization
open EigenVerify.Algebra
open EigenVerify.Symbolic

/// An equation that holds at a recognised optimum (s = F², the squared worst-case rate; factor 0 is
/// the Graeffe square, factor 1 the pair products of `ModulusPolynomials`).
type ActiveCondition =
    /// s is a root of modulus polynomial `factor` at the eigenvalue `at` (the rate there is √s).
    | RateAt of at: Rational * factor: int
    /// p(·; at) has a multiple root.
    | DoubleRootAt of at: Rational
    /// The parameter sits on an end of its searched interval.
    | OnBound of parameter: string * value: Rational
    /// The branch of factor `factor` at `at` is stationary in the parameter (a smooth minimum).
    | StationaryIn of parameter: string * at: Rational * factor: int
    /// The gradients in the two free parameters of two branches are parallel (a smooth balance).
    | Balanced of first: Rational * firstFactor: int * second: Rational * secondFactor: int

/// How the rate at the returned point was decided (always exactly).
type RateCheck =
    /// The point is rational: its worst-case rate by the exact algorithm of `WorstCaseRate`.
    | ByWorstCase of WorstCaseRate
    /// The point is algebraic: closed-disk conditions of radius √s hold on all of the spectrum
    /// (checked in ℚ(γ) between the real roots of their norms) and the named one vanishes there.
    | ByDiskConditions of tight: string

/// Why nothing in the searched box does much better than the returned point.
type OptimalityCertificate =
    /// An exact argument that F(θ) ≥ Rate for every θ in the box.
    | ExactGlobal of argument: string
    /// Branch and bound with exact interval arithmetic: F(θ) > Level ≥ Rate − ε for every θ in
    /// the box, covered by `Boxes` boxes.
    | WithinEpsilon of level: Rational * boxes: int
    /// No certificate: why.
    | NotCertified of reason: string

/// The minimax tuning of 1 or 2 free hyperparameters: θ minimizing F(θ) = max over v in
/// [Lower, Upper] of ρ(M(v; θ)).
type TuningResult =
    { Rule: string
      Variable: string
      Lower: Rational
      Upper: Rational
      Free: FreeParameter list
      Fixed: (string * Rational) list
      Epsilon: Rational
      /// θ*, exact.
      Parameters: (string * AlgebraicNumber) list
      /// F(θ*), exact.
      Rate: AlgebraicNumber
      RateSquared: AlgebraicNumber
      /// The equations solved exactly to find θ*; empty when θ* is a rational point near the
      /// numeric optimum (the optimum was not recognised, only the point's rate is exact).
      Recognised: ActiveCondition list
      RateCheck: RateCheck
      Optimality: OptimalityCertificate
      /// Free parameters whose optimal value is an excluded end of the rule's declared domain
      /// (e.g. rho = 0 for rho > 0): there the optimum is approached, not attained, by the rule.
      OutsideDomain: string list
      /// The floating-point search's optimum that guided the exact work (never itself reported
      /// as a result).
      NumericParameters: float list
      NumericRate: float }

[<RequireQualifiedAccess>]
module ActiveCondition =

    let private factorName k = if k = 0 then "a squared root" else "a product of two roots"

    /// One line of words, e.g. "p(z; lambda = 1) has a multiple root".
    [<CompiledName("Text")>]
    let text (variable: string) (c: ActiveCondition) =
        match c with
        | RateAt(at, k) -> sprintf "the rate at %s = %O equals the optimum (through %s)" variable at (factorName k)
        | DoubleRootAt at -> sprintf "p(z; %s = %O) has a multiple root" variable at
        | OnBound(name, v) -> sprintf "%s = %O, an end of its searched interval" name v
        | StationaryIn(name, at, k) -> sprintf "the rate at %s = %O (%s) is stationary in %s" variable at (factorName k) name
        | Balanced(a, ka, b, kb) ->
            sprintf "the rates at %s = %O (%s) and %s = %O (%s) have parallel gradients" variable a (factorName ka) variable b (factorName kb)

[<RequireQualifiedAccess>]
module Tuning =

    let private rateName = "rate squared"

    let private exactOf (x: float) = Rational.parse (x.ToString("R", CultureInfo.InvariantCulture))

    /// The simplest rational within a relative tolerance of a double, clamped into [lo, hi].
    let internal nearRational (tolerance: float) (lo: Rational) (hi: Rational) (x: float) =
        let x = exactOf x
        let t = Rational.abs x * exactOf tolerance + exactOf tolerance
        let a = Rational.max lo (x - t)
        let b = Rational.min hi (x + t)

        if a >= b then
            Rational.max lo (Rational.min hi x)
        else
            AlgebraicNumber.rationalBetween (AlgebraicNumber.ofRational a) (AlgebraicNumber.ofRational b)

    /// The candidate equations at the spectrum ends, in θ and s.
    let private equations (variable: string) (p: MPoly) (lo: Rational) (hi: Rational) (free: FreeParameter list) =
        let n = MPoly.degreeIn "z" p
        let names = free |> List.map (fun q -> q.Name)
        let s = MPoly.var rateName

        let pieces =
            [ for e in List.distinct [ lo; hi ] do
                  let pe = MPoly.substitute (Map.ofList [ variable, e ]) p
                  let factors = if n >= 2 then [ ModulusPolynomials.graeffe pe; ModulusPolynomials.pairProducts pe ] else [ ModulusPolynomials.graeffe pe ]

                  for k, x in List.indexed factors do
                      yield e, k, MPoly.substitutePoly ModulusPolynomials.W s (ModulusPolynomials.squareFreeIn ModulusPolynomials.W x) ]

        let ends =
            [ for e in List.distinct [ lo; hi ] do
                  if n >= 2 then
                      let pe = MPoly.substitute (Map.ofList [ variable, e ]) p
                      yield DoubleRootAt e, MPoly.resultant "z" pe (MPoly.derivative "z" pe) ]

        let rates = pieces |> List.map (fun (e, k, x) -> RateAt(e, k), x)

        let bounds =
            [ for q in free do
                  yield OnBound(q.Name, q.Min), MPoly.var q.Name - MPoly.constant q.Min
                  yield OnBound(q.Name, q.Max), MPoly.var q.Name - MPoly.constant q.Max ]

        let stationary =
            [ for e, k, x in pieces do
                  for name in names do
                      let d = MPoly.derivative name x
                      if not (MPoly.isZero d) then yield StationaryIn(name, e, k), d ]

        let balanced =
            match names with
            | [ a; b ] ->
                [ for i, (e1, k1, x1) in List.indexed pieces do
                      for e2, k2, x2 in List.skip (i + 1) pieces do
                          let det = MPoly.derivative a x1 * MPoly.derivative b x2 - MPoly.derivative b x1 * MPoly.derivative a x2
                          if not (MPoly.isZero det) then yield Balanced(e1, k1, e2, k2), det ]
            | _ -> []

        rates @ ends @ bounds @ stationary @ balanced

    let rec private combinations k (xs: 'a list) =
        match k, xs with
        | 0, _ -> [ [] ]
        | _, [] -> []
        | k, x :: rest -> (combinations (k - 1) rest |> List.map (fun c -> x :: c)) @ combinations k rest

    type private Candidate =
        { Theta: (string * AlgebraicNumber) list
          Squared: AlgebraicNumber
          Conditions: ActiveCondition list
          Check: RateCheck }

    /// Exact verification of one solution of the active equations.
    let private verify (variable: string) (p: MPoly) (lo: Rational) (hi: Rational) (names: string list) (conditions: ActiveCondition list) (sol: SystemSolution) =
        let f = sol.Field
        let theta = names |> List.map (fun n -> n, f.Reduce sol.Values.[n])

        if theta |> List.forall (fun (_, e) -> Poly.degree e <= 0) then
            let values = theta |> List.map (fun (n, e) -> n, Poly.coeff 0 e) |> Map.ofList

            SpectralRadius.family variable (MPoly.substitute values p)
            |> Result.bind (fun fam -> WorstCaseRate.compute fam lo hi)
            |> Result.toOption
            |> Option.map (fun w ->
                { Theta = theta |> List.map (fun (n, e) -> n, AlgebraicNumber.ofRational (Poly.coeff 0 e))
                  Squared = w.RateSquared
                  Conditions = conditions
                  Check = ByWorstCase w })
        else
            match RateBounds.verifySquaredRate f variable p (Map.ofList theta) sol.Values.[rateName] lo hi with
            | Ok tight ->
                Some
                    { Theta = theta |> List.map (fun (n, e) -> n, NumberFieldRoots.toAlgebraic f e)
                      Squared = NumberFieldRoots.toAlgebraic f sol.Values.[rateName]
                      Conditions = conditions
                      Check = ByDiskConditions tight }
            | Error _ -> None

    /// Recognises the optimum near the numeric one: the candidate equations that nearly vanish
    /// there, solved exactly d + 1 at a time, each solution verified exactly; the best verified
    /// candidate, stopping at the first as good as the numeric optimum.
    let private recognise (variable: string) (p: MPoly) (lo: Rational) (hi: Rational) (free: FreeParameter list) (xhat: float[]) (shat: float) =
        let names = free |> List.map (fun q -> q.Name)
        let slots = names @ [ rateName ]
        let point = Array.append xhat [| shat |]
        let target = List.zip slots (List.ofArray point) |> Map.ofList

        let active =
            equations variable p lo hi free
            |> List.filter (fun (_, e) -> not (MPoly.variables e).IsEmpty)
            |> List.map (fun (c, e) -> c, e, NumericGuide.relativeResidual (NumericGuide.compile slots e) point)
            |> List.filter (fun (_, _, r) -> r <= 1e-6)
            |> List.sortBy (fun (_, _, r) -> r)
            |> List.truncate 8

        let subsets =
            combinations (names.Length + 1) active
            |> List.sortBy (fun subset -> subset |> List.map (fun (_, _, r) -> r) |> List.max)

        let orders =
            match names with
            | [ a ] -> [ [ rateName; a ] ]
            | [ a; b ] -> [ [ rateName; b; a ]; [ rateName; a; b ] ]
            | _ -> []

        let goodEnough (c: Candidate) = AlgebraicNumber.toFloat c.Squared <= shat * (1.0 + 1e-6) + 1e-12

        let mutable best: Candidate option = None

        let consider (c: Candidate) =
            match best with
            | Some b when AlgebraicNumber.compare b.Squared c.Squared <= 0 -> ()
            | _ -> best <- Some c

        let rec attempt (subsets: (ActiveCondition * MPoly * float) list list) =
            match subsets with
            | [] -> ()
            | subset :: rest ->
                let conditions = subset |> List.map (fun (c, _, _) -> c)
                let polys = subset |> List.map (fun (_, e, _) -> e)

                for order in orders do
                    if not (best |> Option.exists goodEnough) then
                        for sol in PolynomialSystem.solveNear polys order target 1e-4 do
                            verify variable p lo hi names conditions sol |> Option.iter consider

                if not (best |> Option.exists goodEnough) then
                    attempt rest

        attempt subsets
        best

    /// A rational level in [V − ε, V − ε/2] below the exact rate V.
    let private levelBelow (v: AlgebraicNumber) (epsilon: Rational) =
        let half = epsilon / Rational.ofInt 2
        let lo, _ = AlgebraicNumber.interval (AlgebraicNumber.refineTo half v)
        lo - half

    /// Tunes the free parameters of p(z; v, θ), whose only variables are z, v and the free
    /// parameters, over the box, for eigenvalues v in [lo, hi].
    [<CompiledName("TunePolynomial")>]
    let tunePolynomial
        (variable: string)
        (p: MPoly)
        (lo: Rational)
        (hi: Rational)
        (free: FreeParameter list)
        (epsilon: Rational)
        : Result<TuningResult, string> =
        let names = free |> List.map (fun q -> q.Name)
        let n = MPoly.degreeIn "z" p

        match MPoly.variables p |> List.tryFind (fun x -> x <> "z" && x <> variable && not (List.contains x names)) with
        | Some other -> Error(sprintf "hyperparameter '%s' is neither free nor given a value" other)
        | None when lo > hi -> Error(sprintf "the spectrum interval [%O, %O] is empty" lo hi)
        | None when epsilon.Sign <= 0 -> Error(sprintf "epsilon must be positive, got %O" epsilon)
        | None when free.IsEmpty || free.Length > 2 -> Error(sprintf "tuning takes 1 or 2 free hyperparameters, got %d" free.Length)
        | None when free |> List.exists (fun q -> q.Min >= q.Max) ->
            let q = free |> List.find (fun q -> q.Min >= q.Max)
            Error(sprintf "the searched interval [%O, %O] of %s is empty or a point" q.Min q.Max q.Name)
        | None ->
            let guideFamily = NumericGuide.family variable names p
            let lof, hif = Rational.toFloat lo, Rational.toFloat hi
            let worst (x: float[]) = NumericGuide.worstCase guideFamily lof hif x
            let lower = free |> List.map (fun q -> Rational.toFloat q.Min) |> Array.ofList
            let upper = free |> List.map (fun q -> Rational.toFloat q.Max) |> Array.ofList
            let fhat, xhat = NumericGuide.minimize (worst >> fst) lower upper

            let recognised = recognise variable p lo hi free xhat (fhat * fhat)

            let point =
                match recognised with
                | Some c -> Ok c
                | None ->
                    // not recognised: the exact rate at a rational point next to the numeric
                    // optimum, and at that point with the coordinates that sit on a face of the
                    // box moved onto it (an optimum on the box's boundary is often attained where
                    // the worst eigenvalue is inside the spectrum, which no end equation sees);
                    // "sits on a face" is within 10⁻⁶ of the box's width, about the numeric
                    // minimizer's accuracy; either way the exact rates decide, and the better of
                    // the two is kept
                    let near = List.map2 (fun (q: FreeParameter) x -> q.Name, nearRational 1e-9 q.Min q.Max x) free (List.ofArray xhat)
                    let onFace =
                        List.map2
                            (fun (q: FreeParameter) (name, x) ->
                                let width = q.Max - q.Min
                                let close (b: Rational) = Rational.abs (x - b) <= width * Rational.ofFraction 1 1000000
                                name, (if close q.Min then q.Min elif close q.Max then q.Max else x))
                            free
                            near
                    let rateAt (theta: (string * Rational) list) =
                        SpectralRadius.family variable (MPoly.substitute (Map.ofList theta) p)
                        |> Result.bind (fun fam -> WorstCaseRate.compute fam lo hi)
                        |> Result.map (fun w ->
                            { Theta = theta |> List.map (fun (name, x) -> name, AlgebraicNumber.ofRational x)
                              Squared = w.RateSquared
                              Conditions = []
                              Check = ByWorstCase w })
                    match rateAt near with
                    | Ok atNear when onFace <> near ->
                        match rateAt onFace with
                        | Ok atFace when AlgebraicNumber.compare atFace.Squared atNear.Squared <= 0 -> Ok atFace
                        | _ -> Ok atNear
                    | other -> other

            point
            |> Result.map (fun c ->
                let rate = AlgebraicArithmetic.sqrt c.Squared

                let exact1D =
                    match free, AlgebraicNumber.tryRational rate with
                    | [ q ], Some t when t.Sign > 0 ->
                        match RateBounds.exactLowerBound1D variable p lo hi q t with
                        | Ok true ->
                            Some(
                                ExactGlobal(
                                    sprintf
                                        "for every %s in [%O, %O], rho(%s = %O) >= %O or rho(%s = %O) >= %O: the exact regions {%s : rho <= %O} at the two ends share no interval inside the box"
                                        q.Name q.Min q.Max variable lo t variable hi t q.Name t
                                )
                            )
                        | _ -> None
                    | _ -> None

                let optimality =
                    match exact1D with
                    | Some cert -> cert
                    | None when n > 2 -> NotCertified(sprintf "the branch and bound uses closed-disk conditions of degree 1 or 2 in z; this polynomial has degree %d" n)
                    | None ->
                        let level = levelBelow rate epsilon

                        if level.Sign <= 0 then
                            WithinEpsilon(level, 0)
                        else
                            let guide (centre: Map<string, Rational>) =
                                let x = names |> List.map (fun name -> Rational.toFloat centre.[name]) |> Array.ofList
                                nearRational 1e-12 lo hi (snd (worst x))

                            match RateBounds.branchAndBound variable p lo hi free level guide 200000 with
                            | Ok boxes -> WithinEpsilon(level, boxes)
                            | Error e -> NotCertified e

                { Rule = ""
                  Variable = variable
                  Lower = lo
                  Upper = hi
                  Free = free
                  Fixed = []
                  Epsilon = epsilon
                  Parameters = c.Theta
                  Rate = rate
                  RateSquared = c.Squared
                  Recognised = c.Conditions
                  RateCheck = c.Check
                  Optimality = optimality
                  OutsideDomain = []
                  NumericParameters = List.ofArray xhat
                  NumericRate = fhat })

    /// How a declared relation between hyperparameters fares on the searched box.
    type private RelationOnBox =
        | Holds
        | FailsAt of Map<string, Rational>
        | Undecided

    /// Does the relation (r > 0 when strict, r ≥ 0 otherwise) hold on the whole closed box?
    /// One free parameter: decided by the exact region of r on the line. Two: by exact interval
    /// enclosures of r over a subdivision of the box, a rational corner or centre where r fails
    /// refuting it; Undecided when the subdivision budget runs out first.
    let private relationOnBox (r: MPoly) (strict: bool) (free: FreeParameter list) : RelationOnBox =
        let holds (x: Rational) = if strict then x.Sign > 0 else x.Sign >= 0
        let fails (point: Map<string, Rational>) = not (holds (MPoly.eval point r))
        match free with
        | [ q ] ->
            let line = MPoly.tryToPoly q.Name r |> Option.defaultWith (fun () -> invalidOp "a relation with a variable that was just ruled out")
            let region = Region.ofSignConditions [ line, (if strict then [ 1 ] else [ 0; 1 ]) ]
            let a, b = AlgebraicNumber.ofRational q.Min, AlgebraicNumber.ofRational q.Max
            // a maximal decomposition: the box is covered by one interval or not at all
            let covered =
                region.Intervals
                |> List.exists (fun i ->
                    (match i.Lower with
                     | None -> true
                     | Some l ->
                         let c = AlgebraicNumber.compare l.Value a
                         c < 0 || (c = 0 && l.Closed))
                    && (match i.Upper with
                        | None -> true
                        | Some u ->
                            let c = AlgebraicNumber.compare u.Value b
                            c > 0 || (c = 0 && u.Closed)))
            if covered then
                Holds
            else
                // a witness among the ends and the midpoint when one fails there, else the
                // midpoint of a piece of the box outside the region
                let candidates = [ q.Min; q.Max; Rational.midpoint q.Min q.Max ] |> List.map (fun x -> Map.ofList [ q.Name, x ])
                match candidates |> List.tryFind fails with
                | Some w -> FailsAt w
                | None ->
                    let fences =
                        AlgebraicNumber.realRoots line
                        |> List.ofSeq
                        |> List.filter (fun x -> AlgebraicNumber.compare x a > 0 && AlgebraicNumber.compare x b < 0)
                    (a :: fences @ [ b ])
                    |> List.pairwise
                    |> List.map (fun (x, y) -> Map.ofList [ q.Name, AlgebraicNumber.rationalBetween x y ])
                    |> List.tryFind fails
                    |> Option.map FailsAt
                    |> Option.defaultValue Undecided
        | _ ->
            let rec decide (depth: int) (box: FreeParameter list) =
                let enclosure = Enclosure.evalMPoly (box |> List.map (fun q -> q.Name, Enclosure.create q.Min q.Max) |> Map.ofList) r
                if holds enclosure.Lo then
                    Holds
                else
                    let centre = box |> List.map (fun q -> q.Name, Rational.midpoint q.Min q.Max)
                    let corners =
                        box
                        |> List.fold (fun acc q -> acc |> List.collect (fun pt -> [ (q.Name, q.Min) :: pt; (q.Name, q.Max) :: pt ])) [ [] ]
                    match (centre :: corners) |> List.map Map.ofList |> List.tryFind fails with
                    | Some w -> FailsAt w
                    | None when depth = 0 -> Undecided
                    | None ->
                        let widest = box |> List.maxBy (fun q -> q.Max - q.Min)
                        let mid = Rational.midpoint widest.Min widest.Max
                        let half (lo: Rational) (hi: Rational) =
                            box |> List.map (fun q -> if q.Name = widest.Name then { q with Min = lo; Max = hi } else q)
                        // a refutation in either half wins over the other half being undecided
                        match decide (depth - 1) (half widest.Min mid) with
                        | FailsAt w -> FailsAt w
                        | first ->
                            match decide (depth - 1) (half mid widest.Max), first with
                            | FailsAt w, _ -> FailsAt w
                            | Holds, Holds -> Holds
                            | _ -> Undecided
            decide 12 free

    /// The first declared relation, with the fixed values put in, that is not shown to hold on the
    /// whole searched box: the search and its certificate speak of the box, so the box must lie
    /// inside the declared domain (strict relations strictly).
    let private relationProblem (m: OptimizerModel) (free: FreeParameter list) (fixedValues: (string * Rational) list) =
        let freeNames = free |> List.map (fun q -> q.Name)
        let boxText = free |> List.map (fun q -> sprintf "%s in [%O, %O]" q.Name q.Min q.Max) |> String.concat ", "
        let fixedText =
            match fixedValues with
            | [] -> ""
            | vs -> sprintf " (with %s)" (vs |> List.map (fun (n, x) -> sprintf "%s = %O" n x) |> String.concat ", ")
        m.Relations
        |> List.tryPick (fun rel ->
            let r = MPoly.substitute (Map.ofList fixedValues) rel.Polynomial
            let vars = MPoly.variables r
            // a relation among fixed values alone is checked with them; one naming a hyperparameter
            // that is neither free nor fixed is refused by the validation that follows
            if vars.IsEmpty || vars |> List.exists (fun v -> not (List.contains v freeNames)) then
                None
            else
                let involved = free |> List.filter (fun q -> List.contains q.Name vars)
                match relationOnBox r rel.Strict involved with
                | Holds -> None
                | FailsAt w ->
                    let at = w |> Map.toList |> List.map (fun (n, x) -> sprintf "%s = %O" n x) |> String.concat ", "
                    Some(
                        sprintf
                            "the searched box (%s) leaves the declared domain: the relation %s fails at %s%s; give a searched box on which it holds"
                            boxText rel.Text at fixedText
                    )
                | Undecided ->
                    Some(
                        sprintf
                            "the relation %s could not be shown to hold on the whole searched box (%s)%s; give a smaller searched box inside the declared domain"
                            rel.Text boxText fixedText
                    ))

    /// Tunes a rule: `free` parameters over their boxes (inside the closure of the declared
    /// domain), every other parameter fixed in `fixedValues`, for eigenvalues in [lo, hi].
    [<CompiledName("Tune")>]
    let tune
        (m: OptimizerModel)
        (lo: Rational)
        (hi: Rational)
        (free: FreeParameter list)
        (fixedValues: (string * Rational) list)
        (epsilon: Rational)
        : Result<TuningResult, string> =
        let declared = m.Params |> List.map (fun d -> d.Name)

        let outsideClosure (q: FreeParameter) =
            match m.Params |> List.tryFind (fun d -> d.Name = q.Name) with
            | None -> Some(sprintf "unknown hyperparameter '%s' (this rule declares: %s)" q.Name (String.concat ", " declared))
            | Some d ->
                match d.Lower, d.Upper with
                | Some b, _ when q.Min < b.Value -> Some(sprintf "the searched interval of %s starts at %O, below its domain's lower end %O" q.Name q.Min b.Value)
                | _, Some b when q.Max > b.Value -> Some(sprintf "the searched interval of %s ends at %O, above its domain's upper end %O" q.Name q.Max b.Value)
                | _ -> None

        let freeNames = free |> List.map (fun q -> q.Name)

        match free |> List.tryPick outsideClosure with
        | Some e -> Error e
        | None when (List.distinct freeNames).Length <> freeNames.Length -> Error "a free hyperparameter is named twice"
        | None when fixedValues |> List.exists (fun (n, _) -> List.contains n freeNames) ->
            Error(sprintf "hyperparameter '%s' is both free and fixed" (fixedValues |> List.find (fun (n, _) -> List.contains n freeNames) |> fst))
        | None when free |> List.exists (fun q -> q.Min >= q.Max) ->
            let q = free |> List.find (fun q -> q.Min >= q.Max)
            Error(sprintf "the searched interval [%O, %O] of %s is empty or a point" q.Min q.Max q.Name)
        | None ->
            let midpoints = free |> List.map (fun q -> q.Name, Rational.midpoint q.Min q.Max)

            match relationProblem m free fixedValues, ExactMachinery.validateValues m (fixedValues @ midpoints) with
            | Some e, _
            | None, Error e -> Error e
            | None, Ok _ ->
                // the fixed values go in first: a denominator of the fixed hyperparameters alone is
                // then a nonzero rational, and p is monic in z with polynomial coefficients
                match ExactMachinery.charPolyFixing m (Map.ofList fixedValues) with
                | Error e -> Error e
                | Ok(p, variable) ->

                    let excludedEnd (name: string, x: AlgebraicNumber) =
                        let d = m.Params |> List.find (fun d -> d.Name = name)
                        let at (b: EigenVerify.Symbolic.ParamBound option) =
                            b |> Option.exists (fun b -> not b.Inclusive && AlgebraicNumber.compare x (AlgebraicNumber.ofRational b.Value) = 0)
                        at d.Lower || at d.Upper

                    tunePolynomial variable p lo hi free epsilon
                    |> Result.map (fun r ->
                        { r with
                            Rule = m.Name
                            Fixed = fixedValues
                            OutsideDomain = r.Parameters |> List.filter excludedEnd |> List.map fst })
