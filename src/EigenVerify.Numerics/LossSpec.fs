namespace EigenVerify.Numerics

open EigenVerify.Algebra
open EigenVerify.Symbolic
open FsCheck
open FsCheck.FSharp

/// A monomial c·x^e of a loss, e the exponent of each variable.
type LossMonomial = { Coefficient: Rational; Exponents: int list }

/// The recipe of one concrete loss: small exact data from which the loss is built, and which
/// shrinks toward simpler data (fewer variables, fewer terms, simpler coefficients).
type LossSpec =
    /// Σ cᵢxᵢ⁴ + (terms of degree ≤ 3), every cᵢ > 0: coercive.
    | Coercive of leading: Rational list * terms: LossMonomial list
    /// Σₖ (qₖ(x) − qₖ(c))² with fewer pieces than variables: a positive-dimensional set of
    /// minimizers through c, so Hessians there are singular.
    | SumOfSquares of dimension: int * center: Rational list * pieces: LossMonomial list list
    /// ‖UV − Y‖², U rows×inner, V inner×cols; x = (U row-major, then V row-major).
    | Factorization of rows: int * inner: int * cols: int * target: Rational list list
    /// Σ_d (Σⱼ aⱼ·sp(wⱼξ_d + bⱼ) − y_d)², sp(t) = (t + √(t² + s))/2 (squareplus, s > 0);
    /// x = (w, b, a).
    | Network of hidden: int * softness: Rational * data: (Rational * Rational) list
    /// ½(x − c)ᵀQΛQᵀ(x − c), Q a product of rational Householder reflections (orthogonal exactly).
    | Quadratic of spectrum: Rational list * reflections: Rational list list * center: Rational list

