using System.Globalization;

namespace EigenVerify.Experiments.Regions;

/// <summary>Number formatting shared by region and placement texts.</summary>
public static class RegionText
{
    /// <summary>The exact form when it is short (e.g. <c>20</c>, <c>95/7</c>), else the approximation.</summary>
    public static string Number(string exact, double approx) =>
        exact.Length <= 12 ? exact.Replace("-", "−") : Value(approx);

    public static string Value(double x) => x.ToString("G4", CultureInfo.InvariantCulture).Replace("-", "−");
}
