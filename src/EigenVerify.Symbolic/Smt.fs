namespace EigenVerify.Symbolic

open System
open EigenVerify.Algebra

/// SMT-LIB2 terms over the reals (theory of real arithmetic): every literal is written as a Real.
[<RequireQualifiedAccess>]
module Smt =
    let private simple (s: string) =
        s.Length > 0
        && not (Char.IsAsciiDigit s.[0])
        && s |> Seq.forall (fun c -> Char.IsAsciiLetterOrDigit c || "_.~!@$%^&*+-/<>=?".IndexOf c >= 0)

    /// A symbol as SMT-LIB2 writes it: quoted with |…| unless it is a simple symbol.
    [<CompiledName("Symbol")>]
    let symbol (s: string) = if simple s then s else "|" + s.Replace("|", "") + "|"

    /// Rationals as Real terms: 3 → 3.0, -3/4 → (- (/ 3.0 4.0)).
    [<CompiledName("Number")>]
    let number (r: Rational) =
        let a = Rational.abs r
        let body = if a.IsInteger then sprintf "%O.0" a.Numerator else sprintf "(/ %O.0 %O.0)" a.Numerator a.Denominator
        if r.Sign < 0 then sprintf "(- %s)" body else body

    let rec private show (e: Expr) : string =
        let app op (xs: Expr list) = "(" + op + " " + (xs |> List.map show |> String.concat " ") + ")"
        match e with
        | Number r -> number r
        | Symbol s -> symbol s
        | Sum [] -> "0.0"
        | Sum [ x ] -> show x
        | Sum xs -> app "+" xs
        | Product [] -> "1.0"
        | Product [ x ] -> show x
        | Product xs -> app "*" xs
        | Power(_, 0) -> "1.0"
        | Power(b, 1) -> show b
        | Power(b, k) when k > 0 -> app "*" (List.replicate k b)
        | Power(b, k) -> "(/ 1.0 " + show (Power(b, -k)) + ")"

    /// An SMT-LIB2 term of sort Real.
    [<CompiledName("Term")>]
    let term (e: Expr) = show e

    /// `(declare-const name Real)` lines for every symbol of the expressions, sorted.
    let declarations (es: Expr seq) =
        es
        |> Seq.map Expr.symbols
        |> Set.unionMany
        |> Seq.map (fun s -> sprintf "(declare-const %s Real)" (symbol s))
        |> String.concat "\n"
