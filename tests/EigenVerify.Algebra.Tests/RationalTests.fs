module EigenVerify.Algebra.Tests.RationalTests

open System.Numerics
open Xunit
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Algebra

let private q (n: int64) (d: int64) =
    Rational.create (BigInteger n) (BigInteger d)

[<Fact>]
let ``decimal and scientific literals are read exactly`` () =
    Assert.Equal(q 9L 10L, Rational.parse "0.9")
    Assert.Equal(q 1L 1000L, Rational.parse "1e-3")
    Assert.Equal(q 250L 1L, Rational.parse "2.5E+2")
    Assert.Equal(q -7L 4L, Rational.parse "-7/4")
    Assert.Equal(q 1L 3L, Rational.parse "2/6")

[<Fact>]
let ``malformed literals are rejected`` () =
    for bad in [ ""; "1/0"; "1.2.3"; "e5"; "--1"; "1/2/3"; "0x10"; "1e" ] do
        Assert.True((Rational.tryParse bad).IsNone, sprintf "accepted %A" bad)

[<Property>]
let ``printing then parsing gives the same rational`` (n: int64) (d: int64) =
    d <> 0L ==> lazy (let r = q n d in Rational.parse (string r) = r)

[<Property>]
let ``field laws hold exactly`` (a: int64) (b: int64) (c: int64) =
    let x, y, z = q a 7L, q b 11L, q c 13L
    (x + y) * z = x * z + y * z && (x - y) + y = x && (y.IsZero || x / y * y = x)

[<Property>]
let ``floor is the largest integer not above`` (n: int64) (d: int64) =
    d <> 0L ==> lazy (
        let r = q n d
        let f = Rational.ofBigInt (Rational.floor r)
        f <= r && r < f + Rational.one)
