/// Generators shared by the property tests: small exact expressions and rule texts.
module EigenVerify.Symbolic.Tests.Generators

open FsCheck
open FsCheck.FSharp
open EigenVerify.Algebra
open EigenVerify.Symbolic

let symbolNames = [ "a"; "b"; "c" ]

let rationalGen =
    gen {
        let! n = Gen.choose (-9, 9)
        let! d = Gen.choose (1, 5)
        return Rational.ofFraction n d
    }

let positiveRationalGen =
    gen {
        let! n = Gen.choose (1, 9)
        let! d = Gen.choose (1, 5)
        return Rational.ofFraction n d
    }

/// Bases that may carry a negative exponent: never zero for positive values of the symbols,
/// so evaluation at the positive test points below never divides by zero.
let safeBaseGen =
    Gen.oneof
        [ Gen.elements symbolNames |> Gen.map Symbol
          positiveRationalGen |> Gen.map Number
          Gen.map2 (fun s r -> Sum [ Symbol s; Number r ]) (Gen.elements symbolNames) positiveRationalGen ]

let rec private exprOfSize (size: int) : Gen<Expr> =
    if size <= 1 then
        Gen.oneof [ Gen.elements symbolNames |> Gen.map Symbol; rationalGen |> Gen.map Number ]
    else
        let sub = exprOfSize (size / 2)
        Gen.frequency
            [ 2, Gen.elements symbolNames |> Gen.map Symbol
              1, rationalGen |> Gen.map Number
              3, Gen.listOfLength 2 sub |> Gen.map Sum
              1, Gen.listOfLength 3 sub |> Gen.map Sum
              3, Gen.listOfLength 2 sub |> Gen.map Product
              2, Gen.map2 (fun b k -> Power(b, k)) sub (Gen.choose (0, 3))
              2, Gen.map2 (fun b k -> Power(b, k)) safeBaseGen (Gen.choose (-2, -1)) ]

/// Rational functions of a, b, c that are defined wherever a, b, c > 0.
let exprGen = Gen.sized (fun s -> exprOfSize (min s 12))

/// A point with a, b, c in [1/2, 2].
let pointGen =
    gen {
        let! vs = Gen.listOfLength 3 (Gen.choose (10, 40))
        return List.zip symbolNames (vs |> List.map (fun v -> Rational.ofFraction v 20)) |> Map.ofList
    }
