/// `prove` never loses work: where it writes by default, what it overwrites, and that a refusal
/// or a failure leaves no half-written file (README, "Where prove writes").
module EigenVerify.Cli.Tests.ProveOutputTests

open System.IO
open System.Text.Json
open Xunit
open EigenVerify.TestSupport
open EigenVerify.Cli.Tests.CliRunner

let private filesUnder (root: string) =
    if Directory.Exists root then
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
        |> Array.map (fun f -> Path.GetRelativePath(root, f).Replace('\\', '/'))
        |> Array.sort
    else
        [||]

/// A folder that looks like the repository root: EigenVerify.sln and proofs/ with a file of ours
/// and one a person wrote.
let private fakeRepository (dir: TempDir) =
    File.WriteAllText(dir.File "EigenVerify.sln", "")
    Directory.CreateDirectory(dir.File "proofs") |> ignore
    File.WriteAllText(Path.Combine(dir.Path, "proofs", "README.md"), "notes a person wrote\n")

[<Fact>]
let ``prove without --out writes ./eigenverify-proofs, never the repository's proofs folder`` () =
    use dir = new TempDir()
    fakeRepository dir
    let code, out, err = runIn dir.Path [ "prove"; "--optimizer"; "gd" ]
    Assert.True((code = 0), err)
    Assert.Contains("to eigenverify-proofs", out)
    let written = filesUnder (dir.File "eigenverify-proofs")
    Assert.Contains("gd/derived.sound.smt2", written)
    Assert.Contains("gd/derived.md", written)
    // proofs/ is untouched
    Assert.Equal<string[]>([| "README.md" |], filesUnder (dir.File "proofs"))

[<Fact>]
let ``prove --all writes proofs/ only from the repository root, else ./eigenverify-proofs`` () =
    use root = new TempDir()
    fakeRepository root
    let code, out, err = runIn root.Path [ "prove"; "--all"; "--format"; "json" ]
    Assert.True((code = 0), err)
    Assert.Equal("proofs", JsonDocument.Parse(out).RootElement.GetProperty("folder").GetString())
    let written = filesUnder (root.File "proofs")
    Assert.Contains("heavy-ball/stated.complete.smt2", written)
    // a file it did not write is still there, unchanged
    Assert.Equal("notes a person wrote\n", File.ReadAllText(Path.Combine(root.Path, "proofs", "README.md")))
    use elsewhere = new TempDir()
    let code, out, _ = runIn elsewhere.Path [ "prove"; "--all"; "--format"; "json" ]
    Assert.Equal(0, code)
    Assert.Equal("eigenverify-proofs", JsonDocument.Parse(out).RootElement.GetProperty("folder").GetString())
    Assert.Contains("heavy-ball/stated.complete.smt2", filesUnder (elsewhere.File "eigenverify-proofs"))
    Assert.False(Directory.Exists(elsewhere.File "proofs"))

[<Fact>]
let ``prove never deletes files it did not write, and rewrites its own`` () =
    use dir = new TempDir()
    let out = dir.File "out"
    Directory.CreateDirectory(Path.Combine(out, "gd")) |> ignore
    let mine = Path.Combine(out, "gd", "my-notes.md")
    File.WriteAllText(mine, "mine\n")
    // a stale certificate of ours is replaced by the fresh one
    let stale = Path.Combine(out, "gd", "derived.sound.smt2")
    File.WriteAllText(stale, "; EigenVerify certificate: optimizer gd, claim derived, part sound.\n(old)\n")
    let code, _, err = runIn dir.Path [ "prove"; "--optimizer"; "gd"; "--out"; "out" ]
    Assert.True((code = 0), err)
    Assert.Equal("mine\n", File.ReadAllText mine)
    Assert.DoesNotContain("(old)", File.ReadAllText stale)
    Assert.Contains("(check-sat)", File.ReadAllText stale)

[<Fact>]
let ``prove refuses to overwrite a file it did not write and then writes nothing`` () =
    use dir = new TempDir()
    let out = dir.File "out"
    Directory.CreateDirectory(Path.Combine(out, "gd")) |> ignore
    // a person's file that happens to have the name of a certificate
    let theirs = Path.Combine(out, "gd", "stated.sound.smt2")
    File.WriteAllText(theirs, "(assert false) ; my own experiment\n")
    let code, stdout, err = runIn dir.Path [ "prove"; "--optimizer"; "gd"; "--out"; "out" ]
    Assert.Equal(2, code)
    Assert.Equal("", stdout)
    Assert.Contains("stated.sound.smt2 exists and was not written by eigenverify", err)
    Assert.Single(err.Trim().Split('\n')) |> ignore
    Assert.Equal("(assert false) ; my own experiment\n", File.ReadAllText theirs)
    // checked before the first write: nothing else appeared
    Assert.Equal<string[]>([| "gd/stated.sound.smt2" |], filesUnder out)

[<Fact>]
let ``writes are atomic: no temporary file is left behind`` () =
    use dir = new TempDir()
    let code, out, err = runIn dir.Path [ "prove"; "--optimizer"; "usam"; "--params"; "alpha=1/10,rho=1/20"; "--out"; "o"; "--format"; "json" ]
    Assert.True((code = 0), err)
    let reported =
        JsonDocument.Parse(out).RootElement.GetProperty("written").EnumerateArray()
        |> Seq.map (fun e -> e.GetString())
        |> Seq.sort
        |> Array.ofSeq
    // exactly the reported files exist: no ".tmp" file, nothing unreported
    Assert.Equal<string[]>(reported, filesUnder (dir.File "o"))
    Assert.DoesNotContain(reported, fun f -> f.Contains ".tmp")

[<Fact>]
let ``prove prints a certificate table in LaTeX on request`` () =
    use dir = new TempDir()
    let code, out, err = runIn dir.Path [ "prove"; "--optimizer"; "gd"; "--out"; "o"; "--format"; "latex" ]
    Assert.True((code = 0), err)
    let lines = out.Trim().Split('\n') |> Array.map (fun l -> l.Trim())
    Assert.StartsWith("\\begin{tabular}{lll}", lines.[0])
    Assert.Equal("\\end{tabular}", lines.[lines.Length - 1])
    // one row per certificate written, each with three cells
    let rows = lines |> Array.filter (fun l -> l.StartsWith "\\texttt{")
    Assert.Equal((filesUnder (dir.File "o") |> Array.filter (fun f -> f.EndsWith ".smt2")).Length, rows.Length)
    for r in rows do
        Assert.Equal(3, r.TrimEnd('\\').Split('&').Length)
