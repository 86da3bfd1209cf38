namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// Univariate polynomials over ℚ as dense ascending coefficient arrays: the coefficient ring of
/// characteristic polynomials once the hyperparameters are fixed (polynomials in λ).
[<RequireQualifiedAccess>]
module QPoly =
    let private f = Field.rational
    let zero: Rational[] = [||]
    let constant (c: Rational) = FieldPoly.trim f [| c |]
    let ofInts (xs: int list) = xs |> List.map Rational.ofInt |> Array.ofList |> FieldPoly.trim f
    let isZero (a: Rational[]) = (FieldPoly.trim f a).Length = 0
    let degree (a: Rational[]) = FieldPoly.degree (FieldPoly.trim f a)
    let add a b = FieldPoly.add f a b
    let sub a b = FieldPoly.sub f a b
    let mul a b = FieldPoly.mul f a b
    let scale c a = FieldPoly.scale f c a
    let divRem a b = FieldPoly.divRem f a b
    let gcd a b = FieldPoly.gcd f a b
    let eval (a: Rational[]) (x: Rational) = FieldPoly.eval f a x
    let derivative a = FieldPoly.derivative f a

    /// Quotient of a division known to be exact (fails loudly otherwise: a logic error).
    let exactDiv a b =
        let q, r = divRem a b
        if r.Length <> 0 then invalidOp "QPoly.exactDiv: the division is not exact"
        q

    /// Extended Euclid for coprime a, q: s with s·a ≡ 1 (mod q).
    let inverseMod (a: Rational[]) (q: Rational[]) =
        // invariant: r_i ≡ s_i · a (mod q)
        let rec go (r0: Rational[]) (s0: Rational[]) (r1: Rational[]) (s1: Rational[]) =
            if r1.Length = 0 then
                if FieldPoly.degree r0 <> 0 then invalidOp "QPoly.inverseMod: not coprime"
                scale (Rational.inverse r0.[0]) s0
            else
                let quo, rem = divRem r0 r1
                go r1 s1 rem (sub s0 (mul quo s1))
        go (snd (divRem a q)) (constant Rational.one) q zero |> fun s -> snd (divRem s q)

    /// Every real root lies strictly inside (−B, B) for this B (Cauchy's bound, plus one).
    let rootBound (a: Rational[]) =
        let a = FieldPoly.trim f a
        let lc = Rational.abs (FieldPoly.leading a)
        let m = a |> Array.fold (fun acc c -> Rational.max acc (Rational.abs c / lc)) Rational.zero
        Rational.one + m + Rational.one

    let toString (var: string) (a: Rational[]) =
        let a = FieldPoly.trim f a
        if a.Length = 0 then
            "0"
        else
            [ for i in a.Length - 1 .. -1 .. 0 do
                  let c = a.[i]
                  if not c.IsZero then
                      let mag = Rational.abs c
                      let mono =
                          match i with
                          | 0 -> string mag
                          | _ ->
                              let v = if i = 1 then var else sprintf "%s^%d" var i
                              if mag = Rational.one then v else sprintf "%O*%s" mag v
                      yield c.Sign, mono ]
            |> List.mapi (fun j (s, m) ->
                match j, s with
                | 0, s when s < 0 -> "-" + m
                | 0, _ -> m
                | _, s when s < 0 -> " - " + m
                | _ -> " + " + m)
            |> String.concat ""

/// The real number field ℚ(λ₀) for a real algebraic λ₀, represented as ℚ[t]/(q) with q a
/// square-free rational polynomial that vanishes at λ₀, decided by dynamic evaluation: q may be
/// reducible, so when an element to invert shares a factor with q (it does not vanish at λ₀, so
/// neither does the shared factor), q is replaced by the cofactor that keeps λ₀ as a root.
/// The sign of an element is the exact sign of the polynomial at λ₀, supplied by the caller.
[<RequireQualifiedAccess>]
module NumberField =

    /// `signAtRoot a` must return the exact sign of the rational polynomial a at λ₀.
    let create (q: Rational[]) (signAtRoot: Rational[] -> int) : FieldOps<Rational[]> =
        let mutable q = FieldPoly.monic Field.rational (FieldPoly.trim Field.rational q)
        let reduce (a: Rational[]) = if a.Length < q.Length then a else snd (QPoly.divRem a q)
        let inv (a: Rational[]) =
            let a = reduce a
            let g = QPoly.gcd a q
            if FieldPoly.degree g > 0 then q <- QPoly.exactDiv q g
            QPoly.inverseMod a q
        { Zero = QPoly.zero
          One = QPoly.constant Rational.one
          OfRational = QPoly.constant
          Add = QPoly.add
          Sub = QPoly.sub
          Mul = fun a b -> reduce (QPoly.mul a b)
          Neg = Array.map (~-)
          Inv = inv
          IsZero = fun a -> a.Length = 0 || signAtRoot (reduce a) = 0
          Sign = fun a -> if a.Length = 0 then 0 else signAtRoot (reduce a) }
