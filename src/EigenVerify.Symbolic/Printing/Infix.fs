namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// Plain-text scalar expressions in the rule language's syntax: `print` output parses back to an
/// expression with the same canonical form.
[<RequireQualifiedAccess>]
module Infix =
    // binding strength: 1 sum, 2 product, 3 leading minus, 4 power, 5 atom
    let private numberText (r: Rational) =
        if r.IsInteger && r.Sign >= 0 then r.ToString(), 5
        elif r.IsInteger then r.ToString(), 3
        else r.ToString(), 2

    let private isNegativeNumber e =
        match e with
        | Number r -> r.Sign < 0
        | _ -> false

    let rec private show (needed: int) (e: Expr) : string =
        let text, prec =
            match e with
            | Number r -> numberText r
            | Symbol s -> s, 5
            | Sum [] -> "0", 5
            | Sum [ x ] -> show needed x, 5
            | Sum(x :: rest) ->
                let tail =
                    rest
                    |> List.map (fun t ->
                        match t with
                        | Number r when r.Sign < 0 -> " - " + show 2 (Number(-r))
                        | Product(Number r :: fs) when r.Sign < 0 ->
                            let positive = if r = Rational.OfInt -1 then fs else Number(-r) :: fs
                            " - " + show 2 (match positive with [ f ] -> f | fs -> Product fs)
                        | _ -> " + " + show 2 t)
                show 1 x + String.concat "" tail, 1
            | Product [] -> "1", 5
            | Product [ x ] -> show needed x, 5
            | Product(Number r :: fs) when r = Rational.OfInt -1 ->
                "-" + (fs |> List.map (show 3) |> String.concat "*"), 3
            | Product fs ->
                // multiplication is associative, so every factor only needs unary strength
                let first = show 2 (List.head fs)
                first + (fs |> List.tail |> List.map (fun f -> "*" + show 3 f) |> String.concat ""), 2
            | Power(b, k) -> show 5 b + "^" + string k, 4

        if prec < needed then "(" + text + ")" else text

    /// Plain text, e.g. `alpha*lambda^2 - 1/2*beta + 1`.
    [<CompiledName("Print")>]
    let print (e: Expr) = show 0 e

    /// The expression a parsed scalar expression denotes (operator calls are not scalar expressions).
    let rec internal ofSyn (s: Syn) : Expr =
        match s with
        | SNum(r, _) -> Number r
        | SName(n, _) -> Symbol n
        | SNeg(a, _) -> Product [ Number(Rational.OfInt -1); ofSyn a ]
        | SBin('+', a, b, _) -> Sum [ ofSyn a; ofSyn b ]
        | SBin('-', a, b, _) -> Sum [ ofSyn a; Product [ Number(Rational.OfInt -1); ofSyn b ] ]
        | SBin('*', a, b, _) -> Product [ ofSyn a; ofSyn b ]
        | SBin(_, a, b, _) -> Product [ ofSyn a; Power(ofSyn b, -1) ]
        | SPow(a, k, _) -> Power(ofSyn a, k)
        | SCall(n, _, p) -> Syntax.fail p "unknown-operator" (sprintf "'%s(...)' is not a scalar expression" n)

    /// Reads a scalar expression (names are symbols; no operators such as grad).
    [<CompiledName("Parse")>]
    let parse (text: string) : Result<Expr, RuleError> =
        try
            let t = if isNull text then "" else text
            if t.Contains '\n' || t.Contains '\r' then
                Error { Line = 1; Column = (t.IndexOfAny [| '\n'; '\r' |]) + 1; Kind = "syntax"; Message = "an expression is one line" }
            else
                Ok(ofSyn (Syntax.parseExpression (Syntax.lex 1 t)))
        with RuleFailure e ->
            Error e
