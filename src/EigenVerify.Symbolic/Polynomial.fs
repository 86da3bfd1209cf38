namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// A monomial: variables with positive exponents, sorted by name, so equal monomials are equal lists.
type Monomial = (string * int) list

/// A sparse multivariate polynomial over ℚ: each monomial maps to a nonzero coefficient.
/// The expression layer's own canonical carrier; Map keeps terms ordered, so equality is structural.
type Polynomial = { Terms: Map<Monomial, Rational> }

[<RequireQualifiedAccess>]
module Monomial =
    let one: Monomial = []

    let rec mul (a: Monomial) (b: Monomial) : Monomial =
        match a, b with
        | [], m
        | m, [] -> m
        | (va, ea) :: ra, (vb, eb) :: rb ->
            let c = compare va vb
            if c = 0 then (va, ea + eb) :: mul ra rb
            elif c < 0 then (va, ea) :: mul ra b
            else (vb, eb) :: mul a rb

    let degree (m: Monomial) = m |> List.sumBy snd

    let exponentOf (v: string) (m: Monomial) =
        m |> List.tryFind (fun (w, _) -> w = v) |> Option.map snd |> Option.defaultValue 0

    /// b / a when a divides b.
    let tryDivide (b: Monomial) (a: Monomial) : Monomial option =
        let rec go (b: Monomial) (a: Monomial) acc =
            match b, a with
            | _, [] -> Some(List.rev acc @ b)
            | [], _ -> None
            | (vb, eb) :: rb, (va, ea) :: ra ->
                let c = compare vb va
                if c = 0 then
                    if eb > ea then go rb ra ((vb, eb - ea) :: acc)
                    elif eb = ea then go rb ra acc
                    else None
                elif c < 0 then go rb a ((vb, eb) :: acc)
                else None

        go b a []

    /// Greatest common divisor: the smaller exponent of every shared variable.
    let gcd (a: Monomial) (b: Monomial) : Monomial =
        a
        |> List.choose (fun (v, e) ->
            let f = exponentOf v b
            if f > 0 then Some(v, min e f) else None)

    /// Graded lexicographic order (variables by name); it respects multiplication,
    /// which exact multivariate division needs.
    let compareGrlex (a: Monomial) (b: Monomial) =
        let c = compare (degree a) (degree b)
        if c <> 0 then
            c
        else
            let rec lex (a: Monomial) (b: Monomial) =
                match a, b with
                | [], [] -> 0
                | [], _ -> -1
                | _, [] -> 1
                | (va, ea) :: ra, (vb, eb) :: rb ->
                    let cv = compare va vb
                    if cv < 0 then 1
                    elif cv > 0 then -1
                    elif ea <> eb then compare ea eb
                    else lex ra rb

            lex a b

