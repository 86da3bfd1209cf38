namespace EigenVerify.Cli

open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// Text and LaTeX of the rate, tuning, radius and mean-square reports (for people; JSON is the
/// contract).
[<RequireQualifiedAccess>]
module RateText =

    /// "9/11 = 0.81818181818181818181…" (the digits are certified, truncated).
    let number (a: AlgebraicNumber) =
        let exact = AlgebraicNumber.toString a
        let digits = AlgebraicNumber.toDecimal RateReport.Digits a
        if exact = digits then exact else sprintf "%s = %s..." exact digits

    let private paramsText (ps: (string * Rational) list) =
        if ps.IsEmpty then "(none)" else ps |> List.map (fun (k, v) -> sprintf "%s = %O" k v) |> String.concat ", "

    let private charPoly (variable: string) (p: MPoly) = PolyText.charPoly (RateReport.variableOf variable) p

    let private latexNumber (a: AlgebraicNumber) = AlgebraicNumber.toLatex a

    let private latexRational (x: Rational) = AlgebraicNumber.toLatex (AlgebraicNumber.ofRational x)

    let private latexParams (ps: (string * Rational) list) =
        ps |> List.map (fun (k, v) -> sprintf "%s = %s" (LaTeX.symbol k) (latexRational v)) |> String.concat ",\\ "

    let rateAt (r: RateAtReport) (out: TextWriter) =
        out.WriteLine(sprintf "optimizer: %s" r.Optimizer)
        out.WriteLine(sprintf "params: %s" (paramsText r.Params))
        out.WriteLine(sprintf "p(z) = %s" (charPoly r.Variable r.CharPoly))
        out.WriteLine(sprintf "%s = %O" r.Variable r.Eigenvalue)
        out.WriteLine(sprintf "rate rho(M(%s)) = %s" r.Variable (number r.Radius.Radius))
        out.WriteLine(sprintf "rho^2 = %s" (number r.Radius.RadiusSquared))
        match r.Radius.RealRootsOnCircle with
        | [] -> out.WriteLine "dominant roots: a complex-conjugate pair"
        | xs -> out.WriteLine(sprintf "dominant real roots: %s" (xs |> List.map AlgebraicNumber.toString |> String.concat ", "))

    let rateAtLatex (r: RateAtReport) (out: TextWriter) =
        out.WriteLine(sprintf "\\rho\\bigl(M(%s)\\bigr) = %s \\quad (%s = %s;\\ %s)" (LaTeX.symbol r.Variable) (latexNumber r.Radius.Radius) (LaTeX.symbol r.Variable) (latexRational r.Eigenvalue) (latexParams r.Params))

    let worstCase (r: WorstCaseReport) (out: TextWriter) =
        let w = r.Worst
        out.WriteLine(sprintf "optimizer: %s" r.Optimizer)
        out.WriteLine(sprintf "params: %s" (paramsText r.Params))
        out.WriteLine(sprintf "p(z) = %s" (charPoly w.Variable r.CharPoly))
        out.WriteLine(sprintf "spectrum: %s in [%O, %O]" w.Variable w.Lower w.Upper)
        out.WriteLine(sprintf "worst-case rate max rho(M(%s)) = %s" w.Variable (number w.Rate))
        out.WriteLine(sprintf "attained at: %s" (Region.toText w.AttainedAt))
        out.WriteLine(sprintf "candidates (%d, each exact):" w.Candidates.Length)
        for c in w.Candidates do
            out.WriteLine(
                sprintf "  %s = %s: rate %s (%s)" w.Variable (AlgebraicNumber.toString c.At) (number (AlgebraicArithmetic.sqrt c.RateSquared)) (c.Reasons |> List.map RateReport.reasonText |> String.concat ", ")
            )

    let worstCaseLatex (r: WorstCaseReport) (out: TextWriter) =
        let w = r.Worst
        let v = LaTeX.symbol w.Variable
        out.WriteLine(
            sprintf "\\max_{%s \\in [%s, %s]} \\rho\\bigl(M(%s)\\bigr) = %s,\\quad \\text{attained at } %s \\in %s \\quad (%s)" v (latexRational w.Lower) (latexRational w.Upper) v (latexNumber w.Rate) v (Region.toLatex w.AttainedAt) (latexParams r.Params)
        )

    let tune (r: TuneReport) (out: TextWriter) =
        let t = r.Result
        out.WriteLine(sprintf "optimizer: %s" t.Rule)
        out.WriteLine(sprintf "spectrum: %s in [%O, %O]" t.Variable t.Lower t.Upper)
        if not t.Fixed.IsEmpty then out.WriteLine(sprintf "fixed: %s" (paramsText t.Fixed))
        out.WriteLine "searched box:"
        for b in r.Boxes do
            out.WriteLine(sprintf "  %s in [%O, %O] (%s)" b.Parameter.Name b.Parameter.Min b.Parameter.Max b.Origin)
        out.WriteLine "optimum:"
        for n, x in t.Parameters do
            out.WriteLine(sprintf "  %s* = %s" n (number x))
        out.WriteLine(sprintf "worst-case rate: %s" (number t.Rate))
        match t.Recognised with
        | [] ->
            // say when the point was moved onto a face of the box (Tuning keeps the better one)
            let onFace =
                t.Parameters
                |> List.choose (fun (n, x) ->
                    t.Free
                    |> List.tryFind (fun q -> q.Name = n)
                    |> Option.bind (fun q ->
                        match AlgebraicNumber.tryRational x with
                        | Some v when v = q.Min || v = q.Max -> Some(sprintf "%s = %O" n v)
                        | _ -> None))
            let where = if onFace.IsEmpty then "" else sprintf " (on the box's face %s)" (String.concat ", " onFace)
            out.WriteLine(sprintf "exact optimum: not recognised; the point is a rational next to the numeric optimum%s, its rate exact" where)
        | cs ->
            out.WriteLine "exact optimum: solves"
            for c in cs do
                out.WriteLine("  " + ActiveCondition.text t.Variable c)
        out.WriteLine(sprintf "rate checked by: %s" (RateReport.rateCheckText t.RateCheck))
        out.WriteLine(sprintf "certificate: %s" (RateReport.certificateText t.Optimality t.Epsilon))
        for n in t.OutsideDomain do
            out.WriteLine(sprintf "note: %s* is an excluded end of the rule's domain: the optimum is approached, not attained" n)

    let tuneLatex (r: TuneReport) (out: TextWriter) =
        let t = r.Result
        let theta = t.Parameters |> List.map (fun (n, x) -> sprintf "%s^* = %s" (LaTeX.symbol n) (latexNumber x)) |> String.concat ",\\ "
        out.WriteLine(sprintf "%s,\\quad \\max_{%s \\in [%s, %s]} \\rho = %s" theta (LaTeX.symbol t.Variable) (latexRational t.Lower) (latexRational t.Upper) (latexNumber t.Rate))

    let radiusRegion (r: RadiusRegionReport) (out: TextWriter) =
        let g = r.Result
        out.WriteLine(sprintf "optimizer: %s" r.Optimizer)
        out.WriteLine(sprintf "variable: %s" g.Variable)
        out.WriteLine(sprintf "params: %s" (paramsText r.Params))
        out.WriteLine(sprintf "radius: r = %O" g.Radius)
        out.WriteLine(sprintf "p(z) = %s" (charPoly g.Variable r.CharPoly))
        out.WriteLine(sprintf "radius-r region (every root |z| <= %O): %s" g.Radius (Region.toText g.Region))
        for i in g.Region.Intervals do
            let e (b: Bound option) = b |> Option.map (fun b -> sprintf "%.17g" (AlgebraicNumber.toFloat b.Value)) |> Option.defaultValue "inf"
            out.WriteLine(sprintf "  interval ~ [%s, %s]" (e i.Lower) (e i.Upper))
        for p in g.Region.Points do
            out.WriteLine(sprintf "  isolated point ~ %.17g" (AlgebraicNumber.toFloat p))

    let radiusRegionLatex (r: RadiusRegionReport) (out: TextWriter) =
        out.WriteLine(sprintf "%s \\in %s \\quad (r = %s;\\ %s)" (LaTeX.symbol r.Result.Variable) (Region.toLatex r.Result.Region) (latexRational r.Result.Radius) (latexParams r.Params))

    let radiusClosedForm (r: RadiusClosedFormReport) (out: TextWriter) =
        let v = RateReport.variableOf r.ClosedForm.Variable
        out.WriteLine(sprintf "optimizer: %s" r.Optimizer)
        out.WriteLine(sprintf "domain: %s" r.Domain)
        out.WriteLine(sprintf "p(z) = %s" (charPoly r.ClosedForm.Variable r.CharPoly))
        out.WriteLine(sprintf "radius-r region, r = %O: every root |z| <= %O exactly when" r.Radius r.Radius)
        for c in r.ClosedForm.Conditions do
            out.WriteLine(sprintf "  %s >= 0   (from %s)" (PolyText.toText v c.Condition) c.Origin)

    let radiusClosedFormLatex (r: RadiusClosedFormReport) (out: TextWriter) =
        let conditions = r.ClosedForm.Conditions |> List.map (fun c -> LaTeX.polynomial c.Condition + " \\ge 0") |> String.concat ",\\ "
        out.WriteLine(sprintf "R_{%s} = \\{ %s : %s \\}" (latexRational r.Radius) (LaTeX.symbol r.ClosedForm.Variable) conditions)

    let stochasticRegion (r: StochasticRegionReport) (out: TextWriter) =
        let g = r.Region
        let i = r.Inputs
        out.WriteLine(sprintf "optimizer: %s" g.Optimizer)
        out.WriteLine(sprintf "params: %s" (paramsText g.Params))
        out.WriteLine(sprintf "model: batches of B = %d out of n = %d without replacement, p = (n-B)/(B(n-1)) = %O" i.Batch i.Samples i.Factor)
        match i.Spread, i.CurvaturesFile with
        | Some s, _ -> out.WriteLine(sprintf "per-sample spread s^2 = %O, batch variance sigma^2 = p*s^2 = %O" s g.BatchVariance)
        | None, Some f ->
            out.WriteLine(sprintf "curvatures: %d values from %s, batch variance sigma^2 = %O" (defaultArg i.CurvatureCount 0) f g.BatchVariance)
            out.WriteLine(sprintf "central moments of the batch curvature used (orders 0..%d): %s" (g.CentralMoments.Length - 1) (g.CentralMoments |> Array.map string |> String.concat ", "))
        | None, None -> ()
        out.WriteLine(sprintf "q(z) = det(zI - E[M(a) (x) M(a)]) = %s" (charPoly g.Variable g.LiftedCharPoly))
        out.WriteLine(sprintf "mean-square region (rho(E[M (x) M]) <= 1): %s" (Region.toText g.Region))
        for iv in g.Region.Intervals do
            let e (b: Bound option) = b |> Option.map (fun b -> sprintf "%.17g" (AlgebraicNumber.toFloat b.Value)) |> Option.defaultValue "inf"
            out.WriteLine(sprintf "  interval ~ [%s, %s]" (e iv.Lower) (e iv.Upper))
        match g.ListMeanInside with
        | Some inside -> out.WriteLine(sprintf "the list's own mean is %s the region" (if inside then "inside" else "outside"))
        | None -> ()

    let stochasticRegionLatex (r: StochasticRegionReport) (out: TextWriter) =
        let g = r.Region
        out.WriteLine(sprintf "%s \\in %s \\quad (\\sigma^2 = %s;\\ %s)" (LaTeX.symbol g.Variable) (Region.toLatex g.Region) (latexRational g.BatchVariance) (latexParams g.Params))

    let stochasticClosedForm (r: StochasticClosedFormReport) (out: TextWriter) =
        let cf = r.ClosedForm
        out.WriteLine(sprintf "optimizer: %s" cf.Optimizer)
        out.WriteLine(sprintf "domain: %s" r.Domain)
        out.WriteLine(sprintf "mean-square region in (%s, sigma2), sigma2 = Var[a_B] = p*s^2:" cf.Variable)
        out.WriteLine(sprintf "  sigma2 >= 0")
        for c in cf.Conditions do
            out.WriteLine(sprintf "  %s >= 0" (MPoly.toString c))
        out.WriteLine(sprintf "boundary: %s = 0 (rho(E[M (x) M]) = 1 there)" (MPoly.toString cf.Boundary))

    let stochasticClosedFormLatex (r: StochasticClosedFormReport) (out: TextWriter) =
        let cf = r.ClosedForm
        let conditions = ("\\sigma^2 \\ge 0" :: (cf.Conditions |> List.map (fun c -> LaTeX.polynomial c + " \\ge 0"))) |> String.concat ",\\ "
        // the noise variable is named sigma2 in the polynomials; in LaTeX it is the variance σ²
        out.WriteLine((sprintf "R = \\{ (%s, \\sigma^2) : %s \\}" (LaTeX.symbol cf.Variable) conditions).Replace("\\sigma_{2}", "\\sigma^{2}"))
