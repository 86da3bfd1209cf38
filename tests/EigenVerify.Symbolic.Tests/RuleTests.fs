module EigenVerify.Symbolic.Tests.RuleTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic

let q (s: string) = Rational.Parse s

let parseOk (text: string) =
    match Rule.parse text with
    | Ok m -> m
    | Error e -> failwithf "expected the rule to parse, got %O" e

/// Asserts the error's position, kind and that its message says what went wrong.
let expectError (text: string) (line: int) (col: int) (kind: string) (messagePart: string) =
    match Rule.parse text with
    | Ok _ -> failwithf "expected %s at %d:%d but the rule parsed" kind line col
    | Error e ->
        Assert.Equal(kind, e.Kind)
        Assert.Equal((line, col), (e.Line, e.Column))
        Assert.Contains(messagePart, e.Message)

let lines (xs: string list) = String.concat "\n" xs

/// The model without where its divisors were written: printing drops comments and moves lines,
/// so a divisor's line and column refer to the text it was read from, not to the rule itself.
let withoutPositions (m: OptimizerModel) =
    { m with Denominators = m.Denominators |> List.map (fun d -> { d with Line = 0; Column = 0 }) }

/// Print and parse again: the same rule, and each divisor located in the printed text.
let reprintedSame (m: OptimizerModel) =
    let printed = Rule.print m
    match Rule.parse printed with
    | Error _ -> false
    | Ok again ->
        let printedLines = printed.Split '\n'
        withoutPositions again = withoutPositions m
        && again.Denominators
           |> List.forall (fun d -> d.Line >= 1 && d.Line <= printedLines.Length && d.Column >= 1 && d.Column <= printedLines.[d.Line - 1].Length)

[<Fact>]
let ``every catalog rule parses and survives printing and parsing again`` () =
    Assert.Equal(18, Catalog.names.Length)
    for name in Catalog.names do
        let m = Catalog.load name
        Assert.Equal(name, m.Name)
        Assert.Equal(Ok m, Rule.parse (Rule.print m))

[<Fact>]
let ``a divisor's position refers to the text it was read from, and printing keeps the rule`` () =
    // found by the mutation fuzzer: a comment above the rule moves every line when printed
    let text =
        lines
            [ "# one comment line"
              "optimizer d"
              "params alpha > 0, 0 <= beta1 < 1"
              "state x, m"
              "let m_new = beta1*m + (1 /- beta1)*precond(grad(x))"
              "m' = m_new"
              "x' = x - alpha*m_new" ]
    let m = parseOk text
    let d = Assert.Single m.Denominators
    // the divisor is -beta1, reported at its '/' on line 5
    Assert.Equal(-(MPoly.var "beta1"), d.Polynomial)
    Assert.Equal((5, 26), (d.Line, d.Column))
    Assert.Equal('/', (text.Split '\n').[4].[25])
    let again = parseOk (Rule.print m)
    Assert.NotEqual((d.Line, d.Column), (again.Denominators.Head.Line, again.Denominators.Head.Column))
    Assert.True(reprintedSame m)
    // and the comparison is not blind: a different divisor is a different rule
    Assert.False(withoutPositions again = withoutPositions (parseOk (text.Replace("/- beta1", "/(beta1 - 2)"))))

[<Fact>]
let ``a hyperparameter that cancels from its only constraint is refused at its name`` () =
    // found by the mutation fuzzer: alpha*0 <= beta names alpha but says nothing about it
    expectError (lines [ "optimizer t"; "params alpha *0 <= beta < 1"; "state x"; "x' = x - beta*grad(x)" ]) 2 8 "bad-constraint" "no constraint depends on 'alpha'"
    // the same product is fine where another constraint bounds alpha
    let m = parseOk (lines [ "optimizer t"; "params alpha > 0, alpha*0 <= beta < 1"; "state x"; "x' = x - alpha*beta*grad(x)" ])
    Assert.True(reprintedSame m)
    // and a relation that keeps the name declares it
    parseOk (lines [ "optimizer t"; "params alpha*alpha <= beta < 1"; "state x"; "x' = x - beta*grad(x)" ]) |> ignore

