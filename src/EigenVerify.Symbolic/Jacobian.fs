namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// A letter of a block word: H = ∇²f(x̄), Q = P⁻¹ (the frozen preconditioner's inverse).
type internal Letter =
    | H
    | Q

/// The exact Jacobian of an update map at a critical fixed point, computed with the expression
/// layer's polynomials; `Linearization` repackages it.
type internal JacobianResult =
    { UsesMu: bool
      /// State name and its value at the fixed point as a multiple of x̄ (a function of θ).
      Fixed: (string * RationalFunction) list
      /// Block (i, j) = ∂ update_i / ∂ state_j as a polynomial in one matrix: coefficient of power m.
      Blocks: Map<int, RationalFunction>[,] }

/// Linearization of an update rule at a critical point x̄ (∇f(x̄) = 0, H = ∇²f(x̄)).
///
/// 1. Fixed state. With every gradient argument at x̄ the gradients vanish, so each state's fixed
///    value is a multiple c_j·x̄ solving a linear system over ℚ(θ); the assumptions behind it
///    (gradients taken at x̄, Hessian products and preconditioned vectors vanishing) are checked
///    once the system is solved.
/// 2. Blocks. Differentiating at that state, ∇f(v) contributes H·dv and ∇²f(v)w contributes H·dw
///    (its ∇³f term multiplies w̄ = 0); P⁻¹ contributes P⁻¹·dv. Blocks are words in H and P⁻¹,
///    which must be polynomials in H alone or in P⁻¹H alone.
module internal Jacobian =
    type private Block = Map<Letter list, RationalFunction>

    let private blockAdd (a: Block) (b: Block) : Block =
        Map.fold
            (fun acc w c ->
                let s =
                    match Map.tryFind w acc with
                    | Some d -> RationalFunction.add c d
                    | None -> c
                if RationalFunction.isZero s then Map.remove w acc else Map.add w s acc)
            a
            b

    let private blockScale (r: RationalFunction) (a: Block) : Block =
        if RationalFunction.isZero r then Map.empty else Map.map (fun _ c -> RationalFunction.mul r c) a

    let private blockLeft (l: Letter) (a: Block) : Block =
        a |> Map.toSeq |> Seq.map (fun (w, c) -> l :: w, c) |> Map.ofSeq

    /// Derivative of a vector term: state index → block.
    type private Deriv = Map<int, Block>

    let private derivAdd (a: Deriv) (b: Deriv) : Deriv =
        Map.fold
            (fun acc j blk ->
                let s =
                    match Map.tryFind j acc with
                    | Some d -> blockAdd d blk
                    | None -> blk
                if s.IsEmpty then Map.remove j acc else Map.add j s acc)
            a
            b

    let private derivScale r (a: Deriv) : Deriv =
        a |> Map.map (fun _ b -> blockScale r b) |> Map.filter (fun _ b -> not b.IsEmpty)

    let private derivLeft l (a: Deriv) : Deriv = a |> Map.map (fun _ b -> blockLeft l b)

    /// A vector's value at the fixed point: Σ_j a_j c_j x̄ over the unknown multiples c_j.
    type private Form = Map<int, RationalFunction>

    let private formAdd (a: Form) (b: Form) : Form =
        Map.fold
            (fun acc j c ->
                let s =
                    match Map.tryFind j acc with
                    | Some d -> RationalFunction.add c d
                    | None -> c
                if RationalFunction.isZero s then Map.remove j acc else Map.add j s acc)
            a
            b

    let private formScale r (a: Form) : Form =
        if RationalFunction.isZero r then Map.empty else a |> Map.map (fun _ c -> RationalFunction.mul r c)

    type private Expectation =
        | IsCriticalPoint
        | IsZero

    type private Check = { Form: Form; Expect: Expectation; What: string }

    let private exprText (r: RationalFunction) = Infix.print (Expr.ofRationalFunction r)

    /// Gaussian elimination over ℚ(θ): unknowns c_1 … c_{k-1} (c_0 = 1 is the iterate).
    let private solve (names: string list) (equations: Form list) : Result<RationalFunction[], string> =
        let k = names.Length
        // row: coefficients of c_1..c_{k-1} | right-hand side (−coefficient of c_0)
        let rows =
            equations
            |> List.map (fun f ->
                let get j = Map.tryFind j f |> Option.defaultValue RationalFunction.zero
                Array.init k (fun j -> if j = 0 then RationalFunction.neg (get 0) else get j))
            |> Array.ofList
        let n = k - 1
        let mutable r = 0
        let pivots = ResizeArray<int * int>()
        for col in 1..n do
            match [ r .. rows.Length - 1 ] |> List.tryFind (fun i -> not (RationalFunction.isZero rows.[i].[col])) with
            | None -> ()
            | Some p ->
                let tmp = rows.[p]
                rows.[p] <- rows.[r]
                rows.[r] <- tmp
                let inv = RationalFunction.inverse rows.[r].[col]
                rows.[r] <- rows.[r] |> Array.map (RationalFunction.mul inv)
                for i in 0 .. rows.Length - 1 do
                    if i <> r && not (RationalFunction.isZero rows.[i].[col]) then
                        let f = rows.[i].[col]
                        rows.[i] <- Array.map2 (fun a b -> RationalFunction.sub a (RationalFunction.mul f b)) rows.[i] rows.[r]
                pivots.Add(r, col)
                r <- r + 1
        let inconsistent = [ r .. rows.Length - 1 ] |> List.tryFind (fun i -> not (RationalFunction.isZero rows.[i].[0]))
        match inconsistent with
        | Some i ->
            Error(
                sprintf
                    "critical points are not fixed points of this rule: with ∇f(x̄) = 0 the updates require (%s)·x̄ = 0, which fails for x̄ ≠ 0 (e.g. weight decay in the update)"
                    (exprText rows.[i].[0])
            )
        | None when pivots.Count < n ->
            let free = [ 1..n ] |> List.filter (fun c -> not (pivots |> Seq.exists (fun (_, pc) -> pc = c))) |> List.map (fun c -> names.[c])
            Error(
                sprintf
                    "the fixed state is not determined by the critical point x̄: the updates leave %s free"
                    (String.concat ", " free)
            )
        | None ->
            let c = Array.create k RationalFunction.one
            for (row, col) in pivots do
                c.[col] <- rows.[row].[0]
            Ok c

    let compute (m: OptimizerModel) : Result<JacobianResult, string> =
        let states = m.State
        let index = states |> List.mapi (fun i s -> s, i) |> Map.ofList
        let letDefs = Map.ofList m.Lets
        let checks = ResizeArray<Check>()

        // pass 1: values at the fixed point as forms in the unknown multiples
        let formCache = System.Collections.Generic.Dictionary<string, Form>()
        let scalarCache = System.Collections.Generic.Dictionary<string, RationalFunction>()

        let rec form (t: Term) : Form =
            match t with
            | Ref n when index.ContainsKey n -> Map.ofList [ index.[n], RationalFunction.one ]
            | Ref n ->
                match formCache.TryGetValue n with
                | true, f -> f
                | _ ->
                    let f = form letDefs.[n]
                    formCache.[n] <- f
                    f
            | Neg a -> formScale (RationalFunction.constant (Rational.OfInt -1)) (form a)
            | Add(a, b) -> formAdd (form a) (form b)
            | Sub(a, b) -> formAdd (form a) (formScale (RationalFunction.constant (Rational.OfInt -1)) (form b))
            | Mul(a, b) ->
                if isScalar a then formScale (scalar a) (form b) else formScale (scalar b) (form a)
            | Div(a, b) -> formScale (RationalFunction.inverse (scalar b)) (form a)
            | Grad v ->
                checks.Add { Form = form v; Expect = IsCriticalPoint; What = TermText.print t }
                Map.empty
            | Hess(v, w) ->
                checks.Add { Form = form v; Expect = IsCriticalPoint; What = TermText.print t }
                checks.Add { Form = form w; Expect = IsZero; What = TermText.print t }
                Map.empty
            | Precond v ->
                checks.Add { Form = form v; Expect = IsZero; What = TermText.print t }
                Map.empty
            | _ -> failwithf "a scalar term in vector position: %s" (TermText.print t)

        and isScalar (t: Term) =
            match t with
            | Const _
            | Param _
            | Norm _
            | Dot _ -> true
            | Ref n when index.ContainsKey n -> false
            | Ref n -> isScalar letDefs.[n]
            | Neg a
            | Pow(a, _) -> isScalar a
            | Add(a, _)
            | Sub(a, _) -> isScalar a
            | Mul(a, b) -> isScalar a && isScalar b
            | Div(a, _) -> isScalar a
            | Grad _
            | Hess _
            | Precond _ -> false

        and scalar (t: Term) : RationalFunction =
            match t with
            | Const r -> RationalFunction.constant r
            | Param p -> RationalFunction.var p
            | Ref n ->
                match scalarCache.TryGetValue n with
                | true, v -> v
                | _ ->
                    let v = scalar letDefs.[n]
                    scalarCache.[n] <- v
                    v
            | Neg a -> RationalFunction.neg (scalar a)
            | Add(a, b) -> RationalFunction.add (scalar a) (scalar b)
            | Sub(a, b) -> RationalFunction.sub (scalar a) (scalar b)
            | Mul(a, b) -> RationalFunction.mul (scalar a) (scalar b)
            | Div(a, b) ->
                let d = scalar b
                if RationalFunction.isZero d then
                    failwithf "division by %s, which is 0 at the fixed point" (TermText.print b)
                RationalFunction.div (scalar a) d
            | Pow(a, k) ->
                let v = scalar a
                if k < 0 && RationalFunction.isZero v then
                    failwithf "%s is undefined at the fixed point" (TermText.print t)
                RationalFunction.pow k v
            | Dot(v, w) ->
                // its derivative v̄ᵀdw + w̄ᵀdv is a rank-one matrix in x̄ unless both vanish
                checks.Add { Form = form v; Expect = IsZero; What = TermText.print t }
                checks.Add { Form = form w; Expect = IsZero; What = TermText.print t }
                RationalFunction.zero
            | Norm _ -> failwith "norm is not differentiable at the fixed point"
            | _ -> failwithf "a vector term in scalar position: %s" (TermText.print t)

        try
            let updates = m.Updates |> List.map snd
            let equations =
                updates
                |> List.mapi (fun i u -> formAdd (form u) (Map.ofList [ i, RationalFunction.constant (Rational.OfInt -1) ]))

            match solve states equations with
            | Error e -> Error e
            | Ok c ->
                let valueOf (f: Form) =
                    f |> Map.fold (fun acc j a -> RationalFunction.add acc (RationalFunction.mul a c.[j])) RationalFunction.zero

                let failed =
                    checks
                    |> Seq.tryPick (fun chk ->
                        let v = valueOf chk.Form
                        match chk.Expect with
                        | IsCriticalPoint when not (RationalFunction.equal v RationalFunction.one) ->
                            Some(
                                sprintf
                                    "%s is evaluated at %s at the fixed state, not at the critical point x̄, so ∇f there is not known to vanish"
                                    chk.What
                                    (LinearizationText.multiple v)
                            )
                        | IsZero when not (RationalFunction.isZero v) ->
                            Some(
                                sprintf
                                    "%s acts on %s at the fixed state; only vectors that vanish there keep the Jacobian a polynomial in H"
                                    chk.What
                                    (LinearizationText.multiple v)
                            )
                        | _ -> None)

                match failed with
                | Some e -> Error e
                | None ->
                    // pass 2: derivatives
                    let derivCache = System.Collections.Generic.Dictionary<string, Deriv>()

                    let rec deriv (t: Term) : Deriv =
                        match t with
                        | Ref n when index.ContainsKey n -> Map.ofList [ index.[n], Map.ofList [ [], RationalFunction.one ] ]
                        | Ref n ->
                            match derivCache.TryGetValue n with
                            | true, d -> d
                            | _ ->
                                let d = deriv letDefs.[n]
                                derivCache.[n] <- d
                                d
                        | Neg a -> derivScale (RationalFunction.constant (Rational.OfInt -1)) (deriv a)
                        | Add(a, b) -> derivAdd (deriv a) (deriv b)
                        | Sub(a, b) -> derivAdd (deriv a) (derivScale (RationalFunction.constant (Rational.OfInt -1)) (deriv b))
                        // scalar factors have zero derivative at the fixed point (constants, or dot of vanishing vectors)
                        | Mul(a, b) -> if isScalar a then derivScale (scalar a) (deriv b) else derivScale (scalar b) (deriv a)
                        | Div(a, b) -> derivScale (RationalFunction.inverse (scalar b)) (deriv a)
                        | Grad v -> derivLeft H (deriv v)
                        | Hess(_, w) -> derivLeft H (deriv w)
                        | Precond v -> derivLeft Q (deriv v)
                        | _ -> failwithf "a scalar term in vector position: %s" (TermText.print t)

                    let k = states.Length
                    let derivs = updates |> List.map deriv |> Array.ofList
                    let block i j = Map.tryFind j derivs.[i] |> Option.defaultValue Map.empty
                    let allWords =
                        [ for i in 0 .. k - 1 do
                              for j in 0 .. k - 1 do
                                  for KeyValue(w, _) in block i j -> (i, j, w) ]
                    let usesQ = allWords |> List.exists (fun (_, _, w) -> List.contains Q w)
                    let blockName i j = sprintf "(%s', %s)" states.[i] states.[j]

                    let rec qhPower (w: Letter list) =
                        match w with
                        | [] -> Some 0
                        | Q :: H :: rest -> qhPower rest |> Option.map ((+) 1)
                        | _ -> None

                    let problem =
                        if not usesQ then
                            None
                        else
                            allWords
                            |> List.tryPick (fun (i, j, w) ->
                                match qhPower w with
                                | Some _ -> None
                                | None ->
                                    let rec bareH (prev: Letter option) (w: Letter list) =
                                        match w with
                                        | [] -> false
                                        | H :: rest -> prev <> Some Q || bareH (Some H) rest
                                        | Q :: rest -> bareH (Some Q) rest
                                    if bareH None w then
                                        Some(
                                            sprintf
                                                "the blocks are not polynomials in one matrix: block %s contains H without P⁻¹ (a gradient that is not preconditioned) while the rule also uses P⁻¹"
                                                (blockName i j)
                                        )
                                    else
                                        Some(
                                            sprintf
                                                "the blocks are not polynomials in one matrix: block %s contains P⁻¹ not followed by H (precond applied to something other than a gradient), which is not a polynomial in P⁻¹H"
                                                (blockName i j)
                                        ))

                    match problem with
                    | Some p -> Error p
                    | None ->
                        let power (w: Letter list) = if usesQ then (qhPower w).Value else w.Length
                        let blocks =
                            Array2D.init k k (fun i j ->
                                block i j
                                |> Map.toSeq
                                |> Seq.fold
                                    (fun acc (w, c) ->
                                        let p = power w
                                        let s =
                                            match Map.tryFind p acc with
                                            | Some d -> RationalFunction.add d c
                                            | None -> c
                                        if RationalFunction.isZero s then Map.remove p acc else Map.add p s acc)
                                    Map.empty)
                        Ok
                            { UsesMu = usesQ
                              Fixed = states |> List.mapi (fun i s -> s, c.[i])
                              Blocks = blocks }
        with
        | Failure msg -> Error msg
        | :? System.DivideByZeroException -> Error "a division by a quantity that is 0 at the fixed point"
