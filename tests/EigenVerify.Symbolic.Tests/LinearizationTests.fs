module EigenVerify.Symbolic.Tests.LinearizationTests

open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic

let lines (xs: string list) = String.concat "\n" xs

let parseRule (text: string) =
    match Rule.parse text with
    | Ok m -> m
    | Error e -> failwithf "test rule does not parse: %O" e

let linearize (m: OptimizerModel) =
    match Linearization.atCriticalPoint m with
    | Ok l -> l
    | Error e -> failwithf "expected a linearization of %s: %s" m.Name e

let expr (s: string) =
    match Infix.parse s with
    | Ok e -> e
    | Error e -> failwithf "test expression does not parse: %O" e

/// The characteristic polynomial equals the hand-derived one as a polynomial.
let assertCharPoly (expected: string) (l: Linearization) =
    let actual = Expr.ofPolynomial (Linearization.charPoly l)
    Assert.True(Expr.equivalent (expr expected) actual, sprintf "expected %s, got %s" expected (Infix.print actual))

/// Each state's fixed value as printed: "x̄", "0", "(1 + beta)x̄".
let fixedText (l: Linearization) = l.FixedPoint |> List.map (fun (s, c) -> s, LinearizationText.multiple c)

let blockText (l: Linearization) i j = LinearizationText.block l.Variable l.Blocks.[i, j]

let expectError (m: OptimizerModel) (part: string) =
    match Linearization.atCriticalPoint m with
    | Ok _ -> failwithf "expected an error containing '%s'" part
    | Error e -> Assert.Contains(part, e)

[<Fact>]
let ``the paper's characteristic polynomials are reproduced`` () =
    let cases =
        [ "gd", "z - 1 + alpha*lambda"
          "heavy-ball", "z^2 - (1 + beta - alpha*lambda)*z + beta"
          "nesterov", "z^2 - (1 + beta)*(1 - alpha*lambda)*z + beta*(1 - alpha*lambda)"
          "usam", "z - 1 + alpha*lambda*(1 + rho*lambda)"
          "usam-hb", "z^2 - (1 + beta - alpha*lambda*(1 + rho*lambda))*z + beta"
          "usam-nesterov", "z^2 - (1 + beta)*(1 - alpha*lambda*(1 + rho*lambda))*z + beta*(1 - alpha*lambda*(1 + rho*lambda))"
          "two-step-usam", "z - 1 + alpha*lambda*(1 + rho*lambda)^2"
          "hessian-usam", "z - 1 + alpha*lambda*(1 + rho*lambda)^2"
          // the momentum versions: heavy ball and Nesterov with the curvature h = lambda*(1 + rho*lambda)^2
          "two-step-usam-hb", "z^2 - (1 + beta - alpha*lambda*(1 + rho*lambda)^2)*z + beta"
          "hessian-usam-hb", "z^2 - (1 + beta - alpha*lambda*(1 + rho*lambda)^2)*z + beta"
          "two-step-usam-nesterov",
          "z^2 - (1 + beta)*(1 - alpha*lambda*(1 + rho*lambda)^2)*z + beta*(1 - alpha*lambda*(1 + rho*lambda)^2)"
          "hessian-usam-nesterov",
          "z^2 - (1 + beta)*(1 - alpha*lambda*(1 + rho*lambda)^2)*z + beta*(1 - alpha*lambda*(1 + rho*lambda)^2)"
          "rmsprop-frozen", "z - 1 + alpha*mu"
          "adagrad-frozen", "z - 1 + alpha*mu"
          // adam: M = [[1 - alpha(1 - beta1)mu, -alpha beta1], [(1 - beta1)mu, beta1]] by hand
          "adam-frozen", "z^2 - (1 + beta1 - alpha*(1 - beta1)*mu)*z + beta1" ]
    for (name, p) in cases do
        assertCharPoly p (linearize (Catalog.load name))

[<Fact>]
let ``preconditioned rules are stated in mu and the others in lambda`` () =
    Assert.Equal(Mu, (linearize (Catalog.load "adam-frozen")).Variable)
    Assert.Equal(Lambda, (linearize (Catalog.load "heavy-ball")).Variable)

[<Fact>]
let ``fixed states are found for iterates and momentum buffers`` () =
    Assert.Equal<(string * string) list>([ "x", "x̄"; "x_prev", "x̄" ], (fixedText (linearize (Catalog.load "heavy-ball"))))
    Assert.Equal<(string * string) list>([ "x", "x̄"; "m", "0" ], (fixedText (linearize (Catalog.load "adam-frozen"))))

