module EigenVerify.Symbolic.Tests.FilterStatementTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Symbolic.Tests.RuleTests

/// Gradient descent with hyperparameter a, then the given lines.
let private gdWith (extra: string list) = lines ([ "optimizer t"; "params a > 0"; "state x"; "x' = x - a*grad(x)" ] @ extra)

/// A preconditioned rule (its filter is in mu), then the given lines.
let private preconditionedWith (extra: string list) =
    lines ([ "optimizer p"; "params a > 0"; "state x"; "x' = x - a*precond(grad(x))" ] @ extra)

let private filterOf (text: string) = (parseOk text).Filter.Value

[<Fact>]
let ``a filter line is read into chains with their sides as written, and isolated points`` () =
    let f = (Catalog.load "two-step-usam").Filter.Value
    Assert.Equal(Lambda, f.Variable)
    let chain = Assert.Single f.Chains
    Assert.Equal<string list>([ "0"; "lambda*(1 + rho*lambda)^2"; "2/alpha" ], chain.Sides |> List.map (fun s -> s.Text))
    Assert.Equal<Relation list>([ LessOrEqual; LessOrEqual ], chain.Relations)
    // the sides are the expressions they read as: 2/alpha and λ(1 + ρλ)², exactly
    Assert.True(Expr.equivalent (Product [ Number(Rational.ofInt 2); Power(Symbol "alpha", -1) ]) chain.Sides.[2].Expr)
    let point = Assert.Single f.Points
    Assert.Equal("-1/rho", point.Text)
    Assert.True(Expr.equivalent (Product [ Number(Rational.ofInt -1); Power(Symbol "rho", -1) ]) point.Expr)

[<Fact>]
let ``preconditioned rules state their filter in mu`` () =
    let f = (Catalog.load "adam-frozen").Filter.Value
    Assert.Equal(Mu, f.Variable)
    Assert.Equal("0 <= mu <= 2*(1 + beta1)/(alpha*(1 - beta1))", FilterText.statement f)

[<Fact>]
let ``chains are joined by comma or and, points by or, and every relation is read`` () =
    let f = filterOf (gdWith [ "filter 0 < lambda, lambda <= 2/a and a*lambda >= -1, lambda > -3 or lambda = 7 or lambda = -a" ])
    Assert.Equal(4, f.Chains.Length)
    Assert.Equal<Relation list>([ Less; LessOrEqual; GreaterOrEqual; Greater ], f.Chains |> List.collect (fun c -> c.Relations))
    Assert.Equal<string list>([ "7"; "-a" ], f.Points |> List.map (fun p -> p.Text))
    let eq = filterOf (gdWith [ "filter a*lambda = 1" ])
    Assert.Equal<Relation list>([ Equal ], eq.Chains.Head.Relations)
    // the printed statement reads back as the same statement
    Assert.Equal("0 < lambda, lambda <= 2/a, a*lambda >= -1, lambda > -3 or lambda = 7 or lambda = -a", FilterText.statement f)

[<Fact>]
let ``a rule without a filter line states no filter`` () =
    Assert.Equal(None, (Catalog.load "sam").Filter)
    Assert.Equal(None, (parseOk (gdWith [])).Filter)

[<Fact>]
let ``the filter line may come anywhere after the hyperparameters it uses, comments allowed`` () =
    let text = lines [ "optimizer t"; "params a > 0"; "filter 0 <= lambda <= 2/a   # the usual bound"; "state x"; "x' = x - a*grad(x)" ]
    Assert.Equal("0 <= lambda <= 2/a", FilterText.statement (filterOf text))

[<Fact>]
let ``every catalog filter survives printing and parsing again`` () =
    for name in Catalog.names do
        let m = Catalog.load name
        Assert.Equal(m.Filter, (parseOk (Rule.print m)).Filter)

[<Fact>]
let ``a filter written on its own is read against a checked rule`` () =
    let m = Catalog.load "gd"
    match Rule.parseFilter m "0 <= lambda <= 3/alpha" with
    | Ok f -> Assert.Equal("0 <= lambda <= 3/alpha", FilterText.statement f)
    | Error e -> failwithf "unexpected %O" e
    match Rule.parseFilter m "0 <= lambda <= 2/eta" with
    | Error e -> Assert.Equal((1, 18, "unknown-name"), (e.Line, e.Column, e.Kind))
    | Ok _ -> failwith "accepted an unknown name"
    match Rule.parseFilter m "0 <= lambda <= 2/alpha\nlambda < 1" with
    | Error e -> Assert.Equal("syntax", e.Kind)
    | Ok _ -> failwith "accepted two lines"

// ---- every filter error kind, with its position ----

