namespace EigenVerify.Symbolic

open System
open EigenVerify.Algebra

/// 1-based position in the source text.
type internal Pos = { Line: int; Col: int }

/// The parsed form of an expression, with positions for error messages.
type internal Syn =
    | SNum of Rational * Pos
    | SName of string * Pos
    | SCall of string * Syn list * Pos
    | SNeg of Syn * Pos
    | SBin of char * Syn * Syn * Pos
    | SPow of Syn * int * Pos

type internal Comparison =
    | Lt
    | Le
    | Gt
    | Ge

/// One constraint chain of a `params` line: operands separated by comparisons.
type internal Chain = { Operands: Syn list; Ops: (Comparison * Pos) list }

/// One chain of a `filter` line as parsed: each side with its text as written, and the
/// relations between consecutive sides.
type internal FilterChainSyntax =
    { Sides: (Syn * string) list
      Relations: (Relation * Pos) list }

/// A `filter` line as parsed: its chains, then its isolated points `or NAME = EXPR` (the name,
/// its position, the value and the value's text).
type internal FilterSyntax =
    { Chains: FilterChainSyntax list
      Points: (string * Pos * Syn * string) list }

type internal Statement =
    | Header of name: string * Pos
    | ParamsLine of Chain list * Pos
    | StateLine of (string * Pos) list * Pos
    | LetLine of string * Pos * Syn
    | UpdateLine of string * Pos * Syn
    | FilterLine of FilterSyntax * Pos

type internal Token =
    | TIdent of string
    | TNumber of Rational
    | TSym of string
    | TEnd

/// Raised inside the parser and checker only; `Rule.parse` turns it into an Error.
exception internal RuleFailure of RuleError