[<Fact>]
let ``fixed states and blocks are typed values, not text`` () =
    let l = linearize (Catalog.load "heavy-ball")
    // heavy ball by hand: x̄ and x_prev = x̄ (multiple 1); block (x', x) = (1 + β)I − αH
    Assert.True(l.FixedPoint |> List.forall (fun (_, c) -> RationalFunction.equal c RationalFunction.one))
    let b = l.Blocks.[0, 0]
    Assert.Equal<int list>([ 0; 1 ], b |> Map.toList |> List.map fst)
    Assert.True(RationalFunction.equal b.[0] (RationalFunction.add RationalFunction.one (RationalFunction.var "beta")))
    Assert.True(RationalFunction.equal b.[1] (RationalFunction.neg (RationalFunction.var "alpha")))
    Assert.True(l.Blocks.[1, 1].IsEmpty)

[<Fact>]
let ``blocks are readable polynomials in H`` () =
    let l = linearize (Catalog.load "heavy-ball")
    Assert.Equal("(beta + 1)*I - alpha*H", blockText l 0 0)
    Assert.Equal("-beta*I", blockText l 0 1)
    Assert.Equal("I", blockText l 1 0)
    Assert.Equal("0", blockText l 1 1)
    Assert.Equal("I - alpha*P⁻¹H", blockText (linearize (Catalog.load "rmsprop-frozen")) 0 0)

[<Fact>]
let ``a three-state rule with two delayed iterates gives a cubic`` () =
    // x+ = x - alpha g + beta (x1 - x2), x1+ = x, x2+ = x1: M = [[1 - aλ, β, -β], [1, 0, 0], [0, 1, 0]]
    // det(zI - M) = z^3 - (1 - aλ) z^2 - β z + β, expanded by hand along the first row
    let m =
        parseRule (
            lines
                [ "optimizer hb3"
                  "params alpha > 0, 0 <= beta < 1"
                  "state x, x1, x2"
                  "x' = x - alpha*grad(x) + beta*(x1 - x2)"
                  "x1' = x"
                  "x2' = x1" ]
        )
    let l = linearize m
    Assert.Equal<(string * string) list>([ "x", "x̄"; "x1", "x̄"; "x2", "x̄" ], fixedText l)
    assertCharPoly "z^3 - (1 - alpha*lambda)*z^2 - beta*z + beta" l

[<Fact>]
let ``a four-state rule with a buffer and a shifted copy gives a quartic`` () =
    // m+ = beta m + g(x); x+ = x - alpha (beta m + g(x)); y+ = x + m; w+ = y
    // fixed point (x̄, 0, x̄, x̄). M rows (columns x, m, y, w):
    //   x: [1 - aλ, -aβ, 0, 0]; m: [λ, β, 0, 0]; y: [1, 1, 0, 0]; w: [0, 0, 1, 0]
    // y and w add two zero roots: det = z^2 (z^2 - (1 + β - aλ) z + β)
    let m =
        parseRule (
            lines
                [ "optimizer buf4"
                  "params alpha > 0, 0 <= beta < 1"
                  "state x, m, y, w"
                  "m' = beta*m + grad(x)"
                  "x' = x - alpha*(beta*m + grad(x))"
                  "y' = x + m"
                  "w' = y" ]
        )
    let l = linearize m
    Assert.Equal<(string * string) list>([ "x", "x̄"; "m", "0"; "y", "x̄"; "w", "x̄" ], fixedText l)
    assertCharPoly "z^2*(z^2 - (1 + beta - alpha*lambda)*z + beta)" l

[<Fact>]
let ``a fixed state that is a multiple of the critical point is found`` () =
    // s+ = x + beta s has the fixed value x̄/(1 - beta); the Jacobian stays a polynomial in H
    let m = parseRule (lines [ "optimizer acc"; "params alpha > 0, 0 <= beta < 1"; "state x, s"; "s' = x + beta*s"; "x' = x - alpha*grad(x)" ])
    let l = linearize m
    Assert.Equal("x̄", fixedText l |> List.head |> snd)
    Assert.Contains("beta", (fixedText l).[1] |> snd)
    // block triangular: roots 1 - aλ and beta
    assertCharPoly "(z - 1 + alpha*lambda)*(z - beta)" l

[<Fact>]
let ``SAM is rejected because the theorem needs a C1 update`` () =
    expectError (Catalog.load "sam") "C¹"

[<Fact>]
let ``weight decay makes critical points non-fixed`` () =
    let m = parseRule (lines [ "optimizer wd"; "params alpha > 0, wd > 0"; "state x"; "x' = x - alpha*(grad(x) + wd*x)" ])
    expectError m "not fixed points"
    expectError m "alpha*wd"

[<Fact>]
let ``mixing H and P⁻¹H has no scalar reduction`` () =
    let m = parseRule (lines [ "optimizer mix"; "params alpha > 0"; "state x"; "x' = x - alpha*precond(grad(x)) - alpha*grad(x)" ])
    expectError m "not polynomials in one matrix"
    expectError m "H without P⁻¹"

