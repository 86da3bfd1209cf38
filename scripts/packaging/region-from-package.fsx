// Derives a region through the published packages, as a user's script would: `#r "nuget: ..."`
// resolves the libraries from a package source, not from this repository's build. .ci/run loads
// it after `#i "nuget: <artifacts folder>"`, so the source is the freshly packed artifacts/.
#r "nuget: EigenVerify.Filtering"

open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

let heavyBall = Catalog.load "heavy-ball"

let region =
    match RuleAnalysis.region heavyBall [ ("alpha", Rational.parse "1/10"); ("beta", Rational.parse "9/10") ] with
    | Ok(Exact r) -> r.Region
    | other -> failwithf "no exact region for heavy ball: %A" other

// Heavy ball keeps 0 <= lambda <= 2(1 + beta)/alpha = 38 at alpha = 1/10, beta = 9/10.
match region.Intervals, region.Points with
| [ { Lower = Some lo; Upper = Some hi } ], [] when
    lo.Value = AlgebraicNumber.ofRational Rational.Zero
    && hi.Value = AlgebraicNumber.ofRational (Rational.parse "38") ->
    printfn "heavy ball at alpha = 1/10, beta = 9/10: [0, 38] (from the packages)"
| _ -> failwithf "unexpected heavy-ball region: %A" region
