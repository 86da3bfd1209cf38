namespace EigenVerify.Symbolic

open System.IO

/// The optimizers of the paper and of the adaptive-optimizer study, as shipped `.rule` files.
[<RequireQualifiedAccess>]
module Catalog =
    /// In the paper's order, each rule followed by its heavy-ball and Nesterov versions.
    let names =
        [ "gd"
          "heavy-ball"
          "nesterov"
          "sam"
          "sam-hb"
          "sam-nesterov"
          "usam"
          "usam-hb"
          "usam-nesterov"
          "two-step-usam"
          "two-step-usam-hb"
          "two-step-usam-nesterov"
          "hessian-usam"
          "hessian-usam-hb"
          "hessian-usam-nesterov"
          "rmsprop-frozen"
          "adam-frozen"
          "adagrad-frozen" ]

    /// The rule text of a catalog entry, read from the assembly's embedded copy.
    let source (name: string) : string option =
        if not (List.contains name names) then
            None
        else
            let asm = typeof<OptimizerModel>.Assembly
            use stream = asm.GetManifestResourceStream("catalog/" + name + ".rule")
            if isNull stream then
                None
            else
                use reader = new StreamReader(stream)
                Some(reader.ReadToEnd())

    /// The parsed catalog rule; raises only if a shipped rule is broken (a bug, caught by tests).
    let load (name: string) : OptimizerModel =
        match source name with
        | None -> invalidArg "name" (sprintf "'%s' is not in the catalog (known: %s)" name (String.concat ", " names))
        | Some text ->
            match Rule.parse text with
            | Ok m -> m
            | Error e -> failwithf "catalog rule %s is invalid: %O" name e

    /// The folder the catalog files are copied to beside the assembly.
    let directory () =
        Path.Combine(Path.GetDirectoryName(typeof<OptimizerModel>.Assembly.Location), "catalog")
