namespace EigenVerify.Filtering

open System
open System.Numerics
open EigenVerify.Algebra

/// Floating-point evaluation of spectral radii and worst cases, used only to steer searches:
/// which box to split, where to look for an optimum, which equations look active. No value
/// computed here is ever reported or used as a decision; every answer is re-derived exactly.
[<RequireQualifiedAccess>]
module internal NumericGuide =

    /// A polynomial compiled for fast evaluation at points given as arrays in `variables` order.
    type Compiled =
        private
            { Terms: (float * (int * int)[])[] }

    let compile (variables: string list) (p: MPoly) =
        let index v =
            match List.tryFindIndex ((=) v) variables with
            | Some i -> i
            | None -> invalidArg "variables" (sprintf "variable '%s' has no slot" v)

        { Terms =
            MPoly.terms p
            |> List.map (fun (m, c) -> Rational.toFloat c, m |> Map.toArray |> Array.map (fun (v, e) -> index v, e))
            |> Array.ofList }

    let eval (c: Compiled) (x: float[]) =
        let mutable acc = 0.0

        for coeff, powers in c.Terms do
            let mutable t = coeff

            for i, e in powers do
                t <- t * Math.Pow(x.[i], float e)

            acc <- acc + t

        acc

    /// |f(x)| relative to the sum of the absolute values of its terms: how nearly f vanishes,
    /// independent of the scale of f.
    let relativeResidual (c: Compiled) (x: float[]) =
        let mutable acc = 0.0
        let mutable scale = 0.0

        for coeff, powers in c.Terms do
            let mutable t = coeff

            for i, e in powers do
                t <- t * Math.Pow(x.[i], float e)

            acc <- acc + t
            scale <- scale + abs t

        if scale = 0.0 then 0.0 else abs acc / scale

    /// Largest root modulus of the monic polynomial with coefficients a (lowest first, the leading
    /// 1 included): closed forms up to degree 2, Durand–Kerner iteration beyond.
    let radius (a: float[]) =
        let n = a.Length - 1

        match n with
        | 1 -> abs a.[0]
        | 2 ->
            let d = a.[1] * a.[1] - 4.0 * a.[0]
            if d >= 0.0 then (abs a.[1] + sqrt d) / 2.0 else sqrt (abs a.[0])
        | _ ->
            let p (z: Complex) =
                let mutable acc = Complex.One

                for i in n - 1 .. -1 .. 0 do
                    acc <- acc * z + Complex(a.[i], 0.0)

                acc

            let bound = 1.0 + (a |> Array.take n |> Array.map abs |> Array.max)
            let roots = Array.init n (fun k -> Complex.FromPolarCoordinates(bound * 0.9, 0.4 + 2.0 * Math.PI * float k / float n))

            let mutable moved = infinity
            let mutable iterations = 0

            while moved > 1e-14 && iterations < 500 do
                moved <- 0.0

                for k in 0 .. n - 1 do
                    let mutable den = Complex.One

                    for j in 0 .. n - 1 do
                        if j <> k then
                            den <- den * (roots.[k] - roots.[j])

                    if den <> Complex.Zero then
                        let step = p roots.[k] / den
                        roots.[k] <- roots.[k] - step
                        moved <- max moved (step.Magnitude / (1.0 + roots.[k].Magnitude))

                iterations <- iterations + 1

            roots |> Array.map (fun z -> z.Magnitude) |> Array.max

    /// A characteristic polynomial p(z; v, θ) compiled for radius evaluations; slot 0 of a point
    /// is v, then the parameters in the given order.
    type Family =
        private
            { Coefficients: Compiled[] }

    let family (variable: string) (parameters: string list) (p: MPoly) =
        let cs = MPoly.coeffsIn "z" p
        { Coefficients = cs |> Array.map (compile (variable :: parameters)) }

    /// The family at fixed θ: per coefficient of z, its coefficients as a polynomial in v.
    let private specialize (f: Family) (theta: float[]) =
        f.Coefficients
        |> Array.map (fun c ->
            let degree = c.Terms |> Array.fold (fun d (_, powers) -> powers |> Array.fold (fun d (i, e) -> if i = 0 then max d e else d) d) 0
            let inV = Array.zeroCreate (degree + 1)

            for coeff, powers in c.Terms do
                let mutable t = coeff
                let mutable k = 0

                for i, e in powers do
                    if i = 0 then k <- e else t <- t * Math.Pow(theta.[i - 1], float e)

                inV.[k] <- inV.[k] + t

            inV)

    /// The radius at v of the specialised family, the coefficients in z written into `buffer`.
    let private radiusOfSpecialized (inV: float[][]) (buffer: float[]) (v: float) =
        for k in 0 .. inV.Length - 1 do
            let cs = inV.[k]
            let mutable acc = 0.0

            for i in cs.Length - 1 .. -1 .. 0 do
                acc <- acc * v + cs.[i]

            buffer.[k] <- acc

        radius buffer

    let radiusAt (f: Family) (v: float) (theta: float[]) =
        radiusOfSpecialized (specialize f theta) (Array.zeroCreate f.Coefficients.Length) v

    /// max over v in [lo, hi] of the radius, from a uniform grid refined by golden-section search
    /// around the best grid point; returns (value, where).
    let worstCase (f: Family) (lo: float) (hi: float) (theta: float[]) =
        let cells = 200
        let inV = specialize f theta
        let buffer = Array.zeroCreate inV.Length
        let at v = radiusOfSpecialized inV buffer v
        let grid = Array.init (cells + 1) (fun i -> if i = cells then hi else lo + (hi - lo) * float i / float cells)
        let values = grid |> Array.map at
        let best = values |> Array.mapi (fun i v -> i, v) |> Array.maxBy snd |> fst
        let mutable a = grid.[max 0 (best - 1)]
        let mutable b = grid.[min cells (best + 1)]
        let g = (sqrt 5.0 - 1.0) / 2.0

        for _ in 1..45 do
            let c = b - g * (b - a)
            let d = a + g * (b - a)
            if at c >= at d then b <- d else a <- c

        let mid = (a + b) / 2.0
        let refined = at mid
        if refined > values.[best] then refined, mid else values.[best], grid.[best]

    /// Minimizes f over the box by a grid scan followed by Nelder–Mead from the best grid points,
    /// every trial point clamped into the box.
    let minimize (f: float[] -> float) (lower: float[]) (upper: float[]) =
        let d = lower.Length
        let clamp (x: float[]) = Array.init d (fun i -> min upper.[i] (max lower.[i] x.[i]))
        let per = if d = 1 then 400 else 40

        let grid =
            if d = 1 then
                [ for i in 0..per -> [| lower.[0] + (upper.[0] - lower.[0]) * float i / float per |] ]
            else
                [ for i in 0..per do
                      for j in 0..per ->
                          [| lower.[0] + (upper.[0] - lower.[0]) * float i / float per
                             lower.[1] + (upper.[1] - lower.[1]) * float j / float per |] ]

        let scored = grid |> List.map (fun x -> f x, x) |> List.sortBy fst

        let nelderMead (start: float[]) =
            let step = Array.init d (fun i -> (upper.[i] - lower.[i]) / float per)
            let mutable pts = Array.init (d + 1) (fun k -> clamp (Array.init d (fun i -> start.[i] + (if k = i + 1 then step.[i] else 0.0))))
            let mutable vals = pts |> Array.map f
            let mutable iter = 0

            // the simplex's extent relative to the box, per coordinate
            let size () =
                pts
                |> Array.map (fun p -> Array.init d (fun i -> abs (p.[i] - pts.[0].[i]) / (upper.[i] - lower.[i])) |> Array.max)
                |> Array.max

            while iter < 2000 && size () > 1e-13 do
                let order = Array.init (d + 1) id |> Array.sortBy (fun k -> vals.[k])
                pts <- order |> Array.map (fun k -> pts.[k])
                vals <- order |> Array.map (fun k -> vals.[k])
                let centroid = Array.init d (fun i -> (pts |> Array.take d |> Array.sumBy (fun p -> p.[i])) / float d)
                let towards (t: float) = clamp (Array.init d (fun i -> centroid.[i] + t * (pts.[d].[i] - centroid.[i])))
                let xr = towards -1.0
                let fr = f xr

                if fr < vals.[0] then
                    let xe = towards -2.0
                    let fe = f xe
                    if fe < fr then (pts.[d] <- xe; vals.[d] <- fe) else (pts.[d] <- xr; vals.[d] <- fr)
                elif fr < vals.[d - 1] then
                    pts.[d] <- xr
                    vals.[d] <- fr
                else
                    let xc = towards 0.5
                    let fc = f xc

                    if fc < vals.[d] then
                        pts.[d] <- xc
                        vals.[d] <- fc
                    else
                        for k in 1..d do
                            pts.[k] <- clamp (Array.map2 (fun a b -> a + 0.5 * (b - a)) pts.[0] pts.[k])
                            vals.[k] <- f pts.[k]

                iter <- iter + 1

            let k = Array.init (d + 1) id |> Array.minBy (fun k -> vals.[k])
            vals.[k], pts.[k]

        scored |> List.truncate 3 |> List.map (fun (_, x) -> nelderMead x) |> List.minBy fst
