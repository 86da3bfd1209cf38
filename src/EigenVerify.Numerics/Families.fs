namespace EigenVerify.Numerics

open EigenVerify.Algebra
open EigenVerify.Symbolic
open FsCheck
open FsCheck.FSharp

type Family =
    { Name: string
      Description: string
      SemiAlgebraic: bool
      C2: bool
      Generator: Gen<LossSpec> }

/// The loss families as FsCheck generators. Sizes are capped so one loss compiles in
/// milliseconds: at most 10 variables everywhere.
[<RequireQualifiedAccess>]
module Families =
    let private denominators = [ 1; 2; 4; 5; 10 ]

    /// n/d with |n/d| ≤ bound, d among small denominators.
    let rational (bound: int) : Gen<Rational> =
        gen {
            let! d = Gen.elements denominators
            let! n = Gen.choose (-bound * d, bound * d)
            return Rational.ofFraction n d
        }

    let positive (bound: int) : Gen<Rational> =
        gen {
            let! d = Gen.elements denominators
            let! n = Gen.choose (1, bound * d)
            return Rational.ofFraction n d
        }

    let private exponents (n: int) (maxDegree: int) : Gen<int list> =
        gen {
            let! degree = Gen.choose (1, maxDegree)
            let! vars = Gen.listOfLength degree (Gen.choose (0, n - 1))
            return [ for i in 0 .. n - 1 -> vars |> List.filter ((=) i) |> List.length ]
        }

    let private term (n: int) (maxDegree: int) (bound: int) : Gen<LossMonomial> =
        gen {
            let! e = exponents n maxDegree
            let! c = rational bound |> Gen.filter (fun c -> not c.IsZero)
            return { Coefficient = c; Exponents = e }
        }

    let coercive: Gen<LossSpec> =
        gen {
            let! n = Gen.choose (1, 10)
            let! leading = Gen.listOfLength n (positive 2)
            // a quadratic term per variable, so minima are typically nondegenerate (x⁴ alone
            // has a flat minimum, reached only sublinearly)
            let! quadratic = Gen.listOfLength n (rational 2 |> Gen.filter (fun c -> not c.IsZero))
            let! count = Gen.choose (0, 2 * n)
            let! terms = Gen.listOfLength count (term n 3 2)
            let squares = quadratic |> List.mapi (fun i c -> { Coefficient = c; Exponents = List.init n (fun j -> if i = j then 2 else 0) })
            return Coercive(leading, squares @ terms)
        }

    let sumOfSquares: Gen<LossSpec> =
        gen {
            let! n = Gen.choose (2, 6)
            let! m = Gen.choose (1, n - 1)
            let! center = Gen.listOfLength n (rational 1)
            let! pieces = Gen.listOfLength m (gen {
                let! k = Gen.choose (1, 3)
                return! Gen.listOfLength k (term n 2 1) })
            return SumOfSquares(n, center, pieces)
        }

    let factorization: Gen<LossSpec> =
        gen {
            let! (rows, inner, cols) =
                Gen.elements [ for p in 1..3 do for r in 1..2 do for c in 1..3 do if p * r + r * c <= 10 then yield p, r, c ]
            let! target = Gen.listOfLength rows (Gen.listOfLength cols (rational 2))
            return Factorization(rows, inner, cols, target)
        }

    let network: Gen<LossSpec> =
        gen {
            let! hidden = Gen.choose (1, 2)
            let! softness = positive 1
            let! count = Gen.choose (1, 3)
            let! data = Gen.listOfLength count (Gen.zip (rational 2) (rational 1))
            return Network(hidden, softness, data)
        }

    let quadratic: Gen<LossSpec> =
        gen {
            let! n = Gen.choose (1, 10)
            // mostly nonnegative: a negative eigenvalue makes a saddle, which generic runs leave
            let! spectrum = Gen.listOfLength n (Gen.frequency [ 5, rational 3 |> Gen.map Rational.abs; 1, rational 3 ])
            let! count = Gen.choose (0, 2)
            let! reflections = Gen.listOfLength count (Gen.listOfLength n (Gen.choose (-2, 2) |> Gen.map Rational.ofInt))
            let! center = Gen.listOfLength n (rational 1)
            return Quadratic(spectrum, reflections, center)
        }

    let all: Family list =
        [ { Name = "coercive"
            Description = "random coercive polynomials, 1–10 variables, degree 4"
            SemiAlgebraic = true
            C2 = true
            Generator = coercive }
          { Name = "sum-of-squares"
            Description = "sums of squares in 2–6 variables with a positive-dimensional set of minimizers (singular Hessians)"
            SemiAlgebraic = true
            C2 = true
            Generator = sumOfSquares }
          { Name = "factorization"
            Description = "matrix factorization ‖UV − Y‖², up to 10 unknowns"
            SemiAlgebraic = true
            C2 = true
            Generator = factorization }
          { Name = "network"
            Description = "one-hidden-layer squareplus networks (1–2 units), squared loss on 1–3 points"
            SemiAlgebraic = true
            C2 = true
            Generator = network }
          { Name = "quadratic"
            Description = "quadratics ½(x − c)ᵀQΛQᵀ(x − c) with a chosen spectrum Λ"
            SemiAlgebraic = true
            C2 = true
            Generator = quadratic } ]

    let tryFind (name: string) = all |> List.tryFind (fun f -> f.Name = name)
