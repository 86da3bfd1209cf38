namespace EigenVerify.Algebra

/// Exponentiation by squaring over any multiplication, shared by the polynomial types.
module internal Power =
    /// b^k for k ≥ 0 with O(log k) multiplications; `what` names the type in the error.
    let bySquaring (what: string) (mul: 'T -> 'T -> 'T) (one: 'T) (k: int) (b: 'T) : 'T =
        if k < 0 then
            invalidArg "k" (sprintf "negative power %d of a %s" k what)

        let rec go k b acc =
            if k = 0 then acc
            elif k % 2 = 1 then go (k / 2) (mul b b) (mul acc b)
            else go (k / 2) (mul b b) acc

        go k b one
