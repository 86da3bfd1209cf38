namespace EigenVerify.Algebra

/// The operations of an exact ordered field that the polynomial algorithms need. Instances: the
/// rationals (`Field.rational`), a real number field ℚ(α) (`NumberField`) and the rational
/// functions in one variable (`FractionField`). The algorithms are written once against this
/// record, so the same exact code decides at rational points, at algebraic points and for
/// symbolic ones.
type internal Field<'e> =
    { Zero: 'e
      One: 'e
      OfRational: Rational -> 'e
      Add: 'e -> 'e -> 'e
      Sub: 'e -> 'e -> 'e
      Mul: 'e -> 'e -> 'e
      Neg: 'e -> 'e
      /// Only called on elements that `IsZero` has rejected.
      Inv: 'e -> 'e
      /// A decision, not a structural check: in a number field an element may be zero without
      /// being represented as zero.
      IsZero: 'e -> bool
      /// −1, 0 or 1: the exact sign of the element in the field's order.
      Sign: 'e -> int }

[<RequireQualifiedAccess>]
module internal Field =

    /// Exact rational arithmetic.
    let rational: Field<Rational> =
        { Zero = Rational.Zero
          One = Rational.One
          OfRational = id
          Add = (+)
          Sub = (-)
          Mul = (*)
          Neg = (~-)
          Inv = fun a -> Rational.One / a
          IsZero = fun a -> a.IsZero
          Sign = fun a -> a.Sign }
