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
 * all the pairs that use it (Weka recomputes it in every pair), the vectors are stored feature by feature so
 * the dot products run as SIMD, eight classes couple in unrolled code ({@link EightClassCoupling}), and the
 * coupling stops after {@link #MAX_COUPLING_ITERATIONS} rounds instead of looping forever on values no trained model has.
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

    /**
     * Whether support vectors whose values are all floats are stored as floats: on Java 21 and later, whose JIT
     * vectorises the float-to-double widening (JDK-8283091, Java 19), halving the memory each prediction reads;
     * on Java 17, whose JIT does not, floats made the dot products 2.5 times slower than doubles, so doubles. The
     * products are the same doubles either way. The system property {@code ser4j.svm.vectors} ({@code float} or
     * {@code double}) overrides the choice, for benchmarks.
     */
    static final boolean FLOAT_VECTORS = floatVectors(System.getProperty("ser4j.svm.vectors"),
            Runtime.version().feature());

    static boolean floatVectors(String property, int javaFeatureVersion) {
        if (property != null && !property.isBlank()) {
            return switch (property.strip()) {
                case "float" -> true;
                case "double" -> false;
                default -> throw new IllegalArgumentException(
                        "ser4j.svm.vectors must be float or double, got '" + property + "'");
            };
        }
        return javaFeatureVersion >= 21;
    }

    private final Kernel kernel;
    private final double gamma;
    private final double exponent;
    private final boolean lowerOrder;
    private final int dimension;
    private final int classes;
    private final int vectorCount;
    /**
     * The support vectors by feature: {@code byFeature[j][s]} is feature j of vector s. One array per feature
     * (not one flat array) because the JIT vectorises the dot-product loop only over arrays it reads from
     * their start; see {@link #dots(double[])}. Null when the vectors are held as floats ({@link #FLOAT_VECTORS}).
     */
    private final double[][] byFeature;
    /**
     * The same as floats (ser4j's {@link Standardizer} rounds its rows to float values, so every stored
     * vector of a model it trained is one): half the memory; null when held as doubles.
     */
    private final float[][] byFeatureAsFloats;
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
        this(kernel, gamma, exponent, lowerOrder, dimension, classes, vectors, start, vectorIndex, coefficient, bias,
                pairWeight, calibrationIntercept, calibrationSlope, FLOAT_VECTORS);
    }

    /**
     * As above, with the storage chosen by the caller: {@code asFloats} holds the vectors as floats when every
     * value is one (else as doubles, whatever {@code asFloats} says).
     */
    SupportVectorMachine(Kernel kernel, double gamma, double exponent, boolean lowerOrder, int dimension, int classes,
            double[] vectors, int[] start, int[] vectorIndex, double[] coefficient, double[] bias, double[] pairWeight,
            double[] calibrationIntercept, double[] calibrationSlope, boolean asFloats) {
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
        boolean floats = asFloats && allFloats(vectors);
        this.byFeature = floats ? null : new double[dimension][vectorCount];
        this.byFeatureAsFloats = floats ? new float[dimension][vectorCount] : null;
        for (int s = 0; s < vectorCount; s++) {
            for (int j = 0; j < dimension; j++) {
                if (floats) {
                    byFeatureAsFloats[j][s] = (float) vectors[s * dimension + j];
                } else {
                    byFeature[j][s] = vectors[s * dimension + j];
                }
            }
        }
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

    private static boolean allFloats(double[] values) {
        for (double v : values) {
            if ((double) (float) v != v) {
                return false;
            }
        }
        return true;
    }

    /** Whether the vectors are held as floats. */
    boolean vectorsAsFloats() {
        return byFeatureAsFloats != null;
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
        double[] z = pairLogits(x);
        if (classes == 2) {
            // Logistic's two probabilities, as Weka computes them
            return new double[] {1 / (1 + Math.exp(-z[0])), 1 / (Math.exp(z[0]) + 1)};
        }
        double[] r = new double[z.length];
        for (int p = 0; p < z.length; p++) {
            r[p] = 1 / (1 + Math.exp(-z[p]));
        }
        return couple(r);
    }

    /**
     * Per pair, the logit {@code a + c f} of its calibration model on the SVM output {@code f}, whose first
     * class has the probability {@code 1 / (1 + exp(−z))}.
     */
    double[] pairLogits(double[] x) {
        double[] k = kernelValues(x);
        int pairs = pairs(classes);
        double[] z = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            double f = 0;
            for (int t = start[p]; t < start[p + 1]; t++) {
                f += coefficient[t] * k[vectorIndex[t]];
            }
            f -= bias[p];
            z[p] = calibrationIntercept[p] + calibrationSlope[p] * f;
        }
        return z;
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
     * {@code x · v} for every vector. Each vector's sum adds {@code x_j v_j} in index order from 0, as Weka's
     * {@code Kernel.dotProd} does, so the bits are Weka's; but the loops run over features outside (four a
     * pass) and vectors inside, so the inner loop is element-wise work on contiguous arrays, which the JIT
     * turns into SIMD instructions. On this project's 2-core VM that took 0.11 ns per vector element instead of
     * 0.23 with four vectors' sums at a time (1,003 vectors of 494 values; 0.13 instead of 0.23 for 2,734 × 406).
     */
    private double[] dots(double[] x) {
        return byFeatureAsFloats != null ? dots(byFeatureAsFloats, x, vectorCount) : dots(byFeature, x, vectorCount);
    }

    /** {@link #dots(double[])} over vectors {@code v[j][s]} (feature j of vector s), {@code n} of them. */
    static double[] dots(double[][] v, double[] x, int n) {
        int d = v.length;
        double[] out = new double[n];
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double x0 = x[j];
            double x1 = x[j + 1];
            double x2 = x[j + 2];
            double x3 = x[j + 3];
            double[] v0 = v[j];
            double[] v1 = v[j + 1];
            double[] v2 = v[j + 2];
            double[] v3 = v[j + 3];
            for (int s = 0; s < n; s++) {
                double a = out[s];
                a += x0 * v0[s];
                a += x1 * v1[s];
                a += x2 * v2[s];
                a += x3 * v3[s];
                out[s] = a;
            }
        }
        for (; j < d; j++) {
            double xj = x[j];
            double[] vj = v[j];
            for (int s = 0; s < n; s++) {
                out[s] += xj * vj[s];
            }
        }
        return out;
    }

    /**
     * {@link #dots(double[][], double[], int)} of vectors held as floats: the same loops, each value widened to
     * the same double. A copy for {@code float[]} rows, because Java has no generics over primitive arrays and
     * an accessor shared by both would keep the JIT from vectorising the inner loop.
     */
    static double[] dots(float[][] v, double[] x, int n) {
        int d = v.length;
        double[] out = new double[n];
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double x0 = x[j];
            double x1 = x[j + 1];
            double x2 = x[j + 2];
            double x3 = x[j + 3];
            float[] v0 = v[j];
            float[] v1 = v[j + 1];
            float[] v2 = v[j + 2];
            float[] v3 = v[j + 3];
            for (int s = 0; s < n; s++) {
                double a = out[s];
                a += x0 * v0[s];
                a += x1 * v1[s];
                a += x2 * v2[s];
                a += x3 * v3[s];
                out[s] = a;
            }
        }
        for (; j < d; j++) {
            double xj = x[j];
            float[] vj = v[j];
            for (int s = 0; s < n; s++) {
                out[s] += xj * vj[s];
            }
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

    /**
     * Weka's {@code MultiClassClassifier.pairwiseCoupling(n, r)}, with n the pair weights, in its order of
     * operations: {@link EightClassCoupling} for eight classes, else {@link #coupleWithLoops}.
     */
    double[] couple(double[] r) {
        double[] firstSum = firstSums(r);
        return classes == EightClassCoupling.CLASSES
                ? EightClassCoupling.couple(pairWeight, firstSum, MAX_COUPLING_ITERATIONS)
                : coupleWithLoops(firstSum);
    }

    /** Weka's first sums of the coupling: per class, Σ n r over its pairs as the first class, Σ n (1 − r) as the second. */
    double[] firstSums(double[] r) {
        int c = classes;
        double[] firstSum = new double[c];
        for (int i = 0, q = 0; i < c; i++) {
            for (int j = i + 1; j < c; j++, q++) {
                firstSum[i] += pairWeight[q] * r[q];
                firstSum[j] += pairWeight[q] * (1 - r[q]);
            }
        }
        return firstSum;
    }

    /** The coupling's rounds from {@link #firstSums}, as Weka's loops write them, for any number of classes. */
    double[] coupleWithLoops(double[] firstSum) {
        int c = classes;
        double[] p = new double[c];
        Arrays.fill(p, 1.0 / c);
        double[] u = new double[pairs(c)];
        Arrays.fill(u, 0.5);
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

    /** Copies for the writer (vector by vector). */
    double[] vectors() {
        double[] out = new double[vectorCount * dimension];
        for (int s = 0; s < vectorCount; s++) {
            for (int j = 0; j < dimension; j++) {
                out[s * dimension + j] = byFeature != null ? byFeature[j][s] : byFeatureAsFloats[j][s];
            }
        }
        return out;
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
                && Arrays.equals(vectors(), m.vectors()) && Arrays.equals(start, m.start)
                && Arrays.equals(vectorIndex, m.vectorIndex) && Arrays.equals(coefficient, m.coefficient)
                && Arrays.equals(bias, m.bias) && Arrays.equals(pairWeight, m.pairWeight)
                && Arrays.equals(calibrationIntercept, m.calibrationIntercept)
                && Arrays.equals(calibrationSlope, m.calibrationSlope);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(coefficient) + Arrays.hashCode(bias);
    }
}
