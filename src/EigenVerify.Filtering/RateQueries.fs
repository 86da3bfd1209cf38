namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// The first step of every rate question at exact values (rate at an eigenvalue, worst case,
/// radius region): p(z, v) of the rule with the hyperparameters substituted. The command line
/// and the library both start here.
[<RequireQualifiedAccess>]
module RateQueries =

    /// p(z, v) at `values` (already checked against the rule's domain) and the name of v; an Error
    /// says why the rule has no rate (its Jacobian is not polynomial, or the rule does not
    /// linearize), without the rule's name.
    [<CompiledName("CharPolyAt")>]
    let charPolyAt (m: OptimizerModel) (values: (string * Rational) list) : Result<string * MPoly, string> =
        ExactMachinery.charPoly m |> Result.map (fun (p, v) -> v, MPoly.substitute (Map.ofList values) p)
