namespace EigenVerify.Symbolic

open EigenVerify.Algebra

/// Printers of multivariate polynomials (`MPoly`) in the paper's shapes ("2*(1 + beta)",
/// "lambda*(1 + rho*lambda)^2") and of characteristic polynomials at fixed hyperparameters.
[<RequireQualifiedAccess>]
module PolyText =

    let private exactDiv (p: MPoly) (d: MPoly) =
        match MPoly.exactDiv p d with
        | Some q -> q
        | None -> invalidOp "a division expected to be exact left a remainder"

    /// Variables in print order: hyperparameters alphabetically, the eigenvalue variable last.
    let private varOrder (eigen: string) (v: string) = (if v = eigen then 1 else 0), v

    let private monomialText (eigen: string) (m: Map<string, int>) =
        m
        |> Map.toList
        |> List.sortBy (fun (v, _) -> varOrder eigen v)
        |> List.map (fun (v, e) -> if e = 1 then v else sprintf "%s^%d" v e)
        |> String.concat "*"

    /// Expanded text with terms by ascending degree in the eigenvalue variable, then ascending
    /// total degree: "1 + rho*lambda", "2 - alpha*lambda".
    let private expanded (eigen: string) (p: MPoly) =
        let terms =
            MPoly.terms p
            |> List.sortBy (fun (m, _) ->
                let e = defaultArg (Map.tryFind eigen m) 0
                e, (m |> Map.fold (fun s _ k -> s + k) 0), monomialText eigen m)
        if terms.IsEmpty then
            "0"
        else
            terms
            |> List.mapi (fun i (m, c) ->
                let mag = Rational.abs c
                let body =
                    if m.IsEmpty then string mag
                    elif mag = Rational.one then monomialText eigen m
                    else sprintf "%O*%s" mag (monomialText eigen m)
                match i, c.Sign < 0 with
                | 0, true -> "-" + body
                | 0, false -> body
                | _, true -> " - " + body
                | _, false -> " + " + body)
            |> String.concat ""

    let private isSingleFactor (text: string) = not (text.Contains " ")

    /// Sign of the first term in print order (the constant term when there is one).
    let private firstSign (eigen: string) (p: MPoly) =
        let lead = p |> MPoly.terms |> List.sortBy (fun (m, _) -> defaultArg (Map.tryFind eigen m) 0, m.Count) |> List.head |> snd
        if lead.Sign < 0 then -1 else 1

    /// p = c · g^k with c a rational, g with coprime integer coefficients and a positive first
    /// term, and k as large as possible.
    let private asPower (eigen: string) (p: MPoly) =
        let normalise (g: MPoly) =
            let r = Rational.ofInt (firstSign eigen g) * MPoly.rationalContent g
            MPoly.scale (Rational.inverse r) g
        let g1 = normalise p
        let candidate =
            if MPoly.degreeIn eigen p < 2 then
                None
            else
                let g = MPoly.gcd p (MPoly.derivative eigen p)
                if MPoly.degreeIn eigen g = 0 then
                    None
                else
                    let sqf = normalise (exactDiv p g)
                    let k = MPoly.degreeIn eigen p / MPoly.degreeIn eigen sqf
                    match MPoly.exactDiv p (MPoly.pow k sqf) with
                    | Some c when List.isEmpty (MPoly.variables c) -> Some(MPoly.eval Map.empty c, sqf, k)
                    | _ -> None
        match candidate with
        | Some r -> r
        | None -> MPoly.eval Map.empty (exactDiv p g1), g1, 1

    /// A readable factored form: rational content, monomial content, then the rest as a power
    /// of one polynomial when it is one: "2*(1 + beta)", "lambda*(1 + rho*lambda)^2", "alpha*(1 - beta1)".
    let private factored (eigen: string) (p: MPoly) =
        if MPoly.isZero p then
            "0"
        else
            let mono = MPoly.monomialContent p
            let c, g, k = asPower eigen (MPoly.divideByMonomial mono p)
            let factors =
                [ if not mono.IsEmpty then yield monomialText eigen mono
                  let gText = expanded eigen g
                  if gText <> "1" then
                      let wrapped = if isSingleFactor gText then gText else "(" + gText + ")"
                      yield if k = 1 then wrapped else sprintf "%s^%d" wrapped k ]
            let body = String.concat "*" factors
            if factors.IsEmpty then string c
            elif c = Rational.one then body
            elif c = -Rational.one then "-" + body
            else sprintf "%O*%s" c body

    /// Expanded text with terms by ascending degree in the eigenvalue, then ascending total
    /// degree: "1 + rho*lambda", "2 - alpha*lambda".
    [<CompiledName("ToText")>]
    let toText (v: EigenVariable) (p: MPoly) = expanded v.Name p

    /// A readable factored form: rational content, monomial content, then the rest as a power
    /// of one polynomial when it is one: "2*(1 + beta)", "lambda*(1 + rho*lambda)^2".
    [<CompiledName("ToFactoredText")>]
    let toFactoredText (v: EigenVariable) (p: MPoly) = factored v.Name p

    /// The characteristic polynomial in z, its coefficients printed by `toText`, highest power
    /// first: "z^2 - (1 + beta - alpha*lambda)*z + beta".
    [<CompiledName("CharPoly")>]
    let charPoly (v: EigenVariable) (p: MPoly) =
        let eigen = v.Name
        let x = "z"
        let cs = MPoly.coeffsIn x p
        let pieces =
            [ for i in cs.Length - 1 .. -1 .. 0 do
                  let c = cs.[i]
                  if not (MPoly.isZero c) then
                      let power = match i with 0 -> "" | 1 -> x | _ -> sprintf "%s^%d" x i
                      let text = expanded eigen c
                      let firstNegative = text.StartsWith "-"
                      let mag = if firstNegative then -c else c
                      let magText = expanded eigen mag
                      let body =
                          // the constant keeps its own signs: "- 1 + alpha*lambda", not "- (1 - alpha*lambda)"
                          if i = 0 then (if firstNegative then text.Substring 1 else text)
                          elif magText = "1" then power
                          elif magText.Contains " " then sprintf "(%s)*%s" magText power
                          else sprintf "%s*%s" magText power
                      yield firstNegative, body ]
        match pieces with
        | [] -> "0"
        | _ ->
            pieces
            |> List.mapi (fun i (neg, body) ->
                match i, neg with
                | 0, true -> "-" + body
                | 0, false -> body
                | _, true -> " - " + body
                | _, false -> " + " + body)
            |> String.concat ""

    /// A polynomial in z whose coefficients are polynomials in the eigenvalue (`coeffs.[i]` is the
    /// coefficient of z^i), highest power first: "z^2 + (1/10*lambda - 19/10)*z + 9/10".
    [<CompiledName("CharPolyAt")>]
    let charPolyAt (v: EigenVariable) (coeffs: Poly[]) =
        let eigen = v.Name
        [ for i in coeffs.Length - 1 .. -1 .. 0 do
              let c = coeffs.[i]
              if not (Poly.isZero c) then
                  let zPart = match i with 0 -> "" | 1 -> "z" | _ -> sprintf "z^%d" i
                  let cText = Poly.toString eigen c
                  let simple = Poly.coeffs c |> Array.filter (fun x -> not x.IsZero) |> Array.length = 1
                  yield
                      if i = 0 then cText
                      elif c = Poly.one then zPart
                      elif c = -Poly.one then "-" + zPart
                      elif simple && not (cText.Contains " ") then cText + "*" + zPart
                      else sprintf "(%s)*%s" cText zPart ]
        |> List.reduce (fun acc t -> if t.StartsWith "-" then acc + " - " + t.Substring 1 else acc + " + " + t)
