namespace EigenVerify.Algebra

open System
open System.Numerics
open System.Text

/// What `Poly` needs beyond the field operations: the integer form behind the fraction-free
/// algorithms, and its plain-text printer.
module internal RationalArray =

    /// Integer coefficients with the signs of `a`, scaled by a positive rational to gcd 1.
    let toIntPrimitive (a: Rational[]) : BigInteger[] =
        if a.Length = 0 then
            [||]
        else
            let lcm =
                a
                |> Array.fold
                    (fun (m: BigInteger) c ->
                        let d = c.Denominator
                        m / BigInteger.GreatestCommonDivisor(m, d) * d)
                    BigInteger.One

            a |> Array.map (fun c -> c.Numerator * (lcm / c.Denominator)) |> IntPoly.primitive

    let ofInts (a: BigInteger[]) = a |> Array.map Rational.OfBigInt

    /// Highest degree first: "z^2 - 3/2*z + 1".
    let toText (var: string) (a: Rational[]) =
        let terms =
            [ for i in a.Length - 1 .. -1 .. 0 do
                  if not a.[i].IsZero then
                      yield i, a.[i] ]

        match terms with
        | [] -> "0"
        | _ ->
            let sb = StringBuilder()

            terms
            |> List.iteri (fun k (i, c) ->
                let negative = c.Sign < 0
                let a = if negative then -c else c

                if k = 0 then
                    (if negative then sb.Append "-" else sb) |> ignore
                else
                    sb.Append(if negative then " - " else " + ") |> ignore

                let mono = if i = 1 then var else sprintf "%s^%d" var i

                if i = 0 then sb.Append(string a) |> ignore
                elif a = Rational.One then sb.Append mono |> ignore
                else sb.Append(string a).Append('*').Append(mono) |> ignore)

            sb.ToString()


/// Univariate polynomial over ℚ: dense coefficients, lowest degree first, no trailing zeros, so
/// structural equality of the arrays is equality of polynomials. The arithmetic is `DensePoly`'s
/// over the field ℚ; gcd, resultant and root isolation use the fraction-free integer form.
[<CustomEquality; NoComparison>]
type Poly =
    private
        { C: Rational[] }

    member internal p.Coeffs = p.C

    static member internal OfArray(a: Rational[]) = { C = DensePoly.trim Field.rational a }

    static member (+)(a: Poly, b: Poly) = { C = DensePoly.add Field.rational a.C b.C }
    static member (-)(a: Poly, b: Poly) = { C = DensePoly.sub Field.rational a.C b.C }
    static member (*)(a: Poly, b: Poly) = { C = DensePoly.mul Field.rational a.C b.C }
    static member (~-)(a: Poly) = { C = DensePoly.neg Field.rational a.C }

    override p.Equals(o: obj) =
        match o with
        | :? Poly as q -> p.C.Length = q.C.Length && Array.forall2 (=) p.C q.C
        | _ -> false

    override p.GetHashCode() =
        p.C |> Array.fold (fun h c -> HashCode.Combine(h, c.GetHashCode())) 17

    interface IEquatable<Poly> with
        member p.Equals(q: Poly) =
            p.C.Length = q.C.Length && Array.forall2 (=) p.C q.C

    override p.ToString() = RationalArray.toText "x" p.C

