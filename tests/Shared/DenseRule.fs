/// The dense k-state rule shared by the region tests and the benchmarks, so that the rule the
/// benchmark times is the one the tests check against an independent oracle.
module EigenVerify.SharedRules

/// k states, every update an average of all of them (so M(λ) is dense), the gradient taken at a
/// weighted mean: the fixed point is x = x1 = … and the rule stays C¹.
let denseRule (k: int) =
    let names = [ for i in 0 .. k - 1 -> if i = 0 then "x" else sprintf "x%d" i ]
    let weighted = names |> List.mapi (fun i n -> sprintf "%d*%s" (i + 1) n) |> String.concat " + "
    let mean = String.concat " + " names
    [ sprintf "optimizer dense-%d" k
      "params alpha > 0"
      "state " + String.concat ", " names
      sprintf "let y = (%s)/%d" weighted (k * (k + 1) / 2)
      "x' = y - alpha*grad(y)" ]
    @ [ for i in 1 .. k - 1 -> sprintf "%s' = (%s)/%d + (%s - %s)/2" names.[i] mean k names.[i - 1] names.[i] ]
    |> String.concat "\n"