[<Fact>]
let ``the catalog files are copied beside the assembly`` () =
    for name in Catalog.names do
        let path = System.IO.Path.Combine(Catalog.directory (), name + ".rule")
        Assert.True(System.IO.File.Exists path, path)
        Assert.Equal(Catalog.source name, Some(System.IO.File.ReadAllText path))
    Assert.Equal(None, Catalog.source "adamw")

[<Fact>]
let ``heavy ball parses into the model written on the whiteboard`` () =
    let m = Catalog.load "heavy-ball"
    Assert.Equal<string list>([ "x"; "x_prev" ], m.State)
    Assert.Equal<ParamDomain list>(
        [ { Name = "alpha"; Lower = Some { Value = q "0"; Inclusive = false }; Upper = None }
          { Name = "beta"; Lower = Some { Value = q "0"; Inclusive = true }; Upper = Some { Value = q "1"; Inclusive = false } } ],
        m.Params
    )
    let x, xp, alpha, beta = Ref "x", Ref "x_prev", Param "alpha", Param "beta"
    Assert.Equal<(string * Term) list>([ "x", x - alpha * Grad x + beta * (x - xp); "x_prev", x ], m.Updates)
    Assert.Equal(Smooth, m.Smoothness)

[<Fact>]
let ``decimal and scientific literals are exact rationals`` () =
    let m = parseOk (lines [ "optimizer t"; "params 0.9 <= b < 1e1"; "state x"; "x' = 0.9*x + 1e-3*b*x" ])
    Assert.Equal(Some { Value = q "9/10"; Inclusive = true }, m.Params.Head.Lower)
    Assert.Equal(Some { Value = q "10"; Inclusive = false }, m.Params.Head.Upper)
    Assert.Equal<(string * Term) list>([ "x", Add(Mul(Const(q "9/10"), Ref "x"), Mul(Mul(Const(q "1/1000"), Param "b"), Ref "x")) ], m.Updates)

[<Fact>]
let ``constraints on one hyperparameter are intersected`` () =
    let m = parseOk (lines [ "optimizer t"; "params b > 0, b <= 2, 1/2 <= b, b < 3"; "state x"; "x' = b*x" ])
    Assert.Equal<ParamDomain list>(
        [ { Name = "b"; Lower = Some { Value = q "1/2"; Inclusive = true }; Upper = Some { Value = q "2"; Inclusive = true } } ],
        m.Params
    )

[<Fact>]
let ``semantic flags count evaluations and spot preconditioning`` () =
    let hu = Catalog.load "hessian-usam"
    Assert.Equal((2, 1), (hu.GradientEvaluations, hu.HessianEvaluations))
    let two = Catalog.load "two-step-usam"
    Assert.Equal((3, 0), (two.GradientEvaluations, two.HessianEvaluations))
    Assert.True((Catalog.load "adam-frozen").UsesPreconditioner)
    Assert.False((Catalog.load "heavy-ball").UsesPreconditioner)
    // the same gradient written twice is one evaluation
    let m = parseOk (lines [ "optimizer t"; "params a > 0"; "state x"; "x' = x - a*grad(x) - a*grad(x)" ])
    Assert.Equal(1, m.GradientEvaluations)

[<Fact>]
let ``SAM is flagged non-smooth at critical points and USAM is smooth`` () =
    for name in [ "sam"; "sam-hb"; "sam-nesterov" ] do
        match (Catalog.load name).Smoothness with
        | NonSmooth why ->
            Assert.Contains("norm(g)", why)
            Assert.Contains("every critical point", why)
        | Smooth -> failwithf "%s divides by the gradient norm and must not be smooth" name
    for name in [ "usam"; "usam-hb"; "usam-nesterov"; "two-step-usam-nesterov"; "hessian-usam-hb" ] do
        Assert.Equal(Smooth, (Catalog.load name).Smoothness)

