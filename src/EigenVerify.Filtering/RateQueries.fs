namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// The first step of every rate question at exact values (rate at an eigenvalue, worst case,
/// radius region): p(z, v) of the rule with the hyperparameters substituted. The command line
/// and the library both start here.
[<RequireQualifiedAccess>]
module RateQueries =

    /// p(z, v) at `values` (already checked against the rule's domain), monic in z, and the name
    /// of v; a rule whose Jacobian has denominators too, since at values they are nonzero
    /// rationals (ExactMachinery.charPolyAt). An Error says why the rule has no rate (it does not
    /// linearize, or a hyperparameter has no value), without the rule's name.
    [<CompiledName("CharPolyAt")>]
    let charPolyAt (m: OptimizerModel) (values: (string * Rational) list) : Result<string * MPoly, string> =
        ExactMachinery.charPolyAt m (Map.ofList values) |> Result.map (fun (p, v) -> v, p)
