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

/// `tune`: the minimax hyperparameters, their certificate and the searched boxes.
type TuneReport = TuningSearchResult

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

    let reasonText (r: CandidateReason) = RateWording.reason r

    let certificateKind (c: OptimalityCertificate) = RateWording.certificateKind c

    let rateCheckText (c: RateCheck) = RateWording.rateCheck c

    let certificateText (c: OptimalityCertificate) (epsilon: Rational) = RateWording.certificate c epsilon
