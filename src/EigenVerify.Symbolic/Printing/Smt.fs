namespace EigenVerify.Symbolic

open System.Numerics
open EigenVerify.Algebra

/// A quantifier-free formula over SMT-LIB2 terms (kept as text: the terms are small and the
/// printed file is the artefact a reviewer reads).
[<RequireQualifiedAccess>]
type Formula =
    | Truth of bool
    | Compare of op: string * lhs: string * rhs: string
    | All of Formula list
    | Any of Formula list
    | Negation of Formula

/// SMT-LIB2 text for exact numbers, polynomials and formulas: the one SMT printer, used by the
/// certificates.
[<RequireQualifiedAccess>]
module Smt =

    /// The internal variables of the polynomials: SMT-LIB 2.6 reserves `lambda`, so the eigenvalue
    /// is written `lam` in every certificate; `mu` and `z` keep their names.
    let private internalNames = Map.ofList [ "lambda", "lam"; "mu", "mu"; "z", "z" ]

    /// Symbols a certificate defines itself, SMT-LIB's reserved words and the function symbols of
    /// its core and arithmetic theories, and the arithmetic z3 adds.
    let private taken =
        set
            [ "lam"; "mu"; "x"; "y"; "z"; "s"; "p"; "det"; "disc"; "p_re"; "p_im"; "in_region"; "root_outside"
              "let"; "forall"; "exists"; "match"; "par"; "as"; "_"; "!"; "lambda"
              "true"; "false"; "not"; "and"; "or"; "xor"; "ite"; "distinct"
              "div"; "mod"; "abs"; "to_real"; "to_int"; "is_int"; "divisible"
              "pi"; "euler"; "exp"; "sin"; "cos"; "tan"; "asin"; "acos"; "atan"; "sinh"; "cosh"; "tanh"
              "asinh"; "acosh"; "atanh"; "sec"; "csc"; "cot"; "rem"; "power"; "root"; "sqrt" ]

    /// The families of names a certificate numbers: coefficients c0, powers re2/im2, matrix
    /// entries m1_2, bounds bound1, surds sqrt5, algebraic endpoints root1.
    let private numbered = System.Text.RegularExpressions.Regex(@"^(c|re|im|m|bound|sqrt|root)[0-9_]")

    /// The suffix that keeps a hyperparameter's symbol apart from every symbol above: rule names
    /// are letters, digits and '_', so no rule name contains it.
    [<Literal>]
    let HyperparameterSuffix = ".param"

    let private simple (s: string) =
        s.Length > 0
        && not (System.Char.IsDigit s.[0])
        && s |> Seq.forall (fun c -> System.Char.IsLetterOrDigit c || c = '_')

    /// The SMT symbol for a variable: `lam`, `mu` or `z` for the internal ones; a hyperparameter
    /// keeps its name unless that name is taken (by the certificate, SMT-LIB or z3), and then
    /// gets the suffix ".param": `p` is written `p.param`, so it cannot capture the certificate's
    /// own `p`.
    [<CompiledName("Symbol")>]
    let symbol (name: string) =
        match Map.tryFind name internalNames with
        | Some s -> s
        | None when simple name && (taken.Contains name || numbered.IsMatch name) -> name + HyperparameterSuffix
        | None when simple name -> name
        | None -> "|" + name.Replace("|", "") + "|"

    /// An exact rational as an SMT real term: 3, (- 3), (/ 1 10), (- (/ 1 10)).
    let rational (r: Rational) =
        let n = BigInteger.Abs r.Numerator
        let body = if r.IsInteger then n.ToString() else sprintf "(/ %O %O)" n r.Denominator
        if r.Sign < 0 then sprintf "(- %s)" body else body

    let apply (op: string) (args: string list) = "(" + op + " " + String.concat " " args + ")"

    let sum (terms: string list) =
        match terms with
        | [] -> "0"
        | [ t ] -> t
        | ts -> apply "+" ts

    let product (factors: string list) =
        match factors with
        | [] -> "1"
        | [ f ] -> f
        | fs -> apply "*" fs

    /// A polynomial, highest graded-lexicographic term first (a stable order, so regenerated
    /// files are byte-identical).
    let polynomial (p: MPoly) =
        let monomial (m: Map<string, int>, c: Rational) =
            let powers = m |> Map.toList |> List.collect (fun (v, e) -> List.replicate e (symbol v))
            if c = Rational.One then product powers
            elif c = -Rational.One then apply "-" [ product powers ]
            elif powers.IsEmpty then rational c
            else product (rational c :: powers)
        MPoly.termsGrlex p
        |> List.map monomial
        |> sum

    /// A univariate polynomial over ℚ in the given SMT term.
    let univariate (at: string) (p: Poly) =
        let coeffs = Poly.coeffs p
        [ for i in coeffs.Length - 1 .. -1 .. 0 do
              let c = coeffs.[i]
              if not c.IsZero then
                  let power = List.replicate i at
                  if i = 0 then yield rational c
                  elif c = Rational.One then yield product power
                  else yield product (rational c :: power) ]
        |> sum

    let rec formula (f: Formula) =
        match f with
        | Formula.Truth true -> "true"
        | Formula.Truth false -> "false"
        | Formula.Compare(op, a, b) -> apply op [ a; b ]
        | Formula.All [] -> "true"
        | Formula.All [ g ] -> formula g
        | Formula.All gs -> apply "and" (List.map formula gs)
        | Formula.Any [] -> "false"
        | Formula.Any [ g ] -> formula g
        | Formula.Any gs -> apply "or" (List.map formula gs)
        | Formula.Negation g -> apply "not" [ formula g ]

    /// Every line prefixed with "; " (SMT-LIB2 comments).
    let comment (text: string) =
        text.Split('\n') |> Array.map (fun l -> if l = "" then ";" else "; " + l) |> String.concat "\n"
