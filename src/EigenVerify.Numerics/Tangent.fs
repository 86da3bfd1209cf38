namespace EigenVerify.Numerics

open EigenVerify.Symbolic

/// The Jacobian of a rule's concrete update map at one state, by the chain rule through the
/// rule's terms: every derivative of f comes from the exact symbolic ∇f, ∇²f, ∇³f (compiled),
/// so the only rounding is that of evaluating them in double. Not a hot path: it runs once per
/// converged run.
[<RequireQualifiedAccess>]
module internal Tangent =
    /// A value with its derivative along each of the d state coordinates.
    type private Dual =
        | S of value: float * tangent: float[]
        | V of value: float[] * tangent: float[][]

    /// (G(state), Jac G(state)) with Jac as a (k·n)×(k·n) row-major array of rows.
    let evaluate (m: OptimizerModel) (c: CompiledLoss) (theta: float[]) (state: float[]) : float[] * float[][] =
        let n = c.Loss.Dimension
        let d = state.Length
        let zero () = Array.zeroCreate<float> d
        let unit i = Array.init d (fun j -> if i = j then 1.0 else 0.0)
        let scaleAdd (a: float) (x: float[]) (b: float) (y: float[]) = Array.map2 (fun u v -> a * u + b * v) x y
        let stateIndex = m.State |> List.mapi (fun s name -> name, s) |> Map.ofList
        let paramIndex = m.Params |> List.mapi (fun i p -> p.Name, i) |> Map.ofList
        let precond i = theta.[m.Params.Length + i]
        let letDefs = Map.ofList m.Lets
        let cache = System.Collections.Generic.Dictionary<string, Dual>()

        let rec eval (t: Term) : Dual =
            match t with
            | Const r -> S(EigenVerify.Algebra.Rational.toFloat r, zero ())
            | Param p -> S(theta.[paramIndex.[p]], zero ())
            | Ref name ->
                match stateIndex.TryFind name with
                | Some s -> V(Array.init n (fun i -> state.[s * n + i]), Array.init n (fun i -> unit (s * n + i)))
                | None ->
                    match cache.TryGetValue name with
                    | true, v -> v
                    | _ ->
                        let v = eval letDefs.[name]
                        cache.[name] <- v
                        v
            | Neg a -> scale -1.0 (eval a)
            | Add(a, b) -> add 1.0 (eval a) (eval b)
            | Sub(a, b) -> add -1.0 (eval a) (eval b)
            | Mul(a, b) ->
                match eval a, eval b with
                | S(x, tx), S(y, ty) -> S(x * y, scaleAdd y tx x ty)
                | S(s, ts), V(v, tv)
                | V(v, tv), S(s, ts) -> V(Array.map (fun e -> s * e) v, Array.init n (fun i -> scaleAdd s tv.[i] v.[i] ts))
                | _ -> raise (StepCompileException "a product of two vectors")
            | Div(a, b) ->
                match eval b with
                | S(s, ts) ->
                    // (a/s)' = a'/s − a s'/s²
                    match eval a with
                    | S(x, tx) -> S(x / s, scaleAdd (1.0 / s) tx (-x / (s * s)) ts)
                    | V(v, tv) -> V(Array.map (fun e -> e / s) v, Array.init n (fun i -> scaleAdd (1.0 / s) tv.[i] (-v.[i] / (s * s)) ts))
                | V _ -> raise (StepCompileException "division by a vector")
            | Pow(a, k) ->
                match eval a with
                | S(x, tx) -> S(pown x k, Array.map (fun e -> float k * pown x (k - 1) * e) tx)
                | V _ -> raise (StepCompileException "a power of a vector")
            | Grad v ->
                let (p, tp) = vec (eval v)
                let g = CompiledLoss.gradientAt c p
                let h = CompiledLoss.hessianAt c p
                // d∇f(p) = ∇²f(p)·dp
                V(g, Array.init n (fun i -> Array.init d (fun j -> Seq.sum (seq { for l in 0 .. n - 1 -> h.[i, l] * tp.[l].[j] }))))
            | Hess(v, w) ->
                let (p, tp) = vec (eval v)
                let (u, tu) = vec (eval w)
                let h = CompiledLoss.hessianAt c p
                let t3 = CompiledLoss.thirdAt c p
                // d(∇²f(p)·u) = ∇³f(p)[dp, u] + ∇²f(p)·du
                let value = Array.init n (fun i -> Seq.sum (seq { for l in 0 .. n - 1 -> h.[i, l] * u.[l] }))
                let tangent =
                    Array.init n (fun i ->
                        Array.init d (fun j ->
                            Seq.sum (
                                seq {
                                    for l in 0 .. n - 1 do
                                        yield h.[i, l] * tu.[l].[j]
                                        for r in 0 .. n - 1 -> t3.[i, l, r] * u.[l] * tp.[r].[j]
                                }
                            )))
                V(value, tangent)
            | Precond v ->
                let (p, tp) = vec (eval v)
                V(Array.init n (fun i -> p.[i] / precond i), Array.init n (fun i -> tp.[i] |> Array.map (fun e -> e / precond i)))
            | Norm v ->
                let (p, tp) = vec (eval v)
                let r = sqrt (Array.sumBy (fun e -> e * e) p)
                S(r, Array.init d (fun j -> Seq.sum (seq { for i in 0 .. n - 1 -> p.[i] * tp.[i].[j] }) / r))
            | Dot(v, w) ->
                let (p, tp) = vec (eval v)
                let (u, tu) = vec (eval w)
                S(Array.fold2 (fun acc a b -> acc + a * b) 0.0 p u,
                  Array.init d (fun j -> Seq.sum (seq { for i in 0 .. n - 1 -> p.[i] * tu.[i].[j] + u.[i] * tp.[i].[j] })))

        and vec (x: Dual) : float[] * float[][] =
            match x with
            | V(v, t) -> v, t
            | S _ -> raise (StepCompileException "a scalar where a vector is needed")

        and scale (a: float) (x: Dual) =
            match x with
            | S(v, t) -> S(a * v, Array.map ((*) a) t)
            | V(v, t) -> V(Array.map ((*) a) v, Array.map (Array.map ((*) a)) t)

        and add (sign: float) (x: Dual) (y: Dual) =
            match x, y with
            | S(a, ta), S(b, tb) -> S(a + sign * b, scaleAdd 1.0 ta sign tb)
            | V(a, ta), V(b, tb) -> V(Array.map2 (fun u v -> u + sign * v) a b, Array.map2 (fun u v -> scaleAdd 1.0 u sign v) ta tb)
            | _ -> raise (StepCompileException "a sum of a scalar and a vector")

        let results = m.Updates |> List.map (fun (name, t) -> name, vec (eval t))
        let value = Array.zeroCreate d
        let jac = Array.init d (fun _ -> zero ())
        for name, (v, tv) in results do
            let s = stateIndex.[name]
            for i in 0 .. n - 1 do
                value.[s * n + i] <- v.[i]
                jac.[s * n + i] <- tv.[i]
        value, jac
