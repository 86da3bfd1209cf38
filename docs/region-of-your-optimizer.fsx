(**
---
title: The region of your own optimizer
category: Tutorials
categoryindex: 1
index: 1
---
*)
(*** condition: prepare ***)
#r "../src/EigenVerify/bin/Release/net10.0/EigenVerify.Algebra.dll"
#r "../src/EigenVerify/bin/Release/net10.0/EigenVerify.Symbolic.dll"
#r "../src/EigenVerify/bin/Release/net10.0/EigenVerify.Filtering.dll"
#r "../src/EigenVerify/bin/Release/net10.0/EigenVerify.Proofs.dll"
#r "../src/EigenVerify/bin/Release/net10.0/EigenVerify.Numerics.dll"
#r "../src/EigenVerify/bin/Release/net10.0/EigenVerify.dll"
(**
# The region of your own optimizer

This page derives the filtering region of an optimizer that is not in the catalog. It is an F#
script: the docs build runs it, so every value shown below was computed while the page was built.
Build the library first (`dotnet build src/EigenVerify -c Release`); everything below goes
through its front door, the `EigenVerify` namespace.

## Write the rule

The optimizer steps along the average of the current and the previous gradient. Its state is the
iterate and the previous iterate; the `filter` line states the region we expect: the same as
gradient descent.
*)
open EigenVerify
open EigenVerify.Algebra

let ruleText =
    """
optimizer averaged-gradient
params alpha > 0
state x, x_prev
x' = x - alpha*(grad(x) + grad(x_prev))/2
x_prev' = x
filter 0 <= lambda <= 2/alpha
"""

let rule = Optimizer.parse "averaged-gradient.rule" ruleText

(**
## The region at a learning rate

At a critical point the Jacobian of the update is a 2×2 block matrix in H. With an eigenvalue λ
in place of H it becomes M(λ) = [[1 − αλ/2, −αλ/2], [1, 0]], so
p(z) = z² − (1 − αλ/2) z + αλ/2. The region is the set of λ for which both roots of p lie in the
closed unit disk. At α = 1/10:
*)
let regionAt (alpha: string) =
    let report = Filter.region rule (Parameters.parseFor rule ("alpha=" + alpha))
    if not report.TheoremApplies then failwithf "the theorem does not apply: %s" report.Reason
    report

let atTenth = regionAt "1/10"
let regionText = atTenth.Text
(*** include-value: regionText ***)

(**
The region is 0 ≤ λ ≤ 20 = 2/α, with exact rational ends. The check below makes the
page fail if the derivation ever disagrees with the hand computation: by the Schur–Cohn
conditions, |αλ/2| ≤ 1, p(1) = αλ ≥ 0 and p(−1) = 2 > 0, so 0 ≤ λ ≤ 2/α.
*)
match atTenth.Intervals, atTenth.Points with
| [| i |], [||] when
    i.HasLower && i.HasUpper && i.LowerClosed && i.UpperClosed
    && i.Lower = AlgebraicNumber.ofRational Rational.Zero
    && i.Upper = AlgebraicNumber.ofRational (Rational.parse "20") -> ()
| _ -> failwithf "unexpected region at alpha = 1/10: %s" regionText

(**
## The closed form over the whole domain

For symbolic α the closed form is derived once, and compared with the rule's `filter` line:
*)
let closed = Filter.closedForm rule
let closedText = closed.Full
(*** include-value: closedText ***)
if not (closed.HasClosedForm && closed.HasAgreement && closed.Agreement.Agrees) then
    failwithf "the closed form does not agree with the filter statement: %s" closed.Full

(**
## Mistakes are reported with their place

A rule with an error does not parse; the error names its line, column and kind.
*)
let errorText =
    try
        Optimizer.parse "oops.rule" "optimizer oops\nparams alpha > 0\nstate x\nx' = x - alpha*gradd(x)\n" |> ignore
        failwith "a misspelt operator was accepted"
    with :? EigenVerifyException as e ->
        if e.Line <> 4 then failwithf "the error names line %d, not 4" e.Line
        e.Message
(*** include-value: errorText ***)

(**
## Its rate and its minibatch region

Inside the region the iterates contract at the rate ρ(M(λ)), the largest modulus of the roots of
p. At α = 1/10 and λ = 10, p(z) = z² − z/2 + 1/2 has complex roots (the discriminant 1/4 − 2 is
negative), both of modulus √(1/2): the rate is exact, and so is its square.
*)
let tenth = Parameters.parseFor rule "alpha=1/10"
let rate = Rates.at rule tenth (Rational.parse "10")
let rateText = rate.RateText + " = " + rate.RateDecimal + "..."
(*** include-value: rateText ***)
if rate.RateSquared <> AlgebraicNumber.ofRational (Rational.parse "1/2") || rate.DominantRealRoots.Length <> 0 then
    failwithf "unexpected rate at lambda = 10: %s" rateText

(**
With minibatch gradients the curvature along an eigenvector varies from batch to batch. For
batches of 32 out of 1000 examples whose curvatures spread with variance s² = 100, the
mean-square region is the set of λ at which the second moments stay bounded. Noise only shrinks
the region: the mean-square region lies inside [0, 20].
*)
let minibatch = Stochastic.region rule tenth (Stochastic.spreadModel 32 1000 (Rational.parse "100"))
let minibatchText = minibatch.Text
(*** include-value: minibatchText ***)
if minibatch.Intervals.Length = 0 then failwith "the mean-square region is empty"
for i in minibatch.Intervals do
    if not (i.HasLower && i.HasUpper) || i.Lower < AlgebraicNumber.ofRational Rational.Zero || i.Upper > AlgebraicNumber.ofRational (Rational.parse "20") then
        failwithf "the mean-square region %s is not inside [0, 20]" minibatchText
