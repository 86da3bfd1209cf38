// Derives a region through the published package, as a user's script would: `#r "nuget: ..."`
// resolves the library from a package source, not from this repository's build. .ci/run loads
// it after `#i "nuget: <artifacts folder>"`, so the source is the freshly packed artifacts/.
#r "nuget: EigenVerify"

open EigenVerify
open EigenVerify.Algebra

let heavyBall = Optimizer.catalog "heavy-ball"
let values = Parameters.parseFor heavyBall "alpha=1/10,beta=9/10"
let report = Filter.region heavyBall values

// Heavy ball keeps 0 <= lambda <= 2(1 + beta)/alpha = 38 at alpha = 1/10, beta = 9/10.
let expected (lo: string) (hi: string) (i: RegionInterval) =
    i.HasLower && i.HasUpper && i.LowerClosed && i.UpperClosed
    && i.Lower = AlgebraicNumber.ofRational (Rational.parse lo)
    && i.Upper = AlgebraicNumber.ofRational (Rational.parse hi)

match report.TheoremApplies, report.Intervals, report.Points with
| true, [| i |], [||] when expected "0" "38" i ->
    printfn "heavy ball at alpha = 1/10, beta = 9/10: %s (from the package)" report.Text
| _ -> failwithf "unexpected heavy-ball region: %s" report.Text
