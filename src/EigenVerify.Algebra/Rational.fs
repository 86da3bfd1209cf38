namespace EigenVerify.Algebra

open System
open System.Numerics

/// An exact rational number p/q on arbitrary-precision integers, always in lowest terms with q > 0.
/// Zero is 0/1, so structural equality and hashing are value equality.
[<Struct; CustomEquality; CustomComparison>]
type Rational =
    private
        { N: BigInteger
          D: BigInteger }

    member r.Numerator = r.N
    /// Always positive; 1 for the default (zero) value.
    member r.Denominator = if r.D.IsZero then BigInteger.One else r.D
    member r.IsZero = r.N.IsZero
    member r.IsInteger = r.Denominator.IsOne
    member r.Sign = r.N.Sign

    static member private Normalize(n: BigInteger, d: BigInteger) =
        if d.IsZero then
            raise (DivideByZeroException "rational with zero denominator")
        elif n.IsZero then
            { N = BigInteger.Zero; D = BigInteger.One }
        else
            let g = BigInteger.GreatestCommonDivisor(n, d)
            let s = if d.Sign < 0 then BigInteger.MinusOne else BigInteger.One
            { N = s * n / g; D = s * d / g }

    static member Create(n: BigInteger, d: BigInteger) = Rational.Normalize(n, d)
    static member OfInt(n: int) = { N = BigInteger n; D = BigInteger.One }
    static member OfBigInt(n: BigInteger) = { N = n; D = BigInteger.One }
    static member Zero = Rational.OfInt 0
    static member One = Rational.OfInt 1

    static member (+)(a: Rational, b: Rational) =
        if a.Denominator = b.Denominator then
            Rational.Normalize(a.N + b.N, a.Denominator)
        else
            Rational.Normalize(a.N * b.Denominator + b.N * a.Denominator, a.Denominator * b.Denominator)

    static member (-)(a: Rational, b: Rational) =
        Rational.Normalize(a.N * b.Denominator - b.N * a.Denominator, a.Denominator * b.Denominator)

    static member (*)(a: Rational, b: Rational) =
        Rational.Normalize(a.N * b.N, a.Denominator * b.Denominator)

    static member (/)(a: Rational, b: Rational) =
        if b.N.IsZero then
            raise (DivideByZeroException "division of a rational by zero")

        Rational.Normalize(a.N * b.Denominator, a.Denominator * b.N)

    static member (~-)(a: Rational) = { N = -a.N; D = a.Denominator }

    static member Pow(a: Rational, k: int) =
        if k >= 0 then
            { N = BigInteger.Pow(a.N, k); D = BigInteger.Pow(a.Denominator, k) }
        elif a.N.IsZero then
            raise (DivideByZeroException "zero raised to a negative power")
        else
            Rational.Normalize(BigInteger.Pow(a.Denominator, -k), BigInteger.Pow(a.N, -k))

    /// Plain text that `Rational.Parse` reads back: "3", "-7/4".
    override r.ToString() =
        if r.IsInteger then
            r.N.ToString()
        else
            sprintf "%O/%O" r.N r.Denominator

    override r.Equals(o: obj) =
        match o with
        | :? Rational as b -> r.N = b.N && r.Denominator = b.Denominator
        | _ -> false

    override r.GetHashCode() = HashCode.Combine(r.N, r.Denominator)

    interface IEquatable<Rational> with
        member r.Equals(b: Rational) = r.N = b.N && r.Denominator = b.Denominator

    interface IComparable<Rational> with
        member a.CompareTo(b: Rational) =
            BigInteger.Compare(a.N * b.Denominator, b.N * a.Denominator)

    interface IComparable with
        member a.CompareTo(o: obj) =
            match o with
            | :? Rational as b -> BigInteger.Compare(a.N * b.Denominator, b.N * a.Denominator)
            | _ -> invalidArg "o" "not a rational"

    /// Reads "3", "-7/4", "0.9" (= 9/10), "1e-3" (= 1/1000), "2.5E+2". No rounding ever happens.
    static member TryParse(text: string) : Rational option =
        let s = text.Trim()

        let parseInt (t: string) =
            if t.Length > 0 && t |> Seq.forall Char.IsDigit then
                Some(BigInteger.Parse t)
            else
                None

        let parseSignedInt (t: string) =
            if t.StartsWith "-" then parseInt (t.Substring 1) |> Option.map (~-)
            elif t.StartsWith "+" then parseInt (t.Substring 1)
            else parseInt t

        // unsigned decimal with optional fraction and exponent: digits[.digits][e[+-]digits]
        let parseDecimal (t: string) =
            let mantissa, exponent =
                match t.IndexOfAny [| 'e'; 'E' |] with
                | -1 -> t, Some 0
                | i ->
                    let e = parseSignedInt (t.Substring(i + 1))
                    // exponents beyond this would build integers with billions of digits
                    t.Substring(0, i), e |> Option.filter (fun e -> abs e <= BigInteger 100000) |> Option.map int

            let whole, frac =
                match mantissa.IndexOf '.' with
                | -1 -> mantissa, ""
                | i -> mantissa.Substring(0, i), mantissa.Substring(i + 1)

            let digitsOk =
                (whole.Length + frac.Length > 0)
                && (whole + frac) |> Seq.forall Char.IsDigit

            match exponent with
            | Some e when digitsOk ->
                let n = BigInteger.Parse(if whole + frac = "" then "0" else whole + frac)
                let scale = e - frac.Length

                Some(
                    if scale >= 0 then
                        Rational.Normalize(n * BigInteger.Pow(BigInteger 10, scale), BigInteger.One)
                    else
                        Rational.Normalize(n, BigInteger.Pow(BigInteger 10, -scale))
                )
            | _ -> None

        let negative, body =
            if s.StartsWith "-" then true, s.Substring 1
            elif s.StartsWith "+" then false, s.Substring 1
            else false, s

        let value =
            match body.Split '/' with
            | [| n; d |] ->
                match parseInt n, parseInt d with
                | Some n, Some d when not d.IsZero -> Some(Rational.Normalize(n, d))
                | _ -> None
            | [| one |] -> parseDecimal one
            | _ -> None

        value |> Option.map (fun v -> if negative then -v else v)

    static member Parse(text: string) =
        match Rational.TryParse text with
        | Some r -> r
        | None -> raise (FormatException(sprintf "'%s' is not an exact rational number" text))

