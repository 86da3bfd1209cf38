namespace EigenVerify.Filtering

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// The only place where the closed-disk conditions and the condition logic call the older exact
/// machinery (the exact region of a characteristic polynomial, the exact closed-disk test, sign
/// proofs and sign-condition regions). When those are renamed, only these one-line bodies change.
[<RequireQualifiedAccess>]
module internal CoreAdapter =

    /// Every root of the polynomial with these coefficients (z^0 first, leading coefficient 1
    /// included) lies in the closed unit disk: the exact Schur–Cohn/self-reciprocal test over ℚ.
    [<CompiledName("ClosedDiskStable")>]
    let closedDiskStable (coefficients: Rational[]) : bool =
        UnitDisk.isStable (Poly.ofCoeffs (List.ofArray coefficients))

    /// The exact region {λ : every root of p(·, λ) in |z| ≤ 1} of a polynomial that is monic in z,
    /// given by its coefficients in z (z^0 first), each a polynomial in λ.
    [<CompiledName("ExactRegion")>]
    let exactRegion (coefficients: Poly[]) : Result<Region, string> =
        ExactRegion.ofCoefficients coefficients

    /// The exact set {λ : every polynomial ≥ 0}.
    [<CompiledName("NonNegativeRegion")>]
    let nonNegativeRegion (polynomials: Poly list) : Region =
        polynomials |> List.map (fun p -> p, [ 0; 1 ]) |> Region.ofSignConditions

    /// The exact set {λ : each polynomial has one of its allowed signs (−1, 0, 1)}.
    [<CompiledName("SignRegion")>]
    let signRegion (conditions: (Poly * int list) list) : Region =
        Region.ofSignConditions conditions

    /// +1 or −1 when p has that strict sign everywhere on the declared domains (an exact proof),
    /// 0 when neither sign could be proved.
    [<CompiledName("StrictSign")>]
    let strictSign (domains: ParamDomain list) (p: MPoly) : int =
        Positivity.strictSign (Positivity.facts domains) p

    /// p ≥ 0 everywhere on the declared domains, by an exact proof (false: not proved).
    [<CompiledName("ProvesNonNegative")>]
    let provesNonNegative (domains: ParamDomain list) (p: MPoly) : bool =
        Positivity.prove (Positivity.facts domains) false p
