namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// An isolated real solution of a polynomial system with every unknown in one field ℚ(γ).
type internal SystemSolution =
    { Field: ExtensionField
      /// Unknown → its value, an element of the field (a polynomial in the generator).
      Values: Map<string, Poly> }

/// Exact solution of small zero-dimensional polynomial systems by elimination: resultants remove
/// the unknowns one by one down to a univariate polynomial in the last unknown, whose real roots
/// generate the fields; the other unknowns are recovered in reverse order as the root of a linear
/// gcd over that field. A solution whose recovery needs a further extension is not returned.
[<RequireQualifiedAccess>]
module internal PolynomialSystem =

    let private primitive (p: MPoly) = MPoly.scale (Rational.inverse (MPoly.rationalContent p)) p

    let private floatOf (gamma: float) (e: Poly) =
        Poly.coeffs e |> Array.rev |> Array.fold (fun acc c -> acc * gamma + Rational.toFloat c) 0.0

    /// The value of a field element as a double (for comparing with a numeric target only).
    let approximate (s: SystemSolution) (e: Poly) =
        floatOf (AlgebraicNumber.toFloat s.Field.Generator) (s.Field.Reduce e)

    /// Real solutions whose every coordinate lies within `tolerance` (relative to 1 + |target|)
    /// of the numeric target. `order` lists the unknowns in elimination order: the first is
    /// eliminated first, the last generates the field.
    let solveNear (equations: MPoly list) (order: string list) (target: Map<string, float>) (tolerance: float) : SystemSolution list =
        let close (name: string) (x: float) =
            abs (x - target.[name]) <= tolerance * (1.0 + abs target.[name])

        let rec eliminate (current: MPoly list) (unknowns: string list) (levels: (string * MPoly list) list) =
            match unknowns with
            | [ last ] -> Some(current, last, levels)
            | u :: rest ->
                let withU, without = current |> List.partition (fun p -> MPoly.degreeIn u p >= 1)

                match withU |> List.sortBy (MPoly.degreeIn u) with
                | [] -> None
                | pivot :: others ->
                    // a factor shared by two equations is a component of positive dimension (or
                    // no solution at all): eliminate between the cofactors instead, and recover u
                    // from them too
                    let eliminateBetween (b: MPoly) =
                        let res = MPoly.resultant u pivot b

                        if not (MPoly.isZero res) then
                            Some(res, [ pivot; b ])
                        else
                            let g = MPoly.gcd pivot b

                            match MPoly.exactDiv pivot g, MPoly.exactDiv b g with
                            | Some a', Some b' when MPoly.degreeIn u a' >= 1 && MPoly.degreeIn u b' >= 1 ->
                                let res' = MPoly.resultant u a' b'
                                if MPoly.isZero res' then None else Some(res', [ a'; b' ])
                            | _ -> None

                    let eliminated = others |> List.map eliminateBetween

                    if eliminated |> List.exists Option.isNone then
                        None
                    else
                        let eliminated = eliminated |> List.choose id
                        let defining = if eliminated.IsEmpty then [ pivot ] else eliminated |> List.collect snd
                        eliminate (without @ (eliminated |> List.map (fst >> primitive))) rest ((u, defining) :: levels)
            | [] -> None

        match eliminate (equations |> List.map primitive) order [] with
        | None -> []
        | Some(final, last, levels) ->
            let univariate = final |> List.choose (MPoly.tryToPoly last) |> List.filter (Poly.isZero >> not)

            if univariate.Length <> final.Length || univariate.IsEmpty then
                []
            else
                let h = univariate |> List.reduce Poly.gcd

                if Poly.degree h < 1 then
                    []
                else
                    AlgebraicNumber.realRoots h
                    |> List.ofSeq
                    |> List.filter (fun g -> close last (AlgebraicNumber.toFloat g))
                    |> List.choose (fun g ->
                        let f = ExtensionField.ofAlgebraic g

                        let recover (values: Map<string, Poly> option) (u: string, polys: MPoly list) =
                            values
                            |> Option.bind (fun values ->
                                let common =
                                    polys
                                    |> List.map (ExtensionPoly.specialize f u values)
                                    |> List.reduce (ExtensionPoly.gcd f)

                                if ExtensionPoly.degree common = 1 then
                                    // monic: u + c₀ = 0
                                    Some(Map.add u (f.Reduce(-common.[0])) values)
                                else
                                    None)

                        levels
                        |> List.fold recover (Some(Map.ofList [ last, Poly.x ]))
                        |> Option.map (fun values -> { Field = f; Values = values }))
                    |> List.filter (fun s -> s.Values |> Map.forall (fun name e -> close name (approximate s e)))
