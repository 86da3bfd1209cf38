/// Closed forms beyond degree 2 and characteristic polynomials of dense linearizations: the closed
/// form of a 3-state rule with 3 symbolic hyperparameters (two-lag heavy ball, degree 3 in z),
/// det(zI − M) of a dense 10-state rule, which the division-free characteristic polynomial makes
/// a matter of k⁴ products instead of a cofactor expansion's k! terms, and that rule's exact
/// region at α = 1/10, whose critical values have degree 9.
module EigenVerify.Benchmarks.ClosedFormBenchmarks

open BenchmarkDotNet.Attributes
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

let private twoLagHeavyBall =
    "optimizer two-lag-heavy-ball\nparams alpha > 0, 0 <= beta1 < 1, 0 <= beta2 < 1\nstate x, x1, x2\n"
    + "x' = x - alpha*grad(x) + beta1*(x - x1) + beta2*(x1 - x2)\nx1' = x\nx2' = x1\n"

[<MemoryDiagnoser>]
type ClosedForms() =
    let twoLag = Rule.parseOrRaise twoLagHeavyBall
    let dense = Rule.parseOrRaise (EigenVerify.SharedRules.denseRule 10)

    /// Linearization, degree-3 characteristic polynomial, exact disk conditions and their
    /// simplification on the domain (exact arguments only, no checker).
    [<Benchmark>]
    member _.TwoLagHeavyBallClosedForm() = RuleAnalysis.linearize twoLag |> Result.bind (RuleAnalysis.closedForm None)

    /// M(λ) and det(zI − M) of the dense 10-state rule, symbolic in λ and α.
    [<Benchmark>]
    member _.DenseTenCharacteristicPolynomial() = RuleAnalysis.linearize dense

    /// What `region --params alpha=1/10` computes for the dense 10-state rule, in process:
    /// linearization, p(z, λ) at α = 1/10, critical polynomial, cells and membership.
    [<Benchmark>]
    member _.DenseTenRegionAtParams() = RuleAnalysis.region dense [ "alpha", Rational.ofFraction 1 10 ]
