(**
---
title: Property checks
category: Tutorials
categoryindex: 1
index: 3
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
# Property checks

The theorem speaks of every semi-algebraic loss. A property check samples such losses
(polynomial and rational families), runs the rule's own update on them from random starts, and
for every run that converges asserts two things: the spectral radius of the update's Jacobian at
the limit is at most 1, and every Hessian eigenvalue at the limit lies in the rule's exact
region. A run that violates either is shrunk to a small counterexample and reported.
*)
open EigenVerify

let families = Property.families ()
(*** include-value: families ***)

let gd = Optimizer.catalog "gd"
let report = Property.check gd "" 20 7L null

let summary =
    report.Families
    |> Array.map (fun f -> f.Family, f.Runs, f.Converged, f.RhoFailures, f.RegionFailures)
(*** include-value: summary ***)

(**
Gradient descent passes: no convergent run ends outside 0 ≤ λ ≤ 2/α. The page fails to build if
that ever changes.
*)
if not report.Passed then
    failwithf "gradient descent failed its property check: %A" report.Counterexamples
