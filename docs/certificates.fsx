(**
---
title: Certificates
category: Tutorials
categoryindex: 1
index: 2
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
# Certificates

A region computed by EigenVerify is exact, but a reader should not have to trust the program
that computed it. For every region it writes SMT-LIB2 files whose unsatisfiability means the
claim holds: *sound* (every λ in the region has all roots of p in the closed unit disk),
*complete* (every λ outside has a root outside the disk) and an *identity* check that the
characteristic polynomial in the file is det(zI − M(λ)) of the rule's own Jacobian. An
independent solver decides them; the library never marks a claim proved by itself.

Build the certificates for heavy ball at one hyperparameter point, in memory:
*)
open System
open System.IO
open EigenVerify

let heavyBall = Optimizer.catalog "heavy-ball"
let bundle = Certificate.build heavyBall "" [| Parameters.parseFor heavyBall "alpha=1/10,beta=9/10" |]
let certificates = bundle.Certificates |> Array.map (fun c -> c.Path, c.Direction)
(*** include-value: certificates ***)

(**
Each certificate is a plain text file. Its opening comment says what it proves:
*)
let firstLines =
    bundle.Files
    |> Array.find (fun f -> f.Path.EndsWith ".sound.smt2")
    |> fun f -> f.Text.Split('\n') |> Array.truncate 6 |> String.concat "\n"
(*** include-value: firstLines ***)

(**
`Certificate.write` writes them into a folder of your choice, each file atomically, and never
overwrites a file it did not write; `Certificate.check` runs the solver on each one (z3 must be
installed: `apt-get install z3`). The page checks them when z3 is present.
*)
let folder = Path.Combine(Path.GetTempPath(), "eigenverify-docs-" + Guid.NewGuid().ToString("N"))

let verdict =
    try
        match (try Some(Certificate.locateSolver "z3") with :? EigenVerifyException -> None) with
        | None -> "z3 is not installed here: the certificates were written but not checked"
        | Some solver ->
            let report = Certificate.check folder solver 60 null bundle
            if not report.AllProved then failwithf "a heavy-ball certificate was not proved: %A" report.Checks
            sprintf "%d of %d certificates proved by %s" report.Proved report.Checks.Length solver
    finally
        if Directory.Exists folder then Directory.Delete(folder, true)
(*** include-value: verdict ***)
