/// What the facade tests share: exact fractions and the check that a call raises the facade's
/// exception with a given kind.
module EigenVerify.Tests.FacadeAssertions

open Xunit
open EigenVerify
open EigenVerify.Algebra

/// n/d, exactly.
let q (n: int) (d: int) = Rational.ofFraction n d

/// Runs f, asserts that it raises EigenVerifyException of this kind, and returns the exception.
let raisesKind (kind: ErrorKind) (f: unit -> 'a) =
    let e = Assert.Throws<EigenVerifyException>(fun () -> f () |> ignore)
    Assert.Equal(kind, e.Kind)
    e
