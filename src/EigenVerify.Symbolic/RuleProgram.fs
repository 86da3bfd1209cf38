namespace EigenVerify.Symbolic

open System
open System.Collections.Generic
open EigenVerify.Algebra

/// What one instruction of a rule program does. Vector registers hold vectors of the iterate's
/// dimension, scalar registers doubles; registers 0 … k−1 of the vectors hold the state at the
/// start of the step (x first).
type RuleOp =
    /// vector Target ← ∇f(vector A), f the loss the trainer steps on.
    | Grad = 0
    /// vector Target ← ∇²f(vector A) · vector B.
    | Hvp = 1
    /// vector Target ← P⁻¹ · vector A, P the trainer's diagonal preconditioner.
    | Precond = 2
    /// vector Target ← Σ Terms[i]: scalar Coefficient (or exactly 1) times vector Vector.
    | Combine = 3
    /// scalar Target ← Value.
    | Constant = 4
    /// scalar Target ← hyperparameter A (declaration order).
    | Param = 5
    /// scalar Target ← ‖vector A‖.
    | Norm = 6
    /// scalar Target ← ⟨vector A, vector B⟩.
    | Dot = 7
    /// scalar Target ← scalar A + scalar B.
    | Add = 8
    /// scalar Target ← scalar A − scalar B.
    | Sub = 9
    /// scalar Target ← scalar A · scalar B.
    | Mul = 10
    /// scalar Target ← scalar A / scalar B.
    | Div = 11
    /// scalar Target ← −scalar A.
    | Neg = 12
    /// scalar Target ← (scalar A)^Exponent.
    | Pow = 13

/// One term c·v of a Combine: the scalar register of c, or -1 where c is exactly 1, and the
/// vector register of v.
[<Struct>]
type LinearTerm = { Coefficient: int; Vector: int }

/// One straight-line instruction; the fields an op does not use are -1 (or 0, empty).
type RuleInstruction =
    { Op: RuleOp
      Target: int
      A: int
      B: int
      /// The constant of a Constant (the exact rational rounded once to double).
      Value: float
      Exponent: int
      Terms: LinearTerm[]
      /// The rule's term this instruction computes, as rule text (for messages and listings).
      Text: string }

/// How a state vector starts: at the iterate (a lag such as x_prev, whose update is another
/// state vector) or at zero (an accumulator such as a momentum buffer).
type StateStart =
    | Iterate = 0
    | Zero = 1

/// A rule lowered to a straight-line program over vectors and scalars, run once per step: every
/// instruction reads the state as it was at the start of the step, then each state vector takes
/// the value of its update register (all at once). Equal terms are computed once.
type RuleProgram =
    { Name: string
      /// Hyperparameters in declaration order (the Param instructions' indices).
      Parameters: string[]
      /// State vectors; register i holds State[i] at the start of the step.
      State: string[]
      Starts: StateStart[]
      VectorRegisters: int
      ScalarRegisters: int
      Instructions: RuleInstruction[]
      /// For each state vector, the register holding its new value.
      Updates: int[]
      /// The register of ∇f at the iterate when the program computes it there, else -1: a
      /// trainer that needs that gradient anyway (for its preconditioner) reuses it.
      IterateGradient: int
      UsesPreconditioner: bool
      /// Where the rule first writes precond(...), as "line:col" of its text; empty when it does not.
      PreconditionerAt: string }

/// Hyperparameter values bound to a rule: exact (checked against the rule's domains) and rounded
/// once to double for training.
type BoundParameters =
    { Names: string[]
      /// Each value as an exact rational in rule text, e.g. "1/10".
      Exact: string[]
      Values: float[] }

    /// The values as `name=rational` pairs joined by commas, as the region command takes them.
    member b.Text = Array.map2 (fun n e -> n + "=" + e) b.Names b.Exact |> String.concat ","

