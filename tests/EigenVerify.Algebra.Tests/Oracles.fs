/// Independent references the algebra is checked against: constructions with known answers and
/// textbook definitions computed the slow, obvious way.
module EigenVerify.Algebra.Tests.Oracles

open System.Numerics
open EigenVerify.Algebra

let q (n: int) (d: int) = Rational.ofFraction n d
let r (n: int) = Rational.ofInt n

/// Π (x − rᵢ).
let fromRoots (roots: Rational list) =
    roots |> List.fold (fun acc root -> acc * Poly.ofCoeffs [ -root; Rational.one ]) Poly.one

/// x² − 2a·x + a² − b²c: the monic quadratic whose roots are a ± b√c.
let quadraticWithRoots (a: Rational) (b: Rational) (c: int) =
    Poly.ofCoeffs [ a * a - b * b * r c; r -2 * a; Rational.one ]

/// Determinant by Gaussian elimination over ℚ (exact, no pivot growth concerns for tests).
let determinant (m: Rational[,]) =
    let n = Array2D.length1 m
    let a = Array2D.copy m
    let mutable det = Rational.one
    let mutable singular = false

    for col in 0 .. n - 1 do
        if not singular then
            match [ col .. n - 1 ] |> List.tryFind (fun row -> not a.[row, col].IsZero) with
            | None -> singular <- true
            | Some pivot ->
                if pivot <> col then
                    for j in 0 .. n - 1 do
                        let t = a.[col, j]
                        a.[col, j] <- a.[pivot, j]
                        a.[pivot, j] <- t

                    det <- -det

                det <- det * a.[col, col]

                for row in col + 1 .. n - 1 do
                    let f = a.[row, col] / a.[col, col]

                    for j in col .. n - 1 do
                        a.[row, j] <- a.[row, j] - f * a.[col, j]

    if singular then Rational.zero else det

/// The resultant as the determinant of the Sylvester matrix, straight from its definition.
let sylvesterResultant (p: Poly) (s: Poly) =
    let m, n = Poly.degree p, Poly.degree s

    if m < 0 || n < 0 then
        Rational.zero
    elif m = 0 && n = 0 then
        Rational.one
    else
        let size = m + n
        let mat = Array2D.create size size Rational.zero
        // rows hold coefficients highest degree first, shifted one column per row
        for row in 0 .. n - 1 do
            for k in 0 .. m do
                mat.[row, row + k] <- Poly.coeff (m - k) p

        for row in 0 .. m - 1 do
            for k in 0 .. n do
                mat.[n + row, row + k] <- Poly.coeff (n - k) s

        determinant mat

/// Decimal digits of ⌊x · 10^k⌋ for a quadratic irrational x = a + b√c, computed with the integer
/// square root (Newton on BigInteger), independent of the root-isolation code.
let isqrt (n: BigInteger) =
    if n.Sign < 0 then invalidArg "n" "negative"
    elif n.IsZero then n
    else
        let mutable x = BigInteger.One <<< (int ((n.GetBitLength() + 1L) / 2L))
        let mutable y = (x + n / x) >>> 1

        while y < x do
            x <- y
            y <- (x + n / x) >>> 1

        x

/// floor((a + b√c) · 10^k) for integers a, b and c ≥ 0.
let floorScaledQuadratic (a: BigInteger) (b: BigInteger) (c: BigInteger) (k: int) =
    let s = BigInteger.Pow(BigInteger 10, k)
    // b√c·s = sign(b)·√(b²c s²); floor of a signed square root
    let inner = b * b * c * s * s
    let root = isqrt inner
    let exact = root * root = inner

    let bPart =
        if b.Sign >= 0 then root
        elif exact then -root
        else -root - BigInteger.One

    a * s + bPart
