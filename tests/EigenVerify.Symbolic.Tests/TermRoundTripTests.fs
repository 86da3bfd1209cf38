/// Rule terms printed by Rule.print must parse back to the very same term: the printer's
/// parentheses, negative and fractional constants and powers are exercised on generated terms.
module EigenVerify.Symbolic.Tests.TermRoundTripTests

open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Symbolic.Tests.Generators

let private nonZeroConst = rationalGen |> Gen.filter (fun r -> not r.IsZero) |> Gen.map Const

let rec private vectorTerm (size: int) : Gen<Term> =
    let leaf = Gen.elements [ Ref "x"; Ref "y" ]
    if size <= 1 then
        leaf
    else
        let v = vectorTerm (size / 2)
        let s = scalarTerm (size / 2)
        Gen.frequency
            [ 2, leaf
              2, Gen.map2 (fun a b -> Add(a, b)) v v
              2, Gen.map2 (fun a b -> Sub(a, b)) v v
              2, Gen.map2 (fun a b -> Mul(a, b)) s v
              1, Gen.map2 (fun a b -> Mul(a, b)) v s
              1, Gen.map2 (fun a b -> Div(a, b)) v (Gen.oneof [ nonZeroConst; Gen.elements [ Param "a"; Param "b" ] ])
              1, Gen.map Neg v
              2, Gen.map Grad v
              1, Gen.map2 (fun a b -> Hess(a, b)) v v
              1, Gen.map Precond v ]

and private scalarTerm (size: int) : Gen<Term> =
    let leaf = Gen.oneof [ rationalGen |> Gen.map Const; Gen.elements [ Param "a"; Param "b" ] ]
    if size <= 1 then
        leaf
    else
        let s = scalarTerm (size / 2)
        let v = vectorTerm (size / 2)
        // the parser folds −c and c/d of literals into one constant, so generate those as constants
        let notConst = s |> Gen.filter (function Const _ -> false | _ -> true)
        Gen.frequency
            [ 3, leaf
              2, Gen.map2 (fun a b -> Add(a, b)) s s
              2, Gen.map2 (fun a b -> Sub(a, b)) s s
              2, Gen.map2 (fun a b -> Mul(a, b)) s s
              1, Gen.map2 (fun a b -> Div(a, b)) s notConst
              1, Gen.map Neg notConst
              1, Gen.map2 (fun a k -> Pow(a, k)) (Gen.oneof [ notConst; nonZeroConst ]) (Gen.choose (-2, 3))
              1, Gen.map2 (fun a b -> Dot(a, b)) v v ]

[<Property(MaxTest = 500)>]
let ``printed rule terms parse back to the same term`` () =
    Prop.forAll (Arb.fromGen (Gen.sized (fun n -> vectorTerm (min n 24)))) (fun t ->
        let text = String.concat "\n" [ "optimizer g"; "params a > 0, b > 0"; "state x, y"; "x' = " + TermText.print t; "y' = y" ]
        match Rule.parse text with
        | Ok m -> (m.Updates.Head = ("x", t)) |> Prop.label text
        | Error e -> false |> Prop.label (sprintf "%s\n%O" text e))
