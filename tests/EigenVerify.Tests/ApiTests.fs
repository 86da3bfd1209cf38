/// The facade's public surface: listed and checked in, free of F#-only types, documented.
module EigenVerify.Tests.ApiTests

open System
open System.IO
open System.Reflection
open System.Xml.Linq
open Xunit
open EigenVerify.TestSupport

/// The assemblies whose public API is checked in, each as src/<name>/PublicApi.txt.
let private assemblies =
    [ typeof<EigenVerify.OptimizerRule>.Assembly
      typeof<EigenVerify.Algebra.Rational>.Assembly
      typeof<EigenVerify.Symbolic.OptimizerModel>.Assembly
      typeof<EigenVerify.Filtering.Region>.Assembly
      typeof<EigenVerify.Proofs.Claim>.Assembly
      typeof<EigenVerify.Numerics.RunCase>.Assembly ]

/// Regenerate the listings after a deliberate API change with
/// `EIGENVERIFY_UPDATE_API=1 dotnet test tests/EigenVerify.Tests -c Release --filter ApiTests`.
[<Fact>]
let ``the public API listings match the assemblies`` () =
    let update = Environment.GetEnvironmentVariable "EIGENVERIFY_UPDATE_API" = "1"
    for asm in assemblies do
        let name = asm.GetName().Name
        let path = Path.Combine(repositoryRoot (), "src", name, "PublicApi.txt")
        let actual = (PublicApi.listing asm |> String.concat "\n") + "\n"
        if update then
            File.WriteAllText(path, actual)
        else
            let expected = if File.Exists path then File.ReadAllText path else ""
            if expected <> actual then
                let a = set (PublicApi.listing asm)
                let e = set (expected.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                let added = Set.difference a e |> Seq.truncate 5 |> String.concat "\n  + "
                let removed = Set.difference e a |> Seq.truncate 5 |> String.concat "\n  - "
                failwithf
                    "the public API of %s changed; if deliberate, regenerate src/%s/PublicApi.txt (EIGENVERIFY_UPDATE_API=1):\n  + %s\n  - %s"
                    name
                    name
                    added
                    removed

/// F#-only types a C# caller cannot use comfortably.
let rec private fsharpOnly (t: Type) =
    if t.IsArray || t.IsByRef then
        fsharpOnly (t.GetElementType())
    else
        let ns = if isNull t.Namespace then "" else t.Namespace
        (ns = "Microsoft.FSharp.Core" || ns = "Microsoft.FSharp.Collections")
        || (t.IsGenericType && (t.GetGenericArguments() |> Array.exists fsharpOnly))

[<Fact>]
let ``no public signature of the facade mentions an F#-only type`` () =
    let asm = typeof<EigenVerify.OptimizerRule>.Assembly
    let offenders =
        [ for t in asm.GetExportedTypes() do
              let flags = BindingFlags.Public ||| BindingFlags.Static ||| BindingFlags.Instance ||| BindingFlags.DeclaredOnly
              for c in t.GetConstructors(flags) do
                  for p in c.GetParameters() do
                      if fsharpOnly p.ParameterType then yield sprintf "%s ctor: %s" t.Name p.Name
              for m in t.GetMethods(flags) do
                  if fsharpOnly m.ReturnType then yield sprintf "%s.%s returns %s" t.Name m.Name m.ReturnType.Name
                  for p in m.GetParameters() do
                      if fsharpOnly p.ParameterType then yield sprintf "%s.%s(%s: %s)" t.Name m.Name p.Name p.ParameterType.Name
              for p in t.GetProperties(flags) do
                  if fsharpOnly p.PropertyType then yield sprintf "%s.%s: %s" t.Name p.Name p.PropertyType.Name ]
    Assert.True(offenders.IsEmpty, String.concat "\n" offenders)
    // the check itself recognises what it must refuse
    Assert.True(fsharpOnly typeof<int list>)
    Assert.True(fsharpOnly typeof<Collections.Generic.IReadOnlyList<string option>>)
    Assert.True(fsharpOnly typeof<(int -> int)[]>)
    Assert.False(fsharpOnly typeof<Collections.Generic.IReadOnlyDictionary<string, EigenVerify.Algebra.Rational>>)

[<Fact>]
let ``every public type and member of the facade is documented`` () =
    let asm = typeof<EigenVerify.OptimizerRule>.Assembly
    let xml = Path.ChangeExtension(asm.Location, ".xml")
    Assert.True(File.Exists xml, xml + " is missing: GenerateDocumentationFile must be on for the facade")
    let documented =
        XDocument.Load(xml).Descendants(XName.Get "member")
        |> Seq.map (fun m -> m.Attribute(XName.Get "name").Value)
        |> Set.ofSeq
    let has (prefix: string) (name: string) =
        documented |> Set.exists (fun d -> d = prefix + name || d.StartsWith(prefix + name + "("))
    let generated = set [ "Equals"; "GetHashCode"; "CompareTo"; "ToString"; "GetType" ]
    let missing =
        [ for t in asm.GetExportedTypes() do
              let full = t.FullName.Replace('+', '.')
              if not (has "T:" full) then yield "type " + full
              let flags = BindingFlags.Public ||| BindingFlags.Static ||| BindingFlags.Instance ||| BindingFlags.DeclaredOnly
              if not t.IsEnum then
                  for p in t.GetProperties(flags) do
                      if p.Name <> "Tag" && not (p.Name.StartsWith "Is" && t.IsSubclassOf typeof<obj> && (isNull (t.GetProperty "Tag") |> not)) then
                          if not (has "P:" (full + "." + p.Name)) then yield "property " + full + "." + p.Name
                  for m in t.GetMethods(flags) do
                      if not m.IsSpecialName && not (generated.Contains m.Name) then
                          if not (has "M:" (full + "." + m.Name)) then yield "method " + full + "." + m.Name ]
    Assert.True(missing.IsEmpty, "undocumented:\n" + String.concat "\n" missing)
