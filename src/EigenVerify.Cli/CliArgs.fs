namespace EigenVerify.Cli

open Argu

type RegionFormat =
    | Text
    | Json
    | Latex

type DisplayFormat =
    | Text
    | Latex

type RegionsArgs =
    | [<Unique>] Samples of count: int

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Samples _ -> "random rational hyperparameter points per rule for the agreement check (default 200)."

type RegionArgs =
    | [<Unique>] Optimizer of name: string
    | [<Unique>] Rule of file: string
    | [<Unique>] Params of assignments: string
    | [<Unique>] Format of RegionFormat
    | [<Unique>] Radius of r: string
    | Stochastic
    | [<Unique>] Batch of size: int
    | [<Unique>] Samples of count: int
    | [<Unique>] Spread of s2: string
    | [<Unique>] Curvatures of file: string

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Optimizer _ -> "a catalog rule by name (see `eigenverify regions`)."
            | Rule _ -> "a .rule file."
            | Params _ -> "exact hyperparameter values, e.g. alpha=1/10,beta=9/10; omit for the closed form."
            | Format _ -> "output format (default text)."
            | Radius _ -> "the radius-r region: every root in the closed disk |z| <= r (e.g. 19/20)."
            | Stochastic -> "the minibatch mean-square region: rho(E[M(a_B) (x) M(a_B)]) <= 1."
            | Batch _ -> "with --stochastic: the batch size B."
            | Samples _ -> "with --stochastic --spread: the number n of samples batches are drawn from."
            | Spread _ -> "with --stochastic: the per-sample curvatures' variance s^2 (exact, e.g. 75)."
            | Curvatures _ -> "with --stochastic: a file of per-sample curvatures (exact numbers, comma/space/line separated)."

type RateArgs =
    | [<Unique>] Optimizer of name: string
    | [<Unique>] Rule of file: string
    | [<Unique>] Params of assignments: string
    | [<Unique>] Lambda of value: string
    | [<Unique>] Spectrum of interval: string
    | [<Unique>] Format of RegionFormat

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Optimizer _ -> "a catalog rule by name."
            | Rule _ -> "a .rule file."
            | Params _ -> "exact hyperparameter values, e.g. alpha=1/10,beta=9/10."
            | Lambda _ -> "one eigenvalue: the exact spectral radius rho(M(lambda))."
            | Spectrum _ -> "MU..L: the exact worst-case rate max rho(M(lambda)) over [MU, L] and where it is attained."
            | Format _ -> "output format (default text)."

type TuneArgs =
    | [<Unique>] Optimizer of name: string
    | [<Unique>] Rule of file: string
    | [<Unique>] Spectrum of interval: string
    | [<Unique>] Free of names: string
    | [<Unique>] Fixed of assignments: string
    | [<Unique>] Box of intervals: string
    | [<Unique>] Epsilon of value: string
    | [<Unique>] Format of RegionFormat

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Optimizer _ -> "a catalog rule by name."
            | Rule _ -> "a .rule file."
            | Spectrum _ -> "MU..L: the eigenvalues the worst-case rate is taken over."
            | Free _ -> "1 or 2 hyperparameters to tune, e.g. alpha,beta."
            | Fixed _ -> "values of the other hyperparameters, e.g. rho=1/20."
            | Box _ -> "searched intervals, e.g. alpha=0..1/10,beta=0..1 (default: see README)."
            | Epsilon _ -> "the certificate's slack: nothing in the box beats the rate by more than this (default 1/1000)."
            | Format _ -> "output format (default text)."

type JacobianArgs =
    | [<Unique>] Optimizer of name: string
    | [<Unique>] Rule of file: string
    | [<Unique>] Format of DisplayFormat

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Optimizer _ -> "a catalog rule by name."
            | Rule _ -> "a .rule file."
            | Format _ -> "output format (default text)."

