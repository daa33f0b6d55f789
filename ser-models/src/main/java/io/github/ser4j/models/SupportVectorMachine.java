package io.github.ser4j.models;

import java.util.Arrays;

/**
 * A trained one-against-one support vector machine with a logistic calibration model per pair and
 * pairwise coupling, held as plain primitive arrays, and the evaluator that predicts with it.
 *
 * <p>It computes what Weka 3.8's {@code SMO.distributionForInstance} computes for the SMOs ser4j trains
 * (no filter, checks off, calibration models on, RBF or polynomial kernel), operation for operation in
 * Weka's order, so the probabilities are Weka's to the last bit:
 * <ul>
 *   <li>machine (i, j): {@code f = Σ_s coef_s · K(x, sv_s) − b}, the sum over its support vectors in
 *       Weka's {@code SMOset} order, {@code coef_s = y_s · α_s} ({@code BinarySMO.SVMOutput});</li>
 *   <li>{@code K(x, v) = exp(−γ (x·x − 2 x·v + v·v))} ({@code RBFKernel}, {@code v·v} precomputed as Weka
 *       does) or {@code (x·v [+1])^e} ({@code PolyKernel}); a linear SMO (e = 1, no lower-order term)
 *       keeps one weight vector per pair, stored here as a single vector with coefficient 1;</li>
 *   <li>{@code r_ij = 1 / (1 + exp(−(a + c f)))}, the class-i probability of the pair's {@code Logistic}
 *       model on the SVM output;</li>
 *   <li>the distribution: for two classes the logistic model's own, else Hastie and Tibshirani's pairwise
 *       coupling of {@code r} weighted by each pair's training count
 *       ({@code MultiClassClassifier.pairwiseCoupling}).</li>
 * </ul>
 * Unlike Weka, each distinct support vector's kernel value is computed once per prediction and shared by
 * all the pairs that use it (Weka recomputes it in every pair), and the coupling stops after
 * {@link #MAX_COUPLING_ITERATIONS} rounds instead of looping forever on values no trained model has.
 * Own code rather than Weka's because Weka's objects can only be stored with Java serialization, which no
 * filter makes safe, and because they keep per-call state (so could not be shared between threads).
 *
 * <p>Thread-safety: immutable (the arrays never leave this class); {@link #distribution} allocates its own
 * scratch arrays, so any number of threads may predict at once.
 */
final class SupportVectorMachine {

    /** The kernel function. */
    enum Kernel {
        /** {@code exp(−γ |x − v|²)}. */
        RBF,
        /** {@code (x·v)^e}, or {@code (x·v + 1)^e} with the lower-order term. */
        POLYNOMIAL
    }

    /**
     * Weka's coupling stops when no probability moves by more than 1e-3 in a round, which can take
     * thousands of rounds on real inputs (a round costs well under a microsecond); this bound (tens of
     * milliseconds of rounds) only stops a hostile file, where Weka would loop forever.
     */
    static final int MAX_COUPLING_ITERATIONS = 1_000_000;

    private final Kernel kernel;
    private final double gamma;
    private final double exponent;
    private final boolean lowerOrder;
    private final int dimension;
    private final int classes;
    private final int vectorCount;
    /** vectorCount × dimension, row-major. */
    private final double[] vectors;
    /** |v|² per vector, as Weka's RBFKernel precomputes it (RBF only). */
    private final double[] selfDots;
    /** Per pair (i &lt; j, row by row): its terms are {@code start[p] .. start[p + 1] - 1}. */
    private final int[] start;
    private final int[] vectorIndex;
    private final double[] coefficient;
    private final double[] bias;
    private final double[] pairWeight;
    private final double[] calibrationIntercept;
    private final double[] calibrationSlope;

