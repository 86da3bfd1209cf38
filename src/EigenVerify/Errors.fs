namespace EigenVerify

open System

/// What kind of problem an <see cref="EigenVerifyException"/> reports. Callers that react
/// differently to each (the command line maps them to exit codes) switch on this.
type ErrorKind =
    /// A rule's text is invalid; Origin, Line and Column say where.
    | InvalidRule = 1
    /// A catalog name that is not in the catalog.
    | UnknownOptimizer = 2
    /// A file that cannot be read (missing, no permission).
    | UnreadableFile = 3
    /// Hyperparameter values that do not parse or do not fit the rule's declared domain.
    | InvalidParameters = 4
    /// A claimed filter statement that does not parse or does not fit the rule; Column says where.
    | InvalidClaim = 5
    /// The filtering theorem or the scalar reduction does not apply to this rule.
    | NotApplicable = 6
    /// An argument outside what the function accepts (a count below one, an unknown family).
    | InvalidArgument = 7
    /// A required external program (the SMT solver) is not installed.
    | MissingTool = 8
    /// An output file could not be written, or writing it would overwrite a file this library
    /// did not write.
    | OutputRefused = 9

/// The one exception type of the EigenVerify facade: a one-line message for a person, and the
/// kind and place of the problem for a program. Line and Column are 0 when there is no place.
type EigenVerifyException(kind: ErrorKind, message: string, origin: string, line: int, column: int) =
    inherit Exception(message)

    /// The kind of problem.
    member _.Kind = kind

    /// Where the faulty text came from (a file path, "catalog/NAME.rule", "--claim"), or "".
    member _.Origin = origin

    /// 1-based line of the problem in the text, or 0.
    member _.Line = line

    /// 1-based column of the problem in the text, or 0.
    member _.Column = column

    /// True when Line and Column locate the problem.
    member _.HasLocation = line > 0

    /// An exception without a place.
    new(kind: ErrorKind, message: string) = EigenVerifyException(kind, message, "", 0, 0)

/// Raising the facade's exception from inside the library.
module internal Errors =
    let fail kind (message: string) : 'a = raise (EigenVerifyException(kind, message))

    let failAt kind (message: string) (origin: string) (line: int) (column: int) : 'a =
        raise (EigenVerifyException(kind, message, origin, line, column))