[<RequireQualifiedAccess>]
module LossSpec =
    let private q (n: int) = Rational.ofInt n
    let private num (r: Rational) = Number r
    let private x (i: int) = Symbol(sprintf "x%d" (i + 1))

    let private monomial (t: LossMonomial) =
        let factors = t.Exponents |> List.mapi (fun i e -> if e = 0 then None else Some(Power(x i, e))) |> List.choose id
        Product(num t.Coefficient :: factors)

    let private poly (terms: LossMonomial list) = Sum(terms |> List.map monomial)

    let private evalTerms (terms: LossMonomial list) (point: Rational list) =
        terms
        |> List.sumBy (fun t ->
            List.zip t.Exponents point |> List.fold (fun acc (e, v) -> acc * Rational.pow e v) t.Coefficient)

    /// Rational Householder reflection I − 2vvᵀ/(vᵀv) (the identity for v = 0).
    let reflection (v: Rational list) : Rational[,] =
        let v = Array.ofList v
        let n = v.Length
        let vv = v |> Array.sumBy (fun a -> a * a)
        Array2D.init n n (fun i j ->
            let id = if i = j then Rational.one else Rational.zero
            if vv.IsZero then id else id - q 2 * v.[i] * v.[j] / vv)

    let private matMul (a: Rational[,]) (b: Rational[,]) =
        let n = Array2D.length1 a
        Array2D.init n n (fun i j -> Seq.sum [ for k in 0 .. n - 1 -> a.[i, k] * b.[k, j] ])

    /// The exact Hessian QΛQᵀ of a quadratic spec.
    let quadraticMatrix (spectrum: Rational list) (reflections: Rational list list) =
        let n = spectrum.Length
        let identity = Array2D.init n n (fun i j -> if i = j then Rational.one else Rational.zero)
        let qm = reflections |> List.fold (fun acc v -> matMul acc (reflection v)) identity
        let lam = Array.ofList spectrum
        Array2D.init n n (fun i j -> Seq.sum [ for k in 0 .. n - 1 -> qm.[i, k] * lam.[k] * qm.[j, k] ])

    let dimension (s: LossSpec) =
        match s with
        | Coercive(leading, _) -> leading.Length
        | SumOfSquares(n, _, _) -> n
        | Factorization(p, r, c, _) -> p * r + r * c
        | Network(h, _, _) -> 3 * h
        | Quadratic(spectrum, _, _) -> spectrum.Length

    let familyName (s: LossSpec) =
        match s with
        | Coercive _ -> "coercive"
        | SumOfSquares _ -> "sum-of-squares"
        | Factorization _ -> "factorization"
        | Network _ -> "network"
        | Quadratic _ -> "quadratic"

    let build (s: LossSpec) : Loss =
        let n = dimension s
        let plain body = { Dimension = n; Roots = []; Body = Expr.simplify body }
        match s with
        | Coercive(leading, terms) ->
            plain (Sum((leading |> List.mapi (fun i c -> Product [ num c; Power(x i, 4) ])) @ [ poly terms ]))
        | SumOfSquares(_, center, pieces) ->
            plain (Sum(pieces |> List.map (fun p -> Power(Sum [ poly p; num (-(evalTerms p center)) ], 2))))
        | Factorization(rows, inner, cols, target) ->
            let u i k = x (i * inner + k)
            let v k j = x (rows * inner + k * cols + j)
            let residuals =
                target
                |> List.mapi (fun i row ->
                    row
                    |> List.mapi (fun j y -> Power(Sum(num (-y) :: [ for k in 0 .. inner - 1 -> Product [ u i k; v k j ] ]), 2)))
                |> List.concat
            plain (Sum residuals)
        | Network(hidden, softness, data) ->
            let w j = x j
            let b j = x (hidden + j)
            let a j = x (2 * hidden + j)
            let pre j (xi: Rational) = Sum [ Product [ num xi; w j ]; b j ]
            let atom j d = sprintf "s%d_%d" (j + 1) (d + 1)
            let roots =
                [ for d, (xi, _) in List.indexed data do
                      for j in 0 .. hidden - 1 -> atom j d, Expr.simplify (Sum [ Power(pre j xi, 2); num softness ]) ]
            let half = num (Rational.ofFraction 1 2)
            let residual d (xi: Rational, y: Rational) =
                Sum(num (-y) :: [ for j in 0 .. hidden - 1 -> Product [ a j; half; Sum [ pre j xi; Symbol(atom j d) ] ] ])
            { Dimension = n
              Roots = roots
              Body = Expr.simplify (Sum(data |> List.mapi (fun d p -> Power(residual d p, 2)))) }
        | Quadratic(spectrum, reflections, center) ->
            let a = quadraticMatrix spectrum reflections
            let c = Array.ofList center
            let shifted i = Sum [ x i; num (-c.[i]) ]
            plain (
                Sum
                    [ for i in 0 .. n - 1 do
                          for j in 0 .. n - 1 do
                              if not a.[i, j].IsZero then
                                  yield Product [ num (a.[i, j] / q 2); shifted i; shifted j ] ]
            )

    /// Simpler values of one rational: 0, its integer part, half of an integer.
    let shrinkRational (r: Rational) : Rational list =
        if r.IsZero then []
        elif not r.IsInteger then [ Rational.zero; Rational.ofBigInt (Rational.floor r) ] |> List.distinct |> List.filter ((<>) r)
        else
            let n = Rational.floor r
            [ Rational.zero; Rational.ofBigInt (n / System.Numerics.BigInteger 2) ] |> List.distinct |> List.filter ((<>) r)

    /// Simpler positive values (for coefficients that must stay positive): 1, an integer.
    let shrinkPositive (r: Rational) : Rational list =
        [ Rational.one; Rational.ofBigInt (Rational.floor r) ]
        |> List.filter (fun c -> c.Sign > 0 && c <> r && (c < r || not r.IsInteger))
        |> List.distinct

    let private removeAt i (xs: 'a list) = xs |> List.indexed |> List.filter (fun (j, _) -> j <> i) |> List.map snd
    let private replaceAt i v (xs: 'a list) = xs |> List.mapi (fun j y -> if j = i then v else y)

    let private shrinkEach (shrinkOne: 'a -> 'a list) (xs: 'a list) : 'a list list =
        [ for i, v in List.indexed xs do
              for v' in shrinkOne v -> replaceAt i v' xs ]

    let private dropVariable (i: int) (terms: LossMonomial list) =
        terms |> List.filter (fun t -> t.Exponents.[i] = 0) |> List.map (fun t -> { t with Exponents = removeAt i t.Exponents })

    let private shrinkTerms (terms: LossMonomial list) =
        [ for i in 0 .. terms.Length - 1 -> removeAt i terms ]
        @ shrinkEach (fun t -> shrinkRational t.Coefficient |> List.filter (fun c -> not c.IsZero) |> List.map (fun c -> { t with Coefficient = c })) terms

    /// Candidates for shrinking, simplest first; every candidate is a valid spec of the same family.
    let shrink (s: LossSpec) : LossSpec list =
        match s with
        | Coercive(leading, terms) ->
            [ if leading.Length > 1 then
                  let i = leading.Length - 1
                  yield Coercive(removeAt i leading, dropVariable i terms)
              for t in shrinkTerms terms -> Coercive(leading, t)
              for l in shrinkEach shrinkPositive leading -> Coercive(l, terms) ]
        | SumOfSquares(n, center, pieces) ->
            let valid (pieces: LossMonomial list list) = pieces |> List.forall (fun p -> not p.IsEmpty)
            [ if pieces.Length > 1 then
                  for i in 0 .. pieces.Length - 1 -> SumOfSquares(n, center, removeAt i pieces)
              if n > 2 && pieces.Length < n - 1 then
                  let i = n - 1
                  let pieces' = pieces |> List.map (dropVariable i)
                  if valid pieces' then yield SumOfSquares(n - 1, removeAt i center, pieces')
              for i, p in List.indexed pieces do
                  if p.Length > 1 then
                      for t in 0 .. p.Length - 1 -> SumOfSquares(n, center, replaceAt i (removeAt t p) pieces)
              for c in shrinkEach shrinkRational center -> SumOfSquares(n, c, pieces) ]
        | Factorization(rows, inner, cols, target) ->
            [ if rows > 1 then yield Factorization(rows - 1, inner, cols, List.truncate (rows - 1) target)
              if cols > 1 then yield Factorization(rows, inner, cols - 1, target |> List.map (List.truncate (cols - 1)))
              if inner > 1 then yield Factorization(rows, inner - 1, cols, target)
              for t in shrinkEach (shrinkEach shrinkRational) target -> Factorization(rows, inner, cols, t) ]
        | Network(hidden, softness, data) ->
            [ if hidden > 1 then yield Network(hidden - 1, softness, data)
              if data.Length > 1 then
                  for i in 0 .. data.Length - 1 -> Network(hidden, softness, removeAt i data)
              for s' in shrinkPositive softness -> Network(hidden, s', data)
              for d in shrinkEach (fun (xi, y) -> [ for y' in shrinkRational y -> xi, y' ] @ [ for x' in shrinkRational xi -> x', y ]) data ->
                  Network(hidden, softness, d) ]
        | Quadratic(spectrum, reflections, center) ->
            [ if spectrum.Length > 1 then
                  for i in 0 .. spectrum.Length - 1 ->
                      Quadratic(removeAt i spectrum, reflections |> List.map (removeAt i), removeAt i center)
              for i in 0 .. reflections.Length - 1 -> Quadratic(spectrum, removeAt i reflections, center)
              for l in shrinkEach shrinkRational spectrum -> Quadratic(l, reflections, center)
              for c in shrinkEach shrinkRational center -> Quadratic(spectrum, reflections, c) ]