    /**
     * Takes ownership of the arrays (callers pass fresh ones); checks only shapes and indices, which the
     * evaluator relies on: {@link ModelFile} checks the values of a file before it gets here.
     *
     * @throws IllegalArgumentException if a shape or an index is inconsistent
     */
    SupportVectorMachine(Kernel kernel, double gamma, double exponent, boolean lowerOrder, int dimension, int classes,
            double[] vectors, int[] start, int[] vectorIndex, double[] coefficient, double[] bias, double[] pairWeight,
            double[] calibrationIntercept, double[] calibrationSlope) {
        int pairs = pairs(classes);
        if (dimension < 1 || classes < 2 || vectors.length % dimension != 0 || start.length != pairs + 1
                || bias.length != pairs || pairWeight.length != pairs || calibrationIntercept.length != pairs
                || calibrationSlope.length != pairs || vectorIndex.length != coefficient.length || start[0] != 0
                || start[pairs] != vectorIndex.length) {
            throw new IllegalArgumentException("inconsistent SVM shapes");
        }
        for (int p = 0; p < pairs; p++) {
            if (start[p + 1] < start[p]) {
                throw new IllegalArgumentException("pair " + p + " has a negative term count");
            }
        }
        this.vectorCount = vectors.length / dimension;
        for (int t = 0; t < vectorIndex.length; t++) {
            if (vectorIndex[t] < 0 || vectorIndex[t] >= vectorCount) {
                throw new IllegalArgumentException("term " + t + " names vector " + vectorIndex[t] + " of " + vectorCount);
            }
        }
        this.kernel = kernel;
        this.gamma = gamma;
        this.exponent = exponent;
        this.lowerOrder = lowerOrder;
        this.dimension = dimension;
        this.classes = classes;
        this.vectors = vectors;
        this.start = start;
        this.vectorIndex = vectorIndex;
        this.coefficient = coefficient;
        this.bias = bias;
        this.pairWeight = pairWeight;
        this.calibrationIntercept = calibrationIntercept;
        this.calibrationSlope = calibrationSlope;
        this.selfDots = new double[kernel == Kernel.RBF ? vectorCount : 0];
        for (int s = 0; s < selfDots.length; s++) {
            selfDots[s] = dot(vectors, s * dimension, vectors, s * dimension, dimension);
        }
    }

    /** The number of pairwise machines of {@code classes} classes. */
    static int pairs(int classes) {
        return classes * (classes - 1) / 2;
    }

