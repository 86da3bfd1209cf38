module EigenVerify.Symbolic.Tests.ProjectTests
// Replaced by this project's real tests; the project exists so the solution layout is settled.
open Xunit

[<Fact>]
let ``the project under test loads`` () =
    Assert.Equal("EigenVerify.Symbolic", typeof<EigenVerify.Algebra.Rational>.Assembly.GetName().Name.Replace("Algebra", "Symbolic"))