[<Fact>]
let ``a raw P⁻¹ not multiplying H has no scalar reduction`` () =
    let m = parseRule (lines [ "optimizer raw"; "params alpha > 0"; "state x, y"; "y' = x"; "x' = x - alpha*precond(grad(x)) + precond(x - y)" ])
    expectError m "P⁻¹ not followed by H"

[<Fact>]
let ``a state the updates leave free is reported`` () =
    let m = parseRule (lines [ "optimizer free"; "params alpha > 0"; "state x, v"; "v' = v"; "x' = x - alpha*grad(x)" ])
    expectError m "leave v free"

[<Fact>]
let ``a gradient taken away from the critical point is reported`` () =
    let m = parseRule (lines [ "optimizer shift"; "params alpha > 0"; "state x"; "x' = x - alpha*grad(2*x)" ])
    expectError m "grad(2*x) is evaluated at 2x̄"

[<Fact>]
let ``a Hessian product with a non-vanishing direction is reported`` () =
    let m = parseRule (lines [ "optimizer hx"; "params alpha > 0"; "state x"; "x' = x - alpha*hess(x, x)" ])
    expectError m "hess(x, x) acts on x̄"

[<Fact>]
let ``a coefficient with a denominator gives N = D*M and p = det(D*zI - N)`` () =
    // M = 1 - lambda/L, D = L, N = L - lambda; det(L*z - N) = L*z - L + lambda = L*(z - M)
    let l = linearize (parseRule (lines [ "optimizer inv"; "params L > 0"; "state x"; "x' = x - grad(x)/L" ]))
    Assert.Equal(MPoly.var "L", l.Denominator)
    Assert.False(Linearization.hasPolynomialEntries l)
    Assert.Equal(MPoly.var "L" - MPoly.var "lambda", l.Matrix.[0, 0])
    assertCharPoly "L*z - L + lambda" l
    // heavy ball with averaged momentum (2 states): M = [[1 - a*lambda, -a*b/(1 - b)], [(1 - b)*lambda, b]]
    // (x first), D = 1 - b scaled to leading coefficient 1: b - 1; det(zI - M) = z^2 - (1 + b - a*lambda)*z + b,
    // so p = D^2*(z^2 - (1 + b - a*lambda)*z + b)
    let hb =
        linearize (parseRule (lines [ "optimizer hb"; "params a > 0, 0 <= b < 1"; "state x, m"; "m' = b*m + (1 - b)*grad(x)"; "x' = x - a/(1 - b)*m'" ]))
    let b, a, lam, z = MPoly.var "b", MPoly.var "a", MPoly.var "lambda", MPoly.var "z"
    Assert.Equal(b - MPoly.one, hb.Denominator)
    let d = b - MPoly.one
    Assert.Equal(d * d * (z * z - (MPoly.one + b - a * lam) * z + b), Linearization.charPoly hb)

[<Fact>]
let ``the characteristic polynomial equals the Leibniz determinant of zI - M`` () =
    // det A = Σ over permutations σ of sign(σ) Π_i A[i, σ(i)], independent of cofactor expansion
    let rec permutations (xs: int list) =
        match xs with
        | [] -> [ [], 1 ]
        | _ ->
            xs
            |> List.mapi (fun i x ->
                permutations (List.removeAt i xs) |> List.map (fun (p, s) -> x :: p, (if i % 2 = 0 then s else -s)))
            |> List.concat
    let leibniz (a: MPoly[,]) =
        let n = Array2D.length1 a
        permutations [ 0 .. n - 1 ]
        |> List.fold
            (fun acc (p, s) -> acc + MPoly.scale (Rational.ofInt s) (p |> List.mapi (fun i j -> a.[i, j]) |> List.fold (*) MPoly.one))
            MPoly.zero
    for name in Catalog.names |> List.filter (fun n -> (Catalog.load n).Smoothness = Smooth) do
        let l = linearize (Catalog.load name)
        let viaMPoly = Linearization.charPoly l
        let k0 = Array2D.length1 l.Matrix
        let zIminusM = Array2D.init k0 k0 (fun i j -> (if i = j then MPoly.var "z" else MPoly.zero) - l.Matrix.[i, j])
        Assert.Equal(leibniz zIminusM, viaMPoly)
        // monic of degree k in z
        let k = Array2D.length1 l.Matrix
        let cs = MPoly.coeffsIn "z" viaMPoly
        Assert.Equal(k + 1, cs.Length)
        Assert.Equal(MPoly.one, cs.[k])

[<Fact>]
let ``heavy ball's matrix has the hand-derived entries`` () =
    let l = linearize (Catalog.load "heavy-ball")
    let v = MPoly.var
    Assert.Equal(MPoly.one + v "beta" - v "alpha" * v "lambda", l.Matrix.[0, 0])
    Assert.Equal(-(v "beta"), l.Matrix.[0, 1])
    Assert.Equal(MPoly.one, l.Matrix.[1, 0])
    Assert.Equal(MPoly.zero, l.Matrix.[1, 1])
