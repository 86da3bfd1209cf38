module EigenVerify.Proofs.Tests.SolverFacts

open System
open Xunit
open FsCheck.Xunit
open EigenVerify.Proofs

/// Why a checker-backed test does not run here, or None when it must run. Outside CI a machine
/// without z3 reports these tests as skipped (visibly, with the install hint), so the README's test
/// command works with only the .NET SDK; under CI=true they always run, and a missing z3 fails them.
let skipReason () =
    let inCi = String.Equals(Environment.GetEnvironmentVariable "CI", "true", StringComparison.OrdinalIgnoreCase)
    if inCi || (Z3.locate "z3").IsSome then None
    else Some "z3 is not installed (Debian: apt-get install z3); certificate checks skipped outside CI"

/// A fact that needs the installed SMT checker.
type SolverFactAttribute() as this =
    inherit FactAttribute()
    do skipReason () |> Option.iter (fun why -> this.Skip <- why)

/// A property that needs the installed SMT checker.
type SolverPropertyAttribute() as this =
    inherit PropertyAttribute()
    do skipReason () |> Option.iter (fun why -> this.Skip <- why)
