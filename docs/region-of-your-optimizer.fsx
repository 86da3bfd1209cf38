(**
---
title: The region of your own optimizer
category: Tutorials
categoryindex: 1
index: 1
---
*)
(*** condition: prepare ***)
#r "../src/EigenVerify.Filtering/bin/Release/net10.0/EigenVerify.Algebra.dll"
#r "../src/EigenVerify.Filtering/bin/Release/net10.0/EigenVerify.Symbolic.dll"
#r "../src/EigenVerify.Filtering/bin/Release/net10.0/EigenVerify.Filtering.dll"
(**
# The region of your own optimizer

This page derives the filtering region of an optimizer that is not in the catalog. It is an F#
script: the docs build runs it, so every value shown below was computed while the page was built.
Build the libraries first (`dotnet build src/EigenVerify.Filtering -c Release`).

## Write the rule

The optimizer steps along the average of the current and the previous gradient. Its state is the
iterate and the previous iterate; the `filter` line states the region we expect: the same as
gradient descent.
*)
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

let ruleText =
    """
optimizer averaged-gradient
params alpha > 0
state x, x_prev
x' = x - alpha*(grad(x) + grad(x_prev))/2
x_prev' = x
filter 0 <= lambda <= 2/alpha
"""

let model =
    match Rule.parse ruleText with
    | Ok m -> m
    | Error e -> failwithf "the rule does not parse: %O" e

(**
## The region at a learning rate

At a critical point the Jacobian of the update is a 2×2 block matrix in H. With an eigenvalue λ
in place of H it becomes M(λ) = [[1 − αλ/2, −αλ/2], [1, 0]], so
p(z) = z² − (1 − αλ/2) z + αλ/2. The region is the set of λ for which both roots of p lie in the
closed unit disk. At α = 1/10:
*)
let regionAt (alpha: string) =
    match RuleAnalysis.region model [ ("alpha", Rational.parse alpha) ] with
    | Ok(Exact r) -> r
    | Ok(NotApplicable(_, _, _, reason)) -> failwithf "the theorem does not apply: %s" reason
    | Error e -> failwithf "no region: %s" e

let atTenth = regionAt "1/10"

let describe (r: RegionAtValues) =
    [ for i in r.Region.Intervals ->
          let bound (b: Bound option) = b |> Option.map (fun b -> AlgebraicNumber.toFloat b.Value)
          bound i.Lower, bound i.Upper ]

let intervals = describe atTenth
(*** include-value: intervals ***)

(**
The region is 0 ≤ λ ≤ 20 = 2/α, with exact rational ends. The check below makes the
page fail if the derivation ever disagrees with the hand computation: by the Schur–Cohn
conditions, |αλ/2| ≤ 1, p(1) = αλ ≥ 0 and p(−1) = 2 > 0, so 0 ≤ λ ≤ 2/α.
*)
match atTenth.Region.Intervals, atTenth.Region.Points with
| [ { Lower = Some lo; Upper = Some hi } ], [] when
    lo.Closed && hi.Closed && lo.Value = AlgebraicNumber.ofRational Rational.Zero
    && hi.Value = AlgebraicNumber.ofRational (Rational.parse "20") -> ()
| _ -> failwithf "unexpected region at alpha = 1/10: %A" intervals

(**
## Mistakes are reported with their place

A rule with an error does not parse; the error names its line, column and kind.
*)
let misspelt = Rule.parse "optimizer oops\nparams alpha > 0\nstate x\nx' = x - alpha*gradd(x)\n"

let errorText =
    match misspelt with
    | Ok _ -> failwith "a misspelt operator was accepted"
    | Error e -> string e
(*** include-value: errorText ***)
