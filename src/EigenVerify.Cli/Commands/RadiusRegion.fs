namespace EigenVerify.Cli

open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The options of `eigenverify region --radius r`.
type RadiusRegionOptions =
    { Optimizer: string option
      Rule: string option
      /// Omitted: the closed form over the declared domain (degree ≤ 2 in z).
      Params: string option
      Radius: string
      Format: Format }

/// What `region --radius` computed.
type RadiusRegionAnswer =
    | RadiusAt of RadiusRegionReport
    | RadiusClosedForm of RadiusClosedFormReport

/// `eigenverify region --radius r`: {v : every root of p lies in the closed disk |z| ≤ r}.
[<RequireQualifiedAccess>]
module RadiusRegionCommand =

    let private fail msg = raise (UsageError msg)

    /// The radius, checked positive.
    let radius (text: string) =
        let r = RateInputs.rational "--radius" text
        if r.Sign <= 0 then fail (sprintf "--radius must be positive, got %O" r)
        r

    [<CompiledName("Compute")>]
    let compute (o: RadiusRegionOptions) : RadiusRegionAnswer =
        let r = radius o.Radius
        match o.Params with
        | Some _ ->
            let m, values, v, p = RateCommand.charPolyAt o.Optimizer o.Rule o.Params
            match RadiusRegion.compute v p r with
            | Ok g -> RadiusAt { Optimizer = m.Name; Params = values; CharPoly = p; Result = g }
            | Error e -> fail (m.Name + ": " + e)
        | None ->
            let m =
                match RuleSource.load o.Optimizer o.Rule with
                | Ok m -> m
                | Error e -> fail e
            let p, v =
                match ExactMachinery.charPoly m with
                | Ok x -> x
                | Error e -> fail (m.Name + ": " + e)
            match RadiusRegion.closedFormAt v r p with
            | Ok cf ->
                RadiusClosedForm
                    { Optimizer = m.Name
                      Domain = Hyperparameters.modelDomainText m
                      CharPoly = p
                      Radius = r
                      ClosedForm = cf }
            | Error e -> fail (sprintf "%s: %s (give --params for the exact region)" m.Name e)

    [<CompiledName("Run")>]
    let run (o: RadiusRegionOptions) (out: TextWriter) : int =
        match compute o, o.Format with
        | RadiusAt r, Json -> out.WriteLine(Json.serialize (RateJson.radiusRegion r))
        | RadiusAt r, Text -> RateText.radiusRegion r out
        | RadiusAt r, Latex -> RateText.radiusRegionLatex r out
        | RadiusClosedForm r, Json -> out.WriteLine(Json.serialize (RateJson.radiusClosedForm r))
        | RadiusClosedForm r, Text -> RateText.radiusClosedForm r out
        | RadiusClosedForm r, Latex -> RateText.radiusClosedFormLatex r out
        0
