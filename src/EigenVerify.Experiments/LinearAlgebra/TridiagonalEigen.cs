using EigenVerify.Experiments.Runs;

namespace EigenVerify.Experiments.LinearAlgebra;

/// <summary>
/// Eigen-decomposition of a symmetric tridiagonal matrix (the Lanczos matrix T) by the implicit
/// QR algorithm with Wilkinson shifts: each sweep chases a bulge down the unreduced block with
/// Givens rotations, and negligible off-diagonal entries split the problem. T is small (at most a
/// few hundred rows), so it is kept dense and every rotation touches whole rows and columns —
/// simple to check, O(m³) overall.
/// </summary>
public static class TridiagonalEigen
{
    /// <param name="diagonal">α₀ … α_{m−1}.</param>
    /// <param name="offDiagonal">β₀ … β_{m−2} (T[i+1,i] = T[i,i+1] = βᵢ).</param>
    public static SymmetricEigenDecomposition Decompose(IReadOnlyList<double> diagonal, IReadOnlyList<double> offDiagonal)
    {
        var m = diagonal.Count;
        if (offDiagonal.Count != Math.Max(0, m - 1))
            throw new ArgumentException($"{m} diagonal entries need {Math.Max(0, m - 1)} off-diagonal ones, got {offDiagonal.Count}");
        var t = new double[m, m];
        var z = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            t[i, i] = diagonal[i];
            z[i, i] = 1.0;
            if (i + 1 < m) t[i + 1, i] = t[i, i + 1] = offDiagonal[i];
        }

        var hi = m - 1;
        var sweeps = 0;
        while (hi > 0)
        {
            // Deflate: an off-diagonal entry below rounding level relative to its neighbours
            // decouples the matrix there.
            for (var k = 0; k < hi; k++)
                if (Math.Abs(t[k + 1, k]) <= double.Epsilon + 2.2e-16 * (Math.Abs(t[k, k]) + Math.Abs(t[k + 1, k + 1])))
                    t[k + 1, k] = t[k, k + 1] = 0.0;
            if (t[hi, hi - 1] == 0.0)
            {
                hi--;
                continue;
            }
            var lo = hi - 1;
            while (lo > 0 && t[lo, lo - 1] != 0.0) lo--;
            if (++sweeps > 100 * m) throw new InvalidOperationException("tridiagonal QR did not converge");
            Sweep(t, z, lo, hi);
        }

        var order = Enumerable.Range(0, m).OrderBy(i => t[i, i]).ToArray();
        var values = order.Select(i => t[i, i]).ToArray();
        var vectors = new double[m, m];
        for (var c = 0; c < m; c++)
            for (var r = 0; r < m; r++)
                vectors[r, c] = z[r, order[c]];
        return new SymmetricEigenDecomposition(values, vectors);
    }

    /// <summary>One implicit QR step with Wilkinson shift on the unreduced block lo..hi.</summary>
    static void Sweep(double[,] t, double[,] z, int lo, int hi)
    {
        // Wilkinson shift: the eigenvalue of the trailing 2×2 block closer to its last entry.
        var d = (t[hi - 1, hi - 1] - t[hi, hi]) / 2.0;
        var b = t[hi, hi - 1];
        var denominator = d + (d >= 0 ? 1.0 : -1.0) * Hypot(d, b);
        var shift = t[hi, hi] - b * b / denominator;

        var x = t[lo, lo] - shift;
        var y = t[lo + 1, lo];
        for (var k = lo; k < hi; k++)
        {
            var r = Hypot(x, y);
            double c = 1.0, s = 0.0;
            if (r != 0.0)
            {
                c = x / r;
                s = y / r;
            }
            Rotate(t, z, k, c, s);
            if (k > lo)
            {
                // This rotation annihilated the bulge at (k+1, k−1); store the exact zero.
                t[k + 1, k - 1] = t[k - 1, k + 1] = 0.0;
            }
            if (k + 1 < hi)
            {
                x = t[k + 1, k];
                y = t[k + 2, k];
            }
        }
    }

    /// <summary>T ← GᵀTG and Z ← ZG for the rotation G acting on coordinates k, k+1 with
    /// Gᵀ(x, y) = (r, 0) for (c, s) = (x, y)/r.</summary>
    static void Rotate(double[,] t, double[,] z, int k, double c, double s)
    {
        var m = t.GetLength(0);
        for (var j = 0; j < m; j++)
        {
            var a = t[k, j];
            var b = t[k + 1, j];
            t[k, j] = c * a + s * b;
            t[k + 1, j] = -s * a + c * b;
        }
        for (var i = 0; i < m; i++)
        {
            var a = t[i, k];
            var b = t[i, k + 1];
            t[i, k] = c * a + s * b;
            t[i, k + 1] = -s * a + c * b;
            var za = z[i, k];
            var zb = z[i, k + 1];
            z[i, k] = c * za + s * zb;
            z[i, k + 1] = -s * za + c * zb;
        }
    }

    static double Hypot(double a, double b)
    {
        var x = Math.Abs(a);
        var y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0.0) return 0.0;
        var q = y / x;
        return x * Math.Sqrt(1.0 + q * q);
    }
}
