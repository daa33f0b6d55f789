package io.github.ser4j.bench;

import io.github.ser4j.models.Research;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What bounds the largest part of {@code classify}: the dot product of a feature row with every support
 * vector, {@code vectors × dimension} values read once per prediction (by default the shipped model's
 * 2,635 × 494), over random vectors. The exact layouts run the SVM evaluator's own loops
 * ({@link Research#supportVectorDots}: features outside, four a pass, vectors inside, each vector's sum in
 * Weka's index order); three layouts:
 * <ul>
 *   <li>{@code double}: the vectors as doubles, what the evaluator runs on Java 17;</li>
 *   <li>{@code float}: the same values held as floats and widened to the same doubles, what it runs on
 *   Java 21 and later (the same sums to the bit);</li>
 *   <li>{@code float-arithmetic}: products and sums in float. Not Weka's values (a float sum of 494 terms
 *   is off by about 1e-5 relative), so no model uses it: it is the time to stream the float layout's bytes
 *   with no widening, a floor for any exact layout of these vectors.</li>
 * </ul>
 * If {@code double} and {@code float-arithmetic} take about the time their bytes take at the machine's
 * cache bandwidth, the dot products are memory-bound, and only fewer or smaller vectors make them faster.
 *
 * <p>Thread-safety: JMH confines each state instance to its benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class KernelDotsBenchmark {

    /** The storage of the vectors: {@code double}, {@code float} (widened) or {@code float-arithmetic}. */
    @Param({"double", "float", "float-arithmetic"})
    public String layout;

    /** Support vectors (the shipped model has 2,635). */
    @Param({"2635"})
    public int vectors;

    /** Values per vector (the shipped model's features: 494). */
    @Param({"494"})
    public int dimension;

    private double[][] byFeature;
    private float[][] byFeatureAsFloats;
    private double[] x;

    /** Random standard-normal vectors and row, rounded to floats so both exact layouts hold the same values. */
    @Setup(Level.Trial)
    public void setUp() {
        if (!layout.equals("double") && !layout.equals("float") && !layout.equals("float-arithmetic")) {
            throw new IllegalArgumentException("layout must be double, float or float-arithmetic, got " + layout);
        }
        Random random = new Random(1);
        x = new double[dimension];
        byFeature = new double[dimension][vectors];
        byFeatureAsFloats = new float[dimension][vectors];
        for (int j = 0; j < dimension; j++) {
            x[j] = random.nextGaussian();
            for (int s = 0; s < vectors; s++) {
                byFeatureAsFloats[j][s] = (float) random.nextGaussian();
                byFeature[j][s] = byFeatureAsFloats[j][s];
            }
        }
        if (layout.equals("double")) {
            byFeatureAsFloats = null;
        } else {
            byFeature = null;
        }
    }

    /**
     * {@code x · v} for every vector.
     *
     * @return the dot products (consumed by JMH)
     */
    @Benchmark
    public Object dots() {
        return switch (layout) {
            case "double" -> Research.supportVectorDots(byFeature, x);
            case "float" -> Research.supportVectorDots(byFeatureAsFloats, x);
            default -> dotsInFloat(byFeatureAsFloats, x, vectors);
        };
    }

    /**
     * The {@code float-arithmetic} layout: the evaluator's loops (as {@code Research.supportVectorDots} runs
     * them) with every product and sum in float. Written out here, as no model uses it.
     */
    static float[] dotsInFloat(float[][] v, double[] x, int n) {
        float[] out = new float[n];
        int j = 0;
        for (; j + 4 <= v.length; j += 4) {
            float x0 = (float) x[j];
            float x1 = (float) x[j + 1];
            float x2 = (float) x[j + 2];
            float x3 = (float) x[j + 3];
            float[] v0 = v[j];
            float[] v1 = v[j + 1];
            float[] v2 = v[j + 2];
            float[] v3 = v[j + 3];
            for (int s = 0; s < n; s++) {
                float a = out[s];
                a += x0 * v0[s];
                a += x1 * v1[s];
                a += x2 * v2[s];
                a += x3 * v3[s];
                out[s] = a;
            }
        }
        for (; j < v.length; j++) {
            float xj = (float) x[j];
            for (int s = 0; s < n; s++) {
                out[s] += xj * v[j][s];
            }
        }
        return out;
    }
}
