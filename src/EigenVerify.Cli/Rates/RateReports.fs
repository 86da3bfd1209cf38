namespace EigenVerify.Cli

open EigenVerify.Algebra
open EigenVerify.Filtering

/// `rate --lambda`: ρ(M(v)) at one eigenvalue.
type RateAtReport =
    { Optimizer: string
      Variable: string
      Params: (string * Rational) list
      /// p(z, v) at the hyperparameters.
      CharPoly: MPoly
      Eigenvalue: Rational
      Radius: SpectralRadius }

/// `rate --spectrum`: max over [μ, L] of ρ(M(v)) and where it is attained.
type WorstCaseReport =
    { Optimizer: string
      Params: (string * Rational) list
      CharPoly: MPoly
      Worst: WorstCaseRate }

/// One searched interval of `tune` and where it comes from.
type TuneBox =
    { Parameter: FreeParameter
      /// true: chosen by default (see `Origin`); false: given by --box.
      IsDefault: bool
      Origin: string }

/// `tune`: the minimax hyperparameters and their certificate.
type TuneReport = { Result: TuningResult; Boxes: TuneBox list }

/// `region --radius r --params ...`: the exact radius-r region.
type RadiusRegionReport =
    { Optimizer: string
      Params: (string * Rational) list
      CharPoly: MPoly
      Result: RadiusRegion }

/// `region --radius r` without values: the closed form over the declared domain.
type RadiusClosedFormReport =
    { Optimizer: string
      Domain: string
      CharPoly: MPoly
      Radius: Rational
      ClosedForm: RadiusClosedForm }

/// The inputs of the minibatch model as the user gave them.
type StochasticInputs =
    { Batch: int
      Samples: int
      /// p = (n − B)/(B(n − 1)).
      Factor: Rational
      /// s², with --spread.
      Spread: Rational option
      /// The file of per-sample curvatures and how many it holds, with --curvatures.
      CurvaturesFile: string option
      CurvatureCount: int option }

/// `region --stochastic --params ...`: the exact mean-square region.
type StochasticRegionReport = { Inputs: StochasticInputs; Region: MeanSquareRegion }

/// `region --stochastic` without values: the (v, σ²) closed form of a rule affine in v.
type StochasticClosedFormReport = { Domain: string; ClosedForm: MeanSquareClosedForm }

/// Plain-data pieces every rate report uses.
[<RequireQualifiedAccess>]
module RateReport =

    /// Significant digits printed next to every exact number; each is certified (truncated, never rounded).
    let Digits = 20

    let variableOf (name: string) = if name = "mu" then EigenVerify.Symbolic.Mu else EigenVerify.Symbolic.Lambda

    let reasonText (r: CandidateReason) =
        match r with
        | SpectrumEnd -> "spectrum end"
        | BranchesMeet -> "branches meet"
        | BranchStationary -> "branch stationary"

    let certificateKind (c: OptimalityCertificate) =
        match c with
        | ExactGlobal _ -> "exact"
        | WithinEpsilon _ -> "epsilon"
        | NotCertified _ -> "none"

    let rateCheckText (c: RateCheck) =
        match c with
        | ByWorstCase _ -> "the rate at this rational point by the exact worst-case algorithm"
        | ByDiskConditions tight -> "closed-disk conditions of radius rate checked on the whole spectrum in the parameters' number field: " + tight

    let certificateText (c: OptimalityCertificate) (epsilon: Rational) =
        match c with
        | ExactGlobal argument -> "exact: " + argument
        | WithinEpsilon(level, boxes) ->
            sprintf "within epsilon = %O: every point of the box has worst-case rate > %O (>= rate - epsilon), by exact interval arithmetic on %d boxes" epsilon level boxes
        | NotCertified reason -> "not certified: " + reason
