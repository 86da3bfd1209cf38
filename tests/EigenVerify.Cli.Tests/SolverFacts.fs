module EigenVerify.Cli.Tests.SolverFacts

open Xunit
open EigenVerify.TestSupport

/// A fact that needs the installed SMT checker: skipped (visibly, with the install hint) on a
/// machine without z3 outside CI, so the README's test command works with only the .NET SDK;
/// under CI=true it always runs, and a missing z3 fails it.
type SolverFactAttribute() as this =
    inherit FactAttribute()

    do
        if not (inCi ()) && (z3Path ()).IsNone then
            this.Skip <- "z3 is not installed (Debian: apt-get install z3); certificate checks skipped outside CI"