/// Lowers checked rules to `RuleProgram`s for trainers that run them on tensors.
[<RequireQualifiedAccess>]
module RuleLowering =
    let private one = Rational.One

    /// "line:col" of the first call of `name` in the rule text, or "" when there is none.
    let private firstCall (name: string) (text: string) =
        let lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
        let rec find (s: Syn) : Pos option =
            match s with
            | SCall(n, _, p) when n = name -> Some p
            | SCall(_, args, _) -> args |> List.tryPick find
            | SNeg(a, _)
            | SPow(a, _, _) -> find a
            | SBin(_, a, b, _) -> find a |> Option.orElse (find b)
            | SNum _
            | SName _ -> None
        lines
        |> Seq.mapi (fun i l -> i + 1, l)
        |> Seq.tryPick (fun (i, l) ->
            try
                match Syntax.parseLine i l with
                | Some(LetLine(_, _, e))
                | Some(UpdateLine(_, _, e)) -> find e
                | _ -> None
            with RuleFailure _ ->
                None)
        |> Option.map (fun p -> sprintf "%d:%d" p.Line p.Col)
        |> Option.defaultValue ""

    let private negate (c: Term) =
        match c with
        | Const a -> Const(-a)
        | Neg a -> a
        | _ -> Neg c

    /// s·c with literal ±1 and constants folded: the products a rule writes stay as written.
    let private times (s: Term) (c: Term) =
        match s, c with
        | Const a, _ when a = Rational.One -> c
        | _, Const b when b = Rational.One -> s
        | Const a, _ when a = -Rational.One -> negate c
        | _, Const b when b = -Rational.One -> negate s
        | Const a, Const b -> Const(a * b)
        | _ -> Mul(s, c)

    let private over (c: Term) (s: Term) =
        match c, s with
        | Const a, Const b when not b.IsZero -> Const(a / b)
        | _ -> Div(c, s)

    type private Builder(m: OptimizerModel) =
        let instructions = ResizeArray<RuleInstruction>()
        let mutable vectors = m.State.Length
        let mutable scalars = 0
        let scalarMemo = Dictionary<Term, int>(HashIdentity.Structural)
        let vectorMemo = Dictionary<string, int>()
        let lets = Map.ofList m.Lets
        let letKinds = StepCompiler.letKinds m
        let stateIndex = m.State |> List.mapi (fun i s -> s, i) |> Map.ofList
        let paramIndex = m.Params |> List.mapi (fun i p -> p.Name, i) |> Map.ofList
        let linearMemo = Dictionary<string, (Term * int) list>()

        member _.Instructions = instructions.ToArray()
        member _.Vectors = vectors
        member _.Scalars = scalars

        member private _.Emit(op, a, b, value, exponent, terms, text, isVector) =
            let target =
                if isVector then
                    vectors <- vectors + 1
                    vectors - 1
                else
                    scalars <- scalars + 1
                    scalars - 1
            instructions.Add
                { Op = op
                  Target = target
                  A = a
                  B = b
                  Value = value
                  Exponent = exponent
                  Terms = terms
                  Text = text }
            target

        /// The scalar register of a scalar term (computed once per distinct term).
        member b.Scalar(t: Term) : int =
            match t with
            | Ref n when lets.ContainsKey n -> b.Scalar lets.[n]
            | _ ->
                match scalarMemo.TryGetValue t with
                | true, r -> r
                | _ ->
                    let text = TermText.print t
                    let r =
                        match t with
                        | Const c -> b.Emit(RuleOp.Constant, -1, -1, Rational.toFloat c, 0, [||], text, false)
                        | Param p -> b.Emit(RuleOp.Param, paramIndex.[p], -1, 0.0, 0, [||], text, false)
                        | Norm v -> b.Emit(RuleOp.Norm, b.Vector v, -1, 0.0, 0, [||], text, false)
                        | Dot(v, w) ->
                            let rv = b.Vector v
                            b.Emit(RuleOp.Dot, rv, b.Vector w, 0.0, 0, [||], text, false)
                        | Neg a -> b.Emit(RuleOp.Neg, b.Scalar a, -1, 0.0, 0, [||], text, false)
                        | Add(x, y) -> b.Binary(RuleOp.Add, x, y, text)
                        | Sub(x, y) -> b.Binary(RuleOp.Sub, x, y, text)
                        | Mul(x, y) -> b.Binary(RuleOp.Mul, x, y, text)
                        | Div(x, y) -> b.Binary(RuleOp.Div, x, y, text)
                        | Pow(a, k) -> b.Emit(RuleOp.Pow, b.Scalar a, -1, 0.0, k, [||], text, false)
                        | Ref _
                        | Grad _
                        | Hess _
                        | Precond _ -> invalidOp (sprintf "rule %s: %s is a vector where a scalar is needed" m.Name text)
                    scalarMemo.[t] <- r
                    r

        member private b.Binary(op, x, y, text) =
            let rx = b.Scalar x
            let ry = b.Scalar y
            b.Emit(op, rx, ry, 0.0, 0, [||], text, false)

        /// A vector term as a linear combination Σ cᵢ·vᵢ of registers, cᵢ scalar terms.
        member b.Linear(t: Term) : (Term * int) list =
            let isVector = StepCompiler.isVector letKinds
            let scale (s: Term) (terms: (Term * int) list) = terms |> List.map (fun (c, r) -> times s c, r)
            match t with
            | Ref n when stateIndex.ContainsKey n -> [ Const one, stateIndex.[n] ]
            | Ref n ->
                match linearMemo.TryGetValue n with
                | true, l -> l
                | _ ->
                    let l = b.Linear lets.[n]
                    linearMemo.[n] <- l
                    l
            | Neg a -> b.Linear a |> List.map (fun (c, r) -> negate c, r)
            | Add(x, y) -> b.Linear x @ b.Linear y
            | Sub(x, y) -> b.Linear x @ (b.Linear y |> List.map (fun (c, r) -> negate c, r))
            | Mul(x, y) when isVector x -> scale y (b.Linear x)
            | Mul(x, y) -> scale x (b.Linear y)
            | Div(x, y) -> b.Linear x |> List.map (fun (c, r) -> over c y, r)
            | Grad p -> [ Const one, b.Atom(RuleOp.Grad, p, None, t) ]
            | Hess(p, w) -> [ Const one, b.Atom(RuleOp.Hvp, p, Some w, t) ]
            | Precond v -> [ Const one, b.Atom(RuleOp.Precond, v, None, t) ]
            | Const _
            | Param _
            | Norm _
            | Dot _
            | Pow _ -> invalidOp (sprintf "rule %s: %s is a scalar where a vector is needed" m.Name (TermText.print t))

        member private b.Atom(op: RuleOp, a: Term, w: Term option, t: Term) : int =
            let ra = b.Vector a
            let rb = w |> Option.map b.Vector |> Option.defaultValue -1
            let key = sprintf "%d %d %d" (int op) ra rb
            match vectorMemo.TryGetValue key with
            | true, r -> r
            | _ ->
                let r = b.Emit(op, ra, rb, 0.0, 0, [||], TermText.print t, true)
                vectorMemo.[key] <- r
                r

        /// The vector register holding a vector term (a Combine unless it is one register).
        member b.Vector(t: Term) : int =
            match b.Linear t with
            | [ Const c, r ] when c = one -> r
            | terms ->
                let lowered =
                    terms
                    |> List.map (fun (c, r) ->
                        match c with
                        | Const c when c = one -> { Coefficient = -1; Vector = r }
                        | _ -> { Coefficient = b.Scalar c; Vector = r })
                    |> Array.ofList
                let key = "combine " + (lowered |> Array.map (fun l -> sprintf "%d*%d" l.Coefficient l.Vector) |> String.concat " ")
                match vectorMemo.TryGetValue key with
                | true, r -> r
                | _ ->
                    let r = b.Emit(RuleOp.Combine, -1, -1, 0.0, 0, lowered, TermText.print t, true)
                    vectorMemo.[key] <- r
                    r

    /// Where the update of a state vector is written, as a position in the rule text.
    let private updateAt (state: string) (text: string) : Pos =
        let lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
        lines
        |> Seq.mapi (fun i l -> i + 1, l)
        |> Seq.tryPick (fun (i, l) ->
            try
                match Syntax.parseLine i l with
                | Some(UpdateLine(n, p, _)) when n = state -> Some p
                | _ -> None
            with RuleFailure _ ->
                None)
        |> Option.defaultValue { Line = 1; Col = 1 }

    /// The program of a checked rule, or why a trainer cannot run it (with the position in the
    /// rule's text). Every operator of the language lowers; a rule that never evaluates the
    /// loss's gradient or Hessian gives a trainer nothing to step on and is refused. The program
    /// says where a preconditioner is used, so that a trainer can state what it stands for.
    [<CompiledName("Lower")>]
    let lower (source: RuleSource) : Result<RuleProgram, RuleError> =
        let m = source.Model
        let b = Builder m
        let updates = m.Updates |> List.map (fun (_, t) -> b.Vector t) |> Array.ofList
        let instructions = b.Instructions
        if not (instructions |> Array.exists (fun i -> i.Op = RuleOp.Grad || i.Op = RuleOp.Hvp)) then
            let x = List.head m.State
            let p = updateAt x source.Text
            Error
                { Line = p.Line
                  Column = p.Col
                  Kind = "not-trainable"
                  Message =
                    sprintf
                        "rule %s never evaluates grad(...) or hess(...), so training has no loss to step on: the update of %s must use the gradient"
                        m.Name
                        x }
        else
            let iterateGradient =
                instructions
                |> Array.tryFind (fun i -> i.Op = RuleOp.Grad && i.A = 0)
                |> Option.map (fun i -> i.Target)
                |> Option.defaultValue -1
            let starts =
                m.Updates
                |> List.mapi (fun i (_, t) ->
                    match t with
                    | _ when i = 0 -> StateStart.Iterate
                    | Ref n when List.contains n m.State -> StateStart.Iterate
                    | _ -> StateStart.Zero)
                |> Array.ofList
            Ok
                { Name = source.Name
                  Parameters = m.Params |> List.map (fun p -> p.Name) |> Array.ofList
                  State = Array.ofList m.State
                  Starts = starts
                  VectorRegisters = b.Vectors
                  ScalarRegisters = b.Scalars
                  Instructions = instructions
                  Updates = updates
                  IterateGradient = iterateGradient
                  UsesPreconditioner = m.UsesPreconditioner
                  PreconditionerAt = if m.UsesPreconditioner then firstCall "precond" source.Text else "" }

    let private inDomain (d: ParamDomain) (v: Rational) =
        let lower =
            match d.Lower with
            | Some l -> if l.Inclusive then v >= l.Value else v > l.Value
            | None -> true
        let upper =
            match d.Upper with
            | Some u -> if u.Inclusive then v <= u.Value else v < u.Value
            | None -> true
        lower && upper

    let private domainText (d: ParamDomain) =
        match d.Lower, d.Upper with
        | Some l, Some u -> sprintf "%O %s %s %s %O" l.Value (if l.Inclusive then "<=" else "<") d.Name (if u.Inclusive then "<=" else "<") u.Value
        | Some l, None -> sprintf "%s %s %O" d.Name (if l.Inclusive then ">=" else ">") l.Value
        | None, Some u -> sprintf "%s %s %O" d.Name (if u.Inclusive then "<=" else "<") u.Value
        | None, None -> sprintf "%s unconstrained" d.Name

    /// `name=value,…` (decimals or fractions, read exactly) bound to the rule's hyperparameters:
    /// every one given once, each inside its declared domain; errors are one line naming the entry.
    [<CompiledName("BindParameters")>]
    let bindParameters (m: OptimizerModel) (text: string) : Result<BoundParameters, string> =
        let entries =
            (if isNull text then "" else text).Split(',', StringSplitOptions.TrimEntries ||| StringSplitOptions.RemoveEmptyEntries)
            |> List.ofArray
        let parsed =
            entries
            |> List.fold
                (fun (acc: Result<Map<string, Rational>, string>) entry ->
                    acc
                    |> Result.bind (fun map ->
                        match entry.Split('=', 2, StringSplitOptions.TrimEntries) with
                        | [| name; value |] when name <> "" ->
                            if not (m.Params |> List.exists (fun p -> p.Name = name)) then
                                let known = m.Params |> List.map (fun p -> p.Name) |> String.concat ", "
                                Error(sprintf "--params: rule %s has no hyperparameter '%s' (it has: %s)" m.Name name (if known = "" then "none" else known))
                            elif map.ContainsKey name then
                                Error(sprintf "--params: '%s' is given twice" name)
                            else
                                match Rational.TryParse value with
                                | Some r -> Ok(Map.add name r map)
                                | None -> Error(sprintf "--params: '%s' in '%s' is not a number" value entry)
                        | _ -> Error(sprintf "--params: '%s' is not NAME=VALUE" entry)))
                (Ok Map.empty)
        parsed
        |> Result.bind (fun map ->
            let missing = m.Params |> List.filter (fun p -> not (map.ContainsKey p.Name))
            match missing with
            | d :: _ -> Error(sprintf "--params: no value for %s (rule %s takes %s)" d.Name m.Name (m.Params |> List.map (fun p -> p.Name + "=…") |> String.concat ","))
            | [] ->
                match m.Params |> List.tryFind (fun d -> not (inDomain d map.[d.Name])) with
                | Some d -> Error(sprintf "--params: %s=%O is outside the rule's domain %s" d.Name map.[d.Name] (domainText d))
                | None ->
                    Ok
                        { Names = m.Params |> List.map (fun p -> p.Name) |> Array.ofList
                          Exact = m.Params |> List.map (fun p -> string map.[p.Name]) |> Array.ofList
                          Values = m.Params |> List.map (fun p -> Rational.toFloat map.[p.Name]) |> Array.ofList })

    /// The program as text, one instruction a line (for listings and the run's log).
    [<CompiledName("Listing")>]
    let listing (p: RuleProgram) : string =
        let v i = if i < p.State.Length then p.State.[i] else sprintf "v%d" i
        let s i = sprintf "s%d" i
        let line (i: RuleInstruction) =
            match i.Op with
            | RuleOp.Grad -> sprintf "%s = grad(%s)" (v i.Target) (v i.A)
            | RuleOp.Hvp -> sprintf "%s = hess(%s, %s)" (v i.Target) (v i.A) (v i.B)
            | RuleOp.Precond -> sprintf "%s = precond(%s)" (v i.Target) (v i.A)
            | RuleOp.Combine ->
                let term (t: LinearTerm) = if t.Coefficient < 0 then v t.Vector else sprintf "%s*%s" (s t.Coefficient) (v t.Vector)
                sprintf "%s = %s" (v i.Target) (i.Terms |> Array.map term |> String.concat " + ")
            | RuleOp.Constant -> sprintf "%s = %s" (s i.Target) i.Text
            | RuleOp.Param -> sprintf "%s = %s" (s i.Target) p.Parameters.[i.A]
            | RuleOp.Norm -> sprintf "%s = norm(%s)" (s i.Target) (v i.A)
            | RuleOp.Dot -> sprintf "%s = dot(%s, %s)" (s i.Target) (v i.A) (v i.B)
            | RuleOp.Add -> sprintf "%s = %s + %s" (s i.Target) (s i.A) (s i.B)
            | RuleOp.Sub -> sprintf "%s = %s - %s" (s i.Target) (s i.A) (s i.B)
            | RuleOp.Mul -> sprintf "%s = %s * %s" (s i.Target) (s i.A) (s i.B)
            | RuleOp.Div -> sprintf "%s = %s / %s" (s i.Target) (s i.A) (s i.B)
            | RuleOp.Neg -> sprintf "%s = -%s" (s i.Target) (s i.A)
            | RuleOp.Pow -> sprintf "%s = %s^%d" (s i.Target) (s i.A) i.Exponent
            | _ -> sprintf "? %O" i.Op
        let body = p.Instructions |> Array.map line
        let stores = p.State |> Array.mapi (fun k n -> sprintf "%s' = %s" n (v p.Updates.[k]))
        String.concat "\n" (Array.append body stores)
