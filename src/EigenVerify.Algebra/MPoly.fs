namespace EigenVerify.Algebra

open System
open System.Numerics
open System.Text

/// Monomials: maps from variable name to a positive exponent, ordered lexicographically with
/// variables in alphabetical (ordinal) order, so x > y^k for every k. The order is the type's own
/// comparison, which keeps a polynomial's term map sorted by it: the leading term is the last key.
module internal Monomial =

    /// The first variable whose exponents differ decides; both sides are variable names sorted
    /// ordinally (as Map sorts strings) with their exponents.
    let private compareSorted (va: string[]) (xa: int[]) (vb: string[]) (xb: int[]) =
        let mutable i = 0
        let mutable result = 0

        while result = 0 && (i < va.Length || i < vb.Length) do
            if i >= vb.Length then
                result <- 1
            elif i >= va.Length then
                result <- -1
            else
                let c = String.CompareOrdinal(va.[i], vb.[i])

                if c <> 0 then
                    // the side with the earlier variable has a positive exponent where the other has 0
                    result <- if c < 0 then 1 else -1
                else
                    result <- compare xa.[i] xb.[i]
                    i <- i + 1

        result

    /// The map is the meaning; the arrays are its sorted flattening, kept for fast comparison.
    [<CustomEquality; CustomComparison>]
    type T =
        { E: Map<string, int>
          Vars: string[]
          Exps: int[] }

        override m.Equals(o: obj) =
            match o with
            | :? T as n -> m.E = n.E
            | _ -> false

        override m.GetHashCode() = m.E.GetHashCode()

        interface IComparable with
            member m.CompareTo(o: obj) =
                match o with
                | :? T as n -> compareSorted m.Vars m.Exps n.Vars n.Exps
                | _ -> invalidArg "o" "not a monomial"

    let make (e: Map<string, int>) =
        { E = e
          Vars = e |> Map.toArray |> Array.map fst
          Exps = e |> Map.toArray |> Array.map snd }

    let one = make Map.empty

    /// v^k (1 when k = 0).
    let single (v: string) (k: int) =
        if k = 0 then one else make (Map.ofList [ v, k ])

    let isOne (m: T) = m.E.IsEmpty

    let vars (m: T) = Map.keys m.E

    let remove (v: string) (m: T) = make (Map.remove v m.E)

    let mul (a: T) (b: T) =
        make (b.E |> Map.fold (fun acc v e -> acc |> Map.add v (e + defaultArg (Map.tryFind v acc) 0)) a.E)

    let degree (m: T) = m.E |> Map.fold (fun s _ e -> s + e) 0

    let exponent (v: string) (m: T) = defaultArg (Map.tryFind v m.E) 0

    /// a / b when b divides a.
    let tryDiv (a: T) (b: T) =
        if b.E |> Map.forall (fun v e -> exponent v a >= e) then
            Some(
                make (
                    b.E
                    |> Map.fold
                        (fun acc v e ->
                            let left = defaultArg (Map.tryFind v acc) 0 - e
                            if left = 0 then Map.remove v acc else Map.add v left acc)
                        a.E
                )
            )
        else
            None

    /// The smaller exponent of every variable the two share.
    let gcd (a: T) (b: T) =
        make (a.E |> Map.filter (fun v _ -> b.E.ContainsKey v) |> Map.map (fun v e -> min e b.E.[v]))

    /// Graded lexicographic order: total degree first, then the lexicographic order. Unlike lex
    /// alone it puts low-degree terms last, the order in which polynomials are printed.
    let compareGrlex (a: T) (b: T) =
        let c = compare (degree a) (degree b)
        if c <> 0 then c else compare a b

    let toText (m: T) =
        m.E
        |> Map.toList
        |> List.map (fun (v, e) -> if e = 1 then v else sprintf "%s^%d" v e)
        |> String.concat "*"

