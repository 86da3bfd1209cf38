namespace EigenVerify.Proofs

open System.Text
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The radius of a radius-r claim: a rational, or a symbol standing for every r > 0.
type RadiusValue =
    | FixedRadius of Rational
    | AnyRadius of symbol: string

/// What membership in the radius-r region is, and for which hyperparameters.
type RadiusMembership =
    /// The exact region at the given hyperparameter values (rule declaration order).
    | ExactRegionAt of values: (string * Rational) list * region: Region
    /// A closed form over the whole declared domain: every condition ≥ 0 (polynomials in the
    /// eigenvalue, the hyperparameters and, for `AnyRadius`, the radius symbol).
    | ConditionsOverDomain of conditions: MPoly list

/// "v ∈ R_r ⟺ every root of p lies in the closed disk |z| ≤ r", the input of the generator.
type RadiusClaim =
    { Rule: string
      /// "lambda" or "mu".
      Variable: string
      Params: ParamDomain list
      /// det(zI − M) with the hyperparameters symbolic, monic in "z".
      CharPoly: MPoly
      Radius: RadiusValue
      Membership: RadiusMembership }

/// One SMT-LIB2 file of a radius claim; its expected answer is unsat.
type RadiusCertificateFile =
    { /// "sound" or "complete".
      Direction: string
      Text: string }

