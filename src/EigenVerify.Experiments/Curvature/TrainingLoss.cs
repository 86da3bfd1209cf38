using EigenVerify.Experiments.LinearAlgebra;
using EigenVerify.Experiments.Measurement;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Curvature;

/// <summary>
/// The training loss L(θ) = Σ_b w_b L_b(θ) over a fixed data set, as a function of the flattened
/// parameters θ: its value, gradient and Hessian-vector products, each accumulated batch by batch
/// so the data set can be much larger than one batch. With w_b = n_b/N, L is the mean loss over all
/// N examples — the same function whatever the batch split, so measurements do not depend on it.
/// Hessian-vector products use double backward: Hv = ∇_θ ⟨∇_θ L_b(θ), v⟩, summed over batches.
/// </summary>
public sealed class TrainingLoss
{
    readonly Tensor[] parameters;
    readonly IReadOnlyList<LossTerm> terms;
    readonly long[] sizes;

    public TrainingLoss(IReadOnlyList<Tensor> parameters, IReadOnlyList<LossTerm> terms, string description)
    {
        if (parameters.Count == 0) throw new ArgumentException("the loss has no trainable parameters");
        if (terms.Count == 0) throw new ArgumentException("the loss has no batches");
        this.parameters = parameters.ToArray();
        this.terms = terms;
        sizes = this.parameters.Select(p => p.numel()).ToArray();
        Dimension = sizes.Sum();
        Description = description;
    }

    /// <summary>
    /// The mean of <paramref name="criterion"/> over all rows of <paramref name="inputs"/>, in
    /// batches of <paramref name="batchSize"/> (the last one may be shorter; weights n_b/N keep
    /// the sum equal to the full mean). The model is evaluated in whatever mode it is in: callers
    /// measuring a trained network put it in eval mode first (see <see cref="SpectrumMeasurement"/>).
    /// </summary>
    /// <param name="criterion">Mean loss of a batch from the model's outputs and the targets.</param>
    public static TrainingLoss ForModel(
        nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor targets, long batchSize,
        Func<Tensor, Tensor, Tensor> criterion, string dataDescription)
    {
        var n = inputs.shape[0];
        if (targets.shape[0] != n) throw new ArgumentException($"{n} inputs but {targets.shape[0]} targets");
        if (n == 0) throw new ArgumentException("no examples");
        if (batchSize <= 0) throw new ArgumentException($"batch size must be positive, got {batchSize}");
        var parameters = model.parameters().Where(p => p.requires_grad).Cast<Tensor>().ToArray();
        var device = parameters.Length > 0 ? parameters[0].device : CPU;
        var terms = new List<LossTerm>();
        for (long start = 0; start < n; start += batchSize)
        {
            var from = start;
            var length = Math.Min(batchSize, n - start);
            terms.Add(new LossTerm(
                () => criterion(model.call(inputs.narrow(0, from, length).to(device)), targets.narrow(0, from, length).to(device)),
                (double)length / n));
        }
        var batches = terms.Count;
        return new TrainingLoss(parameters, terms,
            $"{dataDescription}: {n} examples, mean loss accumulated over {batches} batch{(batches == 1 ? "" : "es")} of ≤ {batchSize}");
    }

    /// <summary>Number of trainable scalars n = dim θ.</summary>
    public long Dimension { get; }

    /// <summary>Which data the loss is measured on, for reports.</summary>
    public string Description { get; }

    public IReadOnlyList<Tensor> Parameters => parameters;

    public Device Device => parameters[0].device;

    public ISymmetricOperator Hessian => new HessianOperator(this);

    /// <summary>L(θ).</summary>
    public double Value()
    {
        using var noGrad = no_grad();
        double total = 0;
        foreach (var term in terms)
        {
            using var scope = NewDisposeScope();
            total += term.Weight * term.Evaluate().to(ScalarType.Float64).item<double>();
        }
        return total;
    }

