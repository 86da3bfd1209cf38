namespace EigenVerify.Cli

open System
open System.Globalization
open System.Text

/// A minimal JSON value and writer: field order is kept as written (the contract documents it),
/// and numbers are printed with enough digits to round-trip a double.
type Json =
    | JNull
    | JBool of bool
    | JNumber of float
    | JInt of int
    | JLong of int64
    | JString of string
    | JArray of Json list
    | JObject of (string * Json) list

[<RequireQualifiedAccess>]
module Json =

    let private escape (s: string) =
        let sb = StringBuilder()
        for c in s do
            match c with
            | '"' -> sb.Append "\\\"" |> ignore
            | '\\' -> sb.Append "\\\\" |> ignore
            | '\n' -> sb.Append "\\n" |> ignore
            | '\r' -> sb.Append "\\r" |> ignore
            | '\t' -> sb.Append "\\t" |> ignore
            | c when c < ' ' -> sb.AppendFormat("\\u{0:x4}", int c) |> ignore
            | c -> sb.Append c |> ignore
        sb.ToString()

    /// "R" gives the shortest text that reads back as the same double; integral values keep a
    /// ".0" so readers see a float, as in the documented example ("approx": 38.0).
    let private number (x: float) =
        if Double.IsNaN x || Double.IsInfinity x then
            "null"
        else
            let s = x.ToString("R", CultureInfo.InvariantCulture)
            if s.Contains "." || s.Contains "E" || s.Contains "e" then s else s + ".0"

    let rec write (sb: StringBuilder) (v: Json) =
        match v with
        | JNull -> sb.Append "null" |> ignore
        | JBool b -> sb.Append(if b then "true" else "false") |> ignore
        | JNumber x -> sb.Append(number x) |> ignore
        | JInt n -> sb.Append(n) |> ignore
        | JLong n -> sb.Append(n) |> ignore
        | JString s -> sb.Append('"').Append(escape s).Append('"') |> ignore
        | JArray items ->
            sb.Append '[' |> ignore
            items |> List.iteri (fun i x -> (if i > 0 then sb.Append ", " |> ignore); write sb x)
            sb.Append ']' |> ignore
        | JObject fields ->
            sb.Append '{' |> ignore
            fields
            |> List.iteri (fun i (k, x) ->
                if i > 0 then sb.Append ", " |> ignore
                sb.Append('"').Append(escape k).Append("\": ") |> ignore
                write sb x)
            sb.Append '}' |> ignore

    let serialize (v: Json) =
        let sb = StringBuilder()
        write sb v
        sb.ToString()