/// Sparse multivariate polynomial over ℚ with named variables; equality is equality of the
/// canonical term maps (no zero coefficients, no zero exponents).
[<CustomEquality; NoComparison>]
type MPoly =
    private
        { T: Map<Monomial.T, Rational> }

    member internal p.Terms = p.T

    static member internal OfTerms(t: Map<Monomial.T, Rational>) = { T = t }

    static member private AddTerms(acc: Map<Monomial.T, Rational>, m: Monomial.T, c: Rational) =
        if c.IsZero then
            acc
        else
            match Map.tryFind m acc with
            | Some d ->
                let s = c + d
                if s.IsZero then Map.remove m acc else Map.add m s acc
            | None -> Map.add m c acc

    static member (+)(a: MPoly, b: MPoly) =
        { T = b.T |> Map.fold (fun acc m c -> MPoly.AddTerms(acc, m, c)) a.T }

    static member (~-)(a: MPoly) = { T = a.T |> Map.map (fun _ c -> -c) }

    static member (-)(a: MPoly, b: MPoly) = a + (-b)

    static member (*)(a: MPoly, b: MPoly) =
        let mutable acc = Map.empty

        for KeyValue(ma, ca) in a.T do
            for KeyValue(mb, cb) in b.T do
                acc <- MPoly.AddTerms(acc, Monomial.mul ma mb, ca * cb)

        { T = acc }

    override p.Equals(o: obj) =
        match o with
        | :? MPoly as q -> p.T = q.T
        | _ -> false

    override p.GetHashCode() = p.T.GetHashCode()

    interface IEquatable<MPoly> with
        member p.Equals(q: MPoly) = p.T = q.T

