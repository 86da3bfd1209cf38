namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// The second-moment operator of a random linear iteration u⁺ = M(a) u with a drawn afresh at
/// every step: S ↦ E[M(a) S M(a)ᵀ] on symmetric k×k matrices, written in the coordinates
/// S_ij (i ≤ j), and its characteristic polynomial.
///
/// Why the symmetric matrices: the second moment E[u uᵀ] is symmetric, so its evolution is this
/// restriction and nothing else. E[M ⊗ M] on all k² entries also acts on the antisymmetric
/// matrices (both parts are invariant), but that part can never have the larger spectral radius:
/// the map preserves the cone of positive semidefinite Hermitian matrices, whose complex span is
/// every matrix, so its spectral radius over all matrices is an eigenvalue with a positive
/// semidefinite Hermitian eigenvector X (Krein–Rutman); M is real, so the conjugate of X is an
/// eigenvector too and X + X̄ is a real symmetric one with trace 2·tr X > 0. Hence ρ(E[M ⊗ M]) is
/// attained on the symmetric matrices, and keeping only them lowers the degree from k² to
/// k(k + 1)/2 without changing the region.
type SecondMomentOperator =
    { /// k, the number of state vectors of the rule.
      StateSize: int
      /// The coordinates (i, j), i ≤ j, row by row; row r of `Matrix` is coordinate r of the image.
      Basis: (int * int)[]
      /// n×n with n = k(k + 1)/2: entries are polynomials in the moments' variables and θ.
      Matrix: MPoly[,]
      /// det(zI − Matrix) in the variable "z", monic of degree n.
      CharPoly: MPoly }

[<RequireQualifiedAccess>]
module SecondMoment =

    /// The variable of characteristic polynomials.
    [<Literal>]
    let Z = "z"

    /// The pairs (i, j), 0 ≤ i ≤ j < k, row by row.
    [<CompiledName("Basis")>]
    let basis (k: int) = [| for i in 0 .. k - 1 do for j in i .. k - 1 -> i, j |]

    /// Largest degree in v among the entries of M (0 for a matrix free of v).
    [<CompiledName("EigenDegree")>]
    let eigenDegree (v: string) (m: MPoly[,]) =
        let mutable d = 0
        m |> Array2D.iter (fun e -> d <- max d (MPoly.degreeIn v e))
        d

    /// The k×k lifted matrix of S ↦ E[M(a) S M(a)ᵀ]: M's entries are polynomials in v, evaluated
    /// at the random a; `moment j` is E[a^j] (it may contain v again, e.g. v² + σ² for j = 2).
    /// Coordinate (i, j) of the image is Σ_{p,q} E[M_ip M_jq] S_pq; a symmetric S has S_pq = S_qp,
    /// so coordinate (p, q), p < q, collects E[M_ip M_jq + M_iq M_jp].
    [<CompiledName("Lift")>]
    let lift (v: string) (moment: int -> MPoly) (m: MPoly[,]) : MPoly[,] =
        let k = Array2D.length1 m
        let b = basis k
        // the expectation is linear: a^d ↦ E[a^d], coefficient by coefficient
        let expect (p: MPoly) =
            MPoly.coeffsIn v p |> Array.mapi (fun d c -> if MPoly.isZero c then MPoly.zero else c * moment d) |> Array.fold (+) MPoly.zero
        Array2D.init b.Length b.Length (fun r c ->
            let i, j = b.[r]
            let p, q = b.[c]
            let product = if p = q then m.[i, p] * m.[j, q] else m.[i, p] * m.[j, q] + m.[i, q] * m.[j, p]
            expect product)

    /// Determinant over ℚ[variables] by Bareiss' fraction-free elimination: by Sylvester's identity
    /// every division is exact, so the entries stay polynomials of bounded degree.
    [<CompiledName("Determinant")>]
    let determinant (a: MPoly[,]) : MPoly =
        let n = Array2D.length1 a
        if n = 0 then
            MPoly.one
        else
            let m = Array2D.copy a
            let mutable negate = false
            let mutable prev = MPoly.one
            let mutable singular = false
            let mutable k = 0
            while not singular && k < n - 1 do
                if MPoly.isZero m.[k, k] then
                    match [ k + 1 .. n - 1 ] |> List.tryFind (fun i -> not (MPoly.isZero m.[i, k])) with
                    | Some i ->
                        for j in 0 .. n - 1 do
                            let t = m.[i, j]
                            m.[i, j] <- m.[k, j]
                            m.[k, j] <- t
                        negate <- not negate
                    | None -> singular <- true
                if not singular then
                    for i in k + 1 .. n - 1 do
                        for j in k + 1 .. n - 1 do
                            let num = m.[i, j] * m.[k, k] - m.[i, k] * m.[k, j]
                            m.[i, j] <-
                                match MPoly.exactDiv num prev with
                                | Some x -> x
                                | None -> invalidOp "internal error: a Bareiss division left a remainder"
                    prev <- m.[k, k]
                k <- k + 1
            if singular then MPoly.zero
            elif negate then -m.[n - 1, n - 1]
            else m.[n - 1, n - 1]

    /// det(zI − L) in "z".
    [<CompiledName("CharPoly")>]
    let charPoly (l: MPoly[,]) : MPoly =
        let n = Array2D.length1 l
        let z = MPoly.var Z
        determinant (Array2D.init n n (fun i j -> (if i = j then z else MPoly.zero) - l.[i, j]))

    /// The operator for the linearization M(v) and the moments of a.
    [<CompiledName("Create")>]
    let create (v: string) (moment: int -> MPoly) (m: MPoly[,]) : SecondMomentOperator =
        let k = Array2D.length1 m
        let l = lift v moment m
        { StateSize = k
          Basis = basis k
          Matrix = l
          CharPoly = charPoly l }

    /// The Taylor coefficients c₀ … c_{n−1} of q at z = 1: q(1 + w) = wⁿ + Σ c_j w^j, so
    /// c_j = q^(j)(1)/j!. (The leading coefficient 1 of a monic q is left out.)
    [<CompiledName("TaylorAtOne")>]
    let taylorAtOne (q: MPoly) : MPoly list =
        let n = MPoly.degreeIn Z q
        let mutable derivative = q
        let mutable factorial = Rational.one
        [ for j in 0 .. n - 1 do
              if j > 0 then
                  derivative <- MPoly.derivative Z derivative
                  factorial <- factorial * Rational.ofInt j
              yield MPoly.scale (Rational.inverse factorial) (MPoly.substitutePoly Z MPoly.one derivative) ]

    /// E[a^j] = Σ_i C(j, i) v^(j−i) κ_i for a = v + ξ with E[ξ^i] = κ_i (κ₀ = 1, κ₁ = 0).
    [<CompiledName("ShiftedMoment")>]
    let shiftedMoment (v: string) (central: int -> MPoly) (j: int) : MPoly =
        let x = MPoly.var v
        let mutable binomial = Rational.one
        let mutable total = MPoly.zero
        for i in 0 .. j do
            if i > 0 then
                binomial <- binomial * Rational.ofInt (j - i + 1) / Rational.ofInt i
            let kappa = central i
            if not (MPoly.isZero kappa) then
                total <- total + MPoly.scale binomial (MPoly.pow (j - i) x * kappa)
        total
