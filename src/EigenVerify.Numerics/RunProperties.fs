namespace EigenVerify.Numerics

/// The properties checked on every run, with their tolerances.
[<RequireQualifiedAccess>]
module RunProperties =
    /// (a) converged ⇒ ρ(Jac G) ≤ 1 + rhoTolerance. ρ is measured at the last iterate, not at
    /// the exact limit. Near isolated, nondegenerate limits the two are within ~1e-9 of each
    /// other; near singular Hessians (the sum-of-squares, factorization and network families)
    /// convergence along nearly flat directions is slow, the last iterate is farther from the
    /// limit and curvatures there are off by ∇³f times that distance, which is how runs reach
    /// ρ ≈ 1 + 3e-4 at λ ≈ −5e-4. 1e-3 covers that with margin; a limit with ρ ≥ 1 + 1e-3
    /// repels the confirming kick within a few thousand iterations.
    let rhoTolerance = 1e-3

    /// A run is "at the edge" when ρ ≥ 1 − edgeWidth (the issue's 1e-3).
    let edgeWidth = 1e-3

    /// (b) every Hessian eigenvalue within regionTolerance·(1 + |λ|) of the exact region: the
    /// eigenvalues are those at the last iterate, not the exact limit, and move with ∇³f times
    /// the remaining distance; relative because eigenvalues range over several decades.
    /// An eigenvalue further out still passes when the exact characteristic polynomial at it
    /// has every root within 1 + rhoTolerance: the tolerance of (a), carried over to λ (near
    /// an edge where ρ(M(λ)) changes slowly with λ, e.g. dρ/dλ = α at λ = 0, that is wider).
    let regionTolerance = 1e-4

    let rhoHolds (a: LimitAnalysis) = a.Rho <= 1.0 + rhoTolerance

    let atEdge (a: LimitAnalysis) = a.Rho >= 1.0 - edgeWidth

    /// None when the region is not defined here (non-critical limit, rule without a region).
    let regionHolds (a: LimitAnalysis) : bool option =
        match a.Region with
        | Some(Ok _) ->
            let modelRho i = if i < a.ModelRhos.Length then a.ModelRhos.[i] else infinity
            Some(
                a.Eigenvalues
                |> Array.mapi (fun i l -> a.RegionDistances.[i] <= regionTolerance * (1.0 + abs l) || modelRho i <= 1.0 + rhoTolerance)
                |> Array.forall id
            )
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
