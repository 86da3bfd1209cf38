/// The parser must answer every input with a model or a RuleError, never an exception.
module EigenVerify.Symbolic.Tests.FuzzTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open EigenVerify.Symbolic

let private fragments =
    [| "optimizer "; "params "; "state "; "let "; "x"; "x_prev"; "m"; "'"; " = "; "="; "grad("; "hess("; "precond("
       "norm("; "dot("; "foo("; ")"; "("; ","; "+"; "-"; "*"; "/"; "^"; "^-"; "2"; "0.9"; "1e-3"; "7/4"; "1e"; "."
       "alpha"; "beta"; " < "; " <= "; " > "; " >= "; "\n"; "\r\n"; "#"; " "; "\t"; "é"; "\u0000"; "𝛼"; "''"; "0"; "-0" |]

let private randomText =
    Gen.oneof
        [ // raw characters, printable and not
          Gen.arrayOf (Gen.choose (0, 0x2FF) |> Gen.map char) |> Gen.map String
          // rule-shaped noise
          Gen.listOf (Gen.elements fragments) |> Gen.map (String.concat "") ]

/// Small edits of a catalog rule: delete, insert, replace, duplicate or swap.
let private mutate (text: string) =
    gen {
        let! edits = Gen.choose (1, 4)
        let mutable t = text
        for _ in 1..edits do
            let! kind = Gen.choose (0, 4)
            let! i = Gen.choose (0, max 0 (t.Length - 1))
            let! len = Gen.choose (1, 8)
            let! frag = Gen.elements fragments
            let len = min len (t.Length - i)
            t <-
                match kind with
                | 0 when t.Length > 0 -> t.Remove(i, len)
                | 1 -> t.Insert(min i t.Length, frag)
                | 2 when t.Length > 0 -> t.Remove(i, len).Insert(i, frag)
                | 3 -> t.Insert(min i t.Length, t.Substring(i, len))
                | _ ->
                    let ls = t.Split '\n'
                    if ls.Length < 2 then t
                    else
                        let a = i % ls.Length
                        let b = (a + 1) % ls.Length
                        let tmp = ls.[a]
                        ls.[a] <- ls.[b]
                        ls.[b] <- tmp
                        String.Join("\n", ls)
        return t
    }

let private mutatedRule =
    gen {
        let! name = Gen.elements Catalog.names
        return! mutate (Catalog.source name).Value
    }

/// Ok: printing and parsing again gives the same model (divisor positions then refer to the
/// printed text). Error: a position inside the text.
let private wellBehaved (text: string) =
    let lineCount = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Length
    match Rule.parse text with
    | Ok m -> RuleTests.reprintedSame m
    | Error e -> e.Line >= 1 && e.Line <= lineCount && e.Column >= 1 && e.Kind <> "" && e.Message <> ""

[<Property(MaxTest = 6000)>]
let ``random text never makes the parser throw`` () =
    Prop.forAll (Arb.fromGen randomText) (fun t -> wellBehaved t |> Prop.label (sprintf "%A" t))

[<Property(MaxTest = 6000)>]
let ``mutated catalog rules never make the parser throw`` () =
    Prop.forAll (Arb.fromGen mutatedRule) (fun t -> wellBehaved t |> Prop.label (sprintf "%A" t))

[<Fact>]
let ``pathological inputs are errors, not crashes`` () =
    let deep = "optimizer t\nstate x\nx' = " + String('(', 5000) + "x" + String(')', 5000)
    let negs = "optimizer t\nstate x\nx' = " + String('-', 5000) + "x"
    let long = "optimizer t\nstate x\nx' = x" + String.replicate 5000 " + x"
    for text in [ deep; negs; long ] do
        match Rule.parse text with
        | Error e -> Assert.Equal("syntax", e.Kind)
        | Ok _ -> failwith "expected a syntax error"
    // null is treated as empty text
    match Rule.parse null with
    | Error e -> Assert.Equal("missing-header", e.Kind)
    | Ok _ -> failwith "expected an error"

/// Whatever parses can be linearized (Ok or a reason) and compiled into a step that runs.
[<Property(MaxTest = 1500)>]
let ``every rule that parses linearizes and compiles without throwing`` () =
    let loss = Sum [ Power(Symbol "x1", 2); Product [ Number(EigenVerify.Algebra.Rational.ofInt 3); Power(Symbol "x2", 2) ] ]
    Prop.forAll (Arb.fromGen mutatedRule) (fun t ->
        match Rule.parse t with
        | Error _ -> Prop.ofTestable true
        | Ok m ->
            let linearized =
                match Linearization.atCriticalPoint m with
                | Ok l -> Array2D.length1 l.Matrix = m.State.Length
                | Error reason -> reason <> ""
            let values = m.Params |> List.map (fun p -> p.Name, 0.1) |> Map.ofList
            let theta = StepCompiler.theta m values [| 2.0; 4.0 |]
            // a shape the checker lets through but a numeric step cannot take is refused with a reason
            let compiled =
                try
                    let step = StepCompiler.compile m (CompiledLoss.prepare { Dimension = 2; Roots = []; Body = loss })
                    let next = Array.zeroCreate (2 * m.State.Length)
                    step.Invoke(Array.concat (m.State |> List.map (fun _ -> [| 0.5; -0.25 |])), next, theta)
                    next.Length = 2 * m.State.Length
                with StepCompileException reason ->
                    reason <> ""
            (linearized && compiled) |> Prop.label (sprintf "%A" t))
