/// The public surface of an assembly as sorted text lines: one per public type and one per
/// public member, with parameter and return types. Checked in as src/<Assembly>/PublicApi.txt so
/// that every change of a public surface is deliberate and visible in review.
module EigenVerify.Tests.PublicApi

open System
open System.Reflection

let rec typeName (t: Type) : string =
    if t.IsGenericParameter then
        t.Name
    elif t.IsArray then
        typeName (t.GetElementType()) + "[" + String(',', t.GetArrayRank() - 1) + "]"
    elif t.IsByRef then
        typeName (t.GetElementType()) + "&"
    elif t.IsGenericType then
        let name = t.GetGenericTypeDefinition().FullName
        let name = if isNull name then t.Name else name
        let baseName = name.Substring(0, name.IndexOf '`')
        baseName + "<" + (t.GetGenericArguments() |> Array.map typeName |> String.concat ", ") + ">"
    elif isNull t.FullName then
        t.Name
    else
        t.FullName.Replace('+', '.')

let private parameters (ps: ParameterInfo[]) =
    ps |> Array.map (fun p -> typeName p.ParameterType + " " + p.Name) |> String.concat ", "

let private flags = BindingFlags.Public ||| BindingFlags.Static ||| BindingFlags.Instance ||| BindingFlags.DeclaredOnly

/// Every public type of the assembly with its public members.
let publicTypes (asm: Assembly) =
    asm.GetExportedTypes() |> Array.sortBy (fun t -> t.FullName)

/// The members of a public type, as lines.
let memberLines (t: Type) =
    let owner = typeName t
    [ for c in t.GetConstructors(flags) do
          yield sprintf "%s: ctor(%s)" owner (parameters (c.GetParameters()))
      for m in t.GetMethods(flags) do
          if not m.IsSpecialName || m.Name.StartsWith "op_" then
              let kind = if m.IsStatic then "static " else ""
              yield sprintf "%s: %smethod %s %s(%s)" owner kind (typeName m.ReturnType) m.Name (parameters (m.GetParameters()))
      for p in t.GetProperties(flags) do
          let getter = p.GetGetMethod()
          let isStatic = not (isNull getter) && getter.IsStatic
          let access = (if p.CanRead then " get;" else "") + (if not (isNull (p.GetSetMethod())) then " set;" else "")
          let indexer = match p.GetIndexParameters() with [||] -> "" | ps -> "[" + parameters ps + "]"
          yield sprintf "%s: %sproperty %s %s%s {%s }" owner (if isStatic then "static " else "") (typeName p.PropertyType) p.Name indexer access
      for f in t.GetFields(flags) do
          yield sprintf "%s: %sfield %s %s" owner (if f.IsStatic then "static " else "") (typeName f.FieldType) f.Name
      for e in t.GetEvents(flags) do
          yield sprintf "%s: event %s %s" owner (typeName e.EventHandlerType) e.Name ]

/// The whole listing, sorted, one line each.
let listing (asm: Assembly) =
    [ for t in publicTypes asm do
          let kind =
              if t.IsEnum then "enum"
              elif t.IsInterface then "interface"
              elif t.IsValueType then "struct"
              elif t.IsAbstract && t.IsSealed then "static class"
              else "class"
          yield sprintf "%s %s" kind (typeName t)
          yield! memberLines t ]
    |> List.sort
