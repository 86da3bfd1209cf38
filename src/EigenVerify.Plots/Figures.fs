namespace EigenVerify.Plots

open System
open ScottPlot

/// The figures, drawn from typed charts. Legends sit outside the data area (right edge) so they
/// never cover it; the eigenvalue is written with its Greek letter.
[<RequireQualifiedAccess>]
module Figures =

    let Width = 1000
    let Height = 600

    let private greek (name: string) =
        match name with
        | "lambda" -> "λ"
        | "mu" -> "μ"
        | "rho" -> "ρ"
        | "alpha" -> "α"
        | "beta" -> "β"
        | "sigma2" -> "σ²"
        | n -> n

    let private regionColor = Color(46uy, 160uy, 67uy, 60uy)
    let private radiusColor = Color(31uy, 119uy, 180uy, 70uy)

    let private clip (lo: float) (hi: float) (b: Band) =
        let a, c = max lo b.Lower, min hi b.Upper
        if a <= c then Some(a, c) else None

    let private newPlot (title: string) =
        PlotFile.ensureFont ()
        let plot = new Plot()
        plot.Title(title, Nullable 18.0f) |> ignore
        plot.Axes.Bottom.Label.FontSize <- 16.0f
        plot.Axes.Left.Label.FontSize <- 16.0f
        plot.Axes.Bottom.TickLabelStyle.FontSize <- 13.0f
        plot.Axes.Left.TickLabelStyle.FontSize <- 13.0f
        plot

    let private legendOutside (plot: Plot) =
        plot.ShowLegend(Edge.Right) |> ignore
        plot.Legend.FontSize <- 14.0f

    /// ρ(M(λ)) over the view, the region and the radius-r region shaded, levels 1 and r dashed.
    [<CompiledName("RateCurve")>]
    let rateCurve (c: RateChart) (path: string) : Result<unit, string> =
        use plot = newPlot c.Title
        let v = greek c.Variable
        let lo, hi = Array.min c.Xs, Array.max c.Xs
        let mutable first = true
        for b in c.Region do
            match clip lo hi b with
            | Some(a, e) ->
                let span = plot.Add.HorizontalSpan(a, e, Nullable regionColor)
                if first then span.LegendText <- sprintf "region: ρ ≤ 1 (exact)"
                first <- false
            | None -> ()
        match c.Radius with
        | Some(r, bands) ->
            let mutable firstR = true
            for b in bands do
                match clip lo hi b with
                | Some(a, e) ->
                    let span = plot.Add.HorizontalSpan(a, e, Nullable radiusColor)
                    if firstR then span.LegendText <- sprintf "ρ ≤ r = %g (exact)" r
                    firstR <- false
                | None -> ()
            let line = plot.Add.HorizontalLine(r, 1.5f, Nullable(Colors.SteelBlue), LinePattern.Dashed)
            line.LegendText <- sprintf "level r = %g" r
        | None -> ()
        let one = plot.Add.HorizontalLine(1.0, 1.5f, Nullable(Colors.Gray), LinePattern.Dashed)
        one.LegendText <- "level 1"
        let curve = plot.Add.Scatter(c.Xs, c.Rates, Nullable(Colors.Black))
        curve.MarkerSize <- 0.0f
        curve.LineWidth <- 2.0f
        curve.LegendText <- sprintf "ρ(M(%s))" v
        if not c.RegionPoints.IsEmpty then
            let pts = c.RegionPoints |> List.filter (fun x -> x >= lo && x <= hi) |> Array.ofList
            let m = plot.Add.Markers(pts, pts |> Array.map (fun _ -> 1.0), MarkerShape.FilledCircle, 8.0f, Nullable(Colors.DarkGreen))
            m.LegendText <- "isolated point of the region"
        let top = c.Rates |> Array.filter Double.IsFinite |> Array.fold max 1.0
        plot.Axes.SetLimits(lo, hi, 0.0, min (top * 1.05) 3.0)
        plot.XLabel(sprintf "%s (eigenvalue)" v) |> ignore
        plot.YLabel("spectral radius ρ") |> ignore
        legendOutside plot
        PlotFile.save plot path Width Height

    /// The stability diagram: exact boundary points over a numeric grid scan.
    [<CompiledName("Stability")>]
    let stability (c: StabilityChart) (path: string) : Result<unit, string> =
        use plot = newPlot c.Title
        let split (pts: (float * float)[]) = pts |> Array.map fst, pts |> Array.map snd
        if c.GridStable.Length > 0 then
            let xs, ys = split c.GridStable
            let m = plot.Add.Markers(xs, ys, MarkerShape.FilledSquare, 4.0f, Nullable(Color(46uy, 160uy, 67uy, 110uy)))
            m.LegendText <- "grid scan: stable (numeric roots)"
        if c.GridUnstable.Length > 0 then
            let xs, ys = split c.GridUnstable
            let m = plot.Add.Markers(xs, ys, MarkerShape.FilledSquare, 4.0f, Nullable(Color(214uy, 39uy, 40uy, 60uy)))
            m.LegendText <- "grid scan: unstable"
        if c.Boundary.Length > 0 then
            let xs, ys = split c.Boundary
            let m = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 3.0f, Nullable(Colors.Black))
            m.LegendText <- "boundary (exact roots)"
        plot.Axes.SetLimits(c.XRange.Lower, c.XRange.Upper, c.YRange.Lower, c.YRange.Upper)
        plot.XLabel(greek c.XName) |> ignore
        plot.YLabel(greek c.YName) |> ignore
        legendOutside plot
        PlotFile.save plot path Width Height

    /// The catalog's regions, one row per rule, on one eigenvalue axis.
    [<CompiledName("Catalog")>]
    let catalog (c: CatalogChart) (path: string) : Result<unit, string> =
        use plot = newPlot c.Title
        let n = c.Rows.Length
        c.Rows
        |> List.iteri (fun i row ->
            let y = float (n - 1 - i)
            for b in row.Bands do
                match clip c.View.Lower c.View.Upper b with
                | Some(a, e) ->
                    let rect = plot.Add.Rectangle(a, e, y - 0.3, y + 0.3)
                    rect.FillStyle.Color <- Color(46uy, 160uy, 67uy, 150uy)
                    rect.LineStyle.Width <- 0.0f
                | None -> ()
            let pts = row.Points |> List.filter (fun x -> x >= c.View.Lower && x <= c.View.Upper) |> Array.ofList
            if pts.Length > 0 then
                plot.Add.Markers(pts, pts |> Array.map (fun _ -> y), MarkerShape.FilledDiamond, 10.0f, Nullable(Colors.DarkGreen)) |> ignore)
        let positions = [| for i in 0 .. n - 1 -> float (n - 1 - i) |]
        let labels = c.Rows |> List.map (fun r -> sprintf "%s\n%s" r.Rule r.Values) |> Array.ofList
        plot.Axes.Left.SetTicks(positions, labels)
        plot.Axes.Left.TickLabelStyle.FontSize <- 12.0f
        plot.Axes.SetLimits(c.View.Lower, c.View.Upper, -0.7, float n - 0.3)
        plot.XLabel("eigenvalue (λ, or μ for preconditioned rules)") |> ignore
        PlotFile.save plot path Width (max Height (70 * n + 120))

    /// The (λ, σ²) mean-square region with measured runs on top.
    [<CompiledName("MeanSquare")>]
    let meanSquare (c: MeanSquareChart) (path: string) : Result<unit, string> =
        use plot = newPlot c.Title
        let v = greek c.Variable
        let finite = c.MaxVariance |> Array.filter Double.IsFinite
        let measuredTop = c.Measured |> List.map (fun p -> p.Variance) |> List.fold max 0.0
        let top = (Array.fold max 0.0 finite |> max measuredTop) * 1.1 |> max 1.0
        // contiguous stretches where some σ² is stable, filled from 0 to the limit
        let segments =
            Array.zip c.Lambdas c.MaxVariance
            |> Array.fold
                (fun (acc: (float * float) list list) (x, s) ->
                    if Double.IsNaN s then [] :: acc
                    else
                        match acc with
                        | cur :: rest -> ((x, min s top) :: cur) :: rest
                        | [] -> [ [ x, min s top ] ])
                [ [] ]
            |> List.map List.rev
            |> List.filter (fun s -> s.Length >= 2)
            |> List.rev
        segments
        |> List.iteri (fun i seg ->
            let xs = seg |> List.map fst |> Array.ofList
            let ys = seg |> List.map snd |> Array.ofList
            let fill = plot.Add.FillY(xs, ys, Array.zeroCreate xs.Length)
            fill.FillStyle.Color <- Color(46uy, 160uy, 67uy, 70uy)
            fill.LineStyle.Width <- 0.0f
            if i = 0 then fill.LegendText <- "mean-square stable (exact)"
            let edge = plot.Add.Scatter(xs, ys, Nullable(Colors.DarkGreen))
            edge.MarkerSize <- 0.0f
            edge.LineWidth <- 2.0f
            if i = 0 then edge.LegendText <- "σ²max(" + v + ")")
        if not c.Measured.IsEmpty then
            let xs = c.Measured |> List.map (fun p -> p.Lambda) |> Array.ofList
            let ys = c.Measured |> List.map (fun p -> p.Variance) |> Array.ofList
            let m = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 8.0f, Nullable(Colors.Crimson))
            m.LegendText <- "measured runs"
        plot.Axes.SetLimits(Array.min c.Lambdas, Array.max c.Lambdas, 0.0, top)
        plot.XLabel(sprintf "%s (mean curvature)" v) |> ignore
        plot.YLabel("σ² = Var[a_B] (batch variance)") |> ignore
        legendOutside plot
        PlotFile.save plot path Width Height