[<Fact>]
let ``the F# builder gives the same model as the rule file`` () =
    let x, xp = T.v "x", T.v "x_prev"
    let alpha, beta = T.p "alpha", T.p "beta"
    let built =
        Optimizer.create "heavy-ball"
        |> Optimizer.param "alpha" (Optimizer.above "0") None
        |> Optimizer.param "beta" (Optimizer.atLeast "0") (Optimizer.below "1")
        |> Optimizer.state [ "x"; "x_prev" ]
        |> Optimizer.update "x_prev" x
        |> Optimizer.update "x" (x - alpha * T.grad x + beta * (x - xp))
        |> Optimizer.filter "0 <= lambda <= 2*(1 + beta)/alpha"
        |> Optimizer.build
    Assert.Equal(Ok(Catalog.load "heavy-ball"), built)

[<Fact>]
let ``the F# builder reports the same checks as the parser`` () =
    let built =
        Optimizer.create "bad"
        |> Optimizer.param "alpha" (Optimizer.above "0") None
        |> Optimizer.state [ "x"; "m" ]
        |> Optimizer.update "x" (T.v "x" - T.p "alpha" * T.grad (T.v "x"))
        |> Optimizer.build
    match built with
    | Error e -> Assert.Equal("missing-update", e.Kind)
    | Ok _ -> failwith "a state without update must be rejected"

// ---- every error kind, with its position ----

[<Fact>]
let ``a syntax error points at the offending token`` () =
    expectError (lines [ "optimizer t"; "state x"; "x' = x +* 2" ]) 3 9 "syntax" "found '*'"
    expectError (lines [ "optimizer t"; "state x"; "x' = (x"; ]) 3 8 "syntax" "expected ')'"
    expectError (lines [ "optimizer t"; "state x"; "x = x" ]) 3 3 "syntax" "x' = ..."
    expectError (lines [ "optimizer t"; "state x"; "x' = x @ 2" ]) 3 8 "syntax" "unexpected character '@'"
    expectError (lines [ "optimizer t"; "params a > 0"; "state x"; "x' = x^a" ]) 4 8 "syntax" "integer exponent"

[<Fact>]
let ``an unknown name is reported where it is used`` () =
    expectError (lines [ "optimizer t"; "state x"; "x' = x - eta*grad(x)" ]) 3 10 "unknown-name" "'eta'"

[<Fact>]
let ``an unknown operator is reported`` () =
    expectError (lines [ "optimizer t"; "state x"; "x' = x - sign(x)" ]) 3 10 "unknown-operator" "'sign'"

[<Fact>]
let ``operators check their number of arguments`` () =
    expectError (lines [ "optimizer t"; "state x"; "x' = grad(x, x)" ]) 3 6 "arity" "grad takes 1 argument"
    expectError (lines [ "optimizer t"; "state x"; "x' = hess(x)" ]) 3 6 "arity" "hess takes 2 arguments"

[<Fact>]
let ``a state variable without update is reported at its declaration`` () =
    expectError (lines [ "optimizer t"; "state x, m"; "x' = x" ]) 2 10 "missing-update" "'m'"

[<Fact>]
let ``a second update of one state variable is reported`` () =
    expectError (lines [ "optimizer t"; "state x"; "x' = x"; "x' = 2*x" ]) 4 1 "duplicate-update" "line 3"

[<Fact>]
let ``adding a scalar to a vector is reported at the operator`` () =
    expectError (lines [ "optimizer t"; "params a > 0"; "state x"; "x' = x - a" ]) 4 8 "scalar-plus-vector" "vector and a scalar"

[<Fact>]
let ``dividing by a vector is reported`` () =
    expectError (lines [ "optimizer t"; "state x"; "x' = x/grad(x)" ]) 3 7 "division-by-vector" "divide by a vector"

[<Fact>]
let ``a hyperparameter used before its declaration is reported`` () =
    expectError (lines [ "optimizer t"; "state x"; "x' = x - a*grad(x)"; "params a > 0" ]) 3 10 "param-before-declaration" "line 4"

[<Fact>]
let ``contradictory constraints are an empty domain`` () =
    expectError (lines [ "optimizer t"; "params 0 < b < 1, b > 2"; "state x"; "x' = b*x" ]) 2 21 "empty-domain" "b > 2 and b < 1"
    expectError (lines [ "optimizer t"; "params b > 1, b <= 1"; "state x"; "x' = b*x" ]) 2 17 "empty-domain" "no value of b"
    // a single point is a non-empty domain
    parseOk (lines [ "optimizer t"; "params b >= 1, b <= 1"; "state x"; "x' = b*x" ]) |> ignore

