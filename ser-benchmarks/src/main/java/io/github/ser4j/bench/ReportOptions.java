package io.github.ser4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line options of {@link Report}, parsed and validated.
 *
 * <p>Thread-safety: immutable.
 *
 * @param data the data set folder
 * @param out the output folder
 * @param extractor the feature preset name
 * @param c the SVM complexity of the recipe
 * @param gamma the RBF width of the recipe
 * @param seed the seed of folds, learning-curve subsamples and the randomised baselines
 * @param threads worker threads
 * @param grid whether to run the C × gamma grid under the speaker-independent protocol
 * @param gridC the C values of the grid
 * @param gridGamma the gamma values of the grid, or null for {1/16, 1/8, 1/4, 1/2, 1} / dimension
 * @param args the arguments as given, for the summary
 */
record ReportOptions(Path data, Path out, String extractor, double c, double gamma, long seed, int threads,
        boolean grid, List<Double> gridC, List<Double> gridGamma, List<String> args) {

    /** The shipped recipe (README comment {@code shipped-recipe}). */
    static final String DEFAULT_EXTRACTOR = "full";
    static final double DEFAULT_C = 16;
    static final double DEFAULT_GAMMA = 2.53e-4;
    static final List<Double> DEFAULT_GRID_C = List.of(1.0, 4.0, 16.0, 64.0);

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.Report --data DIR --out DIR [options]",
            "",
            "Cross-validates an SVM recipe and four baselines on the same folds and writes summary.md,",
            "summary.json and PNG figures to the output folder (features are extracted once and cached there).",
            "",
            "  --data DIR          labelled clips (RAVDESS names, manifest.csv, or one folder per emotion)",
            "  --out DIR           output folder (created; existing report files are overwritten)",
            "  --extractor NAME    feature preset (default full)",
            "  --C X               SVM complexity (default 16, the shipped recipe)",
            "  --gamma X           RBF width (default 2.53e-4, the shipped recipe)",
            "  --seed N            seed of folds, subsamples and baselines (default 1)",
            "  --threads N         worker threads (default: available processors)",
            "  --grid              also run the C x gamma grid (speaker-independent protocol) and plot it",
            "  --grid-c LIST       grid C values, comma-separated (default 1,4,16,64; implies --grid)",
            "  --grid-gamma LIST   grid gamma values (default {1/16,1/8,1/4,1/2,1}/dimension; implies --grid)",
            "  --help              this text");

    /**
     * Thrown for a bad command line; the message says what is wrong.
     *
     * <p>Thread-safety: not shared.
     */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses the arguments.
     *
     * @param args the command line
     * @return the options, or null if {@code --help} was asked for
     * @throws UsageException naming the bad or missing option
     */
    static ReportOptions parse(String[] args) {
        Path data = null;
        Path out = null;
        String extractor = DEFAULT_EXTRACTOR;
        double c = DEFAULT_C;
        double gamma = DEFAULT_GAMMA;
        long seed = 1;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean grid = false;
        List<Double> gridC = DEFAULT_GRID_C;
        List<Double> gridGamma = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--grid" -> grid = true;
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--extractor" -> extractor = value(args, ++i, a);
                case "--C", "--c" -> c = positive(a, value(args, ++i, a));
                case "--gamma" -> gamma = positive(a, value(args, ++i, a));
                case "--seed" -> seed = integer(a, value(args, ++i, a), Long.MIN_VALUE);
                case "--threads" -> threads = (int) integer(a, value(args, ++i, a), 1);
                case "--grid-c" -> {
                    gridC = list(a, value(args, ++i, a));
                    grid = true;
                }
                case "--grid-gamma" -> {
                    gridGamma = list(a, value(args, ++i, a));
                    grid = true;
                }
                default -> throw new UsageException("unknown option '" + a + "'");
            }
        }
        if (data == null) {
            throw new UsageException("--data DIR is required");
        }
        if (out == null) {
            throw new UsageException("--out DIR is required");
        }
        if (threads > 256) {
            throw new UsageException("--threads must be at most 256, got " + threads);
        }
        return new ReportOptions(data, out, extractor, c, gamma, seed, threads, grid, gridC, gridGamma,
                List.of(args));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static double positive(String option, String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, got '" + v + "'");
        }
        if (!(d > 0) || !Double.isFinite(d)) {
            throw new UsageException(option + " must be a positive finite number, got '" + v + "'");
        }
        return d;
    }

    private static long integer(String option, String v, long min) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, got '" + v + "'");
        }
        if (n < min) {
            throw new UsageException(option + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    private static List<Double> list(String option, String v) {
        List<Double> out = new ArrayList<>();
        for (String p : v.split(",")) {
            out.add(positive(option, p.trim()));
        }
        if (out.size() > 12) {
            throw new UsageException(option + " takes at most 12 values, got " + out.size());
        }
        return List.copyOf(out);
    }

    /** The grid's gamma values for feature dimension {@code d}, rounded as the trainer rounds its default grid. */
    List<Double> gridGammaFor(int d) {
        if (gridGamma != null) {
            return gridGamma;
        }
        List<Double> g = new ArrayList<>();
        for (double k : new double[] {0.0625, 0.125, 0.25, 0.5, 1}) {
            g.add(new java.math.BigDecimal(k / d).round(new java.math.MathContext(3)).doubleValue());
        }
        return g;
    }

    /** The command that reproduces this report. */
    String command() {
        StringBuilder sb = new StringBuilder("java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.Report");
        for (String a : args) {
            sb.append(' ').append(a.matches("[\\w./,:=+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
