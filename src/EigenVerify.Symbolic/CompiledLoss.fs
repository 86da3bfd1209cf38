namespace EigenVerify.Symbolic

open System

/// A loss with its exact derivatives and their compiled delegates. Hessian and third
/// derivatives are derived on first use: most rules never need the third.
type CompiledLoss =
    { Loss: Loss
      Gradient: Expr[]
      Hessian: Lazy<Expr[,]>
      Third: Lazy<Expr[,,]>
      Value: Func<float[], float>
      GradientMap: VectorMap
      /// Row-major n×n.
      HessianMap: Lazy<VectorMap>
      /// Row-major n×n×n.
      ThirdMap: Lazy<VectorMap> }

[<RequireQualifiedAccess>]
module CompiledLoss =
    let prepare (l: Loss) : CompiledLoss =
        let g = Loss.gradient l
        let h = lazy (Loss.hessianOf l g)
        let t = lazy (Loss.thirdOf l h.Value)
        { Loss = l
          Gradient = g
          Hessian = h
          Third = t
          Value = ExprCompiler.compileScalar l l.Body
          GradientMap = ExprCompiler.compileVector l g
          HessianMap = lazy (ExprCompiler.compileVector l (h.Value |> Seq.cast<Expr> |> Array.ofSeq))
          ThirdMap = lazy (ExprCompiler.compileVector l (t.Value |> Seq.cast<Expr> |> Array.ofSeq)) }

    let gradientAt (c: CompiledLoss) (x: float[]) =
        let r = Array.zeroCreate x.Length
        c.GradientMap.Invoke(x, r)
        r

    let hessianAt (c: CompiledLoss) (x: float[]) =
        let n = x.Length
        let r = Array.zeroCreate (n * n)
        c.HessianMap.Value.Invoke(x, r)
        Array2D.init n n (fun i j -> r.[i * n + j])

    let thirdAt (c: CompiledLoss) (x: float[]) =
        let n = x.Length
        let r = Array.zeroCreate (n * n * n)
        c.ThirdMap.Value.Invoke(x, r)
        Array3D.init n n n (fun i j k -> r.[(i * n + j) * n + k])