    /**
     * The class distribution of one (standardised) row, as Weka's {@code distributionForInstance}.
     *
     * @throws IllegalArgumentException if the row has another length than {@link #dimension()}
     * @throws IllegalStateException if the coupling does not converge (no trained model does that)
     */
    double[] distribution(double[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " features, got " + x.length);
        }
        double[] k = kernelValues(x);
        int pairs = pairs(classes);
        double[] r = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            double f = 0;
            for (int t = start[p]; t < start[p + 1]; t++) {
                f += coefficient[t] * k[vectorIndex[t]];
            }
            f -= bias[p];
            double z = calibrationIntercept[p] + calibrationSlope[p] * f;
            r[p] = 1 / (1 + Math.exp(-z));
            if (classes == 2) {
                return new double[] {r[0], 1 / (Math.exp(z) + 1)}; // Logistic's second probability, as Weka computes it
            }
        }
        return couple(r);
    }

    private double[] kernelValues(double[] x) {
        double[] k = dots(x);
        if (kernel == Kernel.RBF) {
            double xx = dot(x, 0, x, 0, dimension);
            for (int s = 0; s < vectorCount; s++) {
                k[s] = Math.exp(-gamma * (xx - 2 * k[s] + selfDots[s]));
            }
        } else {
            for (int s = 0; s < vectorCount; s++) {
                double v = k[s];
                if (lowerOrder) {
                    v += 1.0;
                }
                k[s] = exponent != 1.0 ? Math.pow(v, exponent) : v;
            }
        }
        return k;
    }

    /**
     * {@code x · v} for every vector. Four vectors at a time, each with its own sum in index order: the
     * same additions as one at a time (so the same bits as Weka), but four independent chains, so the CPU
     * overlaps them instead of waiting on each addition.
     */
    private double[] dots(double[] x) {
        double[] out = new double[vectorCount];
        int d = dimension;
        int s = 0;
        for (; s + 4 <= vectorCount; s += 4) {
            int a = s * d;
            int b = a + d;
            int c = b + d;
            int e = c + d;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < d; j++) {
                double xj = x[j];
                s0 += xj * vectors[a + j];
                s1 += xj * vectors[b + j];
                s2 += xj * vectors[c + j];
                s3 += xj * vectors[e + j];
            }
            out[s] = s0;
            out[s + 1] = s1;
            out[s + 2] = s2;
            out[s + 3] = s3;
        }
        for (; s < vectorCount; s++) {
            out[s] = dot(x, 0, vectors, s * d, d);
        }
        return out;
    }

    /** Σ a_j b_j in index order, as Weka's {@code Kernel.dotProd}. */
    private static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += a[aFrom + j] * b[bFrom + j];
        }
        return sum;
    }

    /** Weka's {@code MultiClassClassifier.pairwiseCoupling(n, r)}, with n the pair weights, in its order of operations. */
    private double[] couple(double[] r) {
        int c = classes;
        double[] p = new double[c];
        Arrays.fill(p, 1.0 / c);
        double[] u = new double[pairs(c)];
        Arrays.fill(u, 0.5);
        double[] firstSum = new double[c];
        for (int i = 0, q = 0; i < c; i++) {
            for (int j = i + 1; j < c; j++, q++) {
                firstSum[i] += pairWeight[q] * r[q];
                firstSum[j] += pairWeight[q] * (1 - r[q]);
            }
        }
        double[] secondSum = new double[c];
        for (int iteration = 0; ; iteration++) {
            if (iteration == MAX_COUPLING_ITERATIONS) {
                throw new IllegalStateException("pairwise coupling did not converge in " + MAX_COUPLING_ITERATIONS
                        + " iterations");
            }
            boolean changed = false;
            Arrays.fill(secondSum, 0);
            for (int i = 0, q = 0; i < c; i++) {
                for (int j = i + 1; j < c; j++, q++) {
                    secondSum[i] += pairWeight[q] * u[q];
                    secondSum[j] += pairWeight[q] * (1 - u[q]);
                }
            }
            for (int i = 0; i < c; i++) {
                if (firstSum[i] == 0 || secondSum[i] == 0) {
                    if (p[i] > 0) {
                        changed = true;
                    }
                    p[i] = 0;
                } else {
                    double factor = firstSum[i] / secondSum[i];
                    double pOld = p[i];
                    p[i] *= factor;
                    if (Math.abs(pOld - p[i]) > 1.0e-3) {
                        changed = true;
                    }
                }
            }
            double sum = 0;
            for (double v : p) {
                sum += v;
            }
            if (Double.isNaN(sum) || sum == 0) {
                throw new IllegalStateException("pairwise coupling gave no probability mass");
            }
            for (int i = 0; i < c; i++) {
                p[i] /= sum;
            }
            for (int i = 0, q = 0; i < c; i++) {
                for (int j = i + 1; j < c; j++, q++) {
                    u[q] = p[i] / (p[i] + p[j]);
                }
            }
            if (!changed) {
                return p;
            }
        }
    }

    Kernel kernel() {
        return kernel;
    }

    /** γ of the RBF kernel (0 for the polynomial one). */
    double gamma() {
        return gamma;
    }

    /** The polynomial exponent (0 for RBF). */
    double exponent() {
        return exponent;
    }

    boolean lowerOrder() {
        return lowerOrder;
    }

    int dimension() {
        return dimension;
    }

    int classes() {
        return classes;
    }

    int vectorCount() {
        return vectorCount;
    }

    int termCount() {
        return vectorIndex.length;
    }

    /** Copies for the writer. */
    double[] vectors() {
        return vectors.clone();
    }

    int[] start() {
        return start.clone();
    }

    int[] vectorIndex() {
        return vectorIndex.clone();
    }

    double[] coefficient() {
        return coefficient.clone();
    }

    double[] bias() {
        return bias.clone();
    }

    double[] pairWeight() {
        return pairWeight.clone();
    }

    double[] calibrationIntercept() {
        return calibrationIntercept.clone();
    }

    double[] calibrationSlope() {
        return calibrationSlope.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SupportVectorMachine m && kernel == m.kernel
                && Double.compare(gamma, m.gamma) == 0 && Double.compare(exponent, m.exponent) == 0
                && lowerOrder == m.lowerOrder && dimension == m.dimension && classes == m.classes
                && Arrays.equals(vectors, m.vectors) && Arrays.equals(start, m.start)
                && Arrays.equals(vectorIndex, m.vectorIndex) && Arrays.equals(coefficient, m.coefficient)
                && Arrays.equals(bias, m.bias) && Arrays.equals(pairWeight, m.pairWeight)
                && Arrays.equals(calibrationIntercept, m.calibrationIntercept)
                && Arrays.equals(calibrationSlope, m.calibrationSlope);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(coefficient) + Arrays.hashCode(vectors);
    }
}
