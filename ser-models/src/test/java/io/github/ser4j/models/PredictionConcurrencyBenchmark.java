package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import weka.classifiers.functions.SMO;
import weka.core.Instances;

/**
 * How to make Weka SMO prediction safe for concurrent callers: the pool of private copies that
 * {@link SmoEmotionClassifier} uses, against one shared copy behind a lock. A RAVDESS-sized model:
 * 1200 rows of 164 features, 8 classes, RBF. Run with
 * {@code java -cp <test class path> org.openjdk.jmh.Main PredictionConcurrencyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PredictionConcurrencyBenchmark {

    private static final int DIM = 164;

    private SmoEmotionClassifier pooled;
    private SMO shared;
    private Instances sharedHeader;
    private double[][] inputs;
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

    /** Only supplies names for the provenance; the benchmark feeds feature vectors directly. */
    private static final class Names implements FeatureExtractor {
        @Override
        public String id() {
            return "bench/1";
        }

        @Override
        public List<String> featureNames() {
            List<String> n = new ArrayList<>();
            for (int i = 0; i < DIM; i++) {
                n.add("f" + i);
            }
            return n;
        }

        @Override
        public float sampleRateHz() {
            return 16000;
        }

        @Override
        public double[] extract(AudioClip clip) {
            throw new UnsupportedOperationException();
        }
    }

    @Setup
    public void train() throws Exception {
        Random rnd = new Random(1);
        int n = 1200;
        double[][] x = new double[n][DIM];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 8;
            for (int j = 0; j < DIM; j++) {
                x[i][j] = rnd.nextGaussian() + (j % 8 == y[i] ? 0.8 : 0);
            }
        }
        List<Emotion> labels = List.of(Emotion.values());
        SvmParameters p = new SvmParameters(SvmParameters.Kernel.RBF, 4, 0.005, 0);
        TrainingDataSummary summary = new TrainingDataSummary("bench", n, List.of(), java.util.Map.of(), "");
        pooled = SmoTrainer.fit(x, y, labels, p, new Names(), summary, TrainerOptions.defaults(), null);
        shared = WekaSvm.fromBytes(WekaSvm.toBytes(WekaSvm.train(x, y, labels, p)), "bench");
        sharedHeader = WekaSvm.header(DIM, labels);
        inputs = new double[256][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = x[rnd.nextInt(n)];
        }
    }

    private double[] input() {
        return inputs[next.getAndIncrement() & 255];
    }

    @Benchmark
    @Threads(1)
    public double[] pool1() {
        return pooled.distribution(input());
    }

    @Benchmark
    @Threads(2)
    public double[] pool2() {
        return pooled.distribution(input());
    }

    @Benchmark
    @Threads(1)
    public double[] lock1() {
        return locked(input());
    }

    @Benchmark
    @Threads(2)
    public double[] lock2() {
        return locked(input());
    }

    private double[] locked(double[] row) {
        synchronized (shared) {
            return WekaSvm.distribution(shared, sharedHeader, row); // (the pool also standardises; minor)
        }
    }
}
