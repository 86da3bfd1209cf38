using ScottPlot;

namespace EigenVerify.Experiments.Figures;

/// <summary>Saves plots as PNG files atomically (see <see cref="AtomicFile"/>).</summary>
public static class PlotFiles
{
    public static void SavePng(Plot plot, string path, int width, int height) =>
        AtomicFile.Write(path, tmp => plot.SavePng(tmp, width, height));

    public static void SavePng(Multiplot plot, string path, int width, int height) =>
        AtomicFile.Write(path, tmp => plot.SavePng(tmp, width, height));
}
