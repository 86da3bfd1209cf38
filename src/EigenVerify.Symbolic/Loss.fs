namespace EigenVerify.Symbolic

open EigenVerify.Algebra

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

    /// The symbol that stands for 1/a of an atom a: derivatives stay polynomials in x, the
    /// atoms and their inverses, so no common denominator ever has to be formed.
    let inverseName (atom: string) = atom + "_inv"

    /// The body as a polynomial in x, the atoms and their inverses (every family's loss is one).
    let polynomial (l: Loss) : MPoly =
        let rf = Expr.toRationalFunction l.Body
        if not (RationalFunction.isPolynomial rf) then
            invalidArg "l" "the loss body must be a polynomial in the variables and atoms"
        rf.Num

    /// The total derivative d p / d v, following every atom: d a = (1/2)·a⁻¹·d r and
    /// d(a⁻¹) = −(1/2)·a⁻³·d r. Works on polynomials directly (no rational-function
    /// normalization), which keeps differentiation fast for losses with many atoms.
    let derivative (l: Loss) : string -> MPoly -> MPoly =
        let cache = System.Collections.Generic.Dictionary<string * string, MPoly>()
        let half = Rational.ofFraction 1 2
        let radicands =
            l.Roots |> List.map (fun (a, r) -> a, (Expr.toRationalFunction r).Num) |> Map.ofList
        let rec total (v: string) (p: MPoly) : MPoly =
            let symbols = Set.ofList (MPoly.variables p)
            l.Roots
            |> List.fold
                (fun acc (a, _) ->
                    let ia = inverseName a
                    let acc =
                        if symbols.Contains a then
                            let inner = MPoly.scale half (MPoly.var ia) * radicand v a
                            acc + MPoly.derivative a p * inner
                        else acc
                    if symbols.Contains ia then
                        let inner = MPoly.scale (-half) (MPoly.pow 3 (MPoly.var ia)) * radicand v a
                        acc + MPoly.derivative ia p * inner
                    else acc)
                (MPoly.derivative v p)
        and radicand (v: string) (a: string) : MPoly =
            match cache.TryGetValue((v, a)) with
            | true, d -> d
            | _ ->
                let d = total v radicands.[a]
                cache.[(v, a)] <- d
                d
        total

    let private gradientPolys (l: Loss) =
        let d = derivative l
        let p = polynomial l
        variables l |> List.map (fun v -> d v p) |> Array.ofList

    let gradient (l: Loss) : Expr[] = gradientPolys l |> Array.map Expr.ofPolynomial

    /// Symmetric: only i ≤ j is differentiated, the rest mirrored.
    let hessianOf (l: Loss) (g: Expr[]) : Expr[,] =
        let d = derivative l
        let g = g |> Array.map (fun e -> (Expr.toRationalFunction e).Num)
        let vs = variables l |> Array.ofList
        let n = vs.Length
        let h = Array2D.create n n (Number Rational.Zero)
        for i in 0 .. n - 1 do
            for j in i .. n - 1 do
                let e = Expr.ofPolynomial (d vs.[j] g.[i])
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
                let hij = (Expr.toRationalFunction h.[i, j]).Num
                for k in j .. n - 1 do
                    let e = Expr.ofPolynomial (d vs.[k] hij)
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
            l.Roots
            |> List.fold
                (fun (env: Map<string, float>) (a, r) ->
                    let v = sqrt (Expr.evalFloat env r)
                    env.Add(a, v).Add(inverseName a, 1.0 / v))
                env0
        Expr.evalFloat env l.Body
