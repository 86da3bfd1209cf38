module EigenVerify.Cli.Program

open EigenVerify.Algebra

[<EntryPoint>]
let main _ =
    let a = Rational.parse "0.9"
    printfn "exact: 0.9 = %O, 0.9^3 = %O" a (Rational.pow 3 a)
    0