/// SMT-LIB2 certificates for radius-r claims: the unit-disk certificates' encoding (z = x + iy,
/// Re p = Im p = 0) with x² + y² ≤ r² in place of x² + y² ≤ 1. Each file asserts the negation of
/// what it establishes, so the expected answer is unsat.
[<RequireQualifiedAccess>]
module RadiusCertificate =

    let private radiusTerm (r: RadiusValue) =
        match r with
        | FixedRadius x -> Smt.rational x
        | AnyRadius s -> Smt.symbol s

    let private radiusWords (r: RadiusValue) =
        match r with
        | FixedRadius x -> sprintf "r = %O" x
        | AnyRadius s -> sprintf "every radius %s > 0" s

    let private header (c: RadiusClaim) (direction: string) (establishes: string) (sb: StringBuilder) =
        let scope =
            match c.Membership with
            | ExactRegionAt(values, region) ->
                sprintf "the hyperparameters %s, where R_r = %s" (values |> List.map (fun (n, x) -> sprintf "%s = %O" n x) |> String.concat ", ") (Region.toText region)
            | ConditionsOverDomain conditions ->
                sprintf
                    "every hyperparameter value in the declared domain, where R_r = { %s : %s }"
                    c.Variable
                    (conditions |> List.map (fun p -> Infix.print (Expr.ofPolynomial p) + " >= 0") |> String.concat ", ")

        let lines =
            [ sprintf "EigenVerify radius certificate: optimizer %s, %s, part %s." c.Rule (radiusWords c.Radius) direction
              ""
              sprintf "Claim: for %s and every real %s," scope c.Variable
              sprintf "  %s in R_r  <=>  every root of p(z) = %s lies in the closed disk |z| <= r." c.Variable (Infix.print (Expr.ofPolynomial c.CharPoly))
              ""
              sprintf "This file: %s. It asserts the negation; the expected answer is unsat." establishes ]

        sb.AppendLine(Smt.comment (String.concat "\n" lines)).AppendLine() |> ignore

    let private declare (sb: StringBuilder) (name: string) =
        sb.AppendLine(sprintf "(declare-const %s Real)" name) |> ignore

    /// Declarations of the eigenvalue, the hyperparameters, the radius and the membership formula.
    let private preamble (c: RadiusClaim) (sb: StringBuilder) =
        let v = Smt.symbol c.Variable
        declare sb v

        for d in c.Params do
            declare sb (Smt.symbol d.Name)

        match c.Radius with
        | AnyRadius s ->
            declare sb (Smt.symbol s)
            sb.AppendLine(sprintf "(assert (> %s 0))" (Smt.symbol s)) |> ignore
        | FixedRadius _ -> ()

        match c.Membership with
        | ExactRegionAt(values, region) ->
            for n, x in values do
                sb.AppendLine(sprintf "(assert (= %s %s))" (Smt.symbol n) (Smt.rational x)) |> ignore

            let membership, definitions = Claim.regionFormula v region

            for d in definitions do
                sb.AppendLine(Smt.comment d.Meaning) |> ignore
                declare sb d.Symbol

                for f in d.Facts do
                    sb.AppendLine(sprintf "(assert %s)" f) |> ignore

            sb.AppendLine(sprintf "(define-fun in_region () Bool %s)" (Smt.formula membership)) |> ignore
        | ConditionsOverDomain conditions ->
            for d in c.Params do
                let s = Smt.symbol d.Name
                d.Lower |> Option.iter (fun b -> sb.AppendLine(sprintf "(assert (%s %s %s))" (if b.Inclusive then "<=" else "<") (Smt.rational b.Value) s) |> ignore)
                d.Upper |> Option.iter (fun b -> sb.AppendLine(sprintf "(assert (%s %s %s))" (if b.Inclusive then "<=" else "<") s (Smt.rational b.Value)) |> ignore)

            let membership = Formula.All(conditions |> List.map (fun p -> Formula.Compare(">=", Smt.polynomial p, "0")))
            sb.AppendLine(sprintf "(define-fun in_region () Bool %s)" (Smt.formula membership)) |> ignore

        // p(x + iy) through the powers of z = x + iy, as in the unit-disk certificates
        let coeffs = MPoly.coeffsIn "z" c.CharPoly
        let k = coeffs.Length - 1

        for i in 0 .. k - 1 do
            sb.AppendLine(sprintf "(define-fun c%d () Real %s)" i (Smt.polynomial coeffs.[i])) |> ignore

        let re j = if j = 1 then "x" else sprintf "(re%d x y)" j
        let im j = if j = 1 then "y" else sprintf "(im%d x y)" j

        for j in 2..k do
            sb.AppendLine(sprintf "(define-fun re%d ((x Real) (y Real)) Real (- (* %s x) (* %s y)))" j (re (j - 1)) (im (j - 1)))
                .AppendLine(sprintf "(define-fun im%d ((x Real) (y Real)) Real (+ (* %s y) (* %s x)))" j (re (j - 1)) (im (j - 1)))
            |> ignore

        let part (power: int -> string) (constant: string option) =
            [ yield! Option.toList constant
              for j in 1 .. k - 1 do
                  yield sprintf "(* c%d %s)" j (power j)
              yield power k ]
            |> Smt.sum

        let r = radiusTerm c.Radius

        sb.AppendLine(sprintf "(define-fun p_re ((x Real) (y Real)) Real %s)" (part re (Some "c0")))
            .AppendLine(sprintf "(define-fun p_im ((x Real) (y Real)) Real %s)" (part im None))
            .AppendLine(Smt.comment "x + iy is a root of p strictly outside the closed disk of radius r.")
            .AppendLine(sprintf "(define-fun root_outside ((x Real) (y Real)) Bool (and (= (p_re x y) 0) (= (p_im x y) 0) (> (+ (* x x) (* y y)) (* %s %s))))" r r)
        |> ignore

        k

    let private sound (c: RadiusClaim) =
        let sb = StringBuilder()
        header c "sound" (sprintf "%s in R_r ==> every root of p has |z| <= r" c.Variable) sb
        sb.AppendLine("(set-logic QF_NRA)").AppendLine("(set-info :status unsat)") |> ignore
        preamble c sb |> ignore

        sb.AppendLine("(declare-const x Real)")
            .AppendLine("(declare-const y Real)")
            .AppendLine("(assert in_region)")
            .AppendLine("(assert (root_outside x y))")
            .AppendLine("(check-sat)")
            .ToString()

    let private complete (c: RadiusClaim) =
        let k = MPoly.degreeIn "z" c.CharPoly
        let sb = StringBuilder()
        header c "complete" (sprintf "every root of p has |z| <= r ==> %s in R_r" c.Variable) sb
        sb.AppendLine(sprintf "(set-logic %s)" (if k <= 2 then "QF_NRA" else "NRA")).AppendLine("(set-info :status unsat)") |> ignore
        preamble c sb |> ignore
        sb.AppendLine("(assert (not in_region))") |> ignore

        match k with
        | 1 ->
            sb.AppendLine(Smt.comment "The single root is -c0; the solver checks it is a root, so the witness is not trusted.")
                .AppendLine("(assert (not (root_outside (- c0) 0)))")
            |> ignore
        | 2 ->
            sb.AppendLine(Smt.comment "The roots are (-c1 +- s)/2 or -c1/2 +- i s/2 with s^2 = |c1^2 - 4 c0|, s >= 0; the solver checks each witness is a root.")
                .AppendLine("(define-fun disc () Real (- (* c1 c1) (* 4 c0)))")
                .AppendLine("(declare-const s Real)")
                .AppendLine("(assert (>= s 0))")
                .AppendLine("(assert (= (* s s) (ite (>= disc 0) disc (- disc))))")
                .AppendLine("(assert (not (or (root_outside (/ (+ (- c1) s) 2) 0)")
                .AppendLine("                 (root_outside (/ (- (- c1) s) 2) 0)")
                .AppendLine("                 (root_outside (/ (- c1) 2) (/ s 2)))))")
            |> ignore
        | _ -> sb.AppendLine("(assert (forall ((x Real) (y Real)) (not (root_outside x y))))") |> ignore

        sb.AppendLine("(check-sat)").ToString()

    /// The sound and complete certificates of a radius claim. Errors: a symbol clash.
    [<CompiledName("Files")>]
    let files (c: RadiusClaim) : Result<RadiusCertificateFile list, string> =
        let own = set [ "lam"; "mu"; "x"; "y"; "z"; "s"; "p_re"; "p_im"; "in_region"; "root_outside"; "disc" ]
        let names = (c.Params |> List.map (fun d -> Smt.symbol d.Name)) @ (match c.Radius with AnyRadius s -> [ Smt.symbol s ] | FixedRadius _ -> [])

        match names |> List.tryFind (fun n -> own.Contains n || System.Text.RegularExpressions.Regex.IsMatch(n, @"^(c|re|im|sqrt|root)[0-9_]")) with
        | Some n -> Error(sprintf "'%s' clashes with a symbol the certificates use; rename it" n)
        | None ->
            match c.Radius with
            | FixedRadius r when r.Sign <= 0 -> Error(sprintf "the disk radius must be positive, got %O" r)
            | _ ->
                Ok
                    [ { Direction = "sound"; Text = sound c }
                      { Direction = "complete"; Text = complete c } ]
