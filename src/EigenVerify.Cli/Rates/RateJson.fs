namespace EigenVerify.Cli

open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// JSON of the rate, tuning, radius and mean-square reports. Field names are a contract
/// (README, "JSON fields"): add, never rename. Exact numbers are {"exact", "approx", "digits"}.
[<RequireQualifiedAccess>]
module RateJson =

    let private str (x: Rational) = JString(string x)

    /// An exact real: its exact form, the nearest double, and certified significant digits.
    let number (a: AlgebraicNumber) =
        JObject
            [ "exact", JString(AlgebraicNumber.toString a)
              "approx", JNumber(AlgebraicNumber.toFloat a)
              "digits", JString(AlgebraicNumber.toDecimal RateReport.Digits a) ]

    let private bound (b: Bound) =
        JObject [ "exact", JString(AlgebraicNumber.toString b.Value); "approx", JNumber(AlgebraicNumber.toFloat b.Value); "closed", JBool b.Closed ]

    let private paramsJson (ps: (string * Rational) list) = JObject(ps |> List.map (fun (k, v) -> k, str v))

    /// The interval schema of `region --params` ("intervals", "points").
    let regionFields (r: Region) =
        [ "intervals",
          JArray(
              r.Intervals
              |> List.map (fun i ->
                  JObject
                      [ "lower", (i.Lower |> Option.map bound |> Option.defaultValue JNull)
                        "upper", (i.Upper |> Option.map bound |> Option.defaultValue JNull) ])
          )
          "points",
          JArray(r.Points |> List.map (fun p -> JObject [ "exact", JString(AlgebraicNumber.toString p); "approx", JNumber(AlgebraicNumber.toFloat p) ])) ]

    let private charPolyAt (variable: string) (p: MPoly) = JString(PolyText.charPoly (RateReport.variableOf variable) p)

    let rateAt (r: RateAtReport) =
        let dominant = if r.Radius.RealRootsOnCircle.IsEmpty then "complex pair" else "real"
        JObject
            [ "optimizer", JString r.Optimizer
              "variable", JString r.Variable
              "params", paramsJson r.Params
              "charpoly", charPolyAt r.Variable r.CharPoly
              "eigenvalue", str r.Eigenvalue
              "rate", number r.Radius.Radius
              "rateSquared", number r.Radius.RadiusSquared
              "dominant", JString dominant
              "realRootsOnCircle", JArray(r.Radius.RealRootsOnCircle |> List.map number) ]

    let worstCase (r: WorstCaseReport) =
        let w = r.Worst
        JObject
            [ "optimizer", JString r.Optimizer
              "variable", JString w.Variable
              "params", paramsJson r.Params
              "charpoly", charPolyAt w.Variable r.CharPoly
              "spectrum", JObject [ "lower", str w.Lower; "upper", str w.Upper ]
              "rate", number w.Rate
              "rateSquared", number w.RateSquared
              "attainedAt", JObject(regionFields w.AttainedAt)
              "candidates",
              JArray(
                  w.Candidates
                  |> List.map (fun c ->
                      JObject
                          [ "at", number c.At
                            "rate", number (AlgebraicArithmetic.sqrt c.RateSquared)
                            "reasons", JArray(c.Reasons |> List.map (RateReport.reasonText >> JString)) ])
              ) ]

    let private certificate (c: OptimalityCertificate) (epsilon: Rational) =
        let kind = "kind", JString(RateReport.certificateKind c)
        match c with
        | ExactGlobal argument -> JObject [ kind; "argument", JString argument ]
        | WithinEpsilon(level, boxes) -> JObject [ kind; "epsilon", str epsilon; "level", str level; "boxes", JInt boxes ]
        | NotCertified reason -> JObject [ kind; "reason", JString reason ]

    let tune (r: TuneReport) =
        let t = r.Result
        JObject
            [ "optimizer", JString t.Rule
              "variable", JString t.Variable
              "spectrum", JObject [ "lower", str t.Lower; "upper", str t.Upper ]
              "fixed", paramsJson t.Fixed
              "box",
              JArray(
                  r.Boxes
                  |> List.map (fun b ->
                      JObject
                          [ "name", JString b.Parameter.Name
                            "min", str b.Parameter.Min
                            "max", str b.Parameter.Max
                            "default", JBool b.IsDefault
                            "origin", JString b.Origin ])
              )
              "parameters", JObject(t.Parameters |> List.map (fun (n, x) -> n, number x))
              "rate", number t.Rate
              "rateSquared", number t.RateSquared
              "recognised", JArray(t.Recognised |> List.map (ActiveCondition.text t.Variable >> JString))
              "rateCheck", JString(RateReport.rateCheckText t.RateCheck)
              "certificate", certificate t.Optimality t.Epsilon
              "outsideDomain", JArray(t.OutsideDomain |> List.map JString)
              "numeric",
              JObject
                  [ "parameters", JObject(List.zip t.Free t.NumericParameters |> List.map (fun (q, x) -> q.Name, JNumber x))
                    "rate", JNumber t.NumericRate ] ]

    let radiusRegion (r: RadiusRegionReport) =
        JObject(
            [ "optimizer", JString r.Optimizer
              "variable", JString r.Result.Variable
              "params", paramsJson r.Params
              "radius", str r.Result.Radius
              "charpoly", charPolyAt r.Result.Variable r.CharPoly ]
            @ regionFields r.Result.Region
        )

    let radiusClosedForm (r: RadiusClosedFormReport) =
        let v = RateReport.variableOf r.ClosedForm.Variable
        JObject
            [ "optimizer", JString r.Optimizer
              "variable", JString r.ClosedForm.Variable
              "domain", JString r.Domain
              "radius", str r.Radius
              "charpoly", charPolyAt r.ClosedForm.Variable r.CharPoly
              "conditions",
              JArray(
                  r.ClosedForm.Conditions
                  |> List.map (fun c -> JObject [ "condition", JString(PolyText.toText v c.Condition + " >= 0"); "origin", JString c.Origin ])
              ) ]

    let private model (i: StochasticInputs) (variance: Rational) =
        JObject
            [ "batch", JInt i.Batch
              "samples", JInt i.Samples
              "factor", str i.Factor
              "spread", (i.Spread |> Option.map str |> Option.defaultValue JNull)
              "curvaturesFile", (i.CurvaturesFile |> Option.map JString |> Option.defaultValue JNull)
              "curvatureCount", (i.CurvatureCount |> Option.map JInt |> Option.defaultValue JNull)
              "batchVariance", str variance ]

    let stochasticRegion (r: StochasticRegionReport) =
        let g = r.Region
        let v = RateReport.variableOf g.Variable
        JObject(
            [ "optimizer", JString g.Optimizer
              "variable", JString g.Variable
              "params", paramsJson g.Params
              "stochastic", JBool true
              "model", model r.Inputs g.BatchVariance
              "centralMoments", JArray(g.CentralMoments |> Array.toList |> List.map str)
              "usesHigherMoments", JBool g.UsesHigherMoments
              "liftedCharpoly", JString(PolyText.charPoly v g.LiftedCharPoly)
              "conditions", JArray(g.Conditions |> List.map (fun c -> JString(Poly.toString g.Variable c + " >= 0"))) ]
            @ regionFields g.Region
            @ [ "listMeanInside", (g.ListMeanInside |> Option.map JBool |> Option.defaultValue JNull) ]
        )

    let stochasticClosedForm (r: StochasticClosedFormReport) =
        let cf = r.ClosedForm
        JObject
            [ "optimizer", JString cf.Optimizer
              "variable", JString cf.Variable
              "noiseVariable", JString cf.NoiseVariable
              "domain", JString r.Domain
              "stochastic", JBool true
              "closedForm", JString cf.Statement
              "conditions", JArray((cf.NoiseVariable + " >= 0") :: (cf.Conditions |> List.map (fun c -> MPoly.toString c + " >= 0")) |> List.map JString)
              "boundary", JString(MPoly.toString cf.Boundary + " = 0") ]
