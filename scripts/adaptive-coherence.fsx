// The coherence bound for adaptive step sizes, checked exactly.
//
// The bound linearizes a frozen-preconditioner method as δ⁺ = (I − ηP⁻¹H)δ and states: stable iff
// η < 2/γ with the "coherence" γ = max_i |λ_i/p_i| (λ_i: eigenvalues of H, p_i: diagonal of P).
// Pairing λ_i with p_i only makes sense when H is diagonal in the parameter basis. In general the
// numbers that matter are the eigenvalues μ of P⁻¹H: the iteration is stable iff every μ lies in
// the toolkit's region for the frozen preconditioned rule, 0 <= mu <= 2/eta (strict ends for
// convergence from every start). This script takes a 2×2 symmetric non-diagonal Hessian and a
// diagonal preconditioner, computes both conditions exactly, and runs the iteration in exact
// rationals to show which one tells the truth.
//
// Build first:  dotnet build src/EigenVerify.Cli -c Release
// Run:          dotnet fsi scripts/adaptive-coherence.fsx                 (two built-in cases)
//               dotnet fsi scripts/adaptive-coherence.fsx h11 h12 h22 p1 p2 eta   (exact numbers, e.g. 9/10)

#r "../src/EigenVerify.Cli/bin/Release/net10.0/EigenVerify.Algebra.dll"
#r "../src/EigenVerify.Cli/bin/Release/net10.0/EigenVerify.Symbolic.dll"
#r "../src/EigenVerify.Cli/bin/Release/net10.0/EigenVerify.Filtering.dll"

open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering

let r (s: string) = Rational.parse s
let show (a: AlgebraicNumber) = sprintf "%s (~%s)" (AlgebraicNumber.toString a) (AlgebraicNumber.toDecimal 10 a)

/// Roots of t² − tr·t + det, descending: the eigenvalues of a 2×2 matrix with real spectrum.
let eigenvalues (tr: Rational) (det: Rational) =
    AlgebraicNumber.realRoots (Poly.ofCoeffs [ det; -tr; Rational.one ]) |> List.rev

/// x/p for an algebraic x and a rational p > 0, as an algebraic number: the root of
/// f(p·t) in the same position, where f is x's defining polynomial.
let divide (x: AlgebraicNumber) (p: Rational) =
    let f = AlgebraicNumber.definingPoly x
    let scaled = Poly.compose f (Poly.ofCoeffs [ Rational.zero; p ])
    let roots = AlgebraicNumber.realRoots scaled
    let position = AlgebraicNumber.realRoots f |> List.findIndex (fun y -> AlgebraicNumber.compare y x = 0)
    roots.[position]

/// |x|: for a negative x, −x is the root of f(−t) in the mirrored position.
let absolute (x: AlgebraicNumber) =
    if AlgebraicNumber.compare x (AlgebraicNumber.ofInt 0) >= 0 then
        x
    else
        let f = AlgebraicNumber.definingPoly x
        let roots = AlgebraicNumber.realRoots f
        let position = roots |> List.findIndex (fun y -> AlgebraicNumber.compare y x = 0)
        let mirrored = AlgebraicNumber.realRoots (Poly.compose f (Poly.ofCoeffs [ Rational.zero; -Rational.one ]))
        mirrored.[roots.Length - 1 - position]

let maxOf (xs: AlgebraicNumber list) = xs |> List.reduce (fun a b -> if AlgebraicNumber.compare a b >= 0 then a else b)

