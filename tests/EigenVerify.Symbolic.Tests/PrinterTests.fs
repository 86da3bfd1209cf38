module EigenVerify.Symbolic.Tests.PrinterTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Symbolic.Tests.Generators

let expr (s: string) =
    match Infix.parse s with
    | Ok e -> e
    | Error e -> failwithf "test expression does not parse: %O" e

[<Fact>]
let ``LaTeX writes Greek names, subscripts, fractions and powers`` () =
    Assert.Equal(@"\alpha", LaTeX.symbol "alpha")
    Assert.Equal(@"\beta_{1}", LaTeX.symbol "beta1")
    Assert.Equal(@"x_{\mathrm{prev}}", LaTeX.symbol "x_prev")
    Assert.Equal(@"x_{2}", LaTeX.symbol "x2")
    Assert.Equal(@"\frac{2 \left(\beta + 1\right)}{\alpha}", LaTeX.print (Product [ Number(Rational.ofInt 2); Sum [ Symbol "beta"; Number Rational.one ]; Power(Symbol "alpha", -1) ]))
    Assert.Equal(@"\lambda^{2} - \frac{\rho}{2}", LaTeX.print (Sum [ Power(Symbol "lambda", 2); Product [ Number(Rational.ofFraction -1 2); Symbol "rho" ] ]))
    Assert.Equal(@"\frac{3}{4}", LaTeX.print (Number(Rational.ofFraction 3 4)))
    Assert.Equal(@"-\frac{\alpha}{\left(\rho + 1\right)^{2}}", LaTeX.print (Product [ Number(Rational.ofInt -1); Symbol "alpha"; Power(Sum [ Symbol "rho"; Number Rational.one ], -2) ]))

[<Fact>]
let ``SMT-LIB2 writes exact literals, prefix applications and safe symbols`` () =
    let p = Expr.toRationalFunction (expr "2*a - 3/4")
    Assert.Equal("(+ (* 2 a) (- (/ 3 4)))", Smt.polynomial p.Num)
    Assert.Equal("lam", Smt.symbol "lambda")
    Assert.Equal("|x̄|", Smt.symbol "x̄")

/// A minimal evaluator of the SMT-LIB2 real terms above, written independently of the printer.
let rec private evalSmt (env: Map<string, Rational>) (tokens: string list) : Rational * string list =
    match tokens with
    | "(" :: op :: rest ->
        let rec args acc ts =
            match ts with
            | ")" :: more -> List.rev acc, more
            | _ ->
                let v, more = evalSmt env ts
                args (v :: acc) more
        let vs, more = args [] rest
        let v =
            match op, vs with
            | "+", _ -> List.fold (+) Rational.zero vs
            | "*", _ -> List.fold (*) Rational.one vs
            | "-", [ x ] -> -x
            | "-", x :: ys -> List.fold (-) x ys
            | "/", x :: ys -> List.fold (/) x ys
            | _ -> failwithf "unexpected operator %s" op
        v, more
    | t :: rest when Char.IsDigit t.[0] -> Rational.parse t, rest
    | t :: rest -> env.[t], rest
    | [] -> failwith "empty term"

let private tokenize (s: string) =
    s.Replace("(", " ( ").Replace(")", " ) ").Split(' ', StringSplitOptions.RemoveEmptyEntries) |> List.ofArray

[<Property(MaxTest = 300)>]
let ``the SMT-LIB2 polynomial evaluates to the polynomial's exact value`` () =
    Prop.forAll (Arb.fromGen (Gen.zip exprGen pointGen)) (fun (e, p) ->
        // the numerator of any expression is a polynomial in the symbols
        let poly = (Expr.toRationalFunction e).Num
        let env = p |> Map.toSeq |> Seq.map (fun (k, v) -> Smt.symbol k, v) |> Map.ofSeq
        let v, rest = evalSmt env (tokenize (Smt.polynomial poly))
        (rest.IsEmpty && v = MPoly.eval p poly) |> Prop.label (Smt.polynomial poly))

[<Property(MaxTest = 200)>]
let ``LaTeX output has balanced braces and no unprinted operators`` () =
    Prop.forAll (Arb.fromGen exprGen) (fun e ->
        let s = LaTeX.print e
        let depth = s |> Seq.scan (fun d c -> if c = '{' then d + 1 elif c = '}' then d - 1 else d) 0 |> List.ofSeq
        (List.forall (fun d -> d >= 0) depth && List.last depth = 0 && not (s.Contains "*")) |> Prop.label s)
