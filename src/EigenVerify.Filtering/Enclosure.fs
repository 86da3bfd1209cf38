namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// A closed interval [Lo, Hi] of the real line with rational ends, used as a guaranteed
/// enclosure: every operation returns an interval containing every result of the operation on
/// members of its arguments. All arithmetic is exact rational arithmetic, so the enclosures are
/// rigorous (no rounding is involved at all).
type internal Enclosure = { Lo: Rational; Hi: Rational }

[<RequireQualifiedAccess>]
module internal Enclosure =

    let point (x: Rational) = { Lo = x; Hi = x }

    let create (lo: Rational) (hi: Rational) =
        if lo > hi then
            invalidArg "hi" (sprintf "enclosure [%O, %O] has its ends in the wrong order" lo hi)

        { Lo = lo; Hi = hi }

    let width (e: Enclosure) = e.Hi - e.Lo
    let midpoint (e: Enclosure) = Rational.midpoint e.Lo e.Hi
    let contains (x: Rational) (e: Enclosure) = e.Lo <= x && x <= e.Hi

    let add (a: Enclosure) (b: Enclosure) = { Lo = a.Lo + b.Lo; Hi = a.Hi + b.Hi }
    let sub (a: Enclosure) (b: Enclosure) = { Lo = a.Lo - b.Hi; Hi = a.Hi - b.Lo }

    let scale (c: Rational) (a: Enclosure) =
        if c.Sign >= 0 then { Lo = c * a.Lo; Hi = c * a.Hi } else { Lo = c * a.Hi; Hi = c * a.Lo }

    let mul (a: Enclosure) (b: Enclosure) =
        let ps = [ a.Lo * b.Lo; a.Lo * b.Hi; a.Hi * b.Lo; a.Hi * b.Hi ]
        { Lo = List.min ps; Hi = List.max ps }

    /// a^k, tight for even k on an interval containing 0 (x^k ≥ 0 there, not the product bound).
    let pow (k: int) (a: Enclosure) =
        if k = 0 then
            point Rational.one
        else
            let lo, hi = Rational.Pow(a.Lo, k), Rational.Pow(a.Hi, k)

            if k % 2 = 1 then { Lo = lo; Hi = hi }
            elif a.Lo.Sign >= 0 then { Lo = lo; Hi = hi }
            elif a.Hi.Sign <= 0 then { Lo = hi; Hi = lo }
            else { Lo = Rational.zero; Hi = Rational.max lo hi }

    let intersect (a: Enclosure) (b: Enclosure) =
        let lo, hi = Rational.max a.Lo b.Lo, Rational.min a.Hi b.Hi
        if lo <= hi then Some { Lo = lo; Hi = hi } else None

    /// p over an interval by Horner's scheme (an enclosure of the range, not the range itself).
    let evalPoly (p: Poly) (x: Enclosure) =
        let cs = Poly.coeffs p
        let mutable acc = point Rational.zero

        for i in cs.Length - 1 .. -1 .. 0 do
            acc <- add (mul acc x) (point cs.[i])

        acc

    /// p over a box (every variable of p needs an enclosure), term by term.
    let evalMPoly (box: Map<string, Enclosure>) (p: MPoly) =
        MPoly.terms p
        |> List.fold
            (fun acc (m, c) ->
                let term =
                    m
                    |> Map.fold
                        (fun t v e ->
                            match Map.tryFind v box with
                            | Some x -> mul t (pow e x)
                            | None -> invalidArg "box" (sprintf "variable '%s' has no enclosure" v))
                        (point c)

                add acc term)
            (point Rational.zero)

    /// A polynomial with its partial derivatives, ready for repeated centred evaluations.
    type Centred = private { P: MPoly; Slopes: (string * MPoly) list }

    let centred (p: MPoly) =
        { P = p; Slopes = MPoly.variables p |> List.map (fun v -> v, MPoly.derivative v p) }

    /// The mean-value form p(c) + Σ ∂p/∂vᵢ(box)·(vᵢ − cᵢ) at the box centre c, intersected with
    /// the plain term-by-term enclosure. Its overestimation shrinks with the square of the box
    /// width, which is what lets a subdivision close in on a point where p has a strict sign.
    let evalCentred (box: Map<string, Enclosure>) (c: Centred) =
        let plain = evalMPoly box c.P
        let centre = box |> Map.map (fun _ e -> midpoint e)
        let atCentre = point (MPoly.eval centre c.P)

        let meanValue =
            c.Slopes
            |> List.fold (fun acc (v, slope) -> add acc (mul (evalMPoly box slope) (sub box.[v] (point centre.[v])))) atCentre

        match intersect plain meanValue with
        | Some e -> e
        | None -> invalidOp "two enclosures of the same range are disjoint: an arithmetic error"
