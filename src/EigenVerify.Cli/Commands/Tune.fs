namespace EigenVerify.Cli

open System.IO
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// The options of `eigenverify tune`.
type TuneOptions =
    { Optimizer: string option
      Rule: string option
      /// "MU..L".
      Spectrum: string option
      /// "alpha,beta".
      Free: string option
      /// "rho=1/20".
      Fixed: string option
      /// "alpha=0..1/10,beta=0..1"; parameters left out get the default box.
      Box: string option
      /// Default 1/1000.
      Epsilon: string option
      Format: Format }

/// `eigenverify tune`: minimax hyperparameters over a spectrum, exact, with a certificate.
[<RequireQualifiedAccess>]
module TuneCommand =

    let private fail msg = raise (UsageError msg)

    let defaultEpsilon = TuningSearch.defaultEpsilon

    [<CompiledName("Compute")>]
    let compute (o: TuneOptions) : TuneReport =
        let m =
            match RuleSource.load o.Optimizer o.Rule with
            | Ok m -> m
            | Error e -> fail e
        let spectrum =
            match o.Spectrum with
            | Some s -> RateInputs.range "--spectrum" s
            | None -> fail "--spectrum MU..L is required (the eigenvalues the rate is taken over)"
        let free =
            match o.Free with
            | Some f -> RateInputs.names m "--free" f
            | None -> fail (sprintf "--free is required: 1 or 2 of %s's hyperparameters (%s)" m.Name (m.Params |> List.map (fun d -> d.Name) |> String.concat ", "))
        let fixedValues = o.Fixed |> Option.map (RateInputs.assignments "--fixed") |> Option.defaultValue []
        let given = o.Box |> Option.map (RateInputs.boxes "--box") |> Option.defaultValue []
        let epsilon = o.Epsilon |> Option.map (RateInputs.rational "--epsilon") |> Option.defaultValue defaultEpsilon
        match TuningSearch.run m spectrum.Lower spectrum.Upper free fixedValues (given |> List.map (fun (n, r) -> n, (r.Lower, r.Upper))) epsilon with
        | Ok r -> r
        | Error e -> fail e

    [<CompiledName("Run")>]
    let run (o: TuneOptions) (out: TextWriter) : int =
        let r = compute o
        match o.Format with
        | Json -> out.WriteLine(Json.serialize (RateJson.tune r))
        | Text -> RateText.tune r out
        | Latex -> RateText.tuneLatex r out
        0

    let private runParsed (p: Parsed) (ctx: Context) =
        run
            { Optimizer = p.TryValue "optimizer"
              Rule = p.TryValue "rule"
              Spectrum = p.TryValue "spectrum"
              Free = p.TryValue "free"
              Fixed = p.TryValue "fixed"
              Box = p.TryValue "box"
              Epsilon = p.TryValue "epsilon"
              Format = Format.parse p }
            ctx.Out

    /// `eigenverify tune` on the command line.
    let command: Command =
        { Name = "tune"
          Summary = "minimax tuning of 1 or 2 hyperparameters over a spectrum, exact, with a certificate."
          Usage = "(--optimizer NAME | --rule FILE) --spectrum MU..L --free NAMES [--fixed VALUES] [--box INTERVALS] [--epsilon E] [--format text|json|latex]"
          Options =
            RuleOption.specs
            @ [ { Name = "spectrum"; Value = Some "MU..L"; Help = "the eigenvalues the worst-case rate is taken over." }
                { Name = "free"; Value = Some "NAMES"; Help = "1 or 2 hyperparameters to tune, e.g. alpha,beta." }
                { Name = "fixed"; Value = Some "VALUES"; Help = "values of the other hyperparameters, e.g. rho=1/20." }
                { Name = "box"; Value = Some "INTERVALS"; Help = "searched intervals, e.g. alpha=0..1/10,beta=0..1 (default: see README)." }
                { Name = "epsilon"; Value = Some "E"; Help = "the certificate's slack: nothing in the box beats the rate by more than this (default 1/1000)." }
                Format.spec ]
          Run = runParsed }
