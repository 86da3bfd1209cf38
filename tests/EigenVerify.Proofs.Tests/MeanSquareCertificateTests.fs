module EigenVerify.Proofs.Tests.MeanSquareCertificateTests

open System.IO
open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Proofs
open EigenVerify.TestSupport
open EigenVerify.Proofs.Tests.SolverFacts

let private ok (x: Result<'a, string>) =
    match x with
    | Ok v -> v
    | Error e -> failwith e

let private input (name: string) =
    let s = ok (MeanSquare.subject (Catalog.load name))
    MeanSquare.certificateInput (ok (MeanSquare.closedForm s))

/// z3's verdict on each certificate, by direction.
let private verdicts (c: MeanSquareCertificateInput) (scope: MeanSquareScope) =
    requireZ3 ()
    use dir = new TempDir()
    ok (MeanSquareCertificate.files c scope)
    |> List.map (fun f ->
        let path = dir.File(f.Direction + ".smt2")
        File.WriteAllText(path, f.Text)
        f.Direction, fst (Z3.check (Z3.locate "z3").Value 60 path))
    |> Map.ofList

let private assertProved (c: MeanSquareCertificateInput) (scope: MeanSquareScope) =
    for KeyValue(direction, v) in verdicts c scope do
        Assert.True((v = Unsat), sprintf "%s %s: %A" c.Rule direction v)

let private isSat v =
    match v with
    | Sat _ -> true
    | _ -> false

[<SolverFact>]
let ``the gradient descent closed form is proved over its whole domain`` () =
    assertProved (input "gd") MeanSquareOverDomain

[<SolverFact>]
let ``the heavy ball closed form is proved at fixed hyperparameters`` () =
    assertProved (input "heavy-ball") (MeanSquareAtValues [ "alpha", Rational.parse "1/10"; "beta", Rational.parse "9/10" ])

[<SolverFact>]
let ``a wrong membership or a wrong lifted matrix is refuted`` () =
    let gd = input "gd"
    // dropping the variance from the condition claims (1 − αv)² ≤ 1 suffices: too wide, so the
    // sound direction has a counterexample (a root of q beyond 1 with σ² large)
    let sigma2 = MPoly.var "sigma2"
    let widened =
        { gd with
            Membership =
                gd.Membership
                |> List.map (fun (o, p) -> if o = "q(1) >= 0" then o, p + MPoly.var "alpha" * MPoly.var "alpha" * sigma2 else o, p) }
    let v = verdicts widened MeanSquareOverDomain
    Assert.True(isSat v.["sound"], sprintf "%A" v.["sound"])
    // a lifted matrix without the variance term is not E[M ⊗ M]
    let lifted = Array2D.copy gd.LiftedMatrix
    lifted.[0, 0] <- MPoly.substitute (Map.ofList [ "sigma2", Rational.zero ]) lifted.[0, 0]
    let v2 = verdicts { gd with LiftedMatrix = lifted } MeanSquareOverDomain
    Assert.True(isSat v2.["lifting"], sprintf "%A" v2.["lifting"])

[<Fact>]
let ``the certificates name their parts and refuse lifted operators too large for Leibniz' formula`` () =
    let files = ok (MeanSquareCertificate.files (input "heavy-ball") MeanSquareOverDomain)
    Assert.Equal<string list>([ "lifting"; "charpoly"; "sound"; "complete" ], files |> List.map (fun f -> f.Direction))
    for f in files do
        Assert.Contains("(assert (>= sigma2 0))", f.Text)
        Assert.EndsWith("(check-sat)\n", f.Text)
    let hb = input "heavy-ball"
    let big = { hb with LiftedMatrix = Array2D.create 4 4 MPoly.one }
    match MeanSquareCertificate.files big MeanSquareOverDomain with
    | Error e -> Assert.Contains("4x4", e)
    | Ok _ -> failwith "a 4x4 lifted operator was accepted"
