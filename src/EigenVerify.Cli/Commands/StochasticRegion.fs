namespace EigenVerify.Cli

open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The options of `eigenverify region --stochastic`.
type StochasticRegionOptions =
    { Optimizer: string option
      Rule: string option
      /// Omitted: the (v, σ²) closed form (rules affine in the eigenvalue).
      Params: string option
      Batch: int option
      Samples: int option
      /// s², the per-sample curvatures' population variance.
      Spread: string option
      /// A file of per-sample curvatures.
      Curvatures: string option
      Format: Format }

/// What `region --stochastic` computed.
type StochasticRegionAnswer =
    | StochasticAt of StochasticRegionReport
    | StochasticClosedForm of StochasticClosedFormReport

/// `eigenverify region --stochastic`: the minibatch mean-square region, exactly.
[<RequireQualifiedAccess>]
module StochasticRegionCommand =

    let private fail msg = raise (UsageError msg)

    let private orFail (context: string) (r: Result<'a, string>) =
        match r with
        | Ok x -> x
        | Error e -> fail (if context = "" then e else context + ": " + e)

    /// The rule, its mean-square subject and the noise model with the inputs as given.
    let noise (s: MeanSquareSubject) (o: StochasticRegionOptions) : NoiseModel * StochasticInputs =
        let batch =
            match o.Batch with
            | Some b -> b
            | None -> fail "--batch B is required with --stochastic (the minibatch size)"
        match o.Spread, o.Curvatures with
        | Some _, Some _ -> fail "give either --spread s2 or --curvatures FILE, not both"
        | None, None -> fail "give --spread s2 (the per-sample curvatures' variance) or --curvatures FILE (the curvatures themselves)"
        | Some text, None ->
            let n =
                match o.Samples with
                | Some n -> n
                | None -> fail "--samples n is required with --spread (the number of samples batches are drawn from)"
            let spread = RateInputs.rational "--spread" text
            if spread.Sign < 0 then fail (sprintf "--spread must be non-negative, got %O" spread)
            let sampling = BatchSampling.create n batch |> orFail "--batch/--samples"
            SampleSpread(sampling, spread),
            { Batch = batch
              Samples = n
              Factor = sampling.Factor
              Spread = Some spread
              CurvaturesFile = None
              CurvatureCount = None }
        | None, Some file ->
            let values = RateInputs.curvatures file
            match o.Samples with
            | Some n when n <> values.Length ->
                fail (sprintf "--samples %d disagrees with the %d curvatures in %s (leave --samples out with --curvatures)" n values.Length file)
            | _ -> ()
            let moments = BatchMoments.ofCurvatures batch (MeanSquare.momentOrder s) values |> orFail "--curvatures"
            CurvatureList moments,
            { Batch = batch
              Samples = values.Length
              Factor = moments.Sampling.Factor
              Spread = None
              CurvaturesFile = Some file
              CurvatureCount = Some values.Length }

    [<CompiledName("Compute")>]
    let compute (o: StochasticRegionOptions) : StochasticRegionAnswer =
        let m = RuleSource.load o.Optimizer o.Rule |> orFail ""
        match o.Params with
        | Some _ ->
            let values = RateInputs.parameters m o.Params
            // at values a rule with denominators has rational coefficients too
            let s = MeanSquare.subjectAt m values |> orFail m.Name
            let model, inputs = noise s o
            let region = MeanSquare.regionAt s values model |> orFail m.Name
            StochasticAt { Inputs = inputs; Region = region }
        | None ->
            if o.Spread.IsSome || o.Curvatures.IsSome || o.Batch.IsSome || o.Samples.IsSome then
                fail "--batch, --samples, --spread and --curvatures need --params; without --params, region --stochastic prints the (eigenvalue, sigma2) closed form"
            let s = MeanSquare.subject m |> orFail m.Name
            let cf = MeanSquare.closedForm s |> orFail ""
            StochasticClosedForm { Domain = Hyperparameters.modelDomainText m; ClosedForm = cf }

    [<CompiledName("Run")>]
    let run (o: StochasticRegionOptions) (out: TextWriter) : int =
        match compute o, o.Format with
        | StochasticAt r, Json -> out.WriteLine(Json.serialize (RateJson.stochasticRegion r))
        | StochasticAt r, Text -> RateText.stochasticRegion r out
        | StochasticAt r, Latex -> RateText.stochasticRegionLatex r out
        | StochasticClosedForm r, Json -> out.WriteLine(Json.serialize (RateJson.stochasticClosedForm r))
        | StochasticClosedForm r, Text -> RateText.stochasticClosedForm r out
        | StochasticClosedForm r, Latex -> RateText.stochasticClosedFormLatex r out
        0
