package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.Prediction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code ser4j} command line: {@code predict}, {@code evaluate}, {@code train},
 * {@code features} and {@code stream}. Run {@code java -jar ser4j.jar --help}. Exit status 0 on success, 1 on an
 * error (one line on stderr), 2 on a usage error.
 *
 * <p>Thread-safety: {@link #main} is meant to be called once per process.
 */
public final class Main {

    /** The extractor {@code train} uses without {@code --extractor}. */
    static final String DEFAULT_EXTRACTOR = "full";

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: ser4j <command> [options]",
            "commands:",
            "  predict [--json] [--model FILE] FILE...   emotion of each audio file",
            "  evaluate --data DIR [--model FILE] [--json]   score a model on a labelled data set",
            "  train --data DIR --out FILE [options]     grid-search, cross-validate and write a model",
            "  features --data DIR --extractor ID --out FILE.csv|FILE.arff   export feature vectors",
            "  stream FILE|--mic [--window S] [--hop S] [--json]   live emotion timeline of a file or the microphone",
            "Run 'ser4j <command> --help' for a command's options.");

    private static final String PREDICT_USAGE = String.join(System.lineSeparator(),
            "usage: ser4j predict [--json] [--model FILE] FILE...",
            "  Prints one line per file: path, emotion, confidence and every label's probability",
            "  (with --json one JSON object per line). Without --model the pretrained model is used.");

    private static final String EVALUATE_USAGE = String.join(System.lineSeparator(),
            "usage: ser4j evaluate --data DIR [--model FILE] [--json] [--threads N]",
            "  Scores a model (default: the pretrained one) on a labelled data set: a folder with",
            "  manifest.csv, RAVDESS-named files, or one sub-folder per emotion.");

    private static final String TRAIN_USAGE = String.join(System.lineSeparator(),
            "usage: ser4j train --data DIR --out FILE [--folds N] [--grouped] [--extractor NAME|ID]",
            "                   [--kernel rbf|poly] [--C LIST] [--gamma LIST] [--exponent LIST]",
            "                   [--seed N] [--metric accuracy|macro-f1] [--threads N] [--json]",
            "  --extractor takes a preset name (" + String.join(", ", io.github.ser4j.features.FeatureExtractors.names())
                    + "; default " + DEFAULT_EXTRACTOR + ") or an extractor id.",
            "  Grid-searches with k-fold cross-validation (stratified, or speaker-grouped with --grouped;",
            "  default 6 folds, 5 when grouped), prints the report, then trains on all the data with the",
            "  best parameters and writes the model file. LIST is comma-separated, e.g. --C 1,4,16.",
            "  Defaults: --kernel rbf --C 1,4,16,64 --gamma 1/16,1/8,1/4,1/2,1 divided by the feature count",
            "  --exponent 1,2 --metric accuracy --seed 1 --threads all processors.",
            "  Progress goes to stderr.");

    private static final String FEATURES_USAGE = String.join(System.lineSeparator(),
            "usage: ser4j features --data DIR --extractor NAME|ID --out FILE.csv|FILE.arff [--threads N]",
            "  Exports one feature vector per clip with its path, speaker and emotion.");


    private Main() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, ExtractorResolver.DEFAULT));
    }

    /** Usage problems: exit status 2. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("stream")) {
            if (List.of(rest).contains("--help") || List.of(rest).contains("-h")) {
                out.println(StreamCommand.USAGE);
                return 0;
            }
            return StreamCommand.run(rest, out, err, resolver, StreamCommand.DEFAULT_MICROPHONE);
        }
        String usage = switch (command) {
            case "predict" -> PREDICT_USAGE;
            case "evaluate" -> EVALUATE_USAGE;
            case "train" -> TRAIN_USAGE;
            case "features" -> FEATURES_USAGE;
            default -> null;
        };
        if (usage == null) {
            err.println("ser4j: unknown command '" + command + "'");
            err.println(USAGE);
            return 2;
        }
        if (List.of(rest).contains("--help") || List.of(rest).contains("-h")) {
            out.println(usage);
            return 0;
        }
        try {
            return switch (command) {
                case "predict" -> predict(rest, out, err, resolver);
                case "evaluate" -> evaluate(rest, out, err, resolver);
                case "train" -> train(rest, out, err, resolver);
                default -> features(rest, out, err, resolver);
            };
        } catch (UsageException e) {
            err.println("ser4j " + command + ": " + e.getMessage());
            err.println(usage);
            return 2;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("ser4j " + command + ": " + oneLine(e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            err.println("ser4j " + command + ": internal error: " + oneLine(String.valueOf(e)));
            return 1;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** Parsed options: {@code --name value} pairs, flags and positional arguments. */
    private record Options(Map<String, String> values, Set<String> flags, List<String> positional) {

        static Options parse(String[] args, Set<String> valued, Set<String> flagNames, boolean positionalAllowed)
                throws UsageException {
            Map<String, String> values = new HashMap<>();
            java.util.HashSet<String> flags = new java.util.HashSet<>();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("--")) {
                    if (flagNames.contains(a)) {
                        flags.add(a);
                    } else if (valued.contains(a)) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(a + " needs a value");
                        }
                        if (values.put(a, args[++i]) != null) {
                            throw new UsageException(a + " given twice");
                        }
                    } else {
                        throw new UsageException("unknown option " + a);
                    }
                } else if (positionalAllowed) {
                    positional.add(a);
                } else {
                    throw new UsageException("unexpected argument '" + a + "'");
                }
            }
            return new Options(values, flags, positional);
        }

        String required(String name) throws UsageException {
            String v = values.get(name);
            if (v == null) {
                throw new UsageException(name + " is required");
            }
            return v;
        }

        int integer(String name, int def, int min) throws UsageException {
            String v = values.get(name);
            if (v == null) {
                return def;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n < min) {
                    throw new UsageException(name + " must be at least " + min + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException(name + " must be an integer, got '" + v + "'");
            }
        }

        List<Double> list(String name, List<Double> def) throws UsageException {
            String v = values.get(name);
            if (v == null) {
                return def;
            }
            List<Double> out = new ArrayList<>();
            for (String part : v.split(",")) {
                try {
                    double d = Double.parseDouble(part.trim());
                    if (!(d > 0) || !Double.isFinite(d)) {
                        throw new UsageException(name + " values must be positive numbers, got '" + part.trim() + "'");
                    }
                    out.add(d);
                } catch (NumberFormatException e) {
                    throw new UsageException(name + " must be a comma-separated list of numbers, got '" + v + "'");
                }
            }
            return out;
        }
    }

    private static int threads(Options o) throws UsageException {
        return o.integer("--threads", Runtime.getRuntime().availableProcessors(), 1);
    }

    private static SmoEmotionClassifier model(Options o, ExtractorResolver resolver) throws IOException {
        String file = o.values().get("--model");
        return file == null
                ? Ser4jClassifierProvider.loadResource(Ser4jClassifierProvider.DEFAULT_MODEL_RESOURCE, resolver)
                : ModelFile.read(Path.of(file), resolver);
    }

    private static int predict(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver)
            throws UsageException, IOException {
        Options o = Options.parse(args, Set.of("--model"), Set.of("--json"), true);
        if (o.positional().isEmpty()) {
            throw new UsageException("no audio files given");
        }
        SmoEmotionClassifier model = model(o, resolver);
        boolean json = o.flags().contains("--json");
        int failures = 0;
        for (String f : o.positional()) {
            Prediction p;
            try {
                p = model.predict(Path.of(f));
            } catch (IOException | IllegalArgumentException e) {
                err.println("ser4j predict: " + oneLine(e.getMessage()));
                failures++;
                continue;
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", f);
                m.put("emotion", p.emotion().word());
                m.put("confidence", p.probability());
                Map<String, Object> probs = new LinkedHashMap<>();
                p.probabilities().forEach((e, v) -> probs.put(e.word(), v));
                m.put("probabilities", probs);
                out.println(Json.write(m));
            } else {
                StringBuilder sb = new StringBuilder();
                sb.append(f).append('\t').append(p.emotion().word()).append('\t')
                        .append(String.format(Locale.ROOT, "%.4f", p.probability()));
                p.probabilities().forEach((e, v) -> sb.append('\t').append(e.word()).append('=')
                        .append(String.format(Locale.ROOT, "%.4f", v)));
                out.println(sb);
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static int evaluate(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver)
            throws UsageException, IOException {
        Options o = Options.parse(args, Set.of("--data", "--model", "--threads"), Set.of("--json"), false);
        Dataset data = Dataset.read(Path.of(o.required("--data")));
        int threads = threads(o);
        SmoEmotionClassifier model = model(o, resolver);
        EvaluationReport r = Evaluator.evaluate(model, data, threads, err::println);
        out.print(o.flags().contains("--json") ? r.toJson() + System.lineSeparator() : r.toText());
        return 0;
    }

    private static int train(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver)
            throws UsageException, IOException {
        Options o = Options.parse(args, Set.of("--data", "--out", "--folds", "--extractor", "--kernel", "--C",
                "--gamma", "--exponent", "--seed", "--metric", "--threads"), Set.of("--grouped", "--json"), false);
        Path dataDir = Path.of(o.required("--data"));
        Path outFile = Path.of(o.required("--out"));
        TrainerOptions d = TrainerOptions.defaults();
        boolean grouped = o.flags().contains("--grouped");
        long seed;
        try {
            seed = Long.parseLong(o.values().getOrDefault("--seed", "1").trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be an integer, got '" + o.values().get("--seed") + "'");
        }
        TrainerOptions options;
        try {
            SvmParameters.Kernel kernel = SvmParameters.Kernel.parse(o.values().getOrDefault("--kernel", "rbf"));
            TrainerOptions.Metric metric = TrainerOptions.Metric.parse(o.values().getOrDefault("--metric", "accuracy"));
            options = new TrainerOptions(kernel, o.list("--C", d.cGrid()), o.list("--gamma", d.gammaGrid()),
                    o.list("--exponent", d.exponentGrid()), o.integer("--folds", grouped ? 5 : 6, 2), seed, metric,
                    grouped, threads(o));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        FeatureExtractor extractor = resolver.byNameOrId(o.values().getOrDefault("--extractor", DEFAULT_EXTRACTOR));
        if (!o.values().containsKey("--gamma")) {
            options = options.withGrids(options.cGrid(), TrainerOptions.defaultsFor(extractor.dimension()).gammaGrid(),
                    options.exponentGrid());
        }
        Dataset data = Dataset.read(dataDir);
        quietWekaInit();
        TrainingResult result = SmoTrainer.train(data, extractor, options, err::println);
        result.classifier().save(outFile);
        out.print(o.flags().contains("--json") ? result.crossValidation().toJson() + System.lineSeparator()
                : result.crossValidation().toText());
        err.println("wrote " + outFile + " (" + Files.size(outFile) + " bytes, " + result.classifier() + ")");
        return 0;
    }

    /**
     * Weka's package manager prints a warning about absent optional matrix libraries to
     * System.out when first touched, which would corrupt our output; let that happen on stderr.
     */
    private static void quietWekaInit() {
        PrintStream stdout = System.out;
        synchronized (Main.class) {
            try {
                System.setOut(System.err);
                Class.forName("weka.core.Capabilities");
            } catch (ClassNotFoundException | LinkageError e) {
                // training reports the real problem if Weka is unusable
            } finally {
                System.setOut(stdout);
            }
        }
    }

    private static int features(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver)
            throws UsageException, IOException {
        Options o = Options.parse(args, Set.of("--data", "--extractor", "--out", "--threads"), Set.of(), false);
        Path outFile = Path.of(o.required("--out"));
        String name = outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean arff = name.endsWith(".arff");
        if (!arff && !name.endsWith(".csv")) {
            throw new UsageException("--out must end in .csv or .arff, got " + outFile);
        }
        FeatureExtractor extractor = resolver.byNameOrId(o.required("--extractor"));
        Dataset data = Dataset.read(Path.of(o.required("--data")));
        Consumer<String> progress = err::println;
        double[][] x = FeatureTable.extract(data, extractor, threads(o), progress);
        Path dir = outFile.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try (BufferedWriter w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            if (arff) {
                writeArff(w, data, extractor, x);
            } else {
                writeCsv(w, data, extractor, x);
            }
        }
        err.println("wrote " + x.length + " vectors of " + extractor.dimension() + " features to " + outFile);
        return 0;
    }

    private static void writeCsv(BufferedWriter w, Dataset data, FeatureExtractor ex, double[][] x) throws IOException {
        List<String> head = new ArrayList<>(List.of("path", "speaker", "emotion"));
        head.addAll(ex.featureNames());
        w.write(String.join(",", head.stream().map(Csv::quote).toList()));
        w.newLine();
        for (int i = 0; i < x.length; i++) {
            LabelledClip c = data.clips().get(i);
            StringBuilder sb = new StringBuilder();
            sb.append(Csv.quote(c.relativePath())).append(',').append(c.speaker() == null ? "" : Csv.quote(c.speaker()))
                    .append(',').append(c.emotion().word());
            for (double v : x[i]) {
                sb.append(',').append(v);
            }
            w.write(sb.toString());
            w.newLine();
        }
    }

    private static void writeArff(BufferedWriter w, Dataset data, FeatureExtractor ex, double[][] x) throws IOException {
        w.write("% ser4j features, extractor " + ex.id());
        w.newLine();
        w.write("@relation " + arffQuote(data.name()));
        w.newLine();
        w.write("@attribute path string");
        w.newLine();
        w.write("@attribute speaker string");
        w.newLine();
        for (String f : ex.featureNames()) {
            w.write("@attribute " + arffQuote(f) + " numeric");
            w.newLine();
        }
        List<String> words = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            words.add(e.word());
        }
        w.write("@attribute emotion {" + String.join(",", words) + "}");
        w.newLine();
        w.write("@data");
        w.newLine();
        for (int i = 0; i < x.length; i++) {
            LabelledClip c = data.clips().get(i);
            StringBuilder sb = new StringBuilder();
            sb.append(arffQuote(c.relativePath())).append(',').append(c.speaker() == null ? "?" : arffQuote(c.speaker()));
            for (double v : x[i]) {
                sb.append(',').append(v);
            }
            sb.append(',').append(c.emotion().word());
            w.write(sb.toString());
            w.newLine();
        }
    }

    private static String arffQuote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