[<Fact>]
let ``the remaining checks have their own kinds`` () =
    expectError (lines [ "state x"; "x' = x" ]) 1 1 "missing-header" "optimizer NAME"
    expectError "" 1 1 "missing-header" "empty rule"
    expectError (lines [ "optimizer t"; "params a > 0" ]) 2 1 "missing-state" "no state"
    expectError (lines [ "optimizer t"; "params x > 0"; "state x" ]) 3 7 "duplicate-name" "hyperparameter"
    expectError (lines [ "optimizer t"; "state x, grad" ]) 2 10 "reserved-name" "'grad'"
    expectError (lines [ "optimizer t"; "state x"; "x' = x*x" ]) 3 7 "vector-times-vector" "dot"
    expectError (lines [ "optimizer t"; "state x"; "x' = x^2" ]) 3 7 "power-of-vector" "scalars"
    expectError (lines [ "optimizer t"; "params a > 0"; "state x"; "x' = grad(a)" ]) 4 11 "argument-kind" "vector arguments"
    expectError (lines [ "optimizer t"; "state x"; "x' = norm(x)" ]) 3 6 "update-not-vector" "scalar"
    expectError (lines [ "optimizer t"; "params a/b > 1"; "state x" ]) 2 9 "bad-constraint" "cannot divide by a hyperparameter"
    expectError (lines [ "optimizer t"; "params a > 0, a - a < 1"; "state x" ]) 2 21 "bad-constraint" "does not depend"
    expectError (lines [ "optimizer t"; "state x"; "x' = x/0" ]) 3 7 "division-by-zero" "division by zero"
    expectError (lines [ "optimizer t"; "state x"; "x' = y"; "let y = x" ]) 3 6 "use-before-definition" "line 4"
    expectError (lines [ "optimizer t"; "state x"; "state y" ]) 3 1 "duplicate-state" "once"
    expectError (lines [ "optimizer t"; "optimizer u"; "state x" ]) 2 1 "duplicate-header" "one"
    expectError (lines [ "optimizer t"; "state x"; "y' = x"; "x' = x" ]) 3 1 "unknown-name" "not a state"

[<Fact>]
let ``updates see current values and lets see earlier lets`` () =
    let m = parseOk (lines [ "optimizer t"; "params a > 0"; "state x, m"; "let g = grad(x)"; "let y = x - a*g"; "m' = g"; "x' = y" ])
    Assert.Equal<(string * Term) list>([ "g", Grad(Ref "x"); "y", Sub(Ref "x", Mul(Param "a", Ref "g")) ], m.Lets)
    // updates are stored in state order whatever order they were written in
    Assert.Equal<string list>([ "x"; "m" ], m.Updates |> List.map fst)
    // a let cannot use a later let
    expectError (lines [ "optimizer t"; "state x"; "let y = z"; "let z = x"; "x' = y" ]) 3 9 "use-before-definition" "line 4"

[<Fact>]
let ``comments and blank lines are ignored and windows line ends accepted`` () =
    let text = "# a comment\r\n\r\noptimizer t   # trailing\r\nstate x\r\nx' = x # keep x\r\n"
    Assert.Equal<string list>([ "x" ], (parseOk text).State)

[<Fact>]
let ``parseOrRaise raises the documented exception type`` () =
    let ex = Assert.Throws<RuleParseException>(fun () -> Rule.parseOrRaise "optimizer t\nstate x" |> ignore)
    Assert.Equal("missing-update", ex.Data0.Kind)

[<Fact>]
let ``the F# builder rejects a hyperparameter without bounds`` () =
    let built =
        Optimizer.create "t"
        |> Optimizer.param "alpha" None None
        |> Optimizer.state [ "x" ]
        |> Optimizer.update "x" (T.v "x" - T.p "alpha" * T.grad (T.v "x"))
        |> Optimizer.build
    match built with
    | Error e ->
        Assert.Equal("bad-constraint", e.Kind)
        Assert.Contains("alpha", e.Message)
    | Ok _ -> failwith "a hyperparameter needs a bound"