/// Functions on multivariate rational polynomials.
[<RequireQualifiedAccess>]
module MPoly =

    let private ofTerms t = MPoly.OfTerms t

    let zero = ofTerms Map.empty

    let constant (c: Rational) =
        if c.IsZero then zero else ofTerms (Map.ofList [ Monomial.one, c ])

    let one = constant Rational.One

    let ofInt (n: int) = constant (Rational.OfInt n)

    let var (name: string) =
        if String.IsNullOrWhiteSpace name then
            invalidArg "name" "a variable needs a non-empty name"

        ofTerms (Map.ofList [ Monomial.single name 1, Rational.One ])

    let add (a: MPoly) (b: MPoly) = a + b
    let sub (a: MPoly) (b: MPoly) = a - b
    let mul (a: MPoly) (b: MPoly) = a * b
    let neg (a: MPoly) = -a

    let scale (s: Rational) (p: MPoly) =
        if s.IsZero then zero else ofTerms (p.Terms |> Map.map (fun _ c -> s * c))

    let pow (k: int) (p: MPoly) = Power.bySquaring "polynomial" (fun (a: MPoly) b -> a * b) one k p

    let isZero (p: MPoly) = p.Terms.IsEmpty

    /// c · m for a monomial given as variable → exponent (zero exponents are dropped).
    let monomial (c: Rational) (m: Map<string, int>) =
        if m |> Map.exists (fun _ e -> e < 0) then
            invalidArg "m" "a monomial needs non-negative exponents"

        if c.IsZero then
            zero
        else
            ofTerms (Map.ofList [ Monomial.make (m |> Map.filter (fun _ e -> e > 0)), c ])

    /// The value of a constant polynomial (Some 0 for zero); None when a variable occurs.
    let tryConstant (p: MPoly) =
        match Map.toList p.Terms with
        | [] -> Some Rational.Zero
        | [ m, c ] when Monomial.isOne m -> Some c
        | _ -> None

    let private isConstant (p: MPoly) =
        p.Terms |> Map.forall (fun m _ -> Monomial.isOne m)

    /// The constant term's coefficient (0 when absent).
    let private constantPart (p: MPoly) =
        defaultArg (Map.tryFind Monomial.one p.Terms) Rational.Zero

    let variables (p: MPoly) =
        p.Terms |> Map.toSeq |> Seq.collect (fun (m, _) -> Monomial.vars m) |> Seq.distinct |> Seq.sort |> List.ofSeq

    let degreeIn (v: string) (p: MPoly) =
        if isZero p then -1 else p.Terms |> Map.fold (fun d m _ -> max d (Monomial.exponent v m)) 0

    /// Largest total degree of a term; −1 for zero.
    let totalDegree (p: MPoly) =
        if isZero p then -1 else p.Terms |> Map.fold (fun d m _ -> max d (Monomial.degree m)) 0

    /// Coefficients of v^0 … v^d, each free of v; [||] for zero.
    let coeffsIn (v: string) (p: MPoly) =
        let d = degreeIn v p
        let acc = Array.create (d + 1) Map.empty

        for KeyValue(m, c) in p.Terms do
            let e = Monomial.exponent v m
            acc.[e] <- Map.add (Monomial.remove v m) c acc.[e]

        acc |> Array.map ofTerms

    let ofCoeffsIn (v: string) (cs: MPoly list) =
        cs
        |> List.mapi (fun i c ->
            if degreeIn v c > 0 then
                invalidArg "cs" (sprintf "coefficient %d still contains %s" i v)

            c * ofTerms (Map.ofList [ Monomial.single v i, Rational.One ]))
        |> List.fold (+) zero

    /// Value at a full assignment; names the first variable without a value.
    let eval (values: Map<string, Rational>) (p: MPoly) =
        match variables p |> List.tryFind (fun v -> not (values.ContainsKey v)) with
        | Some v -> invalidArg "values" (sprintf "variable '%s' has no value" v)
        | None ->
            p.Terms
            |> Map.fold
                (fun acc m c -> acc + (m.E |> Map.fold (fun t v e -> t * Rational.Pow(values.[v], e)) c))
                Rational.Zero

    /// Partial evaluation: the assigned variables are replaced by their values.
    let substitute (values: Map<string, Rational>) (p: MPoly) =
        p.Terms
        |> Map.toSeq
        |> Seq.map (fun (m, c) ->
            let kept, coeff =
                m.E
                |> Map.fold
                    (fun (kept: Map<string, int>, coeff: Rational) v e ->
                        match Map.tryFind v values with
                        | Some x -> kept, coeff * Rational.Pow(x, e)
                        | None -> Map.add v e kept, coeff)
                    (Map.empty, c)

            ofTerms (if coeff.IsZero then Map.empty else Map.ofList [ Monomial.make kept, coeff ]))
        |> Seq.fold (+) zero

    /// substitutePoly v q p = p with q put in place of v (Horner in v).
    let substitutePoly (v: string) (q: MPoly) (p: MPoly) =
        let cs = coeffsIn v p
        let mutable acc = zero

        for i in cs.Length - 1 .. -1 .. 0 do
            acc <- acc * q + cs.[i]

        acc

    let ofPoly (v: string) (p: Poly) =
        Poly.coeffs p
        |> Array.mapi (fun i c -> Monomial.single v i, c)
        |> Array.filter (fun (_, c) -> not c.IsZero)
        |> Map.ofArray
        |> ofTerms

    /// The univariate polynomial in v, when no other variable occurs.
    let tryToPoly (v: string) (p: MPoly) =
        if variables p |> List.forall ((=) v) then
            Some(coeffsIn v p |> Array.map constantPart |> List.ofArray |> Poly.ofCoeffs)
        else
            None

    /// Leading term in lexicographic order (alphabetical variables).
    let private leadingTerm (p: MPoly) =
        Map.maxKeyValue p.Terms

    /// Terms in lexicographic order, leading term first.
    let terms (p: MPoly) =
        p.Terms |> Map.toList |> List.rev |> List.map (fun (m, c) -> m.E, c)

    /// Terms in graded lexicographic order, highest total degree first (the printing order).
    let termsGrlex (p: MPoly) =
        p.Terms
        |> Map.toList
        |> List.sortWith (fun (a, _) (b, _) -> Monomial.compareGrlex b a)
        |> List.map (fun (m, c) -> m.E, c)

    /// The leading term in graded lexicographic order; raises for zero.
    let leadingGrlex (p: MPoly) =
        if isZero p then
            invalidArg "p" "the zero polynomial has no leading term"

        let m, c =
            p.Terms |> Map.toSeq |> Seq.reduce (fun a b -> if Monomial.compareGrlex (fst a) (fst b) >= 0 then a else b)

        m.E, c

    /// Scaled so the leading coefficient in graded lexicographic order is 1 (zero stays zero).
    let monic (p: MPoly) =
        if isZero p then p else scale (Rational.One / snd (leadingGrlex p)) p

    /// ∂p/∂v.
    let derivative (v: string) (p: MPoly) =
        p.Terms
        |> Map.fold
            (fun (acc: MPoly) m c ->
                match Monomial.exponent v m with
                | 0 -> acc
                | e ->
                    let m' = Monomial.make (if e = 1 then Map.remove v m.E else Map.add v (e - 1) m.E)
                    acc + ofTerms (Map.ofList [ m', c * Rational.OfInt e ]))
            zero

    /// The largest monomial dividing every term, as variable → exponent (empty for zero).
    let monomialContent (p: MPoly) =
        if isZero p then Map.empty else (p.Terms |> Map.toSeq |> Seq.map fst |> Seq.reduce Monomial.gcd).E

    /// The largest monomial dividing both, as variable → exponent.
    let monomialGcd (a: Map<string, int>) (b: Map<string, int>) =
        (Monomial.gcd (Monomial.make a) (Monomial.make b)).E

    /// p / m for a monomial m dividing every term.
    let divideByMonomial (m: Map<string, int>) (p: MPoly) =
        let d = Monomial.make (m |> Map.filter (fun _ e -> e > 0))

        p.Terms
        |> Map.toSeq
        |> Seq.map (fun (t, c) ->
            match Monomial.tryDiv t d with
            | Some q -> q, c
            | None -> invalidArg "m" "the monomial does not divide every term")
        |> Map.ofSeq
        |> ofTerms

    /// The positive rational r such that p / r has coprime integer coefficients (1 for zero).
    let rationalContent (p: MPoly) =
        if isZero p then
            Rational.One
        else
            let cs = p.Terms |> Map.toList |> List.map snd
            let num = cs |> List.map (fun c -> BigInteger.Abs c.Numerator) |> List.reduce (fun a b -> BigInteger.GreatestCommonDivisor(a, b))
            let den = cs |> List.map (fun c -> c.Denominator) |> List.reduce (fun a b -> a / BigInteger.GreatestCommonDivisor(a, b) * b)
            Rational.Create(num, den)

    /// p scaled by a positive rational to coprime integer coefficients (signs kept); zero stays zero.
    let primitive (p: MPoly) = scale (Rational.One / rationalContent p) p

    /// Each variable v with value v = Some q replaced by the polynomial q; the others kept.
    let substituteWith (value: string -> MPoly option) (p: MPoly) =
        let cache = Collections.Generic.Dictionary<string * int, MPoly>()

        let power v e (q: MPoly) =
            match cache.TryGetValue((v, e)) with
            | true, r -> r
            | _ ->
                let r = pow e q
                cache.[(v, e)] <- r
                r

        p.Terms
        |> Map.fold
            (fun (acc: MPoly) m c ->
                let term =
                    m.E
                    |> Map.fold
                        (fun (t: MPoly) v e ->
                            match value v with
                            | Some q -> t * power v e q
                            | None -> t * ofTerms (Map.ofList [ Monomial.single v e, Rational.One ]))
                        (constant c)

                acc + term)
            zero

    /// Some q when p = q·d exactly. Leading terms must divide (LT(q·d) = LT(q)·LT(d)), so each
    /// step either cancels the leading term of the rest or proves that d does not divide p.
    let exactDiv (p: MPoly) (d: MPoly) =
        if isZero d then
            raise (DivideByZeroException "multivariate division by the zero polynomial")

        let md, cd = leadingTerm d
        let mutable rest = p
        let mutable quotient = zero
        let mutable failed = false

        while not failed && not (isZero rest) do
            let mr, cr = leadingTerm rest

            match Monomial.tryDiv mr md with
            | None -> failed <- true
            | Some m ->
                let t = ofTerms (Map.ofList [ m, cr / cd ])
                quotient <- quotient + t
                rest <- rest - t * d

        if failed then None else Some quotient

    let private divExact (p: MPoly) (d: MPoly) =
        match exactDiv p d with
        | Some q -> q
        | None -> invalidOp "internal error: a division expected to be exact left a remainder"

    /// Integer coefficients with gcd 1 and a positive leading term: the canonical associate.
    let private normalize (p: MPoly) =
        if isZero p then
            p
        else
            let cs = p.Terms |> Map.toSeq |> Seq.map snd |> Array.ofSeq
            let lcm = cs |> Array.fold (fun (m: BigInteger) c -> m / BigInteger.GreatestCommonDivisor(m, c.Denominator) * c.Denominator) BigInteger.One
            let g = cs |> Array.fold (fun (g: BigInteger) c -> BigInteger.GreatestCommonDivisor(g, c.Numerator * (lcm / c.Denominator))) BigInteger.Zero
            let s = Rational.Create(lcm, g)
            let _, lead = leadingTerm p
            scale (if lead.Sign < 0 then -s else s) p

    /// Pseudo-remainder lc(b)^(deg a − deg b + 1) · a mod b on coefficient arrays (lowest first,
    /// deg a ≥ deg b ≥ 1), every step multiplying by lc(b) so the power is exact.
    let private premArrays (a: MPoly[]) (b: MPoly[]) =
        let r = Array.copy a
        let db = b.Length - 1
        let lb = b.[db]

        for dr in a.Length - 1 .. -1 .. db do
            let lr = r.[dr]

            for i in 0 .. dr - 1 do
                r.[i] <- lb * r.[i]

            if not (isZero lr) then
                for i in 0 .. db - 1 do
                    r.[dr - db + i] <- r.[dr - db + i] - lr * b.[i]

            r.[dr] <- zero

        let mutable n = r.Length

        while n > 0 && isZero r.[n - 1] do
            n <- n - 1

        Array.sub r 0 n

    /// Resultant eliminating v: the Sylvester determinant, computed by the subresultant
    /// algorithm over ℚ[other variables] (Cohen, Algorithm 3.3.7), whose divisions are exact.
    let resultant (v: string) (p: MPoly) (q: MPoly) =
        if isZero p || isZero q then
            zero
        else
            let m, n = degreeIn v p, degreeIn v q

            if m = 0 then
                pow n p
            elif n = 0 then
                pow m q
            else
                // Res(q, p) = (−1)^(mn) Res(p, q)
                let a, b, s =
                    if m < n then coeffsIn v q, coeffsIn v p, (if m % 2 = 1 && n % 2 = 1 then -1 else 1)
                    else coeffsIn v p, coeffsIn v q, 1

                let divAll (d: MPoly) (xs: MPoly[]) = xs |> Array.map (fun x -> divExact x d)

                let rec loop (a: MPoly[]) (b: MPoly[]) (g: MPoly) (h: MPoly) (s: int) =
                    let da, db = a.Length - 1, b.Length - 1
                    let delta = da - db
                    let s = if da % 2 = 1 && db % 2 = 1 then -s else s
                    let r = premArrays a b

                    if r.Length = 0 then
                        zero
                    else
                        let b' = divAll (g * pow delta h) r
                        let g' = b.[db]
                        let h' = if delta = 0 then h else divExact (pow delta g') (pow (delta - 1) h)

                        if b'.Length > 1 then
                            loop b b' g' h' s
                        else
                            // h^(1 − deg b) · lc(b')^(deg b), with b the last non-constant remainder
                            let num = pow db b'.[0]
                            let hFinal = divExact num (pow (db - 1) h')
                            if s < 0 then -hFinal else hFinal

                loop a b one one s

    /// Pseudo-remainder of a by b as polynomials in v (coefficients in the other variables).
    let private pseudoRemIn (v: string) (a: MPoly) (b: MPoly) =
        let db = degreeIn v b
        let lb = (coeffsIn v b).[db]
        let vPow k = ofTerms (Map.ofList [ Monomial.single v k, Rational.One ])
        let mutable r = a
        let mutable dr = degreeIn v r

        while not (isZero r) && dr >= db do
            let lr = (coeffsIn v r).[dr]
            r <- lb * r - lr * vPow (dr - db) * b
            dr <- degreeIn v r

        r

    /// Normalised gcd over ℚ (integer coefficients, gcd 1, positive leading term in lex order);
    /// zero when both are zero. Recursive: content and primitive part in the first variable,
    /// then a primitive pseudo-remainder sequence.
    let rec gcd (p: MPoly) (q: MPoly) =
        if isZero p then
            normalize q
        elif isZero q then
            normalize p
        elif isConstant p || isConstant q then
            one
        else
            let v = List.head (List.sort (List.distinct (variables p @ variables q)))

            if degreeIn v p = 0 then
                gcd p (contentIn v q)
            elif degreeIn v q = 0 then
                gcd (contentIn v p) q
            else
                let cp, cq = contentIn v p, contentIn v q
                let pp, qq = divExact p cp, divExact q cq

                let rec prs (a: MPoly) (b: MPoly) =
                    let r = pseudoRemIn v a b

                    if isZero r then b
                    elif degreeIn v r = 0 then one
                    else prs b (divExact r (contentIn v r))

                let a, b = if degreeIn v pp >= degreeIn v qq then pp, qq else qq, pp
                let g = prs a b
                let g = if degreeIn v g = 0 then one else divExact g (contentIn v g)
                normalize (gcd cp cq * g)

    /// gcd of the coefficients of p as a polynomial in v.
    and contentIn (v: string) (p: MPoly) =
        coeffsIn v p |> Array.filter (isZero >> not) |> Array.fold gcd zero

    /// "alpha*lambda^2 - 2*beta + 1/3": lexicographic order, leading term first.
    let toString (p: MPoly) =
        match p.Terms |> Map.toList |> List.rev with
        | [] -> "0"
        | ts ->
            let sb = StringBuilder()

            ts
            |> List.iteri (fun k (m, c) ->
                let negative = c.Sign < 0
                let a = if negative then -c else c

                if k = 0 then
                    (if negative then sb.Append "-" else sb) |> ignore
                else
                    sb.Append(if negative then " - " else " + ") |> ignore

                if Monomial.isOne m then sb.Append(string a) |> ignore
                elif a = Rational.One then sb.Append(Monomial.toText m) |> ignore
                else sb.Append(string a).Append('*').Append(Monomial.toText m) |> ignore)

            sb.ToString()
