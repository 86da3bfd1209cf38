namespace EigenVerify

open EigenVerify.Algebra
open EigenVerify.Symbolic

/// Text and LaTeX shared by the facade's reports.
module internal Printing =

    /// p(z) in LaTeX collected by powers of z, highest first, each coefficient (a polynomial in
    /// the eigenvalue and the hyperparameters) in parentheses only when it is a sum:
    /// "z^{2} - \left(1 + \beta - \alpha \lambda\right) z + \beta" reads as
    /// "z^{2} - (\beta - \alpha \lambda + 1) z + \beta".
    let charPolyLatex (p: MPoly) =
        let cs = MPoly.coeffsIn "z" p
        let pieces =
            [ for i in cs.Length - 1 .. -1 .. 0 do
                  let c = cs.[i]
                  if not (MPoly.isZero c) then
                      let power =
                          match i with
                          | 0 -> ""
                          | 1 -> "z"
                          | _ -> sprintf "z^{%d}" i
                      let text = LaTeX.polynomial c
                      let negative = text.StartsWith "-"
                      let magnitude = if negative then LaTeX.polynomial (MPoly.neg c) else text
                      let isSum = magnitude.Contains " + " || magnitude.Contains " - "
                      let body =
                          if i = 0 then magnitude
                          elif magnitude = "1" then power
                          elif isSum then sprintf "(%s) %s" magnitude power
                          else sprintf "%s %s" magnitude power
                      // the constant term keeps its own signs when it is a sum
                      if i = 0 && isSum && negative then yield false, text else yield negative, body ]
        match pieces with
        | [] -> "0"
        | _ ->
            pieces
            |> List.mapi (fun i (neg, body) ->
                match i, neg with
                | 0, true -> "-" + body
                | 0, false -> body
                | _, true -> " - " + body
                | _, false -> if body.StartsWith "-" then " - " + body.Substring 1 else " + " + body)
            |> String.concat ""
