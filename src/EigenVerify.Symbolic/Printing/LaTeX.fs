namespace EigenVerify.Symbolic

open System
open EigenVerify.Algebra

/// LaTeX for scalar expressions: Greek hyperparameter names become Greek letters, quotients
/// become \frac, trailing digits and `_suffix` become subscripts.
[<RequireQualifiedAccess>]
module LaTeX =
    let private greek =
        set
            [ "alpha"; "beta"; "gamma"; "delta"; "epsilon"; "zeta"; "eta"; "theta"; "iota"; "kappa"; "lambda"; "mu"
              "nu"; "xi"; "pi"; "rho"; "sigma"; "tau"; "upsilon"; "phi"; "chi"; "psi"; "omega" ]

    let private baseName (s: string) =
        if greek.Contains s then "\\" + s
        elif s.Length = 1 then s
        else "\\mathrm{" + s + "}"

    /// `alpha` → `\alpha`, `beta1` → `\beta_{1}`, `x_prev` → `x_{\mathrm{prev}}`.
    [<CompiledName("Symbol")>]
    let symbol (s: string) =
        match s.IndexOf '_' with
        | i when i > 0 && i < s.Length - 1 ->
            let sub = s.Substring(i + 1)
            let subText = if sub |> Seq.forall Char.IsAsciiDigit || sub.Length = 1 then sub else "\\mathrm{" + sub + "}"
            baseName (s.Substring(0, i)) + "_{" + subText + "}"
        | _ ->
            let digits = s |> Seq.rev |> Seq.takeWhile Char.IsAsciiDigit |> Seq.length
            if digits > 0 && digits < s.Length then
                baseName (s.Substring(0, s.Length - digits)) + "_{" + s.Substring(s.Length - digits) + "}"
            else
                baseName s

    let private number (r: Rational) =
        let a = Rational.abs r
        let body = if a.IsInteger then a.ToString() else sprintf "\\frac{%O}{%O}" a.Numerator a.Denominator
        if r.Sign < 0 then "-" + body else body

    let rec private show (e: Expr) : string =
        match e with
        | Number r -> number r
        | Symbol s -> symbol s
        | Sum [] -> "0"
        | Sum(x :: rest) ->
            let tail =
                rest
                |> List.map (fun t ->
                    let s = show t
                    if s.StartsWith "-" then " - " + s.Substring 1 else " + " + s)
            show x + String.concat "" tail
        | Product fs -> product fs
        | Power(b, k) when k < 0 -> product [ e ]
        | Power(b, k) -> factor b + "^{" + string k + "}"

    /// A factor of a product: sums need parentheses.
    and private factor (e: Expr) =
        match e with
        | Sum(_ :: _ :: _) -> "\\left(" + show e + "\\right)"
        | Number r when r.Sign < 0 || not r.IsInteger -> "\\left(" + show e + "\\right)"
        | Product _ -> "\\left(" + show e + "\\right)"
        | Power(_, k) when k < 0 -> "\\left(" + show e + "\\right)"
        | _ -> show e

    and private product (fs: Expr list) =
        // numerator factors, denominator factors and the rational coefficient, for one \frac
        let coefficient = fs |> List.fold (fun c f -> match f with Number r -> c * r | _ -> c) Rational.One
        let others = fs |> List.filter (function Number _ -> false | _ -> true)
        let num = others |> List.choose (function Power(_, k) when k < 0 -> None | f -> Some f)
        let den = others |> List.choose (function Power(b, k) when k < 0 -> Some(if k = -1 then b else Power(b, -k)) | _ -> None)
        let join (xs: Expr list) = xs |> List.map factor |> String.concat " "
        let sign = if coefficient.Sign < 0 then "-" else ""
        let c = Rational.abs coefficient
        let numText =
            match num with
            | [] -> c.Numerator.ToString()
            | _ when c.Numerator.IsOne -> join num
            | _ -> c.Numerator.ToString() + " " + join num
        let denFactors = (if c.Denominator.IsOne then [] else [ c.Denominator.ToString() ]) @ (den |> List.map factor)
        if coefficient.IsZero then "0"
        elif denFactors.IsEmpty then sign + numText
        else sign + "\\frac{" + numText + "}{" + String.concat " " denFactors + "}"

    /// LaTeX math-mode text (no surrounding $).
    [<CompiledName("Print")>]
    let print (e: Expr) = show e

    /// A polynomial, highest graded-lexicographic term first.
    [<CompiledName("Polynomial")>]
    let polynomial (p: MPoly) = show (Expr.ofPolynomial p)
