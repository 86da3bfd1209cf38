using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Runs;

/// <summary>
/// Minibatch training. Deterministic on CPU: the seed fixes torch's generator (initialisation),
/// the data order is a SplitMix64 permutation per epoch from the same seed, and the thread count
/// is fixed by the config.
/// </summary>
public static class Trainer
{
    public const int Classes = 10;
    const int EvalBatch = 1000;

    public static ScalarType ParseDtype(string s) => s == "float64" ? ScalarType.Float64 : ScalarType.Float32;

    public static TrainedRun Train(ExperimentConfig cfg, RunSpec run, TensorData data, Device device, Action<EpochProgress>? progress = null, CancellationToken cancel = default)
    {
        TrainingOptimizer? opt = null;
        var (model, history) = Loop(cfg, run.Seed, data, device, ps => opt = new TrainingOptimizer(ps, run.Optimizer),
            m => progress?.Invoke(new EpochProgress(run, cfg.Epochs, m)), cancel);
        return new TrainedRun(run, model, opt!, data, history);
    }

    /// <summary>
    /// The training loop for any optimizer: seeds torch, builds the config's model, makes the
    /// optimizer on its parameters and runs the epochs (stopping after an epoch whose loss is not
    /// finite). Returns the trained model and one record per epoch.
    /// </summary>
    public static (nn.Module<Tensor, Tensor> Model, List<EpochMetrics> History) Loop(
        ExperimentConfig cfg, int seed, TensorData data, Device device, Func<IEnumerable<Tensor>, ITrainingStep> makeOptimizer,
        Action<EpochMetrics>? afterEpoch = null, CancellationToken cancel = default)
    {
        TorchRuntime.Seed(seed, cfg.Threads);
        var dtype = ParseDtype(cfg.Dtype);
        var model = cfg.Model.Build(data.ImageShape, Classes, device, dtype);
        var opt = makeOptimizer(model.parameters());
        var order = new SplitMix(0x5EED_0000UL + (ulong)seed);
        var history = new List<EpochMetrics>();
        int n = data.TrainCount;
        for (int epoch = 1; epoch <= cfg.Epochs; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var perm = order.Permutation(n);
            double lossSum = 0;
            long correct = 0;
            model.train();
            for (int start = 0; start < n; start += cfg.BatchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(cfg.BatchSize, n - start);
                var idx = torch.tensor(perm.AsSpan(start, count).ToArray().Select(i => (long)i).ToArray(), device: device);
                var xb = data.TrainX.index_select(0, idx);
                var yb = data.TrainY.index_select(0, idx);
                long batchCorrect = -1;
                double loss = opt.Step(() =>
                {
                    var logits = model.forward(xb);
                    // Accuracy at the first point evaluated, like the reported loss (tensors made in
                    // the closure die with the step's dispose scope, so count now).
                    if (batchCorrect < 0) batchCorrect = logits.argmax(1).eq(yb).sum().item<long>();
                    return nn.functional.cross_entropy(logits, yb);
                });
                lossSum += loss * count;
                correct += batchCorrect;
            }
            var (testLoss, testAcc) = Evaluate(model, data.TestX, data.TestY);
            var m = new EpochMetrics(epoch, lossSum / n, (double)correct / n, testLoss, testAcc, clock.Elapsed.TotalSeconds);
            history.Add(m);
            afterEpoch?.Invoke(m);
            if (double.IsNaN(m.TrainLoss) || double.IsInfinity(m.TrainLoss)) break; // diverged: later epochs only repeat NaN
        }
        return (model, history);
    }

    /// <summary>Mean loss and accuracy in evaluation mode, in batches (no gradients).</summary>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var _ = no_grad();
        model.eval();
        long n = y.shape[0], correct = 0;
        double loss = 0;
        for (long s = 0; s < n; s += EvalBatch)
        {
            using var scope = NewDisposeScope();
            long c = Math.Min(EvalBatch, n - s);
            var logits = model.forward(x.narrow(0, s, c));
            var yb = y.narrow(0, s, c);
            loss += nn.functional.cross_entropy(logits, yb, reduction: nn.Reduction.Sum).to_type(ScalarType.Float64).item<double>();
            correct += logits.argmax(1).eq(yb).sum().item<long>();
        }
        model.train();
        return (loss / n, (double)correct / n);
    }
}