[<Fact>]
let ``a filter without a comparison or with a malformed point is a syntax error`` () =
    expectError (gdWith [ "filter lambda" ]) 5 14 "syntax" "expected a comparison"
    expectError (gdWith [ "filter" ]) 5 7 "syntax" "expected a number"
    expectError (gdWith [ "filter 0 <= lambda <= 2/a or" ]) 5 29 "syntax" "after 'or'"
    expectError (gdWith [ "filter 0 <= lambda <= 2/a or lambda 3" ]) 5 37 "syntax" "expected '='"
    expectError (gdWith [ "filter 0 <= lambda or lambda = 1, lambda < 2" ]) 5 33 "syntax" "the points come last"
    expectError (gdWith [ "filter 0 <= lambda 2" ]) 5 20 "syntax" "unexpected the number 2"

[<Fact>]
let ``a filter name that is not the eigenvalue or a hyperparameter is reported where it is used`` () =
    expectError (gdWith [ "filter 0 <= lambda <= 2/eta" ]) 5 25 "unknown-name" "'eta'"
    expectError (gdWith [ "filter 0 <= lambda <= 2/x" ]) 5 25 "filter-name" "state variable"
    expectError (gdWith [ "let g = grad(x)"; "filter 0 <= lambda <= g" ]) 6 23 "filter-name" "let"
    expectError (gdWith [ "filter 0 <= lambda <= norm(x)" ]) 5 23 "filter-name" "acts on vectors"
    expectError (gdWith [ "filter 0 <= lambda <= grad" ]) 5 23 "filter-name" "operator"

[<Fact>]
let ``a hyperparameter declared after the filter is reported`` () =
    expectError (lines [ "optimizer t"; "filter 0 <= lambda <= 2/a"; "params a > 0"; "state x"; "x' = x - a*grad(x)" ]) 2 25 "param-before-declaration" "line 3"

[<Fact>]
let ``the eigenvalue must be the rule's own`` () =
    expectError (preconditionedWith [ "filter 0 <= lambda <= 2/a" ]) 5 13 "filter-variable" "mu"
    expectError (gdWith [ "filter 0 <= mu <= 2/a" ]) 5 13 "filter-variable" "lambda"
    expectError (gdWith [ "filter 0 <= lambda <= 2/a or mu = 1" ]) 5 30 "filter-variable" "'mu'"
    // the right one passes
    Assert.Equal(Mu, (filterOf (preconditionedWith [ "filter 0 <= mu <= 2/a" ])).Variable)

[<Fact>]
let ``an isolated point names the eigenvalue and does not depend on it`` () =
    expectError (gdWith [ "filter 0 <= lambda <= 2/a or a = 1" ]) 5 30 "filter-point" "or lambda = EXPR"
    expectError (gdWith [ "filter 0 <= lambda <= 2/a or lambda = lambda/2" ]) 5 39 "filter-point" "cannot use lambda"

[<Fact>]
let ``a second filter line and a side dividing by zero are reported`` () =
    expectError (gdWith [ "filter 0 <= lambda"; "filter lambda <= 2/a" ]) 6 1 "duplicate-filter" "one filter"
    expectError (gdWith [ "filter 0 <= lambda <= 1/(a - a)" ]) 5 24 "division-by-zero" "1/(a - a)"

// ---- reserved names ----

[<Fact>]
let ``a hyperparameter cannot be named lambda, mu or z`` () =
    expectError (lines [ "optimizer t"; "params lambda > 0"; "state x"; "x' = x - lambda*grad(x)" ]) 2 8 "reserved-name" "'lambda'"
    expectError (lines [ "optimizer t"; "params a > 0, 0 <= mu < 1"; "state x"; "x' = x - a*mu*grad(x)" ]) 2 20 "reserved-name" "'mu'"
    expectError (lines [ "optimizer t"; "params z > 0"; "state x"; "x' = x - z*grad(x)" ]) 2 8 "reserved-name" "characteristic polynomial"
    // the same names are fine for state variables and lets (two-step USAM's z is a let)
    parseOk (lines [ "optimizer t"; "params a > 0"; "state x, z"; "x' = x - a*grad(x)"; "z' = x" ]) |> ignore

[<Fact>]
let ``the filter keywords cannot name anything`` () =
    expectError (lines [ "optimizer t"; "params and > 0"; "state x"; "x' = x" ]) 2 8 "reserved-name" "'and'"
    expectError (lines [ "optimizer t"; "state x, or"; "x' = x" ]) 2 10 "reserved-name" "'or'"
    expectError (lines [ "optimizer t"; "state x"; "let filter = x"; "x' = filter" ]) 3 5 "reserved-name" "'filter'"
