/// No name a rule can give a hyperparameter clashes with a name the pipeline uses inside: the same
/// rule with its hyperparameter renamed gives the same regions, closed forms and certificates.
module EigenVerify.Proofs.Tests.NameTests

open System.IO
open System.Text.RegularExpressions
open Xunit
open EigenVerify.Algebra
open EigenVerify.Symbolic
open EigenVerify.Filtering
open EigenVerify.Proofs
open EigenVerify.TestSupport
open EigenVerify.Proofs.Tests.SolverFacts

/// Heavy ball with its momentum hyperparameter called `beta`.
let private heavyBallText (beta: string) =
    sprintf
        "optimizer hb\nparams alpha > 0, 0 <= %s < 1\nstate w, w_prev\nw' = w - alpha*grad(w) + %s*(w - w_prev)\nw_prev' = w\nfilter 0 <= lambda <= 2*(1 + %s)/alpha\n"
        beta
        beta
        beta

let private source (beta: string) =
    let text = heavyBallText beta
    match Rule.parse text with
    | Ok m -> { Name = "hb"; Text = text; Model = m }
    | Error e -> failwithf "%s: %O" beta e

/// Names the certificates, SMT-LIB or z3 use themselves, names of the internal steps, and a plain one.
let private names =
    [ "p"; "x"; "y"; "s"; "t"; "det"; "disc"; "c0"; "c1"; "re2"; "im2"; "m1_1"; "bound1"; "sqrt5"; "root1"; "lam"
      "in_region"; "root_outside"; "p_re"; "pi"; "abs"; "exp"; "div"; "forall"; "gamma" ]

let private values (beta: string) = [ "alpha", Rational.ofFraction 1 10; beta, Rational.ofFraction 9 10 ]

/// β's name in a polynomial, back to "beta".
let private renamedBack (beta: string) (p: MPoly) =
    MPoly.substituteWith (fun v -> if v = beta then Some(MPoly.var "beta") else None) p

[<Fact>]
let ``a renamed hyperparameter gives the same exact region and closed form`` () =
    let reference = source "beta"
    let exact (src: RuleSource) (beta: string) =
        match RuleAnalysis.region src.Model (values beta) with
        | Ok(Exact e) -> e.Region
        | other -> failwithf "%s: %A" beta other
    let closedForm (src: RuleSource) =
        match RuleAnalysis.linearize src.Model |> Result.bind (fun l -> RuleAnalysis.closedForm None l) with
        | Ok cf -> cf
        | Error e -> failwith e
    let expectedRegion = exact reference "beta"
    let expectedForm = closedForm reference
    for n in names do
        let src = source n
        Assert.True(Region.equal expectedRegion (exact src n), n)
        let cf = closedForm src
        Assert.Equal((ClosedFormText.full expectedForm).Replace("beta", n), ClosedFormText.full cf)
        Assert.True(ClosedForm.sameConditions expectedForm.Conditions (cf.Conditions |> List.map (renamedBack n)), n)
        // the stated filter agrees with the derivation under every name
        let row = RuleAnalysis.catalogRow None 3 10 src.Model
        Assert.True(row.Agreement.Value.Symbolic, n)
        Assert.Equal(10, row.Agreement.Value.PaperMatches)

/// (declare-const NAME …) and (define-fun NAME …) of one certificate.
let private defined (text: string) =
    Regex.Matches(text, @"^\((?:declare-const|define-fun) (\S+)", RegexOptions.Multiline) |> Seq.map (fun m -> m.Groups.[1].Value) |> List.ofSeq

[<Fact>]
let ``a hyperparameter's SMT symbol never coincides with a symbol the certificate defines`` () =
    for n in names do
        let symbol = Smt.symbol n
        match ProofSet.build (source n) None [ values n ] with
        | Ok(Claims(claims, _)) ->
            for _, files in claims do
                for f in files do
                    let names = defined f.Text
                    Assert.True((List.distinct names).Length = names.Length, sprintf "%s: a symbol is defined twice in %s" n f.Path)
                    Assert.Contains(symbol, names)
        | other -> failwithf "%s: %A" n other
    // names that are free keep their spelling; taken ones get the suffix no rule name can have
    Assert.Equal("gamma", Smt.symbol "gamma")
    Assert.Equal("p.param", Smt.symbol "p")
    Assert.Equal("c0.param", Smt.symbol "c0")

[<Fact>]
let ``a degenerate characteristic polynomial works with a hyperparameter named t`` () =
    // c' = -c adds the eigenvalue -1 for every lambda (D vanishes identically): R = [0, 2/t]
    let text = "optimizer flip\nparams t > 0\nstate x, c\nx' = x - t*grad(x)\nc' = -c\n"
    let m = Rule.parseOrRaise text
    match RuleAnalysis.region m [ "t", Rational.ofFraction 1 10 ] with
    | Ok(Exact e) ->
        let b (x: int) = Some { Value = AlgebraicNumber.ofInt x; Closed = true }
        Assert.True(Region.equal { Intervals = [ { Lower = b 0; Upper = b 20 } ]; Points = [] } e.Region)
    | other -> failwithf "%A" other
