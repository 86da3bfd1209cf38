namespace EigenVerify.Symbolic

open System
open EigenVerify.Algebra

type internal Kind =
    | Scalar
    | Vector

/// What a name means at a given line.
type internal Binding =
    | ParamName
    | StateName
    | LetName of Kind
    /// NAME' after NAME's update line: the state variable's new value.
    | PrimedName

/// Checks a parsed rule and builds its model: names, kinds, domains, updates, flags.
module internal Checker =
    let private fail = Syntax.fail

    let operators = Map.ofList [ "grad", 1; "hess", 2; "precond", 1; "norm", 1; "dot", 2 ]
    let private keywords = set [ "optimizer"; "params"; "state"; "let"; "filter"; "and"; "or" ]

    /// The names polynomials use for the eigenvalue and for the characteristic polynomial's
    /// variable: a hyperparameter with one of these names would be confused with them.
    let private eigenNames = set [ "lambda"; "mu" ]
    let private polynomialNames = Set.add "z" eigenNames

    let private kindWord k =
        match k with
        | Scalar -> "a scalar"
        | Vector -> "a vector"

    type private Scope =
        { Bindings: Map<string, Binding>
          /// Names declared somewhere in the file, for "used before declaration" messages.
          Later: Map<string, Binding * Pos>
          /// Definitions of the lets seen so far.
          LetTerms: Map<string, Term>
          /// Lets whose value does not depend on the state (constants and hyperparameters only).
          StateFree: Set<string>
          /// Degree bounds in the hyperparameters of the lets seen so far.
          Degrees: Map<string, int64>
          /// New values NAME' referenced so far, in order of first use.
          PrimedUses: ResizeArray<string>
          /// Divisors that depend on the hyperparameters only, in the order met.
          ParamDivisors: ResizeArray<ParamDenominator> }

    let private emptyScope () =
        { Bindings = Map.empty
          Later = Map.empty
          LetTerms = Map.empty
          StateFree = Set.empty
          Degrees = Map.empty
          PrimedUses = ResizeArray()
          ParamDivisors = ResizeArray() }

    /// True when the term's value changes with the state: it reads a state variable, a new value
    /// or a let that does. A let holding a constant (`let two = 2`) does not.
    let private dependsOnState (scope: Scope) (t: Term) =
        Term.subterms t |> Seq.exists (function Ref n -> not (scope.StateFree.Contains n) | _ -> false)

    /// A bound on the degree in the hyperparameters of the coefficients the term produces (lets
    /// count as their own bound), saturating above the cap so that it cannot overflow.
    let rec private degreeBound (scope: Scope) (t: Term) : int64 =
        let cap (d: int64) = min d (int64 Limits.Degree + 1L)
        let go = degreeBound scope
        match t with
        | Const _ -> 0L
        | Param _ -> 1L
        | Ref n -> defaultArg (Map.tryFind n scope.Degrees) 0L
        | Neg a
        | Grad a
        | Precond a
        | Norm a -> go a
        | Add(a, b)
        | Sub(a, b) -> max (go a) (go b)
        | Mul(a, b)
        | Div(a, b)
        | Hess(a, b)
        | Dot(a, b) -> cap (go a + go b)
        | Pow(a, k) -> cap (go a * int64 (abs k))

    /// The value of a term free of the state as a rational function of the hyperparameters
    /// (lets inlined). Raises DivideByZeroException when it divides by zero identically.
    let rec private paramValue (scope: Scope) (t: Term) : RationalFunction =
        let go = paramValue scope
        match t with
        | Const r -> RationalFunction.constant r
        | Param p -> RationalFunction.var p
        | Ref n -> go scope.LetTerms.[n]
        | Neg a -> RationalFunction.neg (go a)
        | Add(a, b) -> RationalFunction.add (go a) (go b)
        | Sub(a, b) -> RationalFunction.sub (go a) (go b)
        | Mul(a, b) -> RationalFunction.mul (go a) (go b)
        | Div(a, b) -> RationalFunction.div (go a) (go b)
        | Pow(a, k) -> RationalFunction.pow k (go a)
        | _ -> invalidOp (sprintf "internal error: %s is not a function of the hyperparameters" (TermText.print t))

    let private checkDegree (scope: Scope) (p: Pos) (t: Term) =
        if degreeBound scope t > int64 Limits.Degree then
            fail
                p
                "too-large"
                (sprintf "this expression can reach a degree above %d in the hyperparameters (the cap on degrees): write it with smaller powers" Limits.Degree)

    let private checkHyperparameterName (name: string) (pos: Pos) =
        if polynomialNames.Contains name then
            fail
                pos
                "reserved-name"
                (sprintf "'%s' cannot name a hyperparameter: lambda and mu name the eigenvalue and z the variable of the characteristic polynomial" name)

    let private checkNewName (scope: Scope) (name: string) (pos: Pos) =
        if operators.ContainsKey name || keywords.Contains name then
            fail pos "reserved-name" (sprintf "'%s' is reserved and cannot name a variable" name)
        match Map.tryFind name scope.Bindings with
        | Some ParamName -> fail pos "duplicate-name" (sprintf "'%s' is already a hyperparameter" name)
        | Some StateName -> fail pos "duplicate-name" (sprintf "'%s' is already a state variable" name)
        | Some(LetName _) -> fail pos "duplicate-name" (sprintf "'%s' is already defined by a let" name)
        | Some PrimedName
        | None -> ()

    /// Records a divisor free of the state (`shown` is what the message prints): a constant one
    /// needs nothing, one that is zero as a function is left to the linearization (which reports
    /// the division by zero), any other is kept with its position for the check on the domain.
    let private paramDivisor (scope: Scope) (p: Pos) (divisor: Term) (shown: Term) =
        let value =
            try
                Some(paramValue scope divisor)
            with :? DivideByZeroException ->
                None
        match value with
        | None -> () // an inner division by zero, refused where it is written
        | Some v when RationalFunction.isZero v -> ()
        | Some v ->
            match MPoly.tryConstant v.Num with
            | Some _ -> ()
            | None ->
                let d = { Polynomial = v.Num; Text = TermText.print shown; Line = p.Line; Column = p.Col }
                if not (scope.ParamDivisors |> Seq.exists (fun x -> x.Polynomial = d.Polynomial && x.Line = d.Line && x.Column = d.Column)) then
                    scope.ParamDivisors.Add d

    /// Syn → Term with its kind, folding literal arithmetic (−c, a/b) into single constants.
    /// `context` names the line ("x'", "let y") for smoothness reasons, which must not mention
    /// positions: they are part of the model, and printing moves lines.
    let rec private elaborate (scope: Scope) (context: string) (reasons: ResizeArray<string>) (s: Syn) : Term * Kind =
        let go = elaborate scope context reasons
        match s with
        | SNum(r, _) -> Const r, Scalar
        | SName(n, p) ->
            match Map.tryFind n scope.Bindings with
            | Some ParamName -> Param n, Scalar
            | Some StateName -> Ref n, Vector
            | Some(LetName k) -> Ref n, k
            | Some PrimedName ->
                if not (scope.PrimedUses.Contains n) then
                    scope.PrimedUses.Add n
                Ref n, Vector
            | None when n.EndsWith "'" ->
                let stateName = n.Substring(0, n.Length - 1)
                match Map.tryFind n scope.Later with
                | Some(_, q) ->
                    fail
                        p
                        "use-before-definition"
                        (sprintf "%s is used before its update on line %d: update lines take effect from top to bottom, and a new value can be used only below its line" n q.Line)
                | None -> fail p "unknown-name" (sprintf "unknown name %s: %s has no update line %s = ..." n stateName n)
            | None ->
                if operators.ContainsKey n then
                    fail p "syntax" (sprintf "'%s' is an operator; write %s(...)" n n)
                match Map.tryFind n scope.Later with
                | Some(ParamName, q) ->
                    fail p "param-before-declaration" (sprintf "hyperparameter '%s' is used before its declaration on line %d" n q.Line)
                | Some(_, q) -> fail p "use-before-definition" (sprintf "'%s' is used before its definition on line %d" n q.Line)
                | None -> fail p "unknown-name" (sprintf "unknown name '%s'" n)
        | SNeg(a, _) ->
            match go a with
            | Const r, k -> Const(-r), k
            | t, k -> Neg t, k
        | SBin(op, a, b, p) ->
            let (ta, ka) = go a
            let (tb, kb) = go b
            match op with
            | '+'
            | '-' ->
                if ka <> kb then
                    fail p "scalar-plus-vector" (sprintf "cannot %s %s and %s" (if op = '+' then "add" else "subtract") (kindWord ka) (kindWord kb))
                (if op = '+' then Add(ta, tb) else Sub(ta, tb)), ka
            | '*' ->
                if ka = Vector && kb = Vector then
                    fail p "vector-times-vector" "cannot multiply two vectors; use dot(v, w) for the inner product"
                checkDegree scope p (Mul(ta, tb))
                Mul(ta, tb), (if ka = Vector || kb = Vector then Vector else Scalar)
            | _ ->
                if kb = Vector then
                    fail p "division-by-vector" "cannot divide by a vector"
                match ta, tb with
                | _, Const r when r.IsZero -> fail p "division-by-zero" "division by zero"
                | Const x, Const y -> Const(x / y), ka
                | _ ->
                    checkDegree scope p (Div(ta, tb))
                    if dependsOnState scope tb then
                        reasons.Add(sprintf "in %s, dividing by %s is undefined where it vanishes" context (TermText.print tb))
                    else
                        paramDivisor scope p tb tb
                    Div(ta, tb), ka
        | SPow(a, k, p) ->
            match go a with
            | _, Vector -> fail p "power-of-vector" "'^' applies to scalars only"
            | Const r, _ when r.IsZero && k < 0 -> fail p "division-by-zero" "zero raised to a negative power"
            | t, _ ->
                checkDegree scope p (Pow(t, k))
                if k < 0 && dependsOnState scope t then
                    reasons.Add(sprintf "in %s, %s is undefined where its base vanishes" context (TermText.print (Pow(t, k))))
                elif k < 0 then
                    paramDivisor scope p t t
                Pow(t, k), Scalar
        | SCall(name, args, p) ->
            match Map.tryFind name operators with
            | None -> fail p "unknown-operator" (sprintf "unknown operator '%s' (known: grad, hess, precond, norm, dot)" name)
            | Some n when n <> args.Length ->
                fail p "arity" (sprintf "%s takes %d argument%s but was given %d" name n (if n = 1 then "" else "s") args.Length)
            | Some _ ->
                let elaborated =
                    args
                    |> List.map (fun a ->
                        let (t, k) = go a
                        if k <> Vector then
                            fail (Syntax.posOf a) "argument-kind" (sprintf "%s expects vector arguments but this one is a scalar" name)
                        t)
                match name, elaborated with
                | "grad", [ v ] -> Grad v, Vector
                | "hess", [ v; w ] -> Hess(v, w), Vector
                | "precond", [ v ] -> Precond v, Vector
                | "norm", [ v ] ->
                    let where =
                        match v with
                        | Grad _ -> ", which holds at every critical point"
                        | Ref r ->
                            // a let holding a gradient vanishes at critical points too
                            match Map.tryFind r scope.LetTerms with
                            | Some(Grad _) -> ", which holds at every critical point"
                            | _ -> ""
                        | _ -> ""
                    reasons.Add(sprintf "in %s, norm(%s) is not differentiable where %s = 0%s" context (TermText.print v) (TermText.print v) where)
                    Norm v, Scalar
                | _, [ v; w ] -> Dot(v, w), Scalar
                | _ -> fail p "arity" (sprintf "wrong number of arguments to %s" name)

    let private comparisonBound (op: Comparison) (nameOnLeft: bool) (c: Rational) : bool * ParamBound =
        // returns (isLower, bound) for "name op c" or "c op name"
        let strict =
            match op with
            | Lt
            | Gt -> true
            | Le
            | Ge -> false
        let nameIsGreater =
            match op, nameOnLeft with
            | (Gt | Ge), true
            | (Lt | Le), false -> true
            | _ -> false
        nameIsGreater, { Value = c; Inclusive = not strict }

    let private tighterLower (a: ParamBound option) (b: ParamBound) =
        match a with
        | None -> b
        | Some a ->
            if b.Value > a.Value then b
            elif b.Value < a.Value then a
            else { a with Inclusive = a.Inclusive && b.Inclusive }

    let private tighterUpper (a: ParamBound option) (b: ParamBound) =
        match a with
        | None -> b
        | Some a ->
            if b.Value < a.Value then b
            elif b.Value > a.Value then a
            else { a with Inclusive = a.Inclusive && b.Inclusive }

    let private boundText (d: ParamDomain) =
        [ d.Lower |> Option.map (fun l -> sprintf "%s %s %O" d.Name (if l.Inclusive then ">=" else ">") l.Value)
          d.Upper |> Option.map (fun u -> sprintf "%s %s %O" d.Name (if u.Inclusive then "<=" else "<") u.Value) ]
        |> List.choose id
        |> String.concat " and "

    let private isEmpty (d: ParamDomain) =
        match d.Lower, d.Upper with
        | Some l, Some u -> l.Value > u.Value || (l.Value = u.Value && not (l.Inclusive && u.Inclusive))
        | _ -> false

    /// Distinct gradient and Hessian-vector evaluations, smoothness and preconditioning. Terms
    /// are numbered by structure with each let numbered once (equal numbers: equal terms after
    /// inlining), so a chain of lets that use each other twice costs its length, not 2^length.
    let flags (lets: (string * Term) list) (updates: (string * Term) list) (reasons: string list) =
        let letMap = Map.ofList lets
        let table = Collections.Generic.Dictionary<string * int list, int>(HashIdentity.Structural)
        let letIds = Collections.Generic.Dictionary<string, int>()
        let grads = Collections.Generic.HashSet<int>()
        let hesses = Collections.Generic.HashSet<int * int>(HashIdentity.Structural)
        let mutable usesP = false

        let intern (key: string * int list) =
            match table.TryGetValue key with
            | true, i -> i
            | _ ->
                let i = table.Count
                table.[key] <- i
                i

        let rec id (t: Term) : int =
            match t with
            | Const r -> intern ("const " + string r, [])
            | Param p -> intern ("param " + p, [])
            | Ref n ->
                match Map.tryFind n letMap with
                | None -> intern ("state " + n, [])
                | Some d ->
                    match letIds.TryGetValue n with
                    | true, i -> i
                    | _ ->
                        let i = id d
                        letIds.[n] <- i
                        i
            | Neg a -> intern ("neg", [ id a ])
            | Add(a, b) -> intern ("add", [ id a; id b ])
            | Sub(a, b) -> intern ("sub", [ id a; id b ])
            | Mul(a, b) -> intern ("mul", [ id a; id b ])
            | Div(a, b) -> intern ("div", [ id a; id b ])
            | Pow(a, k) -> intern ("pow " + string k, [ id a ])
            | Grad v ->
                let i = id v
                grads.Add i |> ignore
                intern ("grad", [ i ])
            | Hess(v, w) ->
                let i, j = id v, id w
                hesses.Add((i, j)) |> ignore
                intern ("hess", [ i; j ])
            | Precond a ->
                usesP <- true
                intern ("precond", [ id a ])
            | Norm a -> intern ("norm", [ id a ])
            | Dot(a, b) -> intern ("dot", [ id a; id b ])

        for (_, u) in updates do
            id u |> ignore

        let smooth =
            match reasons |> List.distinct with
            | [] -> Smooth
            | rs -> NonSmooth(String.concat "; " rs)
        smooth, usesP, grads.Count, hesses.Count

    /// A filter before its eigenvalue is known: the statement read with `lambda`/`mu` at their
    /// word, and every place the eigenvalue is named, checked once the rule is complete.
    type private PendingFilter = { Statement: FilterStatement; EigenUses: (string * Pos) list }

    let private filterWords = "a filter speaks of the eigenvalue (lambda, or mu), the hyperparameters and rational constants"

    /// One side: every name is the eigenvalue or a hyperparameter declared above, and the side
    /// does not divide by zero.
    let private filterSide (scope: Scope) (uses: ResizeArray<string * Pos>) (syn: Syn, text: string) : FilterSide =
        let rec walk (s: Syn) =
            match s with
            | SNum _ -> ()
            | SName(n, p) when eigenNames.Contains n -> uses.Add(n, p)
            | SName(n, p) ->
                let known =
                    match Map.tryFind n scope.Bindings with
                    | Some b -> Some(b, true)
                    | None -> Map.tryFind n scope.Later |> Option.map (fun (b, _) -> b, false)
                match known with
                | Some(ParamName, true) -> ()
                | Some(ParamName, false) ->
                    let q = snd scope.Later.[n]
                    fail p "param-before-declaration" (sprintf "hyperparameter '%s' is used before its declaration on line %d" n q.Line)
                | Some(StateName, _) -> fail p "filter-name" (sprintf "'%s' is a state variable; %s" n filterWords)
                | Some(LetName _, _) -> fail p "filter-name" (sprintf "'%s' is defined by a let; %s" n filterWords)
                | Some(PrimedName, _) -> fail p "filter-name" (sprintf "%s is a state variable's new value; %s" n filterWords)
                | None when operators.ContainsKey n -> fail p "filter-name" (sprintf "'%s' is an operator on vectors; %s" n filterWords)
                | None -> fail p "unknown-name" (sprintf "unknown name '%s' (%s)" n filterWords)
            | SCall(n, _, p) -> fail p "filter-name" (sprintf "'%s(...)' acts on vectors; %s" n filterWords)
            | SNeg(a, _)
            | SPow(a, _, _) -> walk a
            | SBin(_, a, b, _) ->
                walk a
                walk b
        walk syn
        let e = Infix.ofSyn syn
        try
            Expr.toRationalFunction e |> ignore
        with :? DivideByZeroException ->
            fail (Syntax.posOf syn) "division-by-zero" (sprintf "'%s' divides by zero" text)
        { Expr = e; Text = text }

    let private pendingFilter (scope: Scope) (fs: FilterSyntax) : PendingFilter =
        let uses = ResizeArray<string * Pos>()
        let chains =
            fs.Chains
            |> List.map (fun (c: FilterChainSyntax) ->
                ({ Sides = c.Sides |> List.map (filterSide scope uses); Relations = c.Relations |> List.map fst }: FilterChain))
        let points =
            fs.Points
            |> List.map (fun (name, namePos, syn, text) ->
                if not (eigenNames.Contains name) then
                    fail namePos "filter-point" (sprintf "an isolated point is written 'or lambda = EXPR' (mu for preconditioned rules), not 'or %s = ...'" name)
                uses.Add(name, namePos)
                let before = uses.Count
                let side = filterSide scope uses (syn, text)
                if uses.Count > before then
                    let n, p = uses.[before]
                    fail p "filter-point" (sprintf "the value of an isolated point is an expression in the hyperparameters; it cannot use %s" n)
                side)
        { Statement = { Variable = Lambda; Chains = chains; Points = points }; EigenUses = List.ofSeq uses }

    /// The statement in its eigenvalue, once the rule says whether it preconditions.
    let private resolveFilter (variable: EigenVariable) (pending: PendingFilter) : FilterStatement =
        match pending.EigenUses |> List.tryFind (fun (n, _) -> n <> variable.Name) with
        | Some(n, p) ->
            let why =
                match variable with
                | Mu -> "this rule preconditions its gradients, so its filter is stated in mu, an eigenvalue of P^-1 H"
                | Lambda -> "this rule does not precondition its gradients, so its filter is stated in lambda, an eigenvalue of H"
            fail p "filter-variable" (sprintf "'%s' is the wrong eigenvalue: %s" n why)
        | None -> { pending.Statement with Variable = variable }

    /// A filter statement's body (a claim written on its own) for a checked model: the same
    /// checks as a `filter` line at the end of the rule.
    let filterFor (m: OptimizerModel) (fs: FilterSyntax) : FilterStatement =
        let bindings =
            [ for d in m.Params -> d.Name, ParamName
              for s in m.State -> s, StateName
              for (n, _) in m.Lets -> n, LetName Scalar ]
            |> Map.ofList
        let scope = { emptyScope () with Bindings = bindings }
        resolveFilter (if m.UsesPreconditioner then Mu else Lambda) (pendingFilter scope fs)

    let check (statements: (int * Statement) list) (lineCount: int) : OptimizerModel =
        // every declaration in the file, for messages about use before declaration
        let later =
            statements
            |> List.collect (fun (_, s) ->
                match s with
                | ParamsLine(chains, _) ->
                    chains |> List.collect (fun c -> c.Operands |> List.choose (function SName(n, p) -> Some(n, (ParamName, p)) | _ -> None))
                | StateLine(names, _) -> names |> List.map (fun (n, p) -> n, (StateName, p))
                | LetLine(n, p, _) -> [ n, (LetName Scalar, p) ]
                | UpdateLine(n, p, _) -> [ n + "'", (PrimedName, p) ]
                | _ -> [])
            |> List.rev
            |> Map.ofList

        let header =
            match statements with
            | (_, Header(name, _)) :: _ -> name
            | (_, s) :: _ ->
                let p =
                    match s with
                    | ParamsLine(_, p)
                    | StateLine(_, p) -> p
                    | LetLine(_, p, _)
                    | UpdateLine(_, p, _) -> { p with Col = 1 }
                    | Header(_, p)
                    | FilterLine(_, p) -> p
                fail p "missing-header" "a rule starts with 'optimizer NAME'"
            | [] -> fail { Line = 1; Col = 1 } "missing-header" "empty rule: a rule starts with 'optimizer NAME'"

        let mutable scope = { emptyScope () with Later = later }
        let mutable domains: ParamDomain list = []
        // where each hyperparameter was first named, for the check that something constrains it
        let mutable paramPositions: Map<string, Pos> = Map.empty
        let relations = ResizeArray<ParamRelation>()
        let mutable state: (string * Pos) list option = None
        let lets = ResizeArray<string * Term>()
        let updates = Collections.Generic.Dictionary<string, Term * Pos>()
        let reasons = ResizeArray<string>()
        let mutable filter: PendingFilter option = None
        let mutable nodes = 0
        let materialized = Collections.Generic.HashSet<string>()

        // a new value NAME' used for the first time becomes a let holding NAME's update, placed
        // before the line that uses it, and NAME's update reads that let: the update is computed
        // once, and every later reader sees the same value
        let materializePrimes () =
            for primed in List.ofSeq scope.PrimedUses do
                if materialized.Add primed then
                    let stateName = primed.Substring(0, primed.Length - 1)
                    let (t, p) = updates.[stateName]
                    lets.Add(primed, t)
                    updates.[stateName] <- (Ref primed, p)
                    scope <-
                        { scope with
                            LetTerms = Map.add primed t scope.LetTerms
                            Degrees = Map.add primed (degreeBound scope t) scope.Degrees }

        // lets are shared, so the count is of the nodes written, each let's once
        let countNodes (p: Pos) (t: Term) =
            nodes <- nodes + Seq.length (Term.subterms t)
            if nodes > Limits.Nodes then
                fail p "too-large" (sprintf "the rule has more than %d expression nodes (the cap on a rule's size)" Limits.Nodes)

        for (_, s) in List.tail statements do
            match s with
            | Header(_, p) -> fail p "duplicate-header" "only one 'optimizer NAME' line is allowed"
            | ParamsLine(chains, _) ->
                let declare (name: string) (namePos: Pos) =
                    match Map.tryFind name scope.Bindings with
                    | Some ParamName -> ()
                    | _ ->
                        checkHyperparameterName name namePos
                        checkNewName scope name namePos
                        scope <- { scope with Bindings = Map.add name ParamName scope.Bindings }
                        domains <- domains @ [ { Name = name; Lower = None; Upper = None } ]
                        paramPositions <- Map.add name namePos paramPositions
                let rec namesOf (o: Syn) =
                    match o with
                    | SName(n, q) -> [ n, q ]
                    | SNum _ -> []
                    | SCall(_, args, _) -> args |> List.collect namesOf
                    | SNeg(a, _)
                    | SPow(a, _, _) -> namesOf a
                    | SBin(_, a, b, _) -> namesOf a @ namesOf b
                for chain in chains do
                    let operands = chain.Operands |> List.map (fun o -> o, (match o with SName(n, _) -> Some n | _ -> None))
                    let constantOf (o: Syn) =
                        match o with
                        | SName _ -> None
                        | _ when not (List.isEmpty (namesOf o)) -> None
                        | _ ->
                            // constants may be written 7/4, -1, 1e-3: elaborate with no names in scope
                            match elaborate (emptyScope ()) "params" (ResizeArray()) o with
                            | Const r, _ -> Some r
                            | _ -> fail (Syntax.posOf o) "bad-constraint" "a constraint bound must be a rational constant"
                    for ((a, na), (op, opPos), (b, nb)) in
                        List.zip3 (List.take chain.Ops.Length operands) chain.Ops (List.tail operands) do
                        let bound =
                            match na, nb with
                            | Some n, None -> constantOf b |> Option.map (fun c -> n, Syntax.posOf a, c, true)
                            | None, Some n -> constantOf a |> Option.map (fun c -> n, Syntax.posOf b, c, false)
                            | _ -> None
                        match bound with
                        | Some(name, namePos, c, nameOnLeft) ->
                            declare name namePos
                            let isLower, bound = comparisonBound op nameOnLeft c
                            domains <-
                                domains
                                |> List.map (fun d ->
                                    if d.Name <> name then d
                                    elif isLower then { d with Lower = Some(tighterLower d.Lower bound) }
                                    else { d with Upper = Some(tighterUpper d.Upper bound) })
                            let d = domains |> List.find (fun d -> d.Name = name)
                            if isEmpty d then
                                fail opPos "empty-domain" (sprintf "no value of %s satisfies %s" name (boundText d))
                        | None ->
                            // a relation between hyperparameters: both sides polynomials in them
                            let names = namesOf a @ namesOf b
                            if names.IsEmpty then
                                fail opPos "bad-constraint" "a constraint must involve a hyperparameter"
                            for (n, q) in names do
                                declare n q
                            let side (o: Syn) =
                                let (t, k) = elaborate scope "params" (ResizeArray()) o
                                if k <> Scalar then
                                    fail (Syntax.posOf o) "bad-constraint" "a constraint compares scalars"
                                let v =
                                    try
                                        paramValue scope t
                                    with :? DivideByZeroException ->
                                        fail (Syntax.posOf o) "division-by-zero" "division by zero"
                                if not (RationalFunction.isPolynomial v) then
                                    fail
                                        (Syntax.posOf o)
                                        "bad-constraint"
                                        "a constraint between hyperparameters is a polynomial inequality: it cannot divide by a hyperparameter"
                                v.Num, t
                            let pa, ta = side a
                            let pb, tb = side b
                            let strict, aIsGreater =
                                match op with
                                | Lt -> true, false
                                | Le -> false, false
                                | Gt -> true, true
                                | Ge -> false, true
                            let difference = if aIsGreater then pa - pb else pb - pa
                            match MPoly.tryConstant difference with
                            | Some _ -> fail opPos "bad-constraint" "this constraint does not depend on the hyperparameters"
                            | None -> ()
                            let opText =
                                match op with
                                | Lt -> "<"
                                | Le -> "<="
                                | Gt -> ">"
                                | Ge -> ">="
                            relations.Add
                                { Polynomial = difference
                                  Strict = strict
                                  Text = sprintf "%s %s %s" (TermText.print ta) opText (TermText.print tb) }
            | StateLine(names, p) ->
                if state.IsSome then
                    fail p "duplicate-state" "the state is declared once, on one 'state' line"
                for (n, q) in names do
                    checkNewName scope n q
                    scope <- { scope with Bindings = Map.add n StateName scope.Bindings }
                state <- Some names
            | LetLine(n, p, e) ->
                checkNewName scope n p
                let (t, k) = elaborate scope ("let " + n) reasons e
                countNodes p t
                materializePrimes ()
                lets.Add(n, t)
                scope <-
                    { scope with
                        Bindings = Map.add n (LetName k) scope.Bindings
                        LetTerms = Map.add n t scope.LetTerms
                        StateFree = (if dependsOnState scope t then scope.StateFree else Set.add n scope.StateFree)
                        Degrees = Map.add n (degreeBound scope t) scope.Degrees }
            | FilterLine(fs, p) ->
                if filter.IsSome then
                    fail p "duplicate-filter" "a rule states one filter, on one 'filter' line"
                filter <- Some(pendingFilter scope fs)
            | UpdateLine(n, p, e) ->
                match Map.tryFind n scope.Bindings with
                | Some StateName -> ()
                | _ ->
                    match Map.tryFind n later with
                    | Some(StateName, q) -> fail p "use-before-definition" (sprintf "'%s' is updated before the state is declared on line %d" n q.Line)
                    | _ -> fail p "unknown-name" (sprintf "'%s' is not a state variable, so it has no update" n)
                if updates.ContainsKey n then
                    let (_, first) = updates.[n]
                    fail p "duplicate-update" (sprintf "'%s' already has an update on line %d" n first.Line)
                let (t, k) = elaborate scope (n + "'") reasons e
                if k <> Vector then
                    fail (Syntax.posOf e) "update-not-vector" (sprintf "the update of %s is a scalar; state variables are vectors" n)
                countNodes p t
                materializePrimes ()
                updates.[n] <- (t, p)
                scope <- { scope with Bindings = Map.add (n + "'") PrimedName scope.Bindings }

        let stateNames =
            match state with
            | Some names -> names
            | None -> fail { Line = lineCount; Col = 1 } "missing-state" "the rule declares no state (state x, ...)"

        for (n, q) in stateNames do
            if not (updates.ContainsKey n) then
                fail q "missing-update" (sprintf "state variable '%s' has no update line %s' = ..." n n)

        // a name whose every constraint cancels it ("alpha*0 <= beta") has no declared values
        for d in domains do
            if d.Lower.IsNone && d.Upper.IsNone
               && not (relations |> Seq.exists (fun r -> MPoly.variables r.Polynomial |> List.contains d.Name)) then
                fail
                    paramPositions.[d.Name]
                    "bad-constraint"
                    (sprintf "no constraint depends on '%s' (it cancels where it is written), so its values are not declared" d.Name)

        let updateList = stateNames |> List.map (fun (n, _) -> n, fst updates.[n])
        let letList = List.ofSeq lets
        let smooth, usesP, g, h = flags letList updateList (List.ofSeq reasons)

        { Name = header
          Params = domains
          Relations = List.ofSeq relations
          Denominators = List.ofSeq scope.ParamDivisors
          State = stateNames |> List.map fst
          Lets = letList
          Updates = updateList
          Smoothness = smooth
          UsesPreconditioner = usesP
          GradientEvaluations = g
          HessianEvaluations = h
          Filter = filter |> Option.map (resolveFilter (if usesP then Mu else Lambda)) }
