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

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Optimizer _ -> "a catalog rule by name (see `eigenverify regions`)."
            | Rule _ -> "a .rule file."
            | Params _ -> "exact hyperparameter values, e.g. alpha=1/10,beta=9/10; omit for the closed form."
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

/// One case per subcommand; a new subcommand (e.g. `prove`, `check`) is one more case here and
/// one more branch in `Cli.dispatch`.
[<RequireSubcommand>]
type CliArgs =
    | [<CliPrefix(CliPrefix.None)>] Regions of ParseResults<RegionsArgs>
    | [<CliPrefix(CliPrefix.None)>] Region of ParseResults<RegionArgs>
    | [<CliPrefix(CliPrefix.None)>] Jacobian of ParseResults<JacobianArgs>
    | [<CliPrefix(CliPrefix.None)>] Prove of ParseResults<ProveCommandArgs>
    | [<CliPrefix(CliPrefix.None)>] Check of ParseResults<CheckArgs>

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Regions _ -> "the catalog: closed-form region of each rule beside the paper's statement."
            | Region _ -> "the exact region of one rule (closed form, or exact intervals with --params)."
            | Jacobian _ -> "the Jacobian M(lambda) at a critical point and its characteristic polynomial."
            | Prove _ -> "SMT-LIB2 certificates and derivation transcripts for the regions; --check runs z3 on them."
            | Check _ -> "property-based runs on sampled losses: converged => rho(Jac G) <= 1, eigenvalues in the exact region."
