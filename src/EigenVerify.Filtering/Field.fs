namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// The operations of an ordered field that the stability tests need. Two instances exist: exact
/// rationals, and a real number field ℚ(λ₀) for an algebraic λ₀ (see `NumberField`). Everything
/// downstream is written once against this record, so the same exact code decides membership at
/// rational sample points and at algebraic critical values.
type FieldOps<'e> =
    { Zero: 'e
      One: 'e
      OfRational: Rational -> 'e
      Add: 'e -> 'e -> 'e
      Sub: 'e -> 'e -> 'e
      Mul: 'e -> 'e -> 'e
      Neg: 'e -> 'e
      /// Only called on elements that `IsZero` has rejected.
      Inv: 'e -> 'e
      IsZero: 'e -> bool
      /// −1, 0 or 1: the exact sign of the real number the element denotes.
      Sign: 'e -> int }

[<RequireQualifiedAccess>]
module Field =

    /// Exact rational arithmetic.
    let rational: FieldOps<Rational> =
        { Zero = Rational.zero
          One = Rational.one
          OfRational = id
          Add = (+)
          Sub = (-)
          Mul = (*)
          Neg = (~-)
          Inv = Rational.inverse
          IsZero = Rational.isZero
          Sign = Rational.sign }
