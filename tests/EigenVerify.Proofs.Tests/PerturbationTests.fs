module EigenVerify.Proofs.Tests.PerturbationTests

open System.IO
open Xunit
open FsCheck
open FsCheck.Xunit
open EigenVerify.Algebra
open EigenVerify.Filtering
open EigenVerify.Proofs
open EigenVerify.Proofs.Tests.CertificateTests
open EigenVerify.Proofs.Tests.CheckerTests
open EigenVerify.Proofs.Tests.SolverFacts

/// Heavy ball at alpha = a/b, beta = c/10 (0 <= beta < 1): its exact claim and the region
/// [0, 2(1 + beta)/alpha] derived by hand.
let private heavyBall (a: PositiveInt) (b: PositiveInt) (c: NonNegativeInt) =
    let alpha = Rational.ofFraction (a.Get % 50 + 1) (b.Get % 50 + 1)
    let beta = Rational.ofFraction (c.Get % 10) 10
    let values = [ "alpha", alpha; "beta", beta ]
    let claim, _ = claimNamed (Claim.valuesId values) (claimsOf (ProofSet.build (catalogSource "heavy-ball") None [ values ]))
    claim, Rational.ofInt 2 * (Rational.one + beta) / alpha

let private interval (lo: Rational) (hi: Rational) =
    { Intervals =
        [ { Lower = Some { Value = AlgebraicNumber.ofRational lo; Closed = true }
            Upper = Some { Value = AlgebraicNumber.ofRational hi; Closed = true } } ]
      Points = [] }

/// The verdict of one certificate of the claim, checked by z3 in a temporary folder.
let private verdict (claim: Claim) (direction: Direction) =
    requireZ3 ()
    let dir = tempDir ()
    let file = Certificate.files claim |> List.find (fun f -> f.Direction = direction)
    let path = Path.Combine(dir, "certificate.smt2")
    File.WriteAllText(path, file.Text)
    let v, _ = Z3.check (Z3.locate "z3").Value 60 path
    Directory.Delete(dir, true)
    v

let private isSat v =
    match v with
    | Sat _ -> true
    | _ -> false

[<SolverProperty(MaxTest = 6)>]
let ``heavy ball's exact region at random hyperparameters is the hand-derived interval and is certified`` a b c =
    let claim, upper = heavyBall a b c
    (match claim.Region with
     | ExactIntervals r -> Region.equal r (interval Rational.zero upper)
     | _ -> false)
    && verdict claim Sound = Unsat
    && verdict claim Complete = Unsat

[<SolverProperty(MaxTest = 6)>]
let ``moving an endpoint of heavy ball's exact region by any amount breaks one direction`` a b c (k: PositiveInt) =
    let claim, upper = heavyBall a b c
    let eps = Rational.ofFraction 1 (k.Get % 1000 + 1)
    let withRegion r =
        let f, defs = Claim.regionFormula "lam" r
        { claim with Membership = f; Definitions = defs }
    // A larger region contains eigenvalues with a root outside: the sound direction fails.
    let wider = withRegion (interval Rational.zero (upper + eps))
    let lowered = withRegion (interval (-eps) upper)
    // A smaller region leaves out eigenvalues whose roots are all inside: the complete one fails.
    let narrower = withRegion (interval Rational.zero (upper - eps))
    isSat (verdict wider Sound)
    && isSat (verdict lowered Sound)
    && isSat (verdict narrower Complete)
    && verdict wider Complete = Unsat
    && verdict narrower Sound = Unsat
