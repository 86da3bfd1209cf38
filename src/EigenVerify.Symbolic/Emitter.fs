namespace EigenVerify.Symbolic

open System
open System.Linq.Expressions

/// out ← F(x) for a compiled vector map.
type VectorMap = delegate of x: float[] * result: float[] -> unit

/// Collects the local variables and statements of one compiled body; every intermediate result
/// goes into a local so later code reuses it instead of recomputing it.
type internal Emitter() =
    let locals = ResizeArray<ParameterExpression>()
    let statements = ResizeArray<Expression>()

    /// Stores the value in a fresh local and returns the local.
    member _.Bind(e: Expression) : Expression =
        match e with
        | :? ParameterExpression
        | :? ConstantExpression -> e
        | _ ->
            let v = Expression.Variable(typeof<float>)
            locals.Add v
            statements.Add(Expression.Assign(v, e))
            v :> Expression

    member _.Add(e: Expression) = statements.Add e
    member _.Block() : Expression = Expression.Block(typeof<Void>, locals, Seq.append statements [ Expression.Empty() :> Expression ])
