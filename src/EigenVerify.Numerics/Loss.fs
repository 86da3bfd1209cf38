namespace EigenVerify.Numerics

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// A concrete loss f : ℝⁿ → ℝ in the variables x1 … xn, with exact rational coefficients.
/// Polynomials and rational functions are plain `Expr`s. Square roots (squareplus activations)
/// enter as named algebraic atoms a_k = √(r_k), each radicand r_k an `Expr` in x and earlier
/// atoms that stays positive everywhere: the loss is then semi-algebraic and C∞, and every
/// derivative is again an `Expr` in x and the atoms (d a_k = d r_k / (2 a_k)), so the exact
/// differentiation of `Calculus` serves unchanged.
type Loss =
    { Dimension: int
      /// (name, radicand) in dependency order.
      Roots: (string * Expr) list
      Body: Expr }

[<RequireQualifiedAccess>]
module Loss =
    let variables (l: Loss) = Calculus.vectorVariables l.Dimension

    /// The total derivative d e / d v, following every atom the expression mentions.
    let derivative (l: Loss) : string -> Expr -> Expr =
        // d a_k / d v for each atom, memoized per variable
        let cache = System.Collections.Generic.Dictionary<string * string, Expr>()
        let rec total (v: string) (e: Expr) : Expr =
            let symbols = Expr.symbols e
            let partial = Calculus.differentiate v e
            let chain =
                l.Roots
                |> List.filter (fun (a, _) -> symbols.Contains a)
                |> List.map (fun (a, _) -> Product [ Calculus.differentiate a e; atom v a ])
            if chain.IsEmpty then partial else Expr.simplify (Sum(partial :: chain))
        and atom (v: string) (a: string) : Expr =
            match cache.TryGetValue((v, a)) with
            | true, d -> d
            | _ ->
                let radicand = l.Roots |> List.find (fun (n, _) -> n = a) |> snd
                // d√r = r' / (2√r)
                let d =
                    Expr.simplify (Product [ total v radicand; Number(Rational.ofFraction 1 2); Power(Symbol a, -1) ])
                cache.[(v, a)] <- d
                d
        total

    let gradient (l: Loss) : Expr[] =
        let d = derivative l
        variables l |> List.map (fun v -> d v l.Body) |> Array.ofList

    /// Symmetric: only i ≤ j is differentiated, the rest mirrored.
    let hessianOf (l: Loss) (g: Expr[]) : Expr[,] =
        let d = derivative l
        let vs = variables l |> Array.ofList
        let n = vs.Length
        let h = Array2D.create n n (Number Rational.Zero)
        for i in 0 .. n - 1 do
            for j in i .. n - 1 do
                let e = d vs.[j] g.[i]
                h.[i, j] <- e
                h.[j, i] <- e
        h

    /// ∂³f/∂x_i∂x_j∂x_k with i ≤ j ≤ k differentiated once and mirrored; only `hess(v, w)`
    /// tangents need it.
    let thirdOf (l: Loss) (h: Expr[,]) : Expr[,,] =
        let d = derivative l
        let vs = variables l |> Array.ofList
        let n = vs.Length
        let t = Array3D.create n n n (Number Rational.Zero)
        for i in 0 .. n - 1 do
            for j in i .. n - 1 do
                for k in j .. n - 1 do
                    let e = d vs.[k] h.[i, j]
                    for (a, b, c) in [ i, j, k; i, k, j; j, i, k; j, k, i; k, i, j; k, j, i ] do
                        t.[a, b, c] <- e
        t

    /// Readable text: the body, then each atom's definition.
    let toText (l: Loss) =
        let body = Infix.print l.Body
        match l.Roots with
        | [] -> body
        | roots ->
            body
            + "  where "
            + (roots |> List.map (fun (a, r) -> sprintf "%s = sqrt(%s)" a (Infix.print r)) |> String.concat ", ")

    /// Exact value at a rational point, for losses without atoms (used by tests as an oracle).
    let evalExact (l: Loss) (x: Rational[]) =
        let values = variables l |> List.mapi (fun i v -> v, x.[i]) |> Map.ofList
        Expr.eval values l.Body

    /// Tree-walking value in double (a reference for the compiled delegates).
    let evalFloat (l: Loss) (x: float[]) =
        let env0 = variables l |> List.mapi (fun i v -> v, x.[i]) |> Map.ofList
        let env =
            l.Roots |> List.fold (fun (env: Map<string, float>) (a, r) -> env.Add(a, sqrt (Expr.evalFloat env r))) env0
        Expr.evalFloat env l.Body