/// Functions on exact rationals, for pipelines: `Rational.abs r`, `Rational.floor r`.
[<RequireQualifiedAccess>]
module Rational =
    let zero = Rational.Zero
    let one = Rational.One
    let ofInt (n: int) = Rational.OfInt n
    let ofBigInt (n: BigInteger) = Rational.OfBigInt n
    let create (n: BigInteger) (d: BigInteger) = Rational.Create(n, d)
    let ofFraction (n: int) (d: int) = Rational.Create(BigInteger n, BigInteger d)
    let numerator (r: Rational) = r.Numerator
    let denominator (r: Rational) = r.Denominator
    let sign (r: Rational) = r.Sign
    let isZero (r: Rational) = r.IsZero
    let abs (r: Rational) = if r.Sign < 0 then -r else r
    let neg (r: Rational) = -r
    let inverse (r: Rational) = Rational.One / r
    let pow (k: int) (r: Rational) = Rational.Pow(r, k)
    let min (a: Rational) (b: Rational) = if a <= b then a else b
    let max (a: Rational) (b: Rational) = if a >= b then a else b
    let tryParse (s: string) = Rational.TryParse s
    let parse (s: string) = Rational.Parse s

    /// Largest integer ≤ r.
    let floor (r: Rational) =
        let q = BigInteger.Divide(r.Numerator, r.Denominator)
        // Divide truncates toward zero; negative non-integers need one step down
        if r.Sign < 0 && q * r.Denominator <> r.Numerator then q - BigInteger.One else q

    /// Smallest integer ≥ r.
    let ceiling (r: Rational) = -(floor (-r))

    /// Midpoint of two rationals: the exact bisection point used by root refinement.
    let midpoint (a: Rational) (b: Rational) = (a + b) / Rational.OfInt 2

    /// An approximation for display and numeric runs only; never used in a decision.
    let toFloat (r: Rational) =
        // scale so both parts fit a double's exponent range before dividing
        let bits (n: BigInteger) = int (BigInteger.Abs(n).GetBitLength())
        let shift = Operators.max 0 (bits r.Numerator - 1000)
        let shiftD = Operators.max 0 (bits r.Denominator - 1000)
        let n = r.Numerator >>> shift
        let d = r.Denominator >>> shiftD
        float n / float d * Math.Pow(2.0, float (shift - shiftD))

    /// Exactly `digits` digits after the decimal point, truncated toward zero (a display helper).
    let toDecimalString (digits: int) (r: Rational) =
        let scaled = BigInteger.Abs r.Numerator * BigInteger.Pow(BigInteger 10, digits) / r.Denominator
        let s = scaled.ToString().PadLeft(digits + 1, '0')
        let body = if digits = 0 then s else s.Insert(s.Length - digits, ".")
        (if r.Sign < 0 then "-" else "") + body
