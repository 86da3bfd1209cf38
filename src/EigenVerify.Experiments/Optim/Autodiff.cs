using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Optim;

/// <summary>Gradients and Hessian-vector products of a scalar loss closure w.r.t. parameters.</summary>
public static class Autodiff
{
    /// <summary>∇f at the current parameters, detached; also returns f (detached).</summary>
    public static (Tensor[] Grad, Tensor Loss) Gradient(Func<Tensor> loss, IReadOnlyList<Tensor> parameters)
    {
        var f = loss();
        var g = torch.autograd.grad([f], parameters.ToArray()).Select(t => t.detach()).ToArray();
        return (g, f.detach());
    }

    /// <summary>∇²f·v by double backward: the gradient of ⟨∇f, v⟩, at the current parameters.</summary>
    public static Tensor[] HessianVectorProduct(Func<Tensor> loss, IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> v)
    {
        var f = loss();
        var ps = parameters.ToArray();
        // Keep the first graph: the second derivative runs back through it.
        var g = torch.autograd.grad([f], ps, retain_graph: true, create_graph: true);
        Tensor dot = torch.zeros([], dtype: f.dtype, device: f.device);
        for (int i = 0; i < ps.Length; i++) dot = dot + (g[i] * v[i]).sum();
        return torch.autograd.grad([dot], ps).Select(t => t.detach()).ToArray();
    }

    public static double Norm(IReadOnlyList<Tensor> v)
    {
        double s = 0;
        foreach (var t in v) s += t.to_type(ScalarType.Float64).pow(2).sum().item<double>();
        return Math.Sqrt(s);
    }
}