[<Fact>]
let ``builder constants are exact`` () =
    let built =
        Optimizer.create "t"
        |> Optimizer.param "alpha" (Optimizer.above "0") (Optimizer.atMost "1e-1")
        |> Optimizer.state [ "x" ]
        |> Optimizer.update "x" (T.c "0.9" * T.v "x" - T.p "alpha" * T.grad (T.v "x"))
        |> Optimizer.build
    match built with
    | Ok m ->
        Assert.Equal(Some { Value = q "1/10"; Inclusive = true }, m.Params.Head.Upper)
        Assert.Equal<(string * Term) list>([ "x", Sub(Mul(Const(q "9/10"), Ref "x"), Mul(Param "alpha", Grad(Ref "x"))) ], m.Updates)
    | Error e -> failwithf "unexpected %O" e

[<Fact>]
let ``loading a rule by name or file says what is missing, unknown or wrong, with file:line:col`` () =
    let message o f =
        match RuleSource.load o f with
        | Error e -> e
        | Ok m -> failwithf "expected an error, got %s" m.Name
    Assert.Equal("give either --optimizer or --rule, not both", message (Some "gd") (Some "x.rule"))
    Assert.Equal("missing --optimizer NAME or --rule FILE", message None None)
    Assert.StartsWith("unknown optimizer 'adamw' (catalog: gd, heavy-ball, ", message (Some "adamw") None)
    Assert.StartsWith("cannot read rule file '/nonexistent/x.rule': ", message None (Some "/nonexistent/x.rule"))
    (use dir = new EigenVerify.TestSupport.TempDir()
     let file = dir.File "broken.rule"
     System.IO.File.WriteAllText(file, "optimizer broken\nparams alpha > 0\nstate x\nx' = x - alpha*\n")
     let e = message None (Some file)
     Assert.StartsWith(file + ":4:", e))
    match RuleSource.read (Some "heavy-ball") None with
    | Ok src ->
        Assert.Equal("heavy-ball", src.Name)
        Assert.Equal((Catalog.source "heavy-ball").Value, src.Text)
        Assert.Equal(Catalog.load "heavy-ball", src.Model)
    | Error e -> failwithf "expected heavy-ball, got %s" (RuleSource.message e)

[<Fact>]
let ``a new value used on a later line becomes one shared let and survives printing`` () =
    let text =
        lines
            [ "optimizer hb-buffer"
              "params alpha > 0, 0 <= beta < 1"
              "state x, v"
              "v' = beta*v + grad(x)"
              "let step = alpha*v'"
              "x' = x - step - 0*v'" ]
    let m = parseOk text
    // the buffer's update is computed once, as the let v', which v's update and later lines read
    Assert.Equal<(string * Term) list>(
        [ "v'", Add(Mul(Param "beta", Ref "v"), Grad(Ref "x"))
          "step", Mul(Param "alpha", Ref "v'") ],
        m.Lets
    )
    Assert.Equal(Ref "v'", m.Updates |> List.find (fst >> (=) "v") |> snd)
    Assert.Equal(1, m.GradientEvaluations)
    Assert.Equal(m, parseOk (Rule.print m))

[<Fact>]
let ``a let holding a constant does not make a division non-smooth`` () =
    let m = parseOk (lines [ "optimizer half"; "params alpha > 0"; "state x"; "let two = 2"; "let half = alpha/two"; "x' = x - half/two*grad(x)" ])
    Assert.Equal(Smooth, m.Smoothness)
    // dividing by a let that reads the state is still non-smooth where it vanishes
    let n = parseOk (lines [ "optimizer n"; "params alpha > 0"; "state x"; "let s = dot(x, x)"; "x' = x - alpha/s*grad(x)" ])
    Assert.True((match n.Smoothness with NonSmooth r -> r.Contains "dividing by s" | Smooth -> false), sprintf "%A" n.Smoothness)

