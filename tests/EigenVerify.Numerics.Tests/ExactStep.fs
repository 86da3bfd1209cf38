/// An oracle for compiled steps that shares no code with the compiler.
module EigenVerify.Numerics.Tests.ExactStep

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// The rule's update map evaluated exactly: every term in rationals, grad and hess from the
/// expression layer's own derivatives of the loss (not the compiled loss's), evaluated by
/// `Expr.eval`. Smooth rules only (no norm).
let evaluate (m: OptimizerModel) (loss: Loss) (values: Map<string, Rational>) (pre: Rational list) (start: Rational list list) =
    let vars = Loss.variables loss
    let grad = Calculus.gradient vars loss.Body
    let hess = Calculus.hessian vars loss.Body
    let at (x: Rational list) = List.zip vars x |> Map.ofList
    let states = List.zip m.State start |> Map.ofList
    let lets = Map.ofList m.Lets
    let pow (r: Rational) (k: int) =
        let p = List.replicate (abs k) r |> List.fold (*) Rational.one
        if k >= 0 then p else Rational.one / p
    let rec eval (t: Term) : Choice<Rational, Rational list> =
        let both f a b =
            match eval a, eval b with
            | Choice1Of2 x, Choice1Of2 y -> Choice1Of2(f x y)
            | Choice2Of2 xs, Choice2Of2 ys -> Choice2Of2(List.map2 f xs ys)
            | Choice1Of2 x, Choice2Of2 ys -> Choice2Of2(ys |> List.map (f x))
            | Choice2Of2 xs, Choice1Of2 y -> Choice2Of2(xs |> List.map (fun x -> f x y))
        let vec t =
            match eval t with
            | Choice2Of2 xs -> xs
            | Choice1Of2 _ -> failwith "a scalar where a vector is needed"
        match t with
        | Const r -> Choice1Of2 r
        | Param p -> Choice1Of2 values.[p]
        | Ref r ->
            match states.TryFind r with
            | Some x -> Choice2Of2 x
            | None -> eval lets.[r]
        | Neg a -> both (-) (Const Rational.Zero) a
        | Add(a, b) -> both (+) a b
        | Sub(a, b) -> both (-) a b
        | Mul(a, b) -> both (*) a b
        | Div(a, b) -> both (/) a b
        | Pow(a, k) ->
            match eval a with
            | Choice1Of2 x -> Choice1Of2(pow x k)
            | Choice2Of2 _ -> failwith "a power of a vector"
        | Grad v -> Choice2Of2(grad |> List.map (Expr.eval (at (vec v))))
        | Hess(v, w) ->
            let p = at (vec v)
            let w = vec w
            Choice2Of2(List.init vars.Length (fun i -> List.init vars.Length (fun j -> Expr.eval p hess.[i, j] * w.[j]) |> List.reduce (+)))
        | Precond v -> Choice2Of2(List.map2 (/) (vec v) pre)
        | Dot(v, w) -> Choice1Of2(List.map2 (*) (vec v) (vec w) |> List.reduce (+))
        | Norm _ -> failwith "norm is not smooth"
    let next = m.Updates |> Map.ofList
    m.State
    |> List.collect (fun s ->
        match eval next.[s] with
        | Choice2Of2 xs -> xs
        | Choice1Of2 _ -> failwith "a scalar update")
