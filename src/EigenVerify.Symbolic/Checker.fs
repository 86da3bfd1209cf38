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
          LetTerms: Map<string, Term> }

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
        | None -> ()

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
                Mul(ta, tb), (if ka = Vector || kb = Vector then Vector else Scalar)
            | _ ->
                if kb = Vector then
                    fail p "division-by-vector" "cannot divide by a vector"
                match ta, tb with
                | _, Const r when r.IsZero -> fail p "division-by-zero" "division by zero"
                | Const x, Const y -> Const(x / y), ka
                | _ ->
                    let stateDependent =
                        Term.subterms tb |> Seq.exists (function Ref _ -> true | _ -> false)
                    if stateDependent then
                        reasons.Add(sprintf "in %s, dividing by %s is undefined where it vanishes" context (TermText.print tb))
                    Div(ta, tb), ka
        | SPow(a, k, p) ->
            match go a with
            | _, Vector -> fail p "power-of-vector" "'^' applies to scalars only"
            | Const r, _ when r.IsZero && k < 0 -> fail p "division-by-zero" "zero raised to a negative power"
            | t, _ ->
                if k < 0 && Term.subterms t |> Seq.exists (function Ref _ -> true | _ -> false) then
                    reasons.Add(sprintf "in %s, %s is undefined where its base vanishes" context (TermText.print (Pow(t, k))))
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

    /// Distinct gradient and Hessian-vector evaluations, smoothness and preconditioning.
    let flags (lets: (string * Term) list) (updates: (string * Term) list) (reasons: string list) =
        let letMap = Map.ofList lets
        let inlined = updates |> List.map (snd >> Term.inlineLets letMap)
        let all = inlined |> Seq.collect Term.subterms |> Seq.toList
        let grads = all |> List.choose (function Grad v -> Some v | _ -> None) |> List.distinct
        let hesses = all |> List.choose (function Hess(v, w) -> Some(v, w) | _ -> None) |> List.distinct
        let usesP = all |> List.exists (function Precond _ -> true | _ -> false)
        let smooth =
            match reasons |> List.distinct with
            | [] -> Smooth
            | rs -> NonSmooth(String.concat "; " rs)
        smooth, usesP, grads.Length, hesses.Length

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
        let scope = { Bindings = bindings; Later = Map.empty; LetTerms = Map.empty }
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

        let mutable scope = { Bindings = Map.empty; Later = later; LetTerms = Map.empty }
        let mutable domains: ParamDomain list = []
        let mutable state: (string * Pos) list option = None
        let lets = ResizeArray<string * Term>()
        let updates = Collections.Generic.Dictionary<string, Term * Pos>()
        let reasons = ResizeArray<string>()
        let mutable filter: PendingFilter option = None

        for (_, s) in List.tail statements do
            match s with
            | Header(_, p) -> fail p "duplicate-header" "only one 'optimizer NAME' line is allowed"
            | ParamsLine(chains, _) ->
                for chain in chains do
                    let operands = chain.Operands |> List.map (fun o -> o, (match o with SName(n, _) -> Some n | _ -> None))
                    let constantOf (o: Syn) =
                        match o with
                        | SName _ -> None
                        | _ ->
                            // constants may be written 7/4, -1, 1e-3: elaborate with no names in scope
                            match elaborate { Bindings = Map.empty; Later = Map.empty; LetTerms = Map.empty } "params" (ResizeArray()) o with
                            | Const r, _ -> Some r
                            | _ -> fail (Syntax.posOf o) "bad-constraint" "a constraint bound must be a rational constant"
                    for ((a, na), (op, opPos), (b, nb)) in
                        List.zip3 (List.take chain.Ops.Length operands) chain.Ops (List.tail operands) do
                        let name, namePos, c, nameOnLeft =
                            match na, nb with
                            | Some n, None -> n, Syntax.posOf a, constantOf b, true
                            | None, Some n -> n, Syntax.posOf b, constantOf a, false
                            | Some _, Some _ -> fail opPos "bad-constraint" "a constraint compares one hyperparameter with a constant, not two names"
                            | None, None -> fail opPos "bad-constraint" "a constraint must involve a hyperparameter"
                        let c = c |> Option.defaultWith (fun () -> fail opPos "bad-constraint" "a constraint bound must be a rational constant")
                        match Map.tryFind name scope.Bindings with
                        | Some ParamName -> ()
                        | _ ->
                            checkHyperparameterName name namePos
                            checkNewName scope name namePos
                            scope <- { scope with Bindings = Map.add name ParamName scope.Bindings }
                            domains <- domains @ [ { Name = name; Lower = None; Upper = None } ]
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
                lets.Add(n, t)
                scope <- { scope with Bindings = Map.add n (LetName k) scope.Bindings; LetTerms = Map.add n t scope.LetTerms }
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
                updates.[n] <- (t, p)

        let stateNames =
            match state with
            | Some names -> names
            | None -> fail { Line = lineCount; Col = 1 } "missing-state" "the rule declares no state (state x, ...)"

        for (n, q) in stateNames do
            if not (updates.ContainsKey n) then
                fail q "missing-update" (sprintf "state variable '%s' has no update line %s' = ..." n n)

        let updateList = stateNames |> List.map (fun (n, _) -> n, fst updates.[n])
        let letList = List.ofSeq lets
        let smooth, usesP, g, h = flags letList updateList (List.ofSeq reasons)

        { Name = header
          Params = domains
          State = stateNames |> List.map fst
          Lets = letList
          Updates = updateList
          Smoothness = smooth
          UsesPreconditioner = usesP
          GradientEvaluations = g
          HessianEvaluations = h
          Filter = filter |> Option.map (resolveFilter (if usesP then Mu else Lambda)) }
