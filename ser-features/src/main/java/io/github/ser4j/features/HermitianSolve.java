package io.github.ser4j.features;

/**
 * Solves {@code R g = p} for a small complex Hermitian positive semi-definite {@code R} (the K×K
 * correlation matrix of {@link WeightedPredictionError}, K at most a few dozen) by a Cholesky factorisation
 * with diagonal loading. Own code rather than a linear-algebra library: ser-features has none, and a K of
 * 5 to 10 needs a few dozen lines.
 *
 * <p>Thread-safety: stateless.
 */
final class HermitianSolve {

    private HermitianSolve() {
    }

    /**
     * Solves {@code (R + loading·mean(diag R)·I) g = p}.
     *
     * @param rr real parts of R, row-major {@code k×k}; only the upper triangle ({@code a <= b}) is read;
     *     overwritten by the factor
     * @param ri imaginary parts of R, likewise
     * @param k the order
     * @param pr real parts of p
     * @param pi imaginary parts of p
     * @param gr real parts of the solution (output)
     * @param gi imaginary parts of the solution (output)
     * @param loading relative diagonal loading, &gt;= 0
     * @return false (and g untouched) if R's diagonal holds no energy or the loaded matrix is not positive definite
     */
    static boolean solve(double[] rr, double[] ri, int k, double[] pr, double[] pi, double[] gr, double[] gi, double loading) {
        double trace = 0;
        for (int a = 0; a < k; a++) {
            trace += rr[a * k + a];
        }
        if (!(trace > 0) || !Double.isFinite(trace)) {
            return false;
        }
        double load = loading * trace / k + Double.MIN_NORMAL;
        // Cholesky R = U^H U with U upper triangular, stored over R's upper triangle
        for (int j = 0; j < k; j++) {
            double diag = rr[j * k + j] + load;
            for (int m = 0; m < j; m++) {
                double ur = rr[m * k + j];
                double ui = ri[m * k + j];
                diag -= ur * ur + ui * ui;
            }
            if (!(diag > 0)) {
                return false;
            }
            double u = Math.sqrt(diag);
            rr[j * k + j] = u;
            ri[j * k + j] = 0;
            for (int b = j + 1; b < k; b++) {
                // U[j][b] = (R[j][b] - sum_m conj(U[m][j]) U[m][b]) / U[j][j]
                double sr = rr[j * k + b];
                double si = ri[j * k + b];
                for (int m = 0; m < j; m++) {
                    double ar = rr[m * k + j];
                    double ai = -ri[m * k + j];
                    double br = rr[m * k + b];
                    double bi = ri[m * k + b];
                    sr -= ar * br - ai * bi;
                    si -= ar * bi + ai * br;
                }
                rr[j * k + b] = sr / u;
                ri[j * k + b] = si / u;
            }
        }
        // U^H z = p (forward), then U g = z (backward)
        double[] zr = new double[k];
        double[] zi = new double[k];
        for (int a = 0; a < k; a++) {
            double sr = pr[a];
            double si = pi[a];
            for (int m = 0; m < a; m++) {
                // (U^H)[a][m] = conj(U[m][a])
                double ur = rr[m * k + a];
                double ui = -ri[m * k + a];
                sr -= ur * zr[m] - ui * zi[m];
                si -= ur * zi[m] + ui * zr[m];
            }
            zr[a] = sr / rr[a * k + a];
            zi[a] = si / rr[a * k + a];
        }
        for (int a = k - 1; a >= 0; a--) {
            double sr = zr[a];
            double si = zi[a];
            for (int b = a + 1; b < k; b++) {
                double ur = rr[a * k + b];
                double ui = ri[a * k + b];
                sr -= ur * gr[b] - ui * gi[b];
                si -= ur * gi[b] + ui * gr[b];
            }
            gr[a] = sr / rr[a * k + a];
            gi[a] = si / rr[a * k + a];
        }
        return true;
    }
}
