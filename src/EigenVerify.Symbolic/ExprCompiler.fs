namespace EigenVerify.Symbolic

open System
open System.Collections.Generic
open System.Linq.Expressions
open EigenVerify.Algebra

/// Compiles exact expressions to .NET expression trees evaluated in double: no tree walking at
/// run time. Powers of a symbol are computed once per point and shared by every expression
/// emitted at that point.
[<RequireQualifiedAccess>]
module ExprCompiler =
    let internal constant (x: float) = Expression.Constant(x, typeof<float>) :> Expression

    /// A point: each symbol's value, plus a cache of its integer powers.
    type internal Point = { Values: Map<string, Expression>; Powers: Dictionary<string * int, Expression> }

    let internal point (values: Map<string, Expression>) = { Values = values; Powers = Dictionary() }

    let rec private power (em: Emitter) (b: Expression) (k: int) : Expression =
        // exponentiation by squaring on a bound base
        if k = 1 then b
        elif k % 2 = 0 then
            let h = power em b (k / 2)
            em.Bind(Expression.Multiply(h, h))
        else em.Bind(Expression.Multiply(power em b (k - 1), b))

    /// Balanced reduction, so long sums do not become deep trees.
    let rec private reduce (op: Expression -> Expression -> Expression) (xs: Expression[]) : Expression =
        if xs.Length = 1 then xs.[0]
        else
            let h = xs.Length / 2
            op (reduce op xs.[.. h - 1]) (reduce op xs.[h ..])

    /// The value of `e` at the point as an expression tree; only powers (shared) and compound
    /// bases are bound to locals, so large derivatives stay within the JIT's limits on locals.
    let rec internal tree (em: Emitter) (p: Point) (e: Expr) : Expression =
        match e with
        | Number r -> constant (Rational.toFloat r)
        | Symbol s ->
            match p.Values.TryFind s with
            | Some v -> v
            | None -> invalidArg "e" (sprintf "symbol '%s' has no value in the compiled point" s)
        | Sum [] -> constant 0.0
        | Sum xs -> xs |> List.map (tree em p) |> Array.ofList |> reduce (fun a b -> Expression.Add(a, b))
        | Product [] -> constant 1.0
        | Product xs -> xs |> List.map (tree em p) |> Array.ofList |> reduce (fun a b -> Expression.Multiply(a, b))
        | Power(_, 0) -> constant 1.0
        | Power(b, k) ->
            let positive =
                match b with
                | Symbol s ->
                    let key = (s, abs k)
                    match p.Powers.TryGetValue key with
                    | true, v -> v
                    | _ ->
                        let v = power em (tree em p b) (abs k)
                        p.Powers.[key] <- v
                        v
                | _ -> power em (em.Bind(tree em p b)) (abs k)
            if k > 0 then positive else Expression.Divide(constant 1.0, positive) :> Expression

    /// The value of `e` at the point, bound to a local.
    let internal emit (em: Emitter) (p: Point) (e: Expr) : Expression = em.Bind(tree em p e)

    /// Adds the loss's atoms a_k = √r_k to a point whose x1 … xn are set.
    let internal withRoots (em: Emitter) (l: Loss) (p: Point) : Point =
        l.Roots
        |> List.fold
            (fun (p: Point) (a, r) ->
                let v = em.Bind(Expression.Call(typeof<Math>.GetMethod("Sqrt", [| typeof<float> |]), emit em p r))
                let inv = em.Bind(Expression.Divide(constant 1.0, v))
                { p with Values = p.Values.Add(a, v).Add(Loss.inverseName a, inv) })
            p

    /// The point vars.[i] = x[i] read from an array expression.
    let private readPoint (em: Emitter) (vars: string list) (x: Expression) : Point =
        vars
        |> List.mapi (fun i v -> v, em.Bind(Expression.ArrayIndex(x, Expression.Constant i)))
        |> Map.ofList
        |> point

    /// The point x1 … xn (and the atoms) read from an array expression.
    let internal loadPoint (em: Emitter) (l: Loss) (x: Expression) : Point = withRoots em l (readPoint em (Loss.variables l) x)

    let private compileAt (load: Emitter -> Expression -> Point) (exprs: Expr[]) : VectorMap =
        let em = Emitter()
        let x = Expression.Parameter(typeof<float[]>, "x")
        let result = Expression.Parameter(typeof<float[]>, "result")
        let p = load em x
        exprs
        |> Array.iteri (fun i e ->
            let v = emit em p e
            em.Add(Expression.Assign(Expression.ArrayAccess(result, Expression.Constant i), v)))
        Expression.Lambda<VectorMap>(em.Block(), [| x; result |]).Compile()

    let private scalarOf (vm: VectorMap) =
        Func<float[], float>(fun x ->
            let r = [| 0.0 |]
            vm.Invoke(x, r)
            r.[0])

    /// result[i] ← exprs[i](x) as one compiled delegate.
    let compileVector (l: Loss) (exprs: Expr[]) : VectorMap = compileAt (fun em x -> loadPoint em l x) exprs

    let compileScalar (l: Loss) (e: Expr) : Func<float[], float> = scalarOf (compileVector l [| e |])

    /// result[i] ← exprs[i](x) for expressions in any symbols, x[j] the value of vars.[j].
    let compileVectorIn (vars: string list) (exprs: Expr[]) : VectorMap = compileAt (fun em x -> readPoint em vars x) exprs

    /// e(x) for an expression in any symbols, x[j] the value of vars.[j].
    let compileScalarIn (vars: string list) (e: Expr) : Func<float[], float> = scalarOf (compileVectorIn vars [| e |])
