module EigenVerify.Proofs.Tests.SmtTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Proofs

[<Fact>]
let ``rationals print as exact SMT-LIB reals`` () =
    Assert.Equal("3", Smt.rational (Rational.ofInt 3))
    Assert.Equal("(- 3)", Smt.rational (Rational.ofInt -3))
    Assert.Equal("(/ 1 10)", Smt.rational (Rational.ofFraction 1 10))
    Assert.Equal("(- (/ 9 10))", Smt.rational (Rational.ofFraction -9 10))

[<Fact>]
let ``lambda is renamed because SMT-LIB 2.6 reserves it, taken names get a suffix, odd names are quoted`` () =
    Assert.Equal("lam", Smt.symbol "lambda")
    Assert.Equal("alpha", Smt.symbol "alpha")
    Assert.Equal("beta1", Smt.symbol "beta1")
    // a reserved word of SMT-LIB and a symbol of the certificates cannot be a hyperparameter's symbol
    Assert.Equal("forall.param", Smt.symbol "forall")
    Assert.Equal("lam.param", Smt.symbol "lam")
    Assert.Equal("m1_2.param", Smt.symbol "m1_2")
    Assert.Equal("|x'|", Smt.symbol "x'")

[<Fact>]
let ``a polynomial prints highest term first with exact coefficients`` () =
    // 2*beta + 2 - alpha*lambda, by hand: the degree-2 monomial leads, the constant ends.
    let p =
        MPoly.sub
            (MPoly.add (MPoly.scale (Rational.ofInt 2) (MPoly.var "beta")) (MPoly.ofInt 2))
            (MPoly.mul (MPoly.var "alpha") (MPoly.var "lambda"))
    Assert.Equal("(+ (- (* alpha lam)) (* 2 beta) 2)", Smt.polynomial p)

[<Fact>]
let ``a univariate polynomial prints in the given term`` () =
    // x^3 + 40x^2 + 400x - 8000, the defining polynomial of the two-step USAM endpoint.
    let p = Poly.ofCoeffs [ Rational.ofInt -8000; Rational.ofInt 400; Rational.ofInt 40; Rational.one ]
    Assert.Equal("(+ (* r r r) (* 40 r r) (* 400 r) (- 8000))", Smt.univariate "r" p)

[<Fact>]
let ``formulas collapse trivial conjunctions and keep nested structure`` () =
    Assert.Equal("(<= 0 lam)", Smt.formula (Formula.All [ Formula.Compare("<=", "0", "lam") ]))
    Assert.Equal("false", Smt.formula (Formula.Any []))
    Assert.Equal(
        "(or (and (<= 0 lam) (<= lam 2)) (= lam (- 20)))",
        Smt.formula (Formula.Any [ Formula.All [ Formula.Compare("<=", "0", "lam"); Formula.Compare("<=", "lam", "2") ]; Formula.Compare("=", "lam", "(- 20)") ])
    )
    Assert.Equal("(not true)", Smt.formula (Formula.Negation(Formula.Truth true)))

[<Fact>]
let ``a z3 model is read back as exact numbers, functions left out`` () =
    // The shape z3 4.8.12 prints after `sat` with -model.
    let text =
        "(\n  (define-fun lam () Real\n    (/ 15.0 4.0))\n  (define-fun x () Real\n    (- 2.0))\n  (define-fun alpha () Real\n    1.0)\n  (define-fun re2 ((x Real) (y Real)) Real\n    (- (* x x) (* y y)))\n  (define-fun r () Real\n    (root-obj (+ (^ x 2) (- 5)) 2))\n)\n"
    let model = Z3.parseModel text
    Assert.Equal<(string * string) list>(
        // Inside an algebraic number, exact subterms are simplified too: (- 5) reads -5.
        [ "lam", "15/4"; "x", "-2"; "alpha", "1"; "r", "(root-obj (+ (^ x 2) -5) 2)" ],
        model
    )
