module EigenVerify.Symbolic.Tests.ExprTests

open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Symbolic.Tests.Generators

let q (s: string) = Rational.Parse s
let a, b, c = Symbol "a", Symbol "b", Symbol "c"
let n (k: int) = Expr.int k

let parse (s: string) =
    match Infix.parse s with
    | Ok e -> e
    | Error e -> failwithf "test expression does not parse: %O" e

[<Fact>]
let ``simplify expands a product of sums into ordered monomials`` () =
    // (a + 1)(a - 1) = a^2 - 1 by hand
    let e = (a + n 1) * (a - n 1)
    Assert.Equal(Sum [ Power(a, 2); Number(q "-1") ], Expr.simplify e)

[<Fact>]
let ``simplify cancels a common polynomial factor`` () =
    // (a^2 - 1)/(a - 1) = a + 1: the denominator divides the numerator exactly
    let e = (Power(a, 2) - n 1) / (a - n 1)
    Assert.Equal(Sum [ a; Number Rational.one ], Expr.simplify e)

[<Fact>]
let ``simplify keeps a genuine quotient and normalizes its denominator`` () =
    // 2/(2a + 4) = 1/(a + 2)
    let e = n 2 / (n 2 * a + n 4)
    Assert.Equal(Power(Sum [ a; Number(q "2") ], -1), Expr.simplify e)

[<Fact>]
let ``equal rational functions written differently have the same canonical form`` () =
    let e1 = a / b + c / b
    let e2 = (a + c) * Power(b, -1)
    Assert.Equal(Expr.simplify e2, Expr.simplify e1)
    Assert.True(Expr.equivalent e1 e2)
    Assert.False(Expr.equivalent e1 (a / b))

[<Fact>]
let ``exact literals keep their exact values`` () =
    Assert.Equal(Number(q "9/10"), Expr.simplify (parse "0.9"))
    Assert.Equal(Number(q "1/1000"), Expr.simplify (parse "1e-3"))

[<Fact>]
let ``substitution replaces symbols by expressions`` () =
    // a^2 + b with a := b + 1 gives b^2 + 3b + 1
    let e = Expr.substitute (Map.ofList [ "a", b + n 1 ]) (Power(a, 2) + b)
    Assert.True(Expr.equivalent (parse "b^2 + 3*b + 1") e)

[<Fact>]
let ``evaluation is exact`` () =
    // 1/3 + 1/6 = 1/2 exactly, which floating point cannot represent as a sum of these
    let e = parse "a/3 + b/6"
    Assert.Equal(q "1/2", Expr.eval (Map.ofList [ "a", q "1"; "b", q "1" ]) e)

[<Fact>]
let ``evaluation at a pole raises a division by zero`` () =
    Assert.Throws<System.DivideByZeroException>(fun () -> Expr.eval (Map.ofList [ "a", q "1" ]) (parse "1/(a - 1)") |> ignore)
    |> ignore

[<Fact>]
let ``derivatives match hand derivations`` () =
    // d/da (a^3 b + 1/a) = 3a^2 b - 1/a^2
    Assert.True(Expr.equivalent (parse "3*a^2*b - a^-2") (Calculus.differentiate "a" (parse "a^3*b + 1/a")))
    // d/da a/(a + b) = b/(a + b)^2
    Assert.True(Expr.equivalent (parse "b/(a + b)^2") (Calculus.differentiate "a" (parse "a/(a + b)")))
    // a different answer must be told apart
    Assert.False(Expr.equivalent (parse "b/(a + b)") (Calculus.differentiate "a" (parse "a/(a + b)")))

[<Fact>]
let ``gradient and Hessian of a concrete loss match the hand computation`` () =
    // f = x1^2 x2 + 3 x2^2: ∇f = (2 x1 x2, x1^2 + 6 x2); ∇²f = [[2 x2, 2 x1], [2 x1, 6]]
    let vars = Calculus.vectorVariables 2
    let f = parse "x1^2*x2 + 3*x2^2"
    let g = Calculus.gradient vars f
    Assert.True(Expr.equivalent (parse "2*x1*x2") g.[0])
    Assert.True(Expr.equivalent (parse "x1^2 + 6*x2") g.[1])
    let h = Calculus.hessian vars f
    Assert.True(Expr.equivalent (parse "2*x2") h.[0, 0])
    Assert.True(Expr.equivalent (parse "2*x1") h.[0, 1])
    Assert.True(Expr.equivalent (parse "2*x1") h.[1, 0])
    Assert.True(Expr.equivalent (parse "6") h.[1, 1])

