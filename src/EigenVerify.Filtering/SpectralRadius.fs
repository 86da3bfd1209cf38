namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// The spectral radius ρ = max |z| over the roots of a characteristic polynomial, exactly.
type SpectralRadius =
    { /// ρ, a real algebraic number.
      Radius: AlgebraicNumber
      /// ρ², the largest real root of the modulus polynomials (see `ModulusPolynomials`).
      RadiusSquared: AlgebraicNumber
      /// Those of ρ and −ρ that are roots of p: real roots on the circle |z| = ρ. When neither
      /// is, the dominant roots form complex-conjugate pairs.
      RealRootsOnCircle: AlgebraicNumber list }

/// A characteristic polynomial with its hyperparameters fixed: monic in "z", each coefficient a
/// polynomial in one variable (the eigenvalue), with its modulus polynomials computed once.
type RateFamily =
    { /// "lambda", "mu", or the name of whatever variable the family runs over.
      Variable: string
      /// p(z, v), monic in z.
      CharPoly: MPoly
      /// Polynomials in "w" and v whose largest real root in w is ρ(v)².
      Modulus: MPoly list }

[<RequireQualifiedAccess>]
module SpectralRadius =

    let private largest (roots: AlgebraicNumber seq) =
        if Seq.isEmpty roots then None else Some(Seq.max roots)

    let private maxOf (xs: AlgebraicNumber option list) =
        match List.choose id xs with
        | [] -> invalidOp "no modulus polynomial has a real root, but ρ² is always one"
        | ys -> List.max ys

    /// The family of p(z, v): checks that p is monic in z of degree ≥ 1 and has no variable
    /// besides z and v.
    [<CompiledName("Family")>]
    let family (variable: string) (charPoly: MPoly) : Result<RateFamily, string> =
        let n = MPoly.degreeIn "z" charPoly

        match MPoly.variables charPoly |> List.tryFind (fun x -> x <> "z" && x <> variable) with
        | Some other -> Error(sprintf "the characteristic polynomial still depends on %s: give it a value" other)
        | None when variable = "z" || variable = ModulusPolynomials.W ->
            Error(sprintf "the eigenvalue variable cannot be named %s" variable)
        | None when n < 1 -> Error "the characteristic polynomial has no root: its degree in z is 0"
        | None when MPoly.tryConstant (MPoly.coeffsIn "z" charPoly).[n] <> Some Rational.one ->
            Error "the characteristic polynomial is not monic in z"
        | None ->
            Ok
                { Variable = variable
                  CharPoly = charPoly
                  Modulus = ModulusPolynomials.ofCharPoly charPoly }

    let private univariate (v: string) (p: MPoly) =
        match MPoly.tryToPoly v p with
        | Some q -> q
        | None -> invalidOp (sprintf "a polynomial expected in %s alone kept another variable" v)

    /// ρ and −ρ (just 0 when ρ = 0): the only real numbers of modulus ρ.
    let private onCircle (radius: AlgebraicNumber) =
        if AlgebraicNumber.compare radius (AlgebraicNumber.ofInt 0) = 0 then [ radius ]
        else [ AlgebraicArithmetic.negate radius; radius ]

    let private realOnCircle (p: Poly) (radius: AlgebraicNumber) =
        onCircle radius |> List.filter (fun x -> AlgebraicNumber.isRootOf p x)

    /// ρ² of p(·, v₀) at a rational v₀.
    let internal squaredAtRational (family: RateFamily) (v0: Rational) =
        let at = Map.ofList [ family.Variable, v0 ]

        family.Modulus
        |> List.map (fun m -> largest (AlgebraicNumber.realRoots (univariate ModulusPolynomials.W (MPoly.substitute at m))))
        |> maxOf

    /// ρ² of p(·, v₀) at a real algebraic v₀: per modulus polynomial, its largest real root over
    /// the field ℚ(v₀), decided by Sturm counts with exact signs at v₀.
    let internal squaredAt (family: RateFamily) (v0: AlgebraicNumber) =
        match AlgebraicNumber.tryRational v0 with
        | Some x -> squaredAtRational family x
        | None ->
            let f = ExtensionField.ofAlgebraic v0
            let values = Map.ofList [ family.Variable, Poly.x ]

            family.Modulus
            |> List.map (fun m -> ExtensionPoly.largestRealRoot f (ExtensionPoly.specialize f ModulusPolynomials.W values m))
            |> maxOf

    /// ρ of a nonzero polynomial in z (any leading coefficient; its roots are what counts).
    [<CompiledName("OfPolynomial")>]
    let ofPolynomial (p: Poly) : Result<SpectralRadius, string> =
        if Poly.degree p < 1 then
            Error "a polynomial of degree 0 has no roots, so it has no spectral radius"
        else
            let monic = MPoly.ofPoly "z" (Poly.monic p)
            let family = { Variable = "v"; CharPoly = monic; Modulus = ModulusPolynomials.ofCharPoly monic }
            let squared = squaredAtRational family Rational.zero
            let radius = AlgebraicArithmetic.sqrt squared

            Ok
                { Radius = radius
                  RadiusSquared = squared
                  RealRootsOnCircle = realOnCircle (Poly.monic p) radius }

    /// ρ(p(·, v₀)) at a rational v₀.
    [<CompiledName("At")>]
    let at (family: RateFamily) (v0: Rational) : SpectralRadius =
        let squared = squaredAtRational family v0
        let radius = AlgebraicArithmetic.sqrt squared
        let p = univariate "z" (MPoly.substitute (Map.ofList [ family.Variable, v0 ]) family.CharPoly)

        { Radius = radius
          RadiusSquared = squared
          RealRootsOnCircle = realOnCircle p radius }

    /// ρ(p(·, v₀)) at a real algebraic v₀.
    [<CompiledName("AtAlgebraic")>]
    let atAlgebraic (family: RateFamily) (v0: AlgebraicNumber) : SpectralRadius =
        match AlgebraicNumber.tryRational v0 with
        | Some x -> at family x
        | None ->
            let squared = squaredAt family v0
            let radius = AlgebraicArithmetic.sqrt squared
            let f = ExtensionField.ofAlgebraic v0
            let p = ExtensionPoly.specialize f "z" (Map.ofList [ family.Variable, Poly.x ]) family.CharPoly
            { Radius = radius
              RadiusSquared = squared
              RealRootsOnCircle = onCircle radius |> List.filter (ExtensionPoly.hasRoot f p) }
