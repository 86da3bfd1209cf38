namespace EigenVerify.Plots

open System
open System.IO
open ScottPlot

/// Saving plots: PNG or SVG by the file's extension, through a temporary file in the same folder
/// and a rename, so a reader never sees half a picture.
[<RequireQualifiedAccess>]
module PlotFile =

    let mutable private fontReady = false

    /// SkiaSharp's Linux build finds no system fonts without fontconfig, and plots then have no
    /// text: register a TrueType file by path (DejaVu covers the Greek letters of the labels).
    let ensureFont () =
        if not fontReady then
            fontReady <- true
            let candidates =
                [ "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
                  "/usr/share/fonts/dejavu/DejaVuSans.ttf"
                  "/usr/share/fonts/TTF/DejaVuSans.ttf"
                  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf" ]
            match candidates |> List.tryFind File.Exists with
            | Some regular ->
                let name = "EigenVerifyPlotFont"
                Fonts.AddFontFile(name, regular)
                let bold = regular.Replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf").Replace("Sans-Regular", "Sans-Bold")
                if bold <> regular && File.Exists bold then Fonts.AddFontFile(name, bold, bold = true)
                Fonts.Default <- name
            | None -> ()

    /// "png" or "svg", or an error naming the file.
    let format (path: string) : Result<string, string> =
        match Path.GetExtension(path).ToLowerInvariant() with
        | ".png" -> Ok "png"
        | ".svg" -> Ok "svg"
        | e -> Error(sprintf "%s: a plot file must end in .png or .svg, not '%s'" path e)

    /// Writes the plot; the folder must exist.
    [<CompiledName("Save")>]
    let save (plot: Plot) (path: string) (width: int) (height: int) : Result<unit, string> =
        match format path with
        | Error e -> Error e
        | Ok kind ->
            let full = Path.GetFullPath path
            let dir = Path.GetDirectoryName full
            if not (Directory.Exists dir) then
                Error(sprintf "%s: the folder %s does not exist" path dir)
            else
                let tmp = Path.Combine(dir, sprintf ".%s.%s.tmp.%s" (Path.GetFileNameWithoutExtension full) (Guid.NewGuid().ToString("N")) kind)
                try
                    try
                        (if kind = "png" then plot.SavePng(tmp, width, height) else plot.SaveSvg(tmp, width, height)) |> ignore
                        File.Move(tmp, full, true)
                        Ok()
                    with
                    | :? IOException as e -> Error(sprintf "%s: %s" path e.Message)
                    | :? UnauthorizedAccessException -> Error(sprintf "%s: permission denied" path)
                finally
                    if File.Exists tmp then File.Delete tmp