type ProveCommandArgs =
    | [<Unique>] Optimizer of name: string
    | [<Unique>] Rule of file: string
    | All
    | [<Unique>] Params of assignments: string
    | [<Unique>] Claim of statement: string
    | [<Unique>] Out of dir: string
    | Check
    | [<Unique>] Timeout of seconds: int
    | [<Unique>] Solver of exe: string
    | [<Unique>] Radius of r: string
    | Stochastic

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Optimizer _ -> "a catalog rule by name."
            | Rule _ -> "a .rule file."
            | All -> "every catalog rule (closed forms and exact regions at alpha=1/10, beta=beta1=9/10, rho=1/20)."
            | Params _ -> "also certify the exact region at these values, e.g. alpha=1/10,beta=9/10."
            | Claim _ -> "a closed form to certify instead of the rule's own, e.g. \"0 <= lambda <= 2/alpha\"."
            | Out _ -> "output folder (default proofs)."
            | Check -> "run z3 on every certificate and print claim, direction, verdict and time."
            | Timeout _ -> "z3 time limit per certificate in seconds (default 60)."
            | Solver _ -> "the z3 executable (default z3 on PATH)."
            | Radius _ -> "certify the radius-r region instead (with --params: the exact region; without: the closed form)."
            | Stochastic -> "certify the (lambda, sigma2) mean-square closed form instead (rules affine in lambda)."

type CheckArgs =
    | [<Unique>] Optimizer of name: string
    | [<Unique>] Rule of file: string
    | [<Unique>] Family of name: string
    | [<Unique>] Runs of count: int
    | [<Unique>] Seed of seed: int64

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Optimizer _ -> "a catalog rule by name."
            | Rule _ -> "a .rule file."
            | Family _ -> "one loss family: coercive, sum-of-squares, factorization, network, quadratic (default all)."
            | Runs _ -> "runs per family (default 200)."
            | Seed _ -> "first case seed; case i uses seed + i (default 1)."

type PlotArgs =
    | [<Unique; Mandatory>] Kind of kind: string
    | [<Unique>] Optimizer of name: string
    | [<Unique>] Rule of file: string
    | [<Unique>] Params of assignments: string
    | [<Unique>] Range of interval: string
    | [<Unique>] Radius of r: string
    | [<Unique>] X of axis: string
    | [<Unique>] Y of axis: string
    | [<Unique>] Points of csv: string
    | [<Unique>] Out of file: string

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Kind _ -> "rate, stability, catalog or meansquare."
            | Optimizer _ -> "a catalog rule by name."
            | Rule _ -> "a .rule file."
            | Params _ -> "exact values (rate, meansquare: every hyperparameter; stability: everything but the axes, lambda included)."
            | Range _ -> "A..B: the eigenvalue axis."
            | Radius _ -> "rate: also shade the radius-r region."
            | X _ -> "stability: the horizontal axis, NAME=A..B (a hyperparameter or the eigenvalue)."
            | Y _ -> "stability: the vertical axis, NAME=A..B."
            | Points _ -> "meansquare: measured runs, a CSV with columns optimizer,lambda_max,sigma2."
            | Out _ -> "the file to write, .png or .svg."

/// One case per subcommand; a new subcommand (e.g. `prove`, `check`) is one more case here and
/// one more branch in `Cli.dispatch`.
[<RequireSubcommand>]
type CliArgs =
    | [<CliPrefix(CliPrefix.None)>] Regions of ParseResults<RegionsArgs>
    | [<CliPrefix(CliPrefix.None)>] Region of ParseResults<RegionArgs>
    | [<CliPrefix(CliPrefix.None)>] Jacobian of ParseResults<JacobianArgs>
    | [<CliPrefix(CliPrefix.None)>] Prove of ParseResults<ProveCommandArgs>
    | [<CliPrefix(CliPrefix.None)>] Check of ParseResults<CheckArgs>
    | [<CliPrefix(CliPrefix.None)>] Rate of ParseResults<RateArgs>
    | [<CliPrefix(CliPrefix.None)>] Tune of ParseResults<TuneArgs>
    | [<CliPrefix(CliPrefix.None)>] Plot of ParseResults<PlotArgs>

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Regions _ -> "the catalog: closed-form region of each rule beside the paper's statement."
            | Region _ -> "the exact region of one rule (closed form, or exact intervals with --params)."
            | Jacobian _ -> "the Jacobian M(lambda) at a critical point and its characteristic polynomial."
            | Prove _ -> "SMT-LIB2 certificates and derivation transcripts for the regions; --check runs z3 on them."
            | Check _ -> "property-based runs on sampled losses: converged => rho(Jac G) <= 1, eigenvalues in the exact region."
            | Rate _ -> "the exact spectral radius rho(M(lambda)) at an eigenvalue, or its worst case over a spectrum."
            | Plot _ -> "figures (PNG or SVG): rate curves, stability diagrams, the catalog's regions, mean-square regions."
            | Tune _ -> "minimax tuning of 1 or 2 hyperparameters over a spectrum, exact, with a certificate."
