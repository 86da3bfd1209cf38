using System.Globalization;
using EigenVerify.Experiments.Optim;

namespace EigenVerify.Experiments.Runs;

/// <summary>One training run of a sweep: an optimizer with its hyperparameters, and a seed.</summary>
public sealed record RunSpec(OptimizerSpec Optimizer, int Seed)
{
    static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A file-name-safe identity, e.g. <c>usam_rho0.1_beta0.9_seed0</c>.</summary>
    public string Id
    {
        get
        {
            var o = Optimizer;
            var s = OptimizerSpec.KindName(o.Kind);
            if (o.UsesRho) s += "_rho" + F(o.Rho);
            if (o.Kind != OptimizerKind.Adam) s += "_beta" + F(o.Beta);
            return s + "_seed" + Seed;
        }
    }
}
