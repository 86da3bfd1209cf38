namespace EigenVerify.Filtering

open EigenVerify.Algebra

/// Exact decisions about where the roots of a real polynomial lie relative to the unit circle.
/// Coefficients live in any exact ordered field (`FieldOps`); no decision uses floating point.
[<RequireQualifiedAccess>]
module UnitDisk =

    /// All roots strictly inside the unit circle (Schur stable). Schur–Cohn reduction: a real
    /// polynomial h of degree n ≥ 1 is Schur stable iff |h(0)| < |lc h| and
    /// (lc h · h − h(0) · h*) / z is Schur stable, where h* is h reversed. The reduced polynomial
    /// has degree n − 1 with leading coefficient lc² − h(0)², so the recursion terminates.
    let schurStable (f: FieldOps<'e>) (h: 'e[]) =
        let rec go (h: 'e[]) =
            let n = FieldPoly.degree h
            if n <= 0 then
                true
            else
                let a0 = h.[0]
                let an = h.[n]
                let d = f.Sub (f.Mul an an) (f.Mul a0 a0)
                if f.Sign d <= 0 then
                    false
                else
                    // coefficient i of (an·h − a0·h*)/z is the coefficient i + 1 of the numerator
                    Array.init n (fun i -> f.Sub (f.Mul an h.[i + 1]) (f.Mul a0 h.[n - i - 1]))
                    |> FieldPoly.trim f
                    |> go
        go (FieldPoly.trim f h)

    /// For a self-reciprocal polynomial g (its roots closed under w ↦ 1/w, none at 0): are all its
    /// roots on the unit circle? The roots ±1 are divided out; what is left is palindromic of even
    /// degree 2m, equal to z^m·G(z + 1/z), and its roots are on the circle iff every root of G is
    /// real and lies in [−2, 2] (w + 1/w is real only for |w| = 1 or real w, and then |w + 1/w| > 2
    /// unless |w| = 1). G's distinct roots are counted by Sturm on its square-free part.
    let selfReciprocalOnCircle (f: FieldOps<'e>) (g: 'e[]) =
        let stripRoot (root: Rational) (g: 'e[]) =
            let lin = [| f.OfRational(-root); f.One |]
            let rec go (g: 'e[]) =
                if FieldPoly.degree g >= 1 && f.IsZero(FieldPoly.eval f g (f.OfRational root)) then
                    go (fst (FieldPoly.divRem f g lin))
                else
                    g
            go g
        let g = FieldPoly.trim f g |> stripRoot Rational.one |> stripRoot (Rational.ofInt -1)
        let n = FieldPoly.degree g
        if n <= 0 then
            true
        elif n % 2 = 1 then
            // cannot happen for a self-reciprocal g once ±1 are removed; answer conservatively
            false
        else
            let m = n / 2
            let x = [| f.Zero; f.One |]
            // Dickson polynomials: z^j + z^-j = T_j(z + 1/z), T_0 = 2, T_1 = x, T_{j+1} = x·T_j − T_{j−1}
            let t = Array.zeroCreate (m + 1)
            t.[0] <- [| f.OfRational(Rational.ofInt 2) |]
            if m >= 1 then t.[1] <- x
            for j in 2 .. m do
                t.[j] <- FieldPoly.sub f (FieldPoly.mul f x t.[j - 1]) t.[j - 2]
            let mutable big = [| g.[m] |]
            for j in 1 .. m do
                big <- FieldPoly.add f big (FieldPoly.scale f g.[m + j] t.[j])
            let big = FieldPoly.trim f big
            let squareFree = fst (FieldPoly.divRem f big (FieldPoly.gcd f big (FieldPoly.derivative f big)))
            // G(±2) ≠ 0 because g(±1) ≠ 0 after stripping, so Sturm applies on (−2, 2]
            let inside = FieldPoly.sturmCount f squareFree (Rational.ofInt -2) (Rational.ofInt 2)
            inside = FieldPoly.degree squareFree

    /// Every root of the monic real polynomial p (degree k ≥ 0) has |z| ≤ 1. With g = gcd(p, p*),
    /// p* = z^k p(1/z): every root of p on the circle is a root of g (its conjugate is its inverse),
    /// so h = p/g has none, and the test splits exactly into "h Schur stable" and "g's roots all on
    /// the circle" (a root w of g off the circle means 1/w is a root of p too, one of them outside).
    let closedDiskStable (f: FieldOps<'e>) (p: 'e[]) =
        let p = FieldPoly.trim f p
        let k = FieldPoly.degree p
        if k <= 0 then
            true
        else
            let pStar = FieldPoly.reverse f k p
            let g = FieldPoly.gcd f p pStar
            let h = fst (FieldPoly.divRem f p g)
            schurStable f h && selfReciprocalOnCircle f g
