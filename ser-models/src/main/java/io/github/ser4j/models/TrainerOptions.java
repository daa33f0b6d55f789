package io.github.ser4j.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link SmoTrainer} searches for the best support vector machine: the kernel, the grids of
 * {@code C} and of the kernel parameter, the cross-validation protocol and the selection metric.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param kernel the kernel
 * @param cGrid candidate values of {@code C}, non-empty, positive
 * @param gammaGrid candidate RBF widths (used with {@link SvmParameters.Kernel#RBF})
 * @param exponentGrid candidate polynomial exponents (used with {@link SvmParameters.Kernel#POLY})
 * @param folds the number of cross-validation folds, at least 2
 * @param seed the seed of the fold assignment; equal seeds give equal results on any thread count
 * @param metric what the best grid point maximises
 * @param grouped true for speaker-grouped folds (no speaker in both training and test), false for
 *     stratified random folds
 * @param threads worker threads, at least 1
 * @param adaptation per-speaker normalisation before the global standardiser (needs a speaker for
 *     every clip), or null for none
 * @param augmentation augmented copies of each training clip (multi-condition training), or null for none
 * @param squash the soft limit k of standardised features, k·tanh(z/k), stored in the model's
 *     standardiser and applied at prediction; 0 for plain z-scores
 */
public record TrainerOptions(SvmParameters.Kernel kernel, List<Double> cGrid, List<Double> gammaGrid,
        List<Double> exponentGrid, int folds, long seed, Metric metric, boolean grouped, int threads,
        SpeakerAdaptation adaptation, Augmentation augmentation, double squash) {

    /**
     * What the grid search maximises.
     *
     * <p>Thread-safety: an enum; immutable.
     */
    public enum Metric {
        /** Mean accuracy over the folds. */
        ACCURACY,
        /** Macro-averaged F1 of the pooled out-of-fold predictions. */
        MACRO_F1;

        /**
         * Parses {@code accuracy} or {@code macro-f1}, case-insensitively.
         *
         * @param word the word
         * @return the metric
         * @throws IllegalArgumentException for any other word
         */
        public static Metric parse(String word) {
            String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            switch (w) {
                case "accuracy": return ACCURACY;
                case "macro-f1": case "macrof1": return MACRO_F1;
                default: throw new IllegalArgumentException("unknown metric '" + word + "'; expected accuracy or macro-f1");
            }
        }
    }

    /**
     * Validates and freezes the options.
     *
     * @throws IllegalArgumentException if a grid is empty or holds a non-positive value, folds &lt; 2,
     *     threads &lt; 1, or kernel or metric is null
     * @param kernel the record component of the same name
     * @param cGrid the record component of the same name
     * @param gammaGrid the record component of the same name
     * @param exponentGrid the record component of the same name
     * @param folds the record component of the same name
     * @param seed the record component of the same name
     * @param metric the record component of the same name
     * @param grouped the record component of the same name
     * @param threads the record component of the same name
     * @param adaptation the record component of the same name
     * @param augmentation the record component of the same name
     * @param squash the record component of the same name
     */
    public TrainerOptions {
        if (!(squash >= 0) || !Double.isFinite(squash)) {
            throw new IllegalArgumentException("squash must be 0 (none) or positive, got " + squash);
        }
        if (kernel == null || metric == null) {
            throw new IllegalArgumentException("kernel and metric must not be null");
        }
        cGrid = grid("C", cGrid);
        gammaGrid = kernel == SvmParameters.Kernel.RBF ? grid("gamma", gammaGrid) : List.copyOf(orEmpty(gammaGrid));
        exponentGrid = kernel == SvmParameters.Kernel.POLY ? grid("exponent", exponentGrid) : List.copyOf(orEmpty(exponentGrid));
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /**
     * Options without augmentation.
     *
     * @param kernel the kernel
     * @param cGrid values of {@code C}
     * @param gammaGrid RBF widths
     * @param exponentGrid polynomial exponents
     * @param folds folds
     * @param seed the fold seed
     * @param metric the selection metric
     * @param grouped speaker-grouped folds
     * @param threads worker threads
     * @param adaptation per-speaker normalisation, or null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TrainerOptions(SvmParameters.Kernel kernel, List<Double> cGrid, List<Double> gammaGrid,
            List<Double> exponentGrid, int folds, long seed, Metric metric, boolean grouped, int threads,
            SpeakerAdaptation adaptation) {
        this(kernel, cGrid, gammaGrid, exponentGrid, folds, seed, metric, grouped, threads, adaptation, null, 0);
    }

    /**
     * Options without per-speaker normalisation.
     *
     * @param kernel the kernel
     * @param cGrid values of {@code C}
     * @param gammaGrid RBF widths
     * @param exponentGrid polynomial exponents
     * @param folds folds
     * @param seed the fold seed
     * @param metric the selection metric
     * @param grouped speaker-grouped folds
     * @param threads worker threads
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TrainerOptions(SvmParameters.Kernel kernel, List<Double> cGrid, List<Double> gammaGrid,
            List<Double> exponentGrid, int folds, long seed, Metric metric, boolean grouped, int threads) {
        this(kernel, cGrid, gammaGrid, exponentGrid, folds, seed, metric, grouped, threads, null);
    }

    private static List<Double> orEmpty(List<Double> l) {
        return l == null ? List.of() : l;
    }

    private static List<Double> grid(String name, List<Double> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(name + " grid must not be empty");
        }
        for (Double v : values) {
            if (v == null) {
                throw new IllegalArgumentException(name + " grid must not hold null");
            }
            SvmParameters.positive(name, v);
        }
        return List.copyOf(values);
    }

    /**
     * The defaults: RBF kernel, {@code C} in {1, 4, 16, 64} (the recipe study in
     * ser-benchmarks/RECIPE-STUDY.md found the speaker-independent optimum between 4 and 64), gamma in {0.0025, 0.005, 0.01, 0.02},
     * exponent in {1, 2}, stratified 6-fold, seed 1, accuracy, all available processors.
     *
     * @return the default options
     */
    public static TrainerOptions defaults() {
        return new TrainerOptions(SvmParameters.Kernel.RBF, List.of(1.0, 4.0, 16.0, 64.0),
                List.of(0.0025, 0.005, 0.01, 0.02), List.of(1.0, 2.0), 6, 1, Metric.ACCURACY, false,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * The defaults with an RBF gamma grid scaled to the feature dimension {@code d}: gamma in
     * {1/16, 1/8, 1/4, 1/2, 1} / d, rounded to three significant digits. On standardised features the
     * squared distance between two clips grows with d, so a fixed grid that suits 164 features is
     * too wide for 500.
     *
     * @param dimension the number of features, at least 1
     * @return the defaults with that gamma grid
     * @throws IllegalArgumentException if {@code dimension} &lt; 1
     */
    public static TrainerOptions defaultsFor(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        TrainerOptions d = defaults();
        List<Double> gammas = new ArrayList<>();
        for (double k : new double[] {0.0625, 0.125, 0.25, 0.5, 1}) {
            gammas.add(new java.math.BigDecimal(k / dimension).round(new java.math.MathContext(3)).doubleValue());
        }
        return d.withGrids(d.cGrid(), gammas, d.exponentGrid());
    }

    /**
     * A copy with another kernel.
     *
     * @param k the kernel
     * @return the copy
     */
    public TrainerOptions withKernel(SvmParameters.Kernel k) {
        return new TrainerOptions(k, cGrid, gammaGrid, exponentGrid, folds, seed, metric, grouped, threads, adaptation, augmentation, squash);
    }

    /**
     * A copy with other grids.
     *
     * @param c values of {@code C}
     * @param gamma RBF widths
     * @param exponent polynomial exponents
     * @return the copy
     */
    public TrainerOptions withGrids(List<Double> c, List<Double> gamma, List<Double> exponent) {
        return new TrainerOptions(kernel, c, gamma, exponent, folds, seed, metric, grouped, threads, adaptation, augmentation, squash);
    }

    /**
     * A copy with another cross-validation protocol.
     *
     * @param k folds
     * @param isGrouped speaker-grouped or stratified
     * @param s the seed
     * @return the copy
     */
    public TrainerOptions withFolds(int k, boolean isGrouped, long s) {
        return new TrainerOptions(kernel, cGrid, gammaGrid, exponentGrid, k, s, metric, isGrouped, threads, adaptation, augmentation, squash);
    }

    /**
     * A copy with another worker count.
     *
     * @param n threads
     * @return the copy
     */
    public TrainerOptions withThreads(int n) {
        return new TrainerOptions(kernel, cGrid, gammaGrid, exponentGrid, folds, seed, metric, grouped, n, adaptation, augmentation, squash);
    }

    /**
     * A copy with another selection metric.
     *
     * @param m the metric
     * @return the copy
     */
    public TrainerOptions withMetric(Metric m) {
        return new TrainerOptions(kernel, cGrid, gammaGrid, exponentGrid, folds, seed, m, grouped, threads, adaptation, augmentation, squash);
    }

    /**
     * A copy with per-speaker normalisation.
     *
     * @param a the adaptation settings, or null for none
     * @return the copy
     */
    public TrainerOptions withAdaptation(SpeakerAdaptation a) {
        return new TrainerOptions(kernel, cGrid, gammaGrid, exponentGrid, folds, seed, metric, grouped, threads, a, augmentation, squash);
    }

    /**
     * A copy with multi-condition training.
     *
     * @param a the augmentation, or null for none
     * @return the copy
     */
    public TrainerOptions withAugmentation(Augmentation a) {
        return new TrainerOptions(kernel, cGrid, gammaGrid, exponentGrid, folds, seed, metric, grouped, threads, adaptation, a, squash);
    }

    /**
     * A copy with another soft limit of the standardised features.
     *
     * @param k the limit, 0 for none
     * @return the copy
     */
    public TrainerOptions withSquash(double k) {
        return new TrainerOptions(kernel, cGrid, gammaGrid, exponentGrid, folds, seed, metric, grouped, threads, adaptation,
                augmentation, k);
    }

    /**
     * Whether training normalises per speaker.
     *
     * @return {@code adaptation() != null}
     */
    public boolean perSpeaker() {
        return adaptation != null;
    }

    /** Every grid point, C varying slowest. */
    List<SvmParameters> gridPoints() {
        List<SvmParameters> points = new ArrayList<>();
        List<Double> second = kernel == SvmParameters.Kernel.RBF ? gammaGrid : exponentGrid;
        for (double c : cGrid) {
            for (double p : second) {
                points.add(new SvmParameters(kernel, c, p, p));
            }
        }
        return points;
    }

    /** A readable protocol name, such as {@code speaker-grouped 5-fold}. */
    String protocol() {
        return (grouped ? "speaker-grouped " : "stratified ") + folds + "-fold"
                + (adaptation == null ? "" : ", " + adaptation.describe())
                + (augmentation == null ? "" : ", augmented " + augmentation.spec())
                + (squash > 0 ? ", squash " + squash : "");
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", kernel);
        m.put("C", cGrid);
        m.put("gamma", gammaGrid);
        m.put("exponent", exponentGrid);
        m.put("folds", folds);
        m.put("seed", seed);
        m.put("metric", metric);
        m.put("grouped", grouped);
        m.put("threads", threads);
        m.put("adaptation", adaptation == null ? null : adaptation.toJson());
        if (augmentation != null) { // absent means none, so files without it read the same
            m.put("augmentation", augmentation.toJson());
        }
        if (squash > 0) {
            m.put("squash", squash);
        }
        return m;
    }

    static TrainerOptions fromJson(Map<?, ?> m) {
        return new TrainerOptions(SvmParameters.Kernel.parse((String) m.get("kernel")), doubles(m.get("C")),
                doubles(m.get("gamma")), doubles(m.get("exponent")), ((Number) m.get("folds")).intValue(),
                ((Number) m.get("seed")).longValue(), Metric.parse((String) m.get("metric")),
                Boolean.TRUE.equals(m.get("grouped")), ((Number) m.get("threads")).intValue(),
                // absent in files written before speaker adaptation
                m.get("adaptation") instanceof Map<?, ?> a ? SpeakerAdaptation.fromJson(a) : null,
                m.get("augmentation") instanceof Map<?, ?> g ? Augmentation.fromJson(g) : null,
                m.get("squash") instanceof Number k ? k.doubleValue() : 0);
    }

    static List<Double> doubles(Object o) {
        List<Double> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object v : l) {
                out.add(((Number) v).doubleValue());
            }
        }
        return out;
    }
}
