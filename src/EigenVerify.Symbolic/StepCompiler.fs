namespace EigenVerify.Symbolic

open System
open System.Linq.Expressions

/// next ← G(state; θ). The state is the rule's state vectors one after another (k·n numbers);
/// θ holds the hyperparameters in declaration order, then the n diagonal entries of the frozen
/// preconditioner P.
type StepMap = delegate of state: float[] * next: float[] * theta: float[] -> unit

/// Where a rule cannot be compiled for numeric runs (a shape the checker lets through but a
/// numeric step cannot take, e.g. a product of two vectors).
exception StepCompileException of string

/// Compiles a rule's update map, read from the same `OptimizerModel` the regions are derived
/// from, for one concrete loss: vector operations are unrolled over the n coordinates and
/// grad/hess are the loss's exact derivatives inlined at each call site.
[<RequireQualifiedAccess>]
module StepCompiler =
    type private Value =
        | Scalar of Expression
        | Vector of Expression[]

    /// Is the term a vector, given the kinds of the lets so far?
    let rec isVector (letKinds: Map<string, bool>) (t: Term) =
        match t with
        | Const _
        | Param _
        | Norm _
        | Dot _ -> false
        | Ref n -> letKinds.TryFind n |> Option.defaultValue true
        | Neg a
        | Pow(a, _) -> isVector letKinds a
        | Add(a, b)
        | Sub(a, b)
        | Mul(a, b) -> isVector letKinds a || isVector letKinds b
        | Div(a, _) -> isVector letKinds a
        | Grad _
        | Hess _
        | Precond _ -> true

    let letKinds (m: OptimizerModel) =
        m.Lets |> List.fold (fun (k: Map<string, bool>) (n, t) -> k.Add(n, isVector k t)) Map.empty

    /// θ's length for a model and dimension.
    let thetaLength (m: OptimizerModel) (n: int) = m.Params.Length + n

    /// θ from the hyperparameters by name and the preconditioner's diagonal; every declared
    /// hyperparameter needs a value.
    let theta (m: OptimizerModel) (values: Map<string, float>) (precond: float[]) : float[] =
        let value (p: ParamDomain) =
            match values.TryFind p.Name with
            | Some v -> v
            | None -> invalidArg "values" (sprintf "no value for the hyperparameter %s" p.Name)
        Array.append (m.Params |> List.map value |> Array.ofList) precond

    let compile (m: OptimizerModel) (c: CompiledLoss) : StepMap =
        let n = c.Loss.Dimension
        let em = Emitter()
        let state = Expression.Parameter(typeof<float[]>, "state")
        let next = Expression.Parameter(typeof<float[]>, "next")
        let theta = Expression.Parameter(typeof<float[]>, "theta")
        let read (arr: Expression) (i: int) = em.Bind(Expression.ArrayIndex(arr, Expression.Constant i))
        let stateValues =
            m.State |> List.mapi (fun s name -> name, Array.init n (fun i -> read state (s * n + i))) |> Map.ofList
        let paramValues = m.Params |> List.mapi (fun i p -> p.Name, read theta i) |> Map.ofList
        let inversePrecond =
            lazy (Array.init n (fun i -> em.Bind(Expression.Divide(ExprCompiler.constant 1.0, read theta (m.Params.Length + i)))))
        let letDefs = Map.ofList m.Lets
        let letCache = System.Collections.Generic.Dictionary<string, Value>()
        let bin (f: Expression * Expression -> Expression) a b = em.Bind(f (a, b))
        let sqrtMethod = typeof<Math>.GetMethod("Sqrt", [| typeof<float> |])

        let pointAt (v: Expression[]) =
            let values = v |> Array.mapi (fun i e -> sprintf "x%d" (i + 1), e) |> Map.ofArray
            ExprCompiler.withRoots em c.Loss (ExprCompiler.point values)

        let rec eval (t: Term) : Value =
            match t with
            | Const r -> Scalar(ExprCompiler.constant (EigenVerify.Algebra.Rational.toFloat r))
            | Param p -> Scalar paramValues.[p]
            | Ref name ->
                match stateValues.TryFind name with
                | Some v -> Vector v
                | None ->
                    match letCache.TryGetValue name with
                    | true, v -> v
                    | _ ->
                        let v = eval letDefs.[name]
                        letCache.[name] <- v
                        v
            | Neg a -> map1 (fun e -> em.Bind(Expression.Negate e)) (eval a)
            | Add(a, b) -> map2 "+" (bin (fun (a, b) -> Expression.Add(a, b) :> Expression)) (eval a) (eval b)
            | Sub(a, b) -> map2 "-" (bin (fun (a, b) -> Expression.Subtract(a, b) :> Expression)) (eval a) (eval b)
            | Mul(a, b) ->
                match eval a, eval b with
                | Vector _, Vector _ -> raise (StepCompileException "a product of two vectors (use dot(v, w))")
                | a, b -> map2 "*" (bin (fun (a, b) -> Expression.Multiply(a, b) :> Expression)) a b
            | Div(a, b) ->
                match eval b with
                | Vector _ -> raise (StepCompileException "division by a vector")
                | Scalar d ->
                    match eval a with
                    | Scalar s -> Scalar(em.Bind(Expression.Divide(s, d)))
                    | Vector v ->
                        let inv = em.Bind(Expression.Divide(ExprCompiler.constant 1.0, d))
                        Vector(v |> Array.map (fun e -> em.Bind(Expression.Multiply(e, inv))))
            | Pow(a, k) ->
                match eval a with
                | Vector _ -> raise (StepCompileException "a power of a vector")
                | Scalar s ->
                    let p = ExprCompiler.point (Map.ofList [ "s", s ])
                    Scalar(ExprCompiler.emit em p (Power(Symbol "s", k)))
            | Grad v ->
                let p = pointAt (vector (eval v))
                Vector(c.Gradient |> Array.map (ExprCompiler.emit em p))
            | Hess(v, w) ->
                let p = pointAt (vector (eval v))
                let w = vector (eval w)
                let h = c.Hessian.Value
                Vector(
                    Array.init n (fun i ->
                        [ for j in 0 .. n - 1 -> em.Bind(Expression.Multiply(ExprCompiler.emit em p h.[i, j], w.[j])) ]
                        |> List.reduce (fun acc e -> em.Bind(Expression.Add(acc, e))))
                )
            | Precond v ->
                let v = vector (eval v)
                Vector(Array.init n (fun i -> em.Bind(Expression.Multiply(v.[i], inversePrecond.Value.[i]))))
            | Norm v ->
                let v = vector (eval v)
                let sq = v |> Array.map (fun e -> em.Bind(Expression.Multiply(e, e))) |> Array.reduce (fun acc e -> em.Bind(Expression.Add(acc, e)))
                Scalar(em.Bind(Expression.Call(sqrtMethod, sq)))
            | Dot(v, w) ->
                let v = vector (eval v)
                let w = vector (eval w)
                Scalar(Array.map2 (fun a b -> em.Bind(Expression.Multiply(a, b))) v w |> Array.reduce (fun acc e -> em.Bind(Expression.Add(acc, e))))

        and vector (v: Value) =
            match v with
            | Vector xs -> xs
            | Scalar _ -> raise (StepCompileException "a scalar where a vector is needed")

        and map1 f v =
            match v with
            | Scalar s -> Scalar(f s)
            | Vector xs -> Vector(Array.map f xs)

        and map2 (op: string) f a b =
            match a, b with
            | Scalar x, Scalar y -> Scalar(f x y)
            | Vector xs, Vector ys -> Vector(Array.map2 f xs ys)
            | Scalar x, Vector ys when op = "*" -> Vector(ys |> Array.map (f x))
            | Vector xs, Scalar y when op = "*" -> Vector(xs |> Array.map (fun e -> f e y))
            | _ -> raise (StepCompileException(sprintf "'%s' between a scalar and a vector" op))

        // every update sees the current state: compute all results before any store
        let results = m.Updates |> List.map (fun (name, t) -> name, vector (eval t))
        for name, v in results do
            let s = m.State |> List.findIndex ((=) name)
            v |> Array.iteri (fun i e -> em.Add(Expression.Assign(Expression.ArrayAccess(next, Expression.Constant(s * n + i)), e)))
        Expression.Lambda<StepMap>(em.Block(), [| state; next; theta |]).Compile()
