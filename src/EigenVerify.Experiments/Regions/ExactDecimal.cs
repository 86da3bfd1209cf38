using System.Globalization;
using System.Numerics;

namespace EigenVerify.Experiments.Regions;

/// <summary>Hyperparameters as exact rationals for the core (it takes no floats).</summary>
public static class ExactDecimal
{
    /// <summary>
    /// The rational with the shortest decimal expansion that round-trips to <paramref name="x"/>,
    /// e.g. 0.1 → <c>1/10</c>, 0.05 → <c>1/20</c>, 2 → <c>2</c>: the number the user wrote in the
    /// config, not the binary float nearest to it.
    /// </summary>
    public static string ToRational(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentException($"{x} is not a finite number");
        var text = x.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        if (negative) text = text[1..];
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
            text = text.Remove(dot, 1);
        }
        var numerator = BigInteger.Parse(text, CultureInfo.InvariantCulture);
        var denominator = BigInteger.One;
        if (exponent >= 0) numerator *= BigInteger.Pow(10, exponent);
        else denominator = BigInteger.Pow(10, -exponent);
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }
        var sign = negative && !numerator.IsZero ? "-" : "";
        return denominator.IsOne ? $"{sign}{numerator}" : $"{sign}{numerator}/{denominator}";
    }
}
