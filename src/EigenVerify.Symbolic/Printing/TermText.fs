namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// Plain text of rule terms, with exactly the parentheses the parser needs to read the same term.
[<RequireQualifiedAccess>]
module TermText =
    // binding strength: 1 sum, 2 product, 3 unary minus, 4 power, 5 atom
    let private constPrec (r: Rational) =
        if not r.IsInteger then 2
        elif r.Sign < 0 then 3
        else 5

    let rec private prec (t: Term) =
        match t with
        | Const r -> constPrec r
        | Add _
        | Sub _ -> 1
        | Mul _
        | Div _ -> 2
        | Neg _ -> 3
        | Pow _ -> 4
        | _ -> 5

    let rec private show (needed: int) (t: Term) : string =
        let s =
            match t with
            | Const r -> r.ToString()
            | Param n
            | Ref n -> n
            | Add(a, b) -> show 1 a + " + " + show 2 b
            | Sub(a, b) -> show 1 a + " - " + show 2 b
            | Mul(a, b) -> show 2 a + "*" + show 3 b
            | Div(a, b) -> show 2 a + "/" + show 3 b
            | Neg a -> "-" + show 3 a
            | Pow(a, k) -> show 5 a + "^" + string k
            | Grad a -> "grad(" + show 0 a + ")"
            | Hess(a, b) -> "hess(" + show 0 a + ", " + show 0 b + ")"
            | Precond a -> "precond(" + show 0 a + ")"
            | Norm a -> "norm(" + show 0 a + ")"
            | Dot(a, b) -> "dot(" + show 0 a + ", " + show 0 b + ")"

        if prec t < needed then "(" + s + ")" else s

    let print (t: Term) = show 0 t
