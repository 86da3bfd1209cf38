namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// A scalar expression over exact rationals. Division is a negative integer power, subtraction a
/// product with −1, so every rational function has one shape after `Expr.simplify`.
type Expr =
    | Number of Rational
    | Symbol of string
    | Sum of Expr list
    | Product of Expr list
    | Power of Expr * int

    static member (+)(a: Expr, b: Expr) = Sum [ a; b ]
    static member (-)(a: Expr, b: Expr) = Sum [ a; Product [ Number(Rational.OfInt -1); b ] ]
    static member (*)(a: Expr, b: Expr) = Product [ a; b ]
    static member (/)(a: Expr, b: Expr) = Product [ a; Power(b, -1) ]
    static member (~-)(a: Expr) = Product [ Number(Rational.OfInt -1); a ]

[<RequireQualifiedAccess>]
module Expr =
    let num (r: Rational) = Number r
    let int (n: int) = Number(Rational.OfInt n)
    let sym (s: string) = Symbol s
    let pow (k: int) (e: Expr) = Power(e, k)

    let rec symbols (e: Expr) : Set<string> =
        match e with
        | Number _ -> Set.empty
        | Symbol s -> Set.singleton s
        | Sum xs
        | Product xs -> xs |> List.map symbols |> Set.unionMany
        | Power(b, _) -> symbols b

    /// The exact rational function an expression denotes (raises on division by zero).
    let rec toRationalFunction (e: Expr) : RationalFunction =
        match e with
        | Number r -> RationalFunction.constant r
        | Symbol s -> RationalFunction.var s
        | Sum xs -> xs |> List.fold (fun acc x -> RationalFunction.add acc (toRationalFunction x)) RationalFunction.zero
        | Product xs -> xs |> List.fold (fun acc x -> RationalFunction.mul acc (toRationalFunction x)) RationalFunction.one
        | Power(b, k) -> RationalFunction.pow k (toRationalFunction b)

    let private ofMonomial (c: Rational) (m: Map<string, int>) =
        let factors = m |> Map.toList |> List.map (fun (v, e) -> if e = 1 then Symbol v else Power(Symbol v, e))

        match factors with
        | [] -> Number c
        | [ f ] when c = Rational.One -> f
        | fs when c = Rational.One -> Product fs
        | fs -> Product(Number c :: fs)

    /// Sum of monomials, highest graded-lexicographic term first.
    let ofPolynomial (p: MPoly) =
        let terms = MPoly.termsGrlex p |> List.map (fun (m, c) -> ofMonomial c m)

        match terms with
        | [] -> Number Rational.Zero
        | [ t ] -> t
        | ts -> Sum ts

    let ofRationalFunction (f: RationalFunction) =
        if RationalFunction.isPolynomial f then
            ofPolynomial f.Num
        else
            match MPoly.tryConstant f.Num with
            | Some c when c = Rational.One -> Power(ofPolynomial f.Den, -1)
            | _ -> Product [ ofPolynomial f.Num; Power(ofPolynomial f.Den, -1) ]

    /// The canonical form: a normalized rational function, numerator and denominator expanded.
    let simplify (e: Expr) = e |> toRationalFunction |> ofRationalFunction

    /// Multiplies out products and integer powers: a polynomial becomes a sum of monomials; a
    /// quotient becomes one expanded numerator over one expanded denominator (the canonical form).
    let expand (e: Expr) = simplify e

    /// True when both denote the same rational function (exact, by cross-multiplication).
    let equivalent (a: Expr) (b: Expr) =
        RationalFunction.equal (toRationalFunction a) (toRationalFunction b)

    let rec substitute (bindings: Map<string, Expr>) (e: Expr) =
        match e with
        | Number _ -> e
        | Symbol s -> bindings |> Map.tryFind s |> Option.defaultValue e
        | Sum xs -> Sum(List.map (substitute bindings) xs)
        | Product xs -> Product(List.map (substitute bindings) xs)
        | Power(b, k) -> Power(substitute bindings b, k)

    /// Exact value (raises KeyNotFoundException for an unassigned symbol, DivideByZeroException
    /// where a denominator vanishes).
    let rec eval (values: Map<string, Rational>) (e: Expr) : Rational =
        match e with
        | Number r -> r
        | Symbol s -> values.[s]
        | Sum xs -> xs |> List.fold (fun acc x -> acc + eval values x) Rational.Zero
        | Product xs -> xs |> List.fold (fun acc x -> acc * eval values x) Rational.One
        | Power(b, k) -> Rational.Pow(eval values b, k)

    /// Floating-point value by walking the tree: the reference the compiled delegates are
    /// measured against, and a display helper; never used in an exact decision.
    let rec evalFloat (values: Map<string, float>) (e: Expr) : float =
        match e with
        | Number r -> Rational.toFloat r
        | Symbol s -> values.[s]
        | Sum xs -> xs |> List.sumBy (evalFloat values)
        | Product xs -> xs |> List.fold (fun acc x -> acc * evalFloat values x) 1.0
        | Power(b, k) -> pown (evalFloat values b) k