[<Fact>]
let ``the size caps refuse with their position and value`` () =
    // (alpha^1000)^1000 has degree 10^6: the second '^' is at column 22
    expectError (lines [ "optimizer t"; "params alpha > 0"; "state x"; "x' = x - (alpha^1000)^1000*grad(x)" ]) 4 22 "too-large" "1000"
    // products of lets accumulate degree too: s_k = s_{k-1}^2 reaches 2^10 = 1024 at k = 10
    let squares = [ for k in 1..10 -> sprintf "let s%d = s%d*s%d" k (k - 1) (k - 1) ]
    let text = lines ([ "optimizer sq"; "params alpha > 0"; "state x"; "let s0 = alpha" ] @ squares @ [ "x' = x - s10*grad(x)" ])
    expectError text 14 13 "too-large" "degree above 1000"
    expectError (lines [ "optimizer l"; "params alpha > 0"; "state x"; "x' = x - " + String.replicate 1001 "7" + "*grad(x)" ]) 4 10 "too-large" "at most 1000 digits"
    expectError (lines [ "optimizer l"; "params alpha > 0"; "state x"; "x' = x - 1e1001*grad(x)" ]) 4 10 "too-large" "1000"
    // just inside the caps: 1000 digits and degree 1000 parse
    parseOk (lines [ "optimizer ok"; "params alpha > 0"; "state x"; "x' = x - 0." + String.replicate 999 "7" + "*alpha^1000*grad(x)" ]) |> ignore

[<Fact>]
let ``a chain of hyperparameters gives bounds and relations, and survives printing`` () =
    let m = parseOk (lines [ "optimizer t"; "params alpha > 0, 0 < beta1 < beta2 < 1, c <= beta1"; "state x"; "x' = x - alpha*grad(x)" ])
    Assert.Equal<string list>([ "alpha"; "beta1"; "beta2"; "c" ], m.Params |> List.map (fun d -> d.Name))
    let beta1 = m.Params.[1]
    Assert.Equal(Some { Value = q "0"; Inclusive = false }, beta1.Lower)
    Assert.Equal(None, beta1.Upper)
    Assert.Equal(Some { Value = q "1"; Inclusive = false }, m.Params.[2].Upper)
    Assert.Equal((None, None), (m.Params.[3].Lower, m.Params.[3].Upper))
    // each relation is "larger side minus smaller side" > 0 (strict) or >= 0
    let b1, b2, c = MPoly.var "beta1", MPoly.var "beta2", MPoly.var "c"
    Assert.Equal<ParamRelation list>(
        [ { Polynomial = b2 - b1; Strict = true; Text = "beta1 < beta2" }
          { Polynomial = b1 - c; Strict = false; Text = "c <= beta1" } ],
        m.Relations
    )
    Assert.Equal(Ok m, Rule.parse (Rule.print m))
    // a hyperparameter bounded only by a relation is declared by it, in the order written
    let r = parseOk (lines [ "optimizer r"; "params c <= beta, 0 <= beta < 1"; "state x"; "x' = x - c*grad(x)" ])
    Assert.Equal<string list>([ "c"; "beta" ], r.Params |> List.map (fun d -> d.Name))
    Assert.Equal(Ok r, Rule.parse (Rule.print r))

[<Fact>]
let ``divisors that depend on the hyperparameters only are recorded with their position`` () =
    let m =
        parseOk (lines [ "optimizer t"; "params alpha > 0, 0 <= beta < 1"; "state x"; "let s = 1 - beta"; "x' = x - alpha/s*grad(x) - beta^-2*grad(x)" ])
    let beta = MPoly.var "beta"
    Assert.Equal<ParamDenominator list>(
        [ { Polynomial = MPoly.one - beta; Text = "s"; Line = 5; Column = 15 }
          // beta^-2 is undefined exactly where beta = 0: the base is recorded, at its '^'
          { Polynomial = beta; Text = "beta"; Line = 5; Column = 32 } ],
        m.Denominators
    )
    // a divisor that reads the state is a smoothness question, not a hyperparameter denominator
    let n = parseOk (lines [ "optimizer n"; "params alpha > 0"; "state x"; "x' = x - alpha*grad(x)/norm(x)" ])
    Assert.Empty(n.Denominators)
    // a divisor that is zero as a function of the hyperparameters is no denominator to check on
    // the domain: the linearization refuses the division by zero
    let z = parseOk (lines [ "optimizer z"; "params alpha > 0"; "state x"; "x' = x - grad(x)/(alpha - alpha)" ])
    Assert.Empty(z.Denominators)
    Assert.True(Result.isError (Linearization.atCriticalPoint z))
