namespace EigenVerify.Symbolic

open System
open System.Linq.Expressions
open EigenVerify.Algebra

type private LE = System.Linq.Expressions.Expression

/// Compiles expressions, gradients, Hessians and whole update steps to .NET delegates through
/// System.Linq.Expressions: the tree is walked once, at compile time; calls run straight-line code.
[<RequireQualifiedAccess>]
module Compile =
    let private sqrtMethod = typeof<Math>.GetMethod("Sqrt", [| typeof<float> |])
    let private powMethod = typeof<Math>.GetMethod("Pow", [| typeof<float>; typeof<float> |])

    /// Emits `e` with symbols looked up in `env`; powers of compound bases go through a local.
    let rec private emit (env: string -> LE) (e: Expr) : LE =
        match e with
        | Number r -> LE.Constant(Rational.toFloat r) :> LE
        | Symbol s -> env s
        | Sum [] -> LE.Constant 0.0 :> LE
        | Sum(x :: rest) -> rest |> List.fold (fun acc t -> LE.Add(acc, emit env t) :> LE) (emit env x)
        | Product [] -> LE.Constant 1.0 :> LE
        | Product(x :: rest) -> rest |> List.fold (fun acc t -> LE.Multiply(acc, emit env t) :> LE) (emit env x)
        | Power(_, 0) -> LE.Constant 1.0 :> LE
        | Power(b, k) ->
            let m = abs k
            let positive =
                if m > 8 then
                    LE.Call(powMethod, emit env b, LE.Constant(float m)) :> LE
                else
                    let t = LE.Variable(typeof<float>, "t")
                    let chain = [ 2..m ] |> List.fold (fun acc _ -> LE.Multiply(acc, t) :> LE) (t :> LE)
                    LE.Block(typeof<float>, [ t ], [ LE.Assign(t, emit env b) :> LE; chain ]) :> LE
            if k > 0 then positive else LE.Divide(LE.Constant 1.0, positive) :> LE

    let private lookup (vars: string list) (x: ParameterExpression) =
        let index = vars |> List.mapi (fun i v -> v, i) |> Map.ofList
        fun (s: string) ->
            match Map.tryFind s index with
            | Some i -> LE.ArrayIndex(x, LE.Constant i) :> LE
            | None -> invalidArg "e" (sprintf "the symbol '%s' is not one of the compiled variables" s)

    /// f(v) with v.[i] the value of vars.[i].
    [<CompiledName("Scalar")>]
    let scalar (vars: string list) (e: Expr) : Func<float[], float> =
        let x = LE.Parameter(typeof<float[]>, "x")
        LE.Lambda<Func<float[], float>>(emit (lookup vars x) e, [ x ]).Compile()

    /// All expressions at once, into a new array.
    [<CompiledName("Vector")>]
    let vector (vars: string list) (es: Expr list) : Func<float[], float[]> =
        let x = LE.Parameter(typeof<float[]>, "x")
        let env = lookup vars x
        let body = LE.NewArrayInit(typeof<float>, es |> List.map (emit env)) :> LE
        LE.Lambda<Func<float[], float[]>>(body, [ x ]).Compile()

    /// ∇f, differentiated exactly, then compiled.
    [<CompiledName("Gradient")>]
    let gradient (vars: string list) (f: Expr) = vector vars (Calculus.gradient vars f)

    /// ∇²f as a new n×n array.
    [<CompiledName("Hessian")>]
    let hessian (vars: string list) (f: Expr) : Func<float[], float[,]> =
        let h = Calculus.hessian vars f
        let n = vars.Length
        let x = LE.Parameter(typeof<float[]>, "x")
        let result = LE.Variable(typeof<float[,]>, "h")
        let env = lookup vars x
        let body =
            [ yield LE.Assign(result, LE.NewArrayBounds(typeof<float>, LE.Constant n, LE.Constant n)) :> LE
              for i in 0 .. n - 1 do
                  for j in 0 .. n - 1 do
                      yield LE.Assign(LE.ArrayAccess(result, LE.Constant i, LE.Constant j), emit env h.[i, j]) :> LE
              yield result :> LE ]
        LE.Lambda<Func<float[], float[,]>>(LE.Block([ result ], body), [ x ]).Compile()

    type private Value =
        | S of ParameterExpression
        | V of ParameterExpression[]

    /// One step of the rule on the loss `f` in x1 … xn: the delegate maps the current state
    /// vectors (in the model's state order) and the frozen preconditioner's diagonal (ignored
    /// unless the rule uses precond) to the next state vectors. Vectors are unrolled into n
    /// scalar locals, so a step is straight-line code.
    [<CompiledName("Update")>]
    let update (model: OptimizerModel) (f: Expr) (n: int) (paramValues: Map<string, float>) : Func<float[][], float[], float[][]> =
        let vars = Calculus.vectorVariables n
        let stray = Expr.symbols f - Set.ofList vars
        if not stray.IsEmpty then
            invalidArg "f" (sprintf "the loss uses %s; a loss of dimension %d is written in x1 … x%d" (String.concat ", " stray) n n)
        for p in model.Params do
            if not (paramValues.ContainsKey p.Name) then
                invalidArg "paramValues" (sprintf "no value for the hyperparameter %s" p.Name)
        let grad = Calculus.gradient vars f |> Array.ofList
        let hess = lazy (Calculus.hessian vars f)
        let states = LE.Parameter(typeof<float[][]>, "states")
        let pdiag = LE.Parameter(typeof<float[]>, "p")
        let locals = ResizeArray<ParameterExpression>()
        let body = ResizeArray<LE>()

        let fresh (value: LE) =
            let v = LE.Variable(typeof<float>)
            locals.Add v
            body.Add(LE.Assign(v, value))
            v

        let atPoint (xs: ParameterExpression[]) (s: string) =
            xs.[int (s.Substring 1) - 1] :> LE

        let stateIndex = model.State |> List.mapi (fun i s -> s, i) |> Map.ofList
        let stateValues =
            model.State
            |> List.mapi (fun j s ->
                s, V(Array.init n (fun i -> fresh (LE.ArrayIndex(LE.ArrayIndex(states, LE.Constant j), LE.Constant i)))))
            |> Map.ofList
        let letDefs = Map.ofList model.Lets
        let cache = Collections.Generic.Dictionary<string, Value>()

        let rec go (t: Term) : Value =
            let elementwise (op: LE -> LE -> LE) a b =
                match go a, go b with
                | S x, S y -> S(fresh (op x y))
                | V xs, V ys -> V(Array.map2 (fun (x: ParameterExpression) y -> fresh (op x y)) xs ys)
                | S x, V ys -> V(ys |> Array.map (fun y -> fresh (op x y)))
                | V xs, S y -> V(xs |> Array.map (fun x -> fresh (op x y)))
            let vec t =
                match go t with
                | V xs -> xs
                | S _ -> failwith "a scalar where a vector was checked"
            match t with
            | Const r -> S(fresh (LE.Constant(Rational.toFloat r)))
            | Param p -> S(fresh (LE.Constant(paramValues.[p])))
            | Ref r when stateIndex.ContainsKey r -> stateValues.[r]
            | Ref r ->
                match cache.TryGetValue r with
                | true, v -> v
                | _ ->
                    let v = go letDefs.[r]
                    cache.[r] <- v
                    v
            | Neg a ->
                match go a with
                | S x -> S(fresh (LE.Negate x))
                | V xs -> V(xs |> Array.map (fun x -> fresh (LE.Negate x)))
            | Add(a, b) -> elementwise (fun x y -> LE.Add(x, y)) a b
            | Sub(a, b) -> elementwise (fun x y -> LE.Subtract(x, y)) a b
            | Mul(a, b) -> elementwise (fun x y -> LE.Multiply(x, y)) a b
            | Div(a, b) -> elementwise (fun x y -> LE.Divide(x, y)) a b
            | Pow(a, k) ->
                match go a with
                | S x -> S(fresh (emit (fun _ -> x :> LE) (Power(Symbol "base", k))))
                | V _ -> failwith "a power of a vector was checked away"
            | Grad v ->
                let xs = vec v
                V(grad |> Array.map (fun g -> fresh (emit (atPoint xs) g)))
            | Hess(v, w) ->
                let xs = vec v
                let ws = vec w
                let h = hess.Force()
                V(
                    Array.init n (fun i ->
                        let terms = [ for j in 0 .. n - 1 -> Product [ h.[i, j]; Symbol(sprintf "w%d" (j + 1)) ] ]
                        let env (s: string) = if s.StartsWith "w" then ws.[int (s.Substring 1) - 1] :> LE else atPoint xs s
                        fresh (emit env (Sum terms)))
                )
            | Precond v -> V(vec v |> Array.mapi (fun i x -> fresh (LE.Divide(x, LE.ArrayIndex(pdiag, LE.Constant i)))))
            | Norm v ->
                let xs = vec v
                let sumSq = xs |> Array.map (fun x -> LE.Multiply(x, x) :> LE) |> Array.reduce (fun a b -> LE.Add(a, b) :> LE)
                S(fresh (LE.Call(sqrtMethod, sumSq)))
            | Dot(v, w) ->
                let xs = vec v
                let ws = vec w
                S(fresh (Array.map2 (fun (x: ParameterExpression) y -> LE.Multiply(x, y) :> LE) xs ws |> Array.reduce (fun a b -> LE.Add(a, b) :> LE)))

        let next =
            model.Updates
            |> List.map (fun (_, u) ->
                match go u with
                | V xs -> LE.NewArrayInit(typeof<float>, xs |> Array.map (fun x -> x :> LE)) :> LE
                | S _ -> failwith "a scalar update was checked away")
        let result = LE.NewArrayInit(typeof<float[]>, next) :> LE
        body.Add result
        LE.Lambda<Func<float[][], float[], float[][]>>(LE.Block(locals, body), [ states; pdiag ]).Compile()
