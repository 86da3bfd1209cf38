namespace EigenVerify.Cli

open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The options of `eigenverify rate`.
type RateOptions =
    { Optimizer: string option
      Rule: string option
      Params: string option
      /// One eigenvalue: ρ(M(λ)).
      Lambda: string option
      /// "MU..L": the worst case over the interval.
      Spectrum: string option
      Format: Format }

/// What `rate` computed.
type RateAnswer =
    | RateAt of RateAtReport
    | WorstCase of WorstCaseReport

/// `eigenverify rate`: the exact spectral radius at one eigenvalue or its maximum over a spectrum.
[<RequireQualifiedAccess>]
module RateCommand =

    let private fail msg = raise (UsageError msg)

    let private orFail (context: string) (r: Result<'a, string>) =
        match r with
        | Ok x -> x
        | Error e -> fail (if context = "" then e else context + ": " + e)

    /// The rule, its values and p(z, v) at them, for `rate`, `region --radius` and `plot`.
    let charPolyAt (optimizer: string option) (rule: string option) (paramsText: string option) =
        let m = RuleSource.load optimizer rule |> orFail ""
        let values = RateInputs.parameters m paramsText
        // at values the Jacobian's coefficients are rationals, denominators or not
        let v, p = RateQueries.charPolyAt m values |> orFail m.Name
        m, values, v, p

    [<CompiledName("Compute")>]
    let compute (o: RateOptions) : RateAnswer =
        match o.Lambda, o.Spectrum with
        | Some _, Some _ -> fail "give either --lambda (one eigenvalue) or --spectrum MU..L (the worst case), not both"
        | None, None -> fail "give --lambda VALUE (one eigenvalue) or --spectrum MU..L (the worst case over an interval)"
        | _ ->
            let m, values, v, p = charPolyAt o.Optimizer o.Rule o.Params
            let family = SpectralRadius.family v p |> orFail m.Name
            match o.Lambda, o.Spectrum with
            | Some text, _ ->
                let at = RateInputs.rational "--lambda" text
                RateAt
                    { Optimizer = m.Name
                      Variable = v
                      Params = values
                      CharPoly = p
                      Eigenvalue = at
                      Radius = SpectralRadius.at family at }
            | None, Some text ->
                let s = RateInputs.range "--spectrum" text
                let w = WorstCaseRate.compute family s.Lower s.Upper |> orFail m.Name
                WorstCase { Optimizer = m.Name; Params = values; CharPoly = p; Worst = w }
            | None, None -> fail "unreachable"

    [<CompiledName("Run")>]
    let run (o: RateOptions) (out: TextWriter) : int =
        match compute o, o.Format with
        | RateAt r, Json -> out.WriteLine(Json.serialize (RateJson.rateAt r))
        | RateAt r, Text -> RateText.rateAt r out
        | RateAt r, Latex -> RateText.rateAtLatex r out
        | WorstCase r, Json -> out.WriteLine(Json.serialize (RateJson.worstCase r))
        | WorstCase r, Text -> RateText.worstCase r out
        | WorstCase r, Latex -> RateText.worstCaseLatex r out
        0

    let private runParsed (p: Parsed) (ctx: Context) =
        run
            { Optimizer = p.TryValue "optimizer"
              Rule = p.TryValue "rule"
              Params = p.TryValue "params"
              Lambda = p.TryValue "lambda"
              Spectrum = p.TryValue "spectrum"
              Format = Format.parse p }
            ctx.Out

    /// `eigenverify rate` on the command line.
    let command: Command =
        { Name = "rate"
          Summary = "the exact spectral radius rho(M(lambda)) at an eigenvalue, or its worst case over a spectrum."
          Usage = "(--optimizer NAME | --rule FILE) --params VALUES (--lambda VALUE | --spectrum MU..L) [--format text|json|latex]"
          Options =
            RuleOption.specs
            @ [ { Name = "params"; Value = Some "VALUES"; Help = "exact hyperparameter values, e.g. alpha=1/10,beta=9/10." }
                { Name = "lambda"; Value = Some "VALUE"; Help = "one eigenvalue: the exact spectral radius rho(M(lambda))." }
                { Name = "spectrum"; Value = Some "MU..L"; Help = "the exact worst-case rate max rho(M(lambda)) over [MU, L] and where it is attained." }
                Format.spec ]
          Run = runParsed }