[<RequireQualifiedAccess>]
module internal Syntax =
    let fail (p: Pos) kind message =
        raise (RuleFailure { Line = p.Line; Column = p.Col; Kind = kind; Message = message })

    let posOf (s: Syn) =
        match s with
        | SNum(_, p)
        | SName(_, p)
        | SCall(_, _, p)
        | SNeg(_, p)
        | SBin(_, _, _, p)
        | SPow(_, _, p) -> p

    let private isIdentStart c = Char.IsAsciiLetter c || c = '_'
    let private isIdentChar c = Char.IsAsciiLetterOrDigit c || c = '_'

    /// Tokens of one line (comments already removed), each with its column.
    let lex (line: int) (text: string) : (Token * Pos) list =
        let n = text.Length
        let toks = Collections.Generic.List<Token * Pos>()
        let mutable i = 0

        while i < n do
            let c = text.[i]
            let p = { Line = line; Col = i + 1 }

            if Char.IsWhiteSpace c then
                i <- i + 1
            elif isIdentStart c then
                let j = i
                while i < n && isIdentChar text.[i] do
                    i <- i + 1
                toks.Add(TIdent(text.Substring(j, i - j)), p)
            elif Char.IsAsciiDigit c || (c = '.' && i + 1 < n && Char.IsAsciiDigit text.[i + 1]) then
                let j = i
                while i < n && Char.IsAsciiDigit text.[i] do
                    i <- i + 1
                if i < n && text.[i] = '.' then
                    i <- i + 1
                    while i < n && Char.IsAsciiDigit text.[i] do
                        i <- i + 1
                // an exponent only when digits follow, so `2*e` and `2e` stay readable errors
                if i < n && (text.[i] = 'e' || text.[i] = 'E') then
                    let k = if i + 1 < n && (text.[i + 1] = '+' || text.[i + 1] = '-') then i + 2 else i + 1
                    if k < n && Char.IsAsciiDigit text.[k] then
                        i <- k
                        while i < n && Char.IsAsciiDigit text.[i] do
                            i <- i + 1
                let lit = text.Substring(j, i - j)
                if i < n && (isIdentChar text.[i] || text.[i] = '.') then
                    fail { p with Col = i + 1 } "syntax" (sprintf "unexpected '%c' after the number %s" text.[i] lit)
                match Rational.TryParse lit with
                | Some r -> toks.Add(TNumber r, p)
                | None -> fail p "syntax" (sprintf "'%s' is not a number" lit)
            else
                let two = if i + 1 < n then text.Substring(i, 2) else ""
                if two = "<=" || two = ">=" then
                    toks.Add(TSym two, p)
                    i <- i + 2
                elif "+-*/^(),=<>'".IndexOf c >= 0 then
                    toks.Add(TSym(string c), p)
                    i <- i + 1
                else
                    fail p "syntax" (sprintf "unexpected character '%s'" (if Char.IsControl c then sprintf "\\u%04x" (int c) else string c))

        // the checker recurses along expressions; this bound keeps every input far from the stack limit
        if toks.Count > 2000 then
            fail (snd toks.[2000]) "syntax" "line too long: a line holds at most 2000 tokens"
        toks.Add(TEnd, { Line = line; Col = n + 1 })
        List.ofSeq toks

    let private describe (t: Token) =
        match t with
        | TIdent s -> sprintf "'%s'" s
        | TNumber r -> sprintf "the number %O" r
        | TSym s -> sprintf "'%s'" s
        | TEnd -> "the end of the line"

    /// Recursive descent over one line's tokens:
    ///   expr  := term (('+'|'-') term)*
    ///   term  := unary (('*'|'/') unary)*
    ///   unary := ('-'|'+') unary | power
    ///   power := atom ('^' ['-'] INTEGER)?
    ///   atom  := NUMBER | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'
    type private Parser(tokens: (Token * Pos) list) =
        let toks = Array.ofList tokens
        let mutable k = 0
        let mutable depth = 0

        member _.Peek = fst toks.[k]
        member _.PeekPos = snd toks.[k]
        /// The index of the next token, to cut an operand's text out of the line.
        member _.Index = k
        member _.PosAt(i: int) = snd toks.[i]
        member _.Advance() = k <- min (k + 1) (toks.Length - 1)

        member p.Expect(sym: string) =
            match p.Peek with
            | TSym s when s = sym -> p.Advance()
            | t -> fail p.PeekPos "syntax" (sprintf "expected '%s' but found %s" sym (describe t))

        member p.Expr() : Syn =
            depth <- depth + 1
            // deeply nested input would otherwise overflow the stack, which no caller can catch
            if depth > 200 then
                fail p.PeekPos "syntax" "expression nested too deeply"
            let mutable left = p.Term()
            let mutable go = true
            while go do
                match p.Peek with
                | TSym("+" | "-" as s) ->
                    let pos = p.PeekPos
                    p.Advance()
                    left <- SBin(s.[0], left, p.Term(), pos)
                | _ -> go <- false
            depth <- depth - 1
            left

        member p.Term() : Syn =
            let mutable left = p.Unary()
            let mutable go = true
            while go do
                match p.Peek with
                | TSym("*" | "/" as s) ->
                    let pos = p.PeekPos
                    p.Advance()
                    left <- SBin(s.[0], left, p.Unary(), pos)
                | _ -> go <- false
            left

        member p.Unary() : Syn =
            match p.Peek with
            | TSym "-" ->
                let pos = p.PeekPos
                p.Advance()
                depth <- depth + 1
                if depth > 200 then
                    fail pos "syntax" "expression nested too deeply"
                let e = SNeg(p.Unary(), pos)
                depth <- depth - 1
                e
            | TSym "+" ->
                p.Advance()
                depth <- depth + 1
                if depth > 200 then
                    fail p.PeekPos "syntax" "expression nested too deeply"
                let e = p.Unary()
                depth <- depth - 1
                e
            | _ -> p.Power()

        member p.Power() : Syn =
            let a = p.Atom()
            match p.Peek with
            | TSym "^" ->
                let pos = p.PeekPos
                p.Advance()
                let negative =
                    match p.Peek with
                    | TSym "-" ->
                        p.Advance()
                        true
                    | _ -> false
                match p.Peek with
                | TNumber r when r.IsInteger && abs r.Numerator <= Numerics.BigInteger 1000 ->
                    p.Advance()
                    let e = int r.Numerator
                    SPow(a, (if negative then -e else e), pos)
                | TNumber r ->
                    fail p.PeekPos "syntax" (sprintf "exponent %O must be an integer between -1000 and 1000" r)
                | t -> fail p.PeekPos "syntax" (sprintf "expected an integer exponent after '^' but found %s" (describe t))
            | _ -> a

        member p.Atom() : Syn =
            let pos = p.PeekPos
            match p.Peek with
            | TNumber r ->
                p.Advance()
                SNum(r, pos)
            | TIdent name ->
                p.Advance()
                match p.Peek with
                | TSym "(" ->
                    p.Advance()
                    let args = Collections.Generic.List<Syn>()
                    args.Add(p.Expr())
                    let mutable go = true
                    while go do
                        match p.Peek with
                        | TSym "," ->
                            p.Advance()
                            args.Add(p.Expr())
                        | _ -> go <- false
                    p.Expect ")"
                    SCall(name, List.ofSeq args, pos)
                | _ -> SName(name, pos)
            | TSym "(" ->
                p.Advance()
                let e = p.Expr()
                p.Expect ")"
                e
            | t -> fail pos "syntax" (sprintf "expected a number, a name or '(' but found %s" (describe t))

        member p.AtEnd =
            match p.Peek with
            | TEnd -> true
            | _ -> false

        member p.ExpectEnd() =
            if not p.AtEnd then
                fail p.PeekPos "syntax" (sprintf "unexpected %s" (describe p.Peek))

    /// A whole token list as one expression.
    let parseExpression (tokens: (Token * Pos) list) : Syn =
        let p = Parser tokens
        let e = p.Expr()
        p.ExpectEnd()
        e

    let private parseChain (p: Parser) : Chain =
        let first = p.Expr()
        let ops = Collections.Generic.List<Comparison * Pos>()
        let operands = Collections.Generic.List<Syn>([ first ])
        let mutable go = true
        while go do
            let pos = p.PeekPos
            let op =
                match p.Peek with
                | TSym "<" -> Some Lt
                | TSym "<=" -> Some Le
                | TSym ">" -> Some Gt
                | TSym ">=" -> Some Ge
                | _ -> None
            match op with
            | Some o ->
                p.Advance()
                ops.Add(o, pos)
                operands.Add(p.Expr())
            | None -> go <- false
        if ops.Count = 0 then
            fail p.PeekPos "syntax" (sprintf "expected a comparison (<, <=, >, >=) but found %s" (describe p.Peek))
        { Operands = List.ofSeq operands; Ops = List.ofSeq ops }

    /// The body of a filter statement (everything after `filter`), `text` the line it is on:
    ///   body  := chain ((',' | 'and') chain)* ('or' NAME '=' expr)*
    ///   chain := expr rel expr (rel expr)*     rel: <, <=, >, >=, =
    let private parseFilterBody (p: Parser) (text: string) : FilterSyntax =
        let textFrom (start: int) =
            let a = (p.PosAt start).Col - 1
            let b = min text.Length (p.PeekPos.Col - 1)
            text.Substring(a, max 0 (b - a)).Trim()
        let side () =
            let start = p.Index
            let e = p.Expr()
            e, textFrom start
        let chain () : FilterChainSyntax =
            let sides = Collections.Generic.List<Syn * string>([ side () ])
            let relations = Collections.Generic.List<Relation * Pos>()
            let mutable go = true
            while go do
                let pos = p.PeekPos
                let rel =
                    match p.Peek with
                    | TSym "<" -> Some Less
                    | TSym "<=" -> Some LessOrEqual
                    | TSym ">" -> Some Greater
                    | TSym ">=" -> Some GreaterOrEqual
                    | TSym "=" -> Some Equal
                    | _ -> None
                match rel with
                | Some r ->
                    p.Advance()
                    relations.Add(r, pos)
                    sides.Add(side ())
                | None -> go <- false
            if relations.Count = 0 then
                fail p.PeekPos "syntax" (sprintf "expected a comparison (<, <=, >, >=, =) but found %s" (describe p.Peek))
            { Sides = List.ofSeq sides; Relations = List.ofSeq relations }
        let chains = Collections.Generic.List<FilterChainSyntax>([ chain () ])
        let mutable go = true
        while go do
            match p.Peek with
            | TSym ","
            | TIdent "and" ->
                p.Advance()
                chains.Add(chain ())
            | _ -> go <- false
        let points = Collections.Generic.List<string * Pos * Syn * string>()
        while (match p.Peek with TIdent "or" -> true | _ -> false) do
            p.Advance()
            match p.Peek with
            | TIdent name ->
                let namePos = p.PeekPos
                p.Advance()
                match p.Peek with
                | TSym "=" ->
                    p.Advance()
                    let value, valueText = side ()
                    points.Add(name, namePos, value, valueText)
                | t -> fail p.PeekPos "syntax" (sprintf "expected '=' after 'or %s' (an isolated point is written or %s = EXPR) but found %s" name name (describe t))
            | t -> fail p.PeekPos "syntax" (sprintf "expected an isolated point 'or lambda = EXPR' after 'or' but found %s" (describe t))
        match p.Peek with
        | TEnd -> ()
        | TSym("," | "<" | "<=" | ">" | ">=" | "=") -> fail p.PeekPos "syntax" (sprintf "unexpected %s after an isolated point: the points come last, each after 'or'" (describe p.Peek))
        | TIdent "and" -> fail p.PeekPos "syntax" "unexpected 'and' after an isolated point: the points come last, each after 'or'"
        | t -> fail p.PeekPos "syntax" (sprintf "unexpected %s (chains are joined by ',' or 'and', isolated points by 'or')" (describe t))
        { Chains = List.ofSeq chains; Points = List.ofSeq points }

    /// A filter statement's body written on its own (a claim), as line 1.
    let parseFilterText (text: string) : FilterSyntax =
        let p = Parser(lex 1 text)
        parseFilterBody p text

    let private isHeaderName (s: string) =
        s.Length > 0 && Char.IsAsciiLetter s.[0] && s |> Seq.forall (fun c -> Char.IsAsciiLetterOrDigit c || c = '-' || c = '_' || c = '.')

    /// One source line (1-based number) to a statement, or None for a blank or comment line.
    let parseLine (lineNo: int) (raw: string) : Statement option =
        let text =
            match raw.IndexOf '#' with
            | -1 -> raw
            | i -> raw.Substring(0, i)
        let toks = lex lineNo text
        match toks with
        | [ (TEnd, _) ] -> None
        | (TIdent "optimizer", pos) :: rest ->
            let start = pos.Col + "optimizer".Length
            let name = text.Substring(start - 1).Trim()
            if name = "" then
                fail { pos with Col = text.TrimEnd().Length + 1 } "syntax" "expected the optimizer's name after 'optimizer'"
            elif not (isHeaderName name) then
                let col = text.IndexOf(name, start - 1) + 1
                fail { pos with Col = col } "syntax" (sprintf "'%s' is not a valid optimizer name (letters, digits, '-', '_', '.')" name)
            else
                Some(Header(name, pos))
        | (TIdent "params", pos) :: rest ->
            let p = Parser rest
            let chains = Collections.Generic.List<Chain>([ parseChain p ])
            let mutable go = true
            while go do
                match p.Peek with
                | TSym "," ->
                    p.Advance()
                    chains.Add(parseChain p)
                | _ -> go <- false
            p.ExpectEnd()
            Some(ParamsLine(List.ofSeq chains, pos))
        | (TIdent "filter", pos) :: rest ->
            let p = Parser rest
            Some(FilterLine(parseFilterBody p text, pos))
        | (TIdent "state", pos) :: rest ->
            let rec names acc (ts: (Token * Pos) list) =
                match ts with
                | (TIdent n, q) :: (TSym ",", _) :: more -> names ((n, q) :: acc) more
                | (TIdent n, q) :: [ (TEnd, _) ] -> List.rev ((n, q) :: acc)
                | (TIdent _, _) :: (t, q) :: _ -> fail q "syntax" (sprintf "expected ',' or the end of the line but found %s" (describe t))
                | (t, q) :: _ -> fail q "syntax" (sprintf "expected a state variable name but found %s" (describe t))
                | [] -> List.rev acc
            Some(StateLine(names [] rest, pos))
        | (TIdent "let", _) :: (TIdent name, npos) :: (TSym "=", _) :: rest -> Some(LetLine(name, npos, parseExpression rest))
        | (TIdent "let", _) :: (TIdent _, _) :: (t, q) :: _ -> fail q "syntax" (sprintf "expected '=' but found %s" (describe t))
        | (TIdent "let", _) :: (t, q) :: _ -> fail q "syntax" (sprintf "expected a name after 'let' but found %s" (describe t))
        | (TIdent name, npos) :: (TSym "'", _) :: (TSym "=", _) :: rest -> Some(UpdateLine(name, npos, parseExpression rest))
        | (TIdent _, _) :: (TSym "'", _) :: (t, q) :: _ -> fail q "syntax" (sprintf "expected '=' but found %s" (describe t))
        | (TIdent name, _) :: (TSym "=", q) :: _ ->
            fail q "syntax" (sprintf "an update is written %s' = ...; an intermediate is written let %s = ..." name name)
        | (t, q) :: _ ->
            fail q "syntax" (sprintf "expected 'optimizer', 'params', 'state', 'let', 'filter' or an update NAME' = ... but found %s" (describe t))
        | [] -> None
