namespace EigenVerify.Tests

open Xunit
open EigenVerify.TestSupport

/// A fact that needs z3: skipped with the install hint outside CI when z3 is missing; under
/// CI=true it always runs.
type SolverFactAttribute() as this =
    inherit FactAttribute()

    do
        if not (inCi ()) && (z3Path ()).IsNone then
            this.Skip <- "z3 is not installed (Debian: apt-get install z3); certificate checks skipped outside CI"
