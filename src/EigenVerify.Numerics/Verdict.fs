namespace EigenVerify.Numerics

/// The properties checked on every run, with their tolerances.
[<RequireQualifiedAccess>]
module Verdict =
    /// (a) converged ⇒ ρ(Jac G) ≤ 1 + rhoTolerance. The limit is known to within about
    /// StepTolerance/(1 − rate) and ρ(Jac G) moves by at most ‖∇Jac G‖ times that; the
    /// eigenvalue solver adds rounding of order 1e-12·‖Jac G‖ (more for a defective eigenvalue
    /// 1, about its square root). 1e-4 covers both with a wide margin, and a genuinely unstable
    /// limit (ρ ≥ 1 + 1e-4) cannot attract a generic run.
    let rhoTolerance = 1e-4

    /// A run is "at the edge" when ρ ≥ 1 − edgeWidth (the issue's 1e-3).
    let edgeWidth = 1e-3

    /// (b) every Hessian eigenvalue within regionTolerance·(1 + |λ|) of the exact region: the
    /// eigenvalues are those at the last iterate, not the exact limit, and move with ∇³f times
    /// the remaining distance; relative because eigenvalues range over several decades.
    let regionTolerance = 1e-4

    let rhoHolds (a: Analysis) = a.Rho <= 1.0 + rhoTolerance

    let atEdge (a: Analysis) = a.Rho >= 1.0 - edgeWidth

    /// None when the region is not defined here (non-critical limit, rule without a region).
    let regionHolds (a: Analysis) : bool option =
        match a.Region with
        | Some(Ok _) -> Some(Array.forall2 (fun (l: float) d -> d <= regionTolerance * (1.0 + abs l)) a.Eigenvalues a.RegionDistances)
        | _ -> None

    /// The violated properties of one run, in words (empty when all hold).
    let violations (r: RunResult) : string list =
        match r.Analysis with
        | None -> []
        | Some a ->
            [ if not (rhoHolds a) then
                  yield sprintf "(a) converged but rho(Jac G) = %.9g > 1 + %g" a.Rho rhoTolerance
              match regionHolds a with
              | Some false ->
                  let worst = Array.zip a.Eigenvalues a.RegionDistances |> Array.maxBy snd
                  yield sprintf "(b) Hessian eigenvalue %.9g lies %.3g outside the exact region" (fst worst) (snd worst)
              | _ -> () ]