/// Functions on univariate rational polynomials.
[<RequireQualifiedAccess>]
module Poly =

    let private ofArray (a: Rational[]) = Poly.OfArray a
    let private ofIntArray (a: BigInteger[]) = Poly.OfArray(RationalArray.ofInts a)

    let zero = ofArray [||]
    let one = ofArray [| Rational.One |]
    let x = ofArray [| Rational.Zero; Rational.One |]

    let constant (c: Rational) = ofArray [| c |]
    let ofCoeffs (cs: Rational list) = ofArray (Array.ofList cs)
    let ofInts (cs: int list) = cs |> List.map Rational.OfInt |> Array.ofList |> ofArray
    let ofBigInts (cs: BigInteger list) = cs |> List.map Rational.OfBigInt |> Array.ofList |> ofArray

    /// Coefficients, lowest degree first; [||] for zero. A copy: the polynomial stays immutable.
    let coeffs (p: Poly) = Array.copy p.Coeffs

    let coeff (i: int) (p: Poly) =
        if i >= 0 && i < p.Coeffs.Length then p.Coeffs.[i] else Rational.Zero

    let degree (p: Poly) = p.Coeffs.Length - 1

    let leading (p: Poly) =
        if p.Coeffs.Length = 0 then Rational.Zero else p.Coeffs.[p.Coeffs.Length - 1]

    let isZero (p: Poly) = p.Coeffs.Length = 0

    let add (a: Poly) (b: Poly) = a + b
    let sub (a: Poly) (b: Poly) = a - b
    let mul (a: Poly) (b: Poly) = a * b
    let neg (a: Poly) = -a

    let scale (s: Rational) (p: Poly) =
        if s.IsZero then zero else ofArray (p.Coeffs |> Array.map (fun c -> s * c))

    /// x^k.
    let monomial (k: int) = ofArray (Array.init (k + 1) (fun i -> if i = k then Rational.One else Rational.Zero))

    let pow (k: int) (p: Poly) = Power.bySquaring "polynomial" (fun (a: Poly) b -> a * b) one k p

    /// Euclidean division over ℚ: a = q·b + r with deg r < deg b.
    let divRem (a: Poly) (b: Poly) =
        if isZero b then
            raise (DivideByZeroException "polynomial division by zero")

        let q, r = DensePoly.divRem Field.rational a.Coeffs b.Coeffs
        ofArray q, ofArray r

    let exactDiv (a: Poly) (b: Poly) =
        let q, r = divRem a b

        if not (isZero r) then
            invalidArg "b" (sprintf "(%O) does not divide (%O): remainder %O" b a r)

        q

    /// lc(b)^(deg a − deg b + 1) · a mod b; a itself when deg a < deg b.
    let pseudoRem (a: Poly) (b: Poly) =
        if isZero b then
            raise (DivideByZeroException "pseudo-remainder by the zero polynomial")

        let e = max 0 (degree a - degree b + 1)
        let _, r = divRem (scale (Rational.Pow(leading b, e)) a) b
        r

    let derivative (p: Poly) = ofArray (DensePoly.derivative Field.rational p.Coeffs)

    let eval (v: Rational) (p: Poly) = DensePoly.eval Field.rational p.Coeffs v

    /// compose p q = p(q(x)), by Horner's scheme in polynomials.
    let compose (p: Poly) (q: Poly) =
        let mutable acc = zero

        for i in p.Coeffs.Length - 1 .. -1 .. 0 do
            acc <- acc * q + constant p.Coeffs.[i]

        acc

    /// The rational c with the sign of the leading coefficient such that p = c · primitive p
    /// (0 for the zero polynomial). Signed so that the factorisation law holds for every p.
    let content (p: Poly) =
        if isZero p then
            Rational.Zero
        else
            let ip = RationalArray.toIntPrimitive p.Coeffs
            let positive = (leading p) / Rational.OfBigInt(IntPoly.lc ip)
            if ip.[ip.Length - 1].Sign < 0 then -positive else positive

    /// Integer coefficients with gcd 1 and a positive leading coefficient; zero stays zero.
    let primitive (p: Poly) =
        ofIntArray (IntPoly.normalize (RationalArray.toIntPrimitive p.Coeffs))

    let monic (p: Poly) =
        if isZero p then p else scale (Rational.One / leading p) p

    /// Monic gcd (zero when both are zero), computed by the subresultant PRS over ℤ.
    let gcd (a: Poly) (b: Poly) =
        let g = IntPoly.gcd (RationalArray.toIntPrimitive a.Coeffs) (RationalArray.toIntPrimitive b.Coeffs)
        monic (ofIntArray g)

    /// Yun's algorithm: monic, pairwise coprime, square-free factors with their multiplicities,
    /// so that p = leading p · Π fᵏ. Constants give [].
    let squareFree (p: Poly) =
        if isZero p then
            invalidArg "p" "the zero polynomial has no square-free decomposition"

        if degree p = 0 then
            []
        else
            let p = monic p
            let d = derivative p
            let g = gcd p d
            let mutable b = exactDiv p g
            let mutable c = exactDiv d g
            let mutable i = 1
            let factors = ResizeArray()
            let mutable fin = false

            while not fin do
                let dd = c - derivative b

                if isZero dd then
                    if degree b > 0 then
                        factors.Add(monic b, i)

                    fin <- true
                else
                    let a = gcd b dd

                    if degree a > 0 then
                        factors.Add(monic a, i)

                    b <- exactDiv b a
                    c <- exactDiv dd a
                    i <- i + 1

                    if degree b <= 0 then
                        fin <- true

            List.ofSeq factors

    /// p / gcd(p, p'), monic; zero stays zero and nonzero constants give one.
    let squareFreePart (p: Poly) =
        if isZero p then zero
        elif degree p = 0 then one
        else monic (exactDiv p (gcd p (derivative p)))

    /// Sylvester resultant, from the integer subresultant algorithm and
    /// Res(c·A, d·B) = c^(deg B) · d^(deg A) · Res(A, B).
    let resultant (a: Poly) (b: Poly) =
        if isZero a || isZero b then
            Rational.Zero
        else
            let ia = RationalArray.toIntPrimitive a.Coeffs
            let ib = RationalArray.toIntPrimitive b.Coeffs
            let ca = leading a / Rational.OfBigInt(IntPoly.lc ia)
            let cb = leading b / Rational.OfBigInt(IntPoly.lc ib)

            Rational.Pow(ca, degree b)
            * Rational.Pow(cb, degree a)
            * Rational.OfBigInt(IntPoly.resultant ia ib)

    /// (−1)^(n(n−1)/2) · Res(p, p') / lc(p); 1 for a linear polynomial.
    let discriminant (p: Poly) =
        let n = degree p

        if n < 1 then
            invalidArg "p" "the discriminant needs a polynomial of degree at least 1"

        let r = resultant p (derivative p) / leading p
        if (n * (n - 1) / 2) % 2 = 1 then -r else r

    /// B such that every real root lies strictly inside (−B, B): Cauchy's bound plus one, so the
    /// rationals ±B are samples beyond every root. The polynomial must be nonzero.
    let rootBound (p: Poly) =
        if isZero p then
            invalidArg "p" "the zero polynomial vanishes everywhere: its roots have no bound"

        let lc = Rational.abs (leading p)
        let m = p.Coeffs |> Array.fold (fun acc c -> Rational.max acc (Rational.abs c / lc)) Rational.Zero
        Rational.One + m + Rational.One

    /// Readable text in the named variable: toString "z" p = "z^2 - 3/2*z + 1".
    let toString (var: string) (p: Poly) = RationalArray.toText var p.Coeffs

    /// Primitive integer coefficients with the signs of p (for the fraction-free algorithms).
    let internal toIntPrimitive (p: Poly) = RationalArray.toIntPrimitive p.Coeffs
    let internal ofIntCoeffs (a: BigInteger[]) = ofIntArray a