let analyse (title: string) (h11: Rational) (h12: Rational) (h22: Rational) (p1: Rational) (p2: Rational) (eta: Rational) =
    printfn "== %s" title
    printfn "H = [[%O, %O], [%O, %O]],  P = diag(%O, %O),  eta = %O" h11 h12 h12 h22 p1 p2 eta
    if p1.Sign <= 0 || p2.Sign <= 0 || eta.Sign <= 0 then failwith "P must be positive and eta > 0"
    // the coherence bound: eigenvalues of H (descending) paired with p_1, p_2 in order
    let lambdas = eigenvalues (h11 + h22) (h11 * h22 - h12 * h12)
    printfn "eigenvalues of H: %s" (lambdas |> List.map show |> String.concat ", ")
    let ratios = List.map2 (fun l p -> absolute (divide l p)) lambdas [ p1; p2 ]
    let gamma = maxOf ratios
    printfn "coherence gamma = max |lambda_i/p_i| = %s" (show gamma)
    let boundStable = AlgebraicNumber.compare gamma (AlgebraicNumber.ofRational (Rational.ofInt 2 / eta)) < 0
    printfn "coherence bound: eta < 2/gamma  ->  %s" (if boundStable then "says STABLE" else "says UNSTABLE")
    // the truth: eigenvalues μ of P⁻¹H = [[h11/p1, h12/p1], [h12/p2, h22/p2]]
    let mus = eigenvalues (h11 / p1 + h22 / p2) ((h11 * h22 - h12 * h12) / (p1 * p2))
    printfn "eigenvalues mu of P^-1 H: %s" (mus |> List.map show |> String.concat ", ")
    // the toolkit's region for the frozen preconditioned rule at alpha = eta
    let model = Catalog.load "rmsprop-frozen"
    let region =
        match RuleAnalysis.region model [ ("alpha", eta) ] with
        | Ok(Exact e) -> e.Region
        | other -> failwithf "unexpected: %A" other
    printfn "toolkit region for rmsprop-frozen at alpha = %O: mu in %s" eta (Region.toText region)
    let inside (m: AlgebraicNumber) =
        // strict inside for convergence from every start: 0 < eta*mu < 2
        AlgebraicNumber.compare m (AlgebraicNumber.ofInt 0) > 0
        && AlgebraicNumber.compare m (AlgebraicNumber.ofRational (Rational.ofInt 2 / eta)) < 0
    let trulyStable = mus |> List.forall inside
    printfn "true condition (every mu strictly inside): %s" (if trulyStable then "STABLE" else "UNSTABLE")
    // exact iteration δ⁺ = (I − ηP⁻¹H)δ from δ = (1, 1)
    let a11, a12 = Rational.one - eta * h11 / p1, -(eta * h12 / p1)
    let a21, a22 = -(eta * h12 / p2), Rational.one - eta * h22 / p2
    let mutable d1, d2 = Rational.one, Rational.one
    let size () = Rational.max (Rational.abs d1) (Rational.abs d2)
    for k in 1 .. 60 do
        let n1 = a11 * d1 + a12 * d2
        let n2 = a21 * d1 + a22 * d2
        d1 <- n1
        d2 <- n2
        if k % 20 = 0 then printfn "  step %2d: max|delta| = %s" k (Rational.toDecimalString 6 (size ()))
    let grew = size () > Rational.one
    printfn "exact iteration: %s" (if grew then "DIVERGES" else "converges")
    let verdict =
        if boundStable = trulyStable then "the coherence bound and the truth agree here"
        else sprintf "the coherence bound is WRONG here: it says %s, the iteration %s" (if boundStable then "stable" else "unstable") (if grew then "diverges" else "converges")
    printfn "=> %s" verdict
    printfn ""

match fsi.CommandLineArgs |> Array.tail with
| [| h11; h12; h22; p1; p2; eta |] -> analyse "your case" (r h11) (r h12) (r h22) (r p1) (r p2) (r eta)
| [||] ->
    // strong coupling, small second preconditioner entry: 2/gamma = 1/5 but 2/max mu ~ 0.0198
    analyse "the bound says stable, the iteration diverges" (r "1") (r "9/10") (r "1") (r "1") (r "1/100") (r "1/10")
    // the same H with the preconditioner swapped: 2/gamma ~ 0.0105 but 2/max mu ~ 0.0198
    analyse "the bound says unstable, the iteration converges" (r "1") (r "9/10") (r "1") (r "1/100") (r "1") (r "3/200")
| _ -> eprintfn "usage: dotnet fsi scripts/adaptive-coherence.fsx [h11 h12 h22 p1 p2 eta]"; exit 2