[<Property(MaxTest = 300)>]
let ``printing and parsing again gives the same canonical form`` () =
    Prop.forAll (Arb.fromGen exprGen) (fun e ->
        let text = Infix.print e
        match Infix.parse text with
        | Ok back -> Expr.simplify back = Expr.simplify e |> Prop.label text
        | Error err -> false |> Prop.label (sprintf "%s: %O" text err))

[<Property(MaxTest = 300)>]
let ``the canonical form denotes the same function`` () =
    Prop.forAll (Arb.fromGen (Gen.zip exprGen pointGen)) (fun (e, p) ->
        Expr.eval p (Expr.simplify e) = Expr.eval p e)

[<Property(MaxTest = 300)>]
let ``derivatives agree with central finite differences at rational points`` () =
    Prop.forAll (Arb.fromGen (Gen.zip3 exprGen pointGen (Gen.elements symbolNames))) (fun (e, p, v) ->
        let d = Calculus.differentiate v e
        let exact = Rational.toFloat (Expr.eval p d)
        let fp = p |> Map.map (fun _ r -> Rational.toFloat r)
        let h = 1e-5
        let at (dv: float) = Expr.evalFloat (Map.add v (fp.[v] + dv) fp) e
        let fd = (at h - at -h) / (2.0 * h)
        // central differences err by O(h² f''') plus rounding O(ε |f| / h); with h = 1e-5 and
        // points in [1/2, 2] and generated degrees below 30 keep both far below 1e-4 of max(1, |f|, |f'|)
        let scale = max 1.0 (max (abs exact) (abs (at 0.0)))
        abs (fd - exact) <= 1e-4 * scale |> Prop.label (sprintf "%s d/d%s exact %g fd %g" (Infix.print e) v exact fd))

[<Fact>]
let ``simplify cancels a shared factor that divides neither side`` () =
    // (a^2 - b^2)/((a - b)(a + c)) = (a + b)/(a + c): the common factor a - b is found by the gcd
    let e = (Power(a, 2) - Power(b, 2)) / ((a - b) * (a + c))
    Assert.Equal(Expr.simplify ((a + b) / (a + c)), Expr.simplify e)

[<Property(MaxTest = 200)>]
let ``the gcd divides both polynomials and leaves coprime cofactors`` () =
    let polyGen = exprGen |> Gen.map (fun e -> (Expr.toRationalFunction e).Num)
    Prop.forAll (Arb.fromGen (Gen.zip3 polyGen polyGen polyGen)) (fun (p, q, r) ->
        // g = gcd(pr, qr) divides pr and qr, is a multiple of r, and leaves coprime cofactors
        let pr = p * r
        let qr = q * r
        let g = MPoly.gcd pr qr
        let divides x y = MPoly.isZero y || (not (MPoly.isZero x) && (MPoly.exactDiv y x).IsSome)
        let coprimeCofactors () =
            MPoly.isZero pr || MPoly.isZero qr
            || MPoly.gcd (MPoly.exactDiv pr g).Value (MPoly.exactDiv qr g).Value = MPoly.one
        (MPoly.isZero pr && MPoly.isZero qr)
        || (divides g pr && divides g qr && divides (MPoly.monic r) g && coprimeCofactors ()))

[<Fact>]
let ``the gcd of an input whose remainder sequence once swelled without bound`` () =
    // a fixed input of the property above: its pseudo-remainders in the last variable used to
    // double their digits at each step (integer contents were never removed) and ran for minutes
    let poly text = (Expr.toRationalFunction (parse text)).Num
    let p =
        poly "a^3*b - 3*a^3*c + 301/60*a^3 + 3*a^2*b^2 - 9*a^2*b*c + 397/20*a^2*b - 72/5*a^2*c + 602/25*a^2 + 3*a*b^3 - 9*a*b^2*c + 493/20*a*b^2 - 144/5*a*b*c + 1396/25*a*b - 576/25*a*c + 4816/125*a + b^4 - 3*b^3*c + 589/60*b^3 - 72/5*b^2*c + 794/25*b^2 - 576/25*b*c + 5328/125*b - 1536/125*c + 38528/1875"
    let q = poly "2*a^4 + a^3*b + a^3*c + 103/3*a^3 + 16*a^2*b + 16*a^2*c + 499/3*a^2 + 64*a*b + 64*a*c + 499/3*a + 64"
    let r = poly "4*c"
    // p and q are coprime: both have positive degree in a, b and c and no resultant vanishes, and a
    // common factor would involve one of them; so gcd(p r, q r) is r normalised, c
    for v in [ "a"; "b"; "c" ] do
        Assert.False(MPoly.isZero (MPoly.resultant v p q), v)
    Assert.Equal(MPoly.var "c", MPoly.gcd (p * r) (q * r))
