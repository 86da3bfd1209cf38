namespace EigenVerify

open System.IO
open EigenVerify.Symbolic
open EigenVerify.Filtering

/// A checked update rule: its name, the text it was read from, where that text came from, and
/// the model every analysis works on.
[<Sealed>]
type OptimizerRule internal (source: RuleSource, origin: string) =

    member internal _.Source = source

    /// The catalog name, or the name the rule's header declares.
    member _.Name = source.Name

    /// The rule text as read.
    member _.Text = source.Text

    /// Where the text came from: "catalog/NAME.rule", a file path, or the origin given to Parse.
    member _.Origin = origin

    /// The checked model (state, updates, hyperparameter domains, stated filter).
    member _.Model: OptimizerModel = source.Model

    /// λ (an eigenvalue of the Hessian H), or μ (of P⁻¹H) for preconditioned rules.
    member _.Variable: EigenVariable = if source.Model.UsesPreconditioner then Mu else Lambda

    /// The hyperparameters in declaration order.
    member _.ParameterNames: string[] = source.Model.Params |> List.map (fun d -> d.Name) |> Array.ofList

    /// The state vectors; the first is the iterate x.
    member _.StateNames: string[] = Array.ofList source.Model.State

    /// The declared domain as text, e.g. "alpha > 0, 0 <= beta < 1".
    member _.Domain = Hyperparameters.modelDomainText source.Model

    /// True when the update map is C¹, so the filtering theorem applies.
    member _.IsSmooth = (source.Model.Smoothness = Smooth)

    /// Why the update map is not C¹, or "" when it is.
    member _.NonSmoothReason =
        match source.Model.Smoothness with
        | Smooth -> ""
        | NonSmooth reason -> reason

    /// True when the rule states its region with a `filter` line.
    member _.HasFilter = source.Model.Filter.IsSome

    /// The stated region as text ("0 <= lambda <= 2/alpha"), or "" without a `filter` line.
    member _.Filter =
        match source.Model.Filter with
        | Some f -> FilterText.display f
        | None -> ""

    /// The rule's name.
    override _.ToString() = source.Name

/// Reading update rules: the shipped catalog, rule files, rule text.
[<RequireQualifiedAccess>]
module Optimizer =

    let private ofRuleError (origin: string) (e: RuleError) : 'a =
        Errors.failAt ErrorKind.InvalidRule (sprintf "%s:%d:%d: %s: %s" origin e.Line e.Column e.Kind e.Message) origin e.Line e.Column

    /// A checked model whose divisors are all nonzero on its declared domain, or the rule error
    /// that names the first divisor that is not (a rule is defined only where it can be evaluated).
    let private defined (origin: string) (m: OptimizerModel) =
        match DeclaredDomain.checkDenominators m with
        | Ok() -> m
        | Error p ->
            ofRuleError
                origin
                { Line = p.Denominator.Line
                  Column = p.Denominator.Column
                  Kind = "undefined-denominator"
                  Message = DeclaredDomain.problemText m p }

    /// The catalog's rule names, in the paper's order.
    [<CompiledName("CatalogNames")>]
    let catalogNames () : string[] = Array.ofList Catalog.names

    /// The catalog rule of this name. Raises EigenVerifyException (UnknownOptimizer) for a name
    /// not in the catalog.
    [<CompiledName("Catalog")>]
    let catalog (name: string) : OptimizerRule =
        match Catalog.source name with
        | None ->
            Errors.fail ErrorKind.UnknownOptimizer (sprintf "unknown optimizer '%s' (catalog: %s)" name (String.concat ", " Catalog.names))
        | Some text ->
            let origin = sprintf "catalog/%s.rule" name
            match Rule.parse text with
            | Ok m -> OptimizerRule({ Name = name; Text = text; Model = defined origin m }, origin)
            | Error e -> ofRuleError origin e

    /// Parses rule text; `origin` names the text in error messages (a file name, "input").
    /// Raises EigenVerifyException (InvalidRule, with line and column) for invalid text.
    [<CompiledName("Parse")>]
    let parse (origin: string) (text: string) : OptimizerRule =
        match Rule.parse text with
        | Ok m -> OptimizerRule({ Name = m.Name; Text = text; Model = defined origin m }, origin)
        | Error e -> ofRuleError origin e

    /// Reads and parses a .rule file. Raises EigenVerifyException: UnreadableFile when the file
    /// cannot be read, InvalidRule (file:line:col) when its text is invalid.
    [<CompiledName("Load")>]
    let load (path: string) : OptimizerRule =
        let text =
            try
                File.ReadAllText path
            with
            | :? FileNotFoundException
            | :? DirectoryNotFoundException -> Errors.failAt ErrorKind.UnreadableFile (sprintf "%s: no such rule file" path) path 0 0
            | ex -> Errors.failAt ErrorKind.UnreadableFile (sprintf "cannot read rule file '%s': %s" path (ex.Message.Split('\n').[0].Trim())) path 0 0
        parse path text
