package io.github.ser4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

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
    static final List<Double> DEFAULT_GRID_C = List.of(1.0, 4.0, 16.0, 64.0);

    /** The command line as picocli declares it; {@link #parse} validates and freezes it. */
    @Command(name = "Report",
            mixinStandardHelpOptions = true, sortOptions = false,
            header = "java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.Report --data DIR --out DIR [options]",
            description = "Cross-validates an SVM recipe and four baselines on the same folds and writes summary.md, "
                    + "summary.json and PNG figures to the output folder (features are extracted once and cached there).")
    static final class Cli {
        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "labelled clips (RAVDESS names, manifest.csv, or one folder per emotion)")
        Path data;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "output folder (created; existing report files are overwritten)")
        Path out;

        @Option(names = "--extractor", paramLabel = "NAME", defaultValue = DEFAULT_EXTRACTOR,
                description = "feature preset (default ${DEFAULT-VALUE})")
        String extractor;

        @Option(names = {"--C", "--c"}, paramLabel = "X", defaultValue = "16", converter = Positive.class,
                description = "SVM complexity (default ${DEFAULT-VALUE}, the shipped recipe)")
        double c;

        @Option(names = "--gamma", paramLabel = "X", defaultValue = "2.53e-4", converter = Positive.class,
                description = "RBF width (default ${DEFAULT-VALUE}, the shipped recipe)")
        double gamma;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "seed of folds, subsamples and baselines (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors)")
        Integer threads;

        @Option(names = "--grid", description = "also run the C x gamma grid (speaker-independent protocol) and plot it")
        boolean grid;

        @Option(names = "--grid-c", paramLabel = "LIST", split = ",", converter = Positive.class,
                description = "grid C values, comma-separated (default 1,4,16,64; implies --grid)")
        List<Double> gridC;

        @Option(names = "--grid-gamma", paramLabel = "LIST", split = ",", converter = Positive.class,
                description = "grid gamma values (default {1/16,1/8,1/4,1/2,1}/dimension; implies --grid)")
        List<Double> gridGamma;
    }

    /** A positive finite number. */
    static final class Positive implements ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            double d;
            try {
                d = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + v + "' is not a number");
            }
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new TypeConversionException("'" + v + "' is not a positive finite number");
            }
            return d;
        }
    }

    /** The generated help. */
    static final String USAGE = new CommandLine(new Cli()).setSeparator(" ").getUsageMessage();

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
        Cli o = new Cli();
        // a later value overrides an earlier one, as before picocli (scripts append overrides)
        CommandLine cl = new CommandLine(o).setSeparator(" ").setOverwrittenOptionsAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (cl.isUsageHelpRequested() || cl.isVersionHelpRequested()) {
            return null;
        }
        int threads = o.threads == null ? Runtime.getRuntime().availableProcessors() : o.threads;
        if (threads < 1 || threads > 256) {
            throw new UsageException("--threads must be at least 1 and at most 256, got " + threads);
        }
        for (List<Double> l : java.util.Arrays.asList(o.gridC, o.gridGamma)) {
            if (l != null && l.size() > 12) {
                throw new UsageException("--grid-c and --grid-gamma take at most 12 values, got " + l.size());
            }
        }
        boolean grid = o.grid || o.gridC != null || o.gridGamma != null;
        return new ReportOptions(o.data, o.out, o.extractor, o.c, o.gamma, o.seed, threads, grid,
                o.gridC == null ? DEFAULT_GRID_C : List.copyOf(o.gridC),
                o.gridGamma == null ? null : List.copyOf(o.gridGamma), List.of(args));
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