[<RequireQualifiedAccess>]
module Polynomial =
    let zero = { Terms = Map.empty }

    let constant (r: Rational) =
        if r.IsZero then zero else { Terms = Map.ofList [ Monomial.one, r ] }

    let one = constant Rational.One
    let ofInt (n: int) = constant (Rational.OfInt n)

    let var (name: string) =
        { Terms = Map.ofList [ [ name, 1 ], Rational.One ] }

    let monomial (c: Rational) (m: Monomial) =
        if c.IsZero then zero else { Terms = Map.ofList [ m, c ] }

    let isZero (p: Polynomial) = p.Terms.IsEmpty

    let tryConstant (p: Polynomial) =
        if p.Terms.IsEmpty then Some Rational.Zero
        else
            match Map.toList p.Terms with
            | [ ([], c) ] -> Some c
            | _ -> None

    let private addTerm (m: Monomial) (c: Rational) (terms: Map<Monomial, Rational>) =
        let s =
            match Map.tryFind m terms with
            | Some d -> c + d
            | None -> c

        if s.IsZero then Map.remove m terms else Map.add m s terms

    let add (a: Polynomial) (b: Polynomial) =
        { Terms = Map.fold (fun acc m c -> addTerm m c acc) a.Terms b.Terms }

    let scale (r: Rational) (p: Polynomial) =
        if r.IsZero then zero else { Terms = Map.map (fun _ c -> r * c) p.Terms }

    let neg (p: Polynomial) = scale (Rational.OfInt -1) p
    let sub a b = add a (neg b)

    let mul (a: Polynomial) (b: Polynomial) =
        let mutable acc = Map.empty

        for KeyValue(ma, ca) in a.Terms do
            for KeyValue(mb, cb) in b.Terms do
                acc <- addTerm (Monomial.mul ma mb) (ca * cb) acc

        { Terms = acc }

    let rec pow (k: int) (p: Polynomial) =
        if k < 0 then invalidArg "k" "negative power of a polynomial"
        elif k = 0 then one
        elif k = 1 then p
        else
            let h = pow (k / 2) p
            let h2 = mul h h
            if k % 2 = 0 then h2 else mul h2 p

    let variables (p: Polynomial) =
        p.Terms |> Map.toSeq |> Seq.collect (fun (m, _) -> m |> Seq.map fst) |> Set.ofSeq

    let degree (p: Polynomial) =
        if p.Terms.IsEmpty then -1 else p.Terms |> Map.toSeq |> Seq.map (fst >> Monomial.degree) |> Seq.max

    /// The leading term under graded lexicographic order.
    let leading (p: Polynomial) =
        p.Terms |> Map.toSeq |> Seq.reduce (fun a b -> if Monomial.compareGrlex (fst a) (fst b) >= 0 then a else b)

    let derivative (v: string) (p: Polynomial) =
        let mutable acc = Map.empty

        for KeyValue(m, c) in p.Terms do
            let e = Monomial.exponentOf v m
            if e > 0 then
                let m' = m |> List.choose (fun (w, f) -> if w <> v then Some(w, f) elif f > 1 then Some(w, f - 1) else None)
                acc <- addTerm m' (c * Rational.OfInt e) acc

        { Terms = acc }

    /// Exact value; every variable must be assigned.
    let eval (value: string -> Rational) (p: Polynomial) =
        p.Terms
        |> Map.fold (fun acc m c -> acc + (m |> List.fold (fun t (v, e) -> t * Rational.Pow(value v, e)) c)) Rational.Zero

    /// Gcd of all monomials: the largest monomial dividing every term (1 for zero).
    let monomialContent (p: Polynomial) =
        if p.Terms.IsEmpty then Monomial.one
        else p.Terms |> Map.toSeq |> Seq.map fst |> Seq.reduce Monomial.gcd

    let divideByMonomial (m: Monomial) (p: Polynomial) =
        { Terms =
            p.Terms
            |> Map.toSeq
            |> Seq.map (fun (t, c) ->
                match Monomial.tryDivide t m with
                | Some q -> q, c
                | None -> invalidArg "m" "the monomial does not divide every term")
            |> Map.ofSeq }

    /// a / b when b divides a exactly (multivariate division by one divisor: if b | a, the
    /// leading term of each remainder is divisible by b's leading term, so the loop finds it).
    let tryDivide (a: Polynomial) (b: Polynomial) : Polynomial option =
        if isZero b then None
        else
            let (lm, lc) = leading b
            let rec go (r: Polynomial) (q: Polynomial) steps =
                if isZero r then Some q
                elif steps > 100000 then None
                else
                    let (rm, rc) = leading r
                    match Monomial.tryDivide rm lm with
                    | None -> None
                    | Some m ->
                        let t = monomial (rc / lc) m
                        go (sub r (mul t b)) (add q t) (steps + 1)

            go a zero 0

    let substitute (value: string -> Polynomial option) (p: Polynomial) =
        p.Terms
        |> Map.fold
            (fun acc m c ->
                let term =
                    m
                    |> List.fold
                        (fun t (v, e) ->
                            let f =
                                match value v with
                                | Some q -> q
                                | None -> var v
                            mul t (pow e f))
                        (constant c)

                add acc term)
            zero

    /// Coefficients of p as a polynomial in v: exponent → coefficient (free of v).
    let coefficientsIn (v: string) (p: Polynomial) : Map<int, Polynomial> =
        p.Terms
        |> Map.toSeq
        |> Seq.groupBy (fun (m, _) -> Monomial.exponentOf v m)
        |> Seq.map (fun (e, ts) ->
            e, { Terms = ts |> Seq.map (fun (m, c) -> (m |> List.filter (fun (w, _) -> w <> v)), c) |> Map.ofSeq })
        |> Map.ofSeq

    let degreeIn (v: string) (p: Polynomial) =
        if isZero p then -1 else p.Terms |> Map.toSeq |> Seq.map (fun (m, _) -> Monomial.exponentOf v m) |> Seq.max

    /// Scaled so the leading coefficient (graded lexicographic order) is 1.
    let monic (p: Polynomial) =
        if isZero p then p else scale (Rational.One / snd (leading p)) p

    let private power (v: string) (e: int) = if e = 0 then one else monomial Rational.One [ v, e ]

    /// Pseudo-remainder of a by b as polynomials in v (b's v-degree ≥ 1).
    let private pseudoRemainder (v: string) (a: Polynomial) (b: Polynomial) =
        let n = degreeIn v b
        let lb = (coefficientsIn v b).[n]
        let mutable r = a
        let mutable e = degreeIn v a - n + 1
        while not (isZero r) && degreeIn v r >= n do
            let dr = degreeIn v r
            let s = mul (coefficientsIn v r).[dr] (power v (dr - n))
            r <- sub (mul lb r) (mul s b)
            e <- e - 1
        mul (pow (max e 0) lb) r

    /// Greatest common divisor over ℚ, monic: recursive on the variables, with a primitive
    /// pseudo-remainder sequence in the first variable and contents in the others.
    let rec gcd (a: Polynomial) (b: Polynomial) : Polynomial =
        if isZero a then monic b
        elif isZero b then monic a
        else
            let vars = Set.union (variables a) (variables b)
            if vars.IsEmpty then
                one
            else
                let v = Set.minElement vars
                let content (p: Polynomial) = coefficientsIn v p |> Map.fold (fun g _ c -> gcd g c) zero
                let primitive (p: Polynomial) = (tryDivide p (content p)).Value
                let da, db = degreeIn v a, degreeIn v b
                if da = 0 then gcd a (content b)
                elif db = 0 then gcd (content a) b
                else
                    let g0 = gcd (content a) (content b)
                    let mutable p = if da >= db then primitive a else primitive b
                    let mutable q = if da >= db then primitive b else primitive a
                    let mutable result = None
                    while result.IsNone do
                        if degreeIn v q = 0 then
                            // a primitive part free of v is a constant: the two are coprime in v
                            result <- Some one
                        else
                            let r = pseudoRemainder v p q
                            if isZero r then
                                result <- Some q
                            else
                                p <- q
                                q <- primitive r
                    monic (mul g0 result.Value)
