using ScottPlot;

namespace EigenVerify.Experiments.Figures;

/// <summary>
/// SkiaSharp's Linux build as shipped here finds no system fonts (no fontconfig), and ScottPlot
/// then draws plots with no text at all. Registering a TrueType file by path fixes that; the
/// DejaVu fonts also cover the Greek letters, subscripts and superscripts of our labels.
/// Every plot of the project calls <see cref="Ensure"/> before drawing.
/// </summary>
static class PlotFont
{
    static bool ready;

    public static void Ensure()
    {
        if (ready) return;
        ready = true;
        string[] candidates =
        [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/liberation/LiberationSans-Regular.ttf",
        ];
        var regular = candidates.FirstOrDefault(File.Exists);
        if (regular is null) return; // other systems: SkiaSharp finds fonts itself
        const string name = "EigenVerifyPlotFont";
        Fonts.AddFontFile(name, regular);
        var bold = regular.Replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf").Replace("Sans-Regular", "Sans-Bold");
        if (bold != regular && File.Exists(bold)) Fonts.AddFontFile(name, bold, bold: true);
        Fonts.Default = name;
    }
}
