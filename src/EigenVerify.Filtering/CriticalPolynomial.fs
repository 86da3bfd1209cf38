namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// A characteristic polynomial with fixed hyperparameters: monic in z, coefficients polynomials
/// in the eigenvalue. `Coeffs.[i]` is the coefficient of z^i (a dense ascending array in λ);
/// the last one is the constant 1.
type LambdaCharPoly = { Coeffs: Rational[][] }

[<RequireQualifiedAccess>]
module LambdaCharPoly =

    /// Checks monicity in z so that every later step can rely on it.
    let create (coeffs: Rational[][]) : Result<LambdaCharPoly, string> =
        let coeffs = Array.map (FieldPoly.trim Field.rational) coeffs
        let mutable n = coeffs.Length
        while n > 0 && coeffs.[n - 1].Length = 0 do
            n <- n - 1
        let coeffs = Array.sub coeffs 0 n
        if n = 0 then
            Error "the characteristic polynomial is zero"
        elif coeffs.[n - 1] <> [| Rational.one |] then
            Error "the characteristic polynomial is not monic in z"
        else
            Ok { Coeffs = coeffs }

    let degree (p: LambdaCharPoly) = p.Coeffs.Length - 1

    /// The polynomial in z at a rational eigenvalue.
    let at (lambda: Rational) (p: LambdaCharPoly) = p.Coeffs |> Array.map (fun c -> QPoly.eval c lambda)

    /// Largest degree in λ among the coefficients.
    let lambdaDegree (p: LambdaCharPoly) = p.Coeffs |> Array.map QPoly.degree |> Array.max

    let toString (lambdaName: string) (p: LambdaCharPoly) =
        [ for i in p.Coeffs.Length - 1 .. -1 .. 0 do
              let c = p.Coeffs.[i]
              if c.Length > 0 then
                  let zPart = match i with 0 -> "" | 1 -> "z" | _ -> sprintf "z^%d" i
                  let cText = QPoly.toString lambdaName c
                  let isOne = c = [| Rational.one |]
                  let isMinusOne = c = [| -Rational.one |]
                  let simple = c |> Array.filter (fun x -> not x.IsZero) |> Array.length = 1
                  yield
                      if i = 0 then cText
                      elif isOne then zPart
                      elif isMinusOne then "-" + zPart
                      elif simple && not (cText.Contains " ") then cText + "*" + zPart
                      else sprintf "(%s)*%s" cText zPart ]
        |> List.reduce (fun acc t -> if t.StartsWith "-" then acc + " - " + t.Substring 1 else acc + " + " + t)

/// The critical polynomial of a region: D(λ) = ∏ p*(αᵢ(λ)) over the roots αᵢ of p, p* the
/// reversal of p. D(λ₀) = 0 exactly when p(·, λ₀) has a root w with 1/w also a root, which
/// includes every root on the unit circle (its conjugate is its inverse). So between consecutive
/// real roots of D no root of p crosses the circle and membership in the region is constant.
[<RequireQualifiedAccess>]
module CriticalPolynomial =

    /// Reduces a polynomial in z with ℚ[λ] coefficients modulo the monic p (no division needed).
    let private reduceMod (p: Rational[][]) (a: Rational[][]) =
        let k = p.Length - 1
        let a = Array.copy a
        for d in a.Length - 1 .. -1 .. k do
            let c = a.[d]
            if c.Length > 0 then
                for i in 0 .. k do
                    a.[d - k + i] <- QPoly.sub a.[d - k + i] (QPoly.mul c p.[i])
        Array.init k (fun i -> if i < a.Length then a.[i] else QPoly.zero)

    /// Determinant over ℚ[λ] by Bareiss' fraction-free elimination (every division is exact).
    let determinant (m: Rational[][][]) =
        let n = m.Length
        if n = 0 then
            QPoly.constant Rational.one
        else
            let m = m |> Array.map Array.copy
            let mutable sign = Rational.one
            let mutable prev = QPoly.constant Rational.one
            let mutable singular = false
            let mutable k = 0
            while not singular && k < n - 1 do
                if QPoly.isZero m.[k].[k] then
                    match [ k + 1 .. n - 1 ] |> List.tryFind (fun i -> not (QPoly.isZero m.[i].[k])) with
                    | Some i ->
                        let t = m.[i]
                        m.[i] <- m.[k]
                        m.[k] <- t
                        sign <- -sign
                    | None -> singular <- true
                if not singular then
                    for i in k + 1 .. n - 1 do
                        for j in k + 1 .. n - 1 do
                            let num = QPoly.sub (QPoly.mul m.[i].[j] m.[k].[k]) (QPoly.mul m.[i].[k] m.[k].[j])
                            m.[i].[j] <- QPoly.exactDiv num prev
                    prev <- m.[k].[k]
                k <- k + 1
            if singular then QPoly.zero else QPoly.scale sign m.[n - 1].[n - 1]

    /// D(λ) as the norm of p* in ℚ(λ)[z]/(p): the determinant of multiplication by p*.
    let compute (p: LambdaCharPoly) : Rational[] =
        let c = p.Coeffs
        let k = c.Length - 1
        if k = 0 then
            QPoly.constant Rational.one
        else
            let pStar = Array.init (k + 1) (fun i -> c.[k - i])
            // column j: z^j · p* reduced mod p; the matrix is stored row-major
            let columns =
                Array.init k (fun j -> reduceMod c (Array.append (Array.create j QPoly.zero) pStar))
            let rows = Array.init k (fun i -> Array.init k (fun j -> columns.[j].[i]))
            determinant rows
