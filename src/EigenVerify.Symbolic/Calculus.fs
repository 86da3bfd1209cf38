namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// Exact differentiation of scalar expressions and of concrete losses in vector variables.
[<RequireQualifiedAccess>]
module Calculus =
    let private zero = Number Rational.Zero

    /// d e / d v by the sum, product and power rules on the tree, then brought to canonical form.
    let differentiate (v: string) (e: Expr) : Expr =
        let rec d (e: Expr) =
            match e with
            | Number _ -> zero
            | Symbol s -> if s = v then Number Rational.One else zero
            | Sum xs -> Sum(List.map d xs)
            | Product xs ->
                // Σ_i x_1 … x_i' … x_n
                xs
                |> List.mapi (fun i xi -> Product(xs |> List.mapi (fun j xj -> if i = j then d xi else xj)))
                |> Sum
            // b^0 is the constant 1 (also for b = 0), so it must not become 0·b^-1
            | Power(_, 0) -> zero
            | Power(b, k) -> Product [ Number(Rational.OfInt k); Power(b, k - 1); d b ]

        Expr.simplify (d e)

    /// ∇f for a loss in the variables `vars` (x1 … xn), each component in canonical form.
    let gradient (vars: string list) (f: Expr) : Expr list =
        vars |> List.map (fun v -> differentiate v f)

    /// ∇²f: entry (i, j) is ∂²f / ∂x_i ∂x_j, in canonical form.
    let hessian (vars: string list) (f: Expr) : Expr[,] =
        let g = gradient vars f |> Array.ofList
        let vs = Array.ofList vars
        Array2D.init vs.Length vs.Length (fun i j -> differentiate vs.[j] g.[i])

    /// The variables x1 … xn a concrete loss of dimension n is written in.
    let vectorVariables (n: int) = [ for i in 1..n -> sprintf "x%d" i ]