    /// <summary>L(θ) and ∇L(θ) (float64, flattened in parameter order).</summary>
    public (double Value, Tensor Gradient) ValueAndGradient()
    {
        using var enable = enable_grad();
        using var outer = NewDisposeScope();
        var total = zeros([Dimension], dtype: ScalarType.Float64, device: Device);
        double value = 0;
        foreach (var term in terms)
        {
            using var scope = NewDisposeScope();
            var loss = term.Evaluate() * term.Weight;
            value += loss.to(ScalarType.Float64).item<double>();
            if (!loss.requires_grad) continue;
            var grads = autograd.grad([loss], parameters, allow_unused: true);
            total.add_(Flatten(grads));
        }
        return (value, total.MoveToOuterDisposeScope());
    }

    /// <summary>∇L(θ).</summary>
    public Tensor Gradient()
    {
        var (_, gradient) = ValueAndGradient();
        return gradient;
    }

    /// <summary>H(θ)·v by double backward, batch by batch.</summary>
    public Tensor HessianVectorProduct(Tensor v)
    {
        CheckVector(v);
        using var enable = enable_grad();
        using var outer = NewDisposeScope();
        var pieces = Unflatten(v);
        var total = zeros([Dimension], dtype: ScalarType.Float64, device: Device);
        foreach (var term in terms)
        {
            using var scope = NewDisposeScope();
            var loss = term.Evaluate() * term.Weight;
            if (!loss.requires_grad) continue;
            // create_graph keeps the gradient differentiable; TorchSharp does not imply
            // retain_graph from it as PyTorch does, so both are set.
            var grads = autograd.grad([loss], parameters, retain_graph: true, create_graph: true, allow_unused: true);
            Tensor? inner = null;
            for (var i = 0; i < parameters.Length; i++)
            {
                var g = grads[i];
                // A gradient that does not depend on θ (the loss is at most linear in that
                // parameter, alone) contributes nothing to H·v.
                if (g is null || g.IsInvalid || !g.requires_grad) continue;
                var part = (g * pieces[i]).sum();
                inner = inner is null ? part : inner + part;
            }
            if (inner is null) continue;
            var hv = autograd.grad([inner], parameters, allow_unused: true);
            total.add_(Flatten(hv));
        }
        return total.MoveToOuterDisposeScope();
    }

    /// <summary>θ as one float64 vector, in parameter order.</summary>
    public Tensor GetFlatParameters()
    {
        using var noGrad = no_grad();
        return Flatten(parameters);
    }

    /// <summary>Overwrites θ (converted to each parameter's dtype).</summary>
    public void SetFlatParameters(Tensor flat)
    {
        CheckVector(flat);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var pieces = Unflatten(flat);
        for (var i = 0; i < parameters.Length; i++) parameters[i].copy_(pieces[i]);
    }

    /// <summary>Flattens per-parameter tensors (gradients, moments) into one float64 vector;
    /// missing gradients count as zeros.</summary>
    public Tensor Flatten(IList<Tensor> perParameter)
    {
        if (perParameter.Count != parameters.Length)
            throw new ArgumentException($"expected {parameters.Length} tensors, one per parameter, got {perParameter.Count}");
        using var scope = NewDisposeScope();
        var parts = new Tensor[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var t = perParameter[i];
            parts[i] = t is null || t.IsInvalid
                ? zeros([sizes[i]], dtype: ScalarType.Float64, device: Device)
                : t.detach().reshape(-1).to(ScalarType.Float64).to(Device);
        }
        // cat of a single tensor may hand back that tensor, here a view of the parameter itself;
        // callers own the result and must get a copy.
        var flat = parts.Length == 1 ? parts[0].clone() : cat(parts, 0);
        return flat.MoveToOuterDisposeScope();
    }

    /// <summary>Splits a flat vector into tensors shaped (and typed) like the parameters.</summary>
    public Tensor[] Unflatten(Tensor flat)
    {
        CheckVector(flat);
        var result = new Tensor[parameters.Length];
        long offset = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            result[i] = flat.narrow(0, offset, sizes[i]).reshape(parameters[i].shape).to(parameters[i].dtype).to(parameters[i].device);
            offset += sizes[i];
        }
        return result;
    }

    void CheckVector(Tensor v)
    {
        if (v.dim() != 1 || v.shape[0] != Dimension)
            throw new ArgumentException($"expected a vector of length {Dimension}, got shape [{string.Join(", ", v.shape)}]");
    }
}
