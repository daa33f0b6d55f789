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
 * {@code features}, {@code stream} and {@code convert}. Run {@code java -jar ser4j.jar --help}. Exit status 0 on success, 1 on an
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
            "  evaluate --data DIR --adapt-speaker [--online] ...   speaker-adaptation cross-validation",
            "  train --data DIR --out FILE [options]     grid-search, cross-validate and write a model",
            "  features --data DIR --extractor ID --out FILE.csv|FILE.arff   export feature vectors",
            "  stream FILE|--mic [--window S] [--hop S] [--json]   live emotion timeline of a file or the microphone",
            "  convert OLD_FILE NEW_FILE                 convert a model file of the old format to the current one",
            "Run 'ser4j <command> --help' for a command's options.");

    private static final String PREDICT_USAGE = String.join(System.lineSeparator(),
            "usage: ser4j predict [--json] [--model FILE] FILE...",
            "  Prints one line per file: path, emotion, confidence and every label's probability",
            "  (with --json one JSON object per line). Without --model the pretrained model is used.");

    private static final String EVALUATE_USAGE = String.join(System.lineSeparator(),
            "usage: ser4j evaluate --data DIR [--model FILE] [--json] [--threads N]",
            "       ser4j evaluate --data DIR --adapt-speaker [--online] [--model FILE | recipe options] [--json]",
            "  Scores a model (default: the pretrained one) on a labelled data set: a folder with",
            "  manifest.csv, RAVDESS-named files, or one sub-folder per emotion.",
            "  --adapt-speaker needs the data set's speakers (manifest speaker/actor column or RAVDESS",
            "  names) and scores with one speaker session per speaker: transductive (statistics of all",
            "  the speaker's clips) or, with --online, each speaker's clips in a seeded random order,",
            "  each predicted with the statistics of the clips before it only. Without --model it runs",
            "  speaker-grouped k-fold cross-validation of the per-speaker recipe (train --per-speaker)",
            "  with the recipe options of train (--extractor --C --gamma --kernel --exponent --folds",
            "  --seed --metric --shrinkage --noisy-copies; default 5 folds); with --model it scores that",
            "  speaker-adapted model on DIR as held-out data. Every report scores the probabilities too",
            "  (mean confidence, ECE over 15 bins, NLL, Brier) without and with temperature scaling.");

    private static final String TRAIN_USAGE = String.join(System.lineSeparator(),
            "usage: ser4j train --data DIR --out FILE [--folds N] [--grouped] [--extractor NAME|ID]",
            "                   [--kernel rbf|poly] [--C LIST] [--gamma LIST] [--exponent LIST]",
            "                   [--seed N] [--metric accuracy|macro-f1] [--threads N] [--json]",
            "                   [--per-speaker [--shrinkage K|KMEAN,KVAR] [--noisy-copies N] [--online]]",
            "  --extractor takes a preset name (" + String.join(", ", io.github.ser4j.features.FeatureExtractors.names())
                    + "; default " + DEFAULT_EXTRACTOR + ") or an extractor id.",
            "  Grid-searches with k-fold cross-validation (stratified, or speaker-grouped with --grouped;",
            "  default 6 folds, 5 when grouped), prints the report, then trains on all the data with the",
            "  best parameters and writes the model file. LIST is comma-separated, e.g. --C 1,4,16.",
            "  Defaults: --kernel rbf --C 1,4,16,64 --gamma 1/16,1/8,1/4,1/2,1 divided by the feature count",
            "  --exponent 1,2 --metric accuracy --seed 1 --threads all processors.",
            "  --per-speaker z-normalises every clip's features with its speaker's statistics (mean and",
            "  variance shrunk towards population priors with weights of K clips; default "
                    + SpeakerAdaptation.defaults().meanShrinkage() + "," + SpeakerAdaptation.defaults().varianceShrinkage() + ")",
            "  before the global standardiser, for speaker sessions; --noisy-copies adds N copies of each",
            "  clip normalised with a random subset of its speaker's other clips. The cross-validation",
            "  then scores test speakers transductively, or online with --online (see evaluate --adapt-speaker).",
            "  The report also scores the probabilities (mean confidence, ECE, NLL, Brier) before and after",
            "  temperature scaling; T is fitted on the cross-validated distributions and stored in the model.",
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
    static final class UsageException extends Exception {
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
        if (command.equals("convert")) {
            return ConvertCommand.run(rest, out, err);
        }
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

    static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** Parsed options: {@code --name value} pairs, flags and positional arguments. */
    record Options(Map<String, String> values, Set<String> flags, List<String> positional) {

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

        /** A comma-separated list of positive numbers. */
        List<Double> list(String name, List<Double> def) throws UsageException {
            return numbers(name, def, false);
        }

        /** A comma-separated list of numbers that may be 0. */
        List<Double> list0(String name, List<Double> def) throws UsageException {
            return numbers(name, def, true);
        }

        private List<Double> numbers(String name, List<Double> def, boolean zeroAllowed) throws UsageException {
            String v = values.get(name);
            if (v == null) {
                return def;
            }
            List<Double> out = new ArrayList<>();
            for (String part : v.split(",")) {
                try {
                    double d = Double.parseDouble(part.trim());
                    if (!(zeroAllowed ? d >= 0 : d > 0) || !Double.isFinite(d)) {
                        throw new UsageException(name + (zeroAllowed ? " values must be numbers of at least 0, got '"
                                : " values must be positive numbers, got '") + part.trim() + "'");
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
                ? Ser4jClassifierProvider.loadPaired(resolver)
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

    private static final Set<String> RECIPE_OPTIONS = Set.of("--folds", "--extractor", "--kernel", "--C", "--gamma",
            "--exponent", "--seed", "--metric", "--shrinkage", "--noisy-copies");

    private static int evaluate(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver)
            throws UsageException, IOException {
        Set<String> valued = new java.util.HashSet<>(Set.of("--data", "--model", "--threads"));
        valued.addAll(RECIPE_OPTIONS);
        Options o = Options.parse(args, valued, Set.of("--json", "--adapt-speaker", "--online"), false);
        boolean adapt = o.flags().contains("--adapt-speaker");
        boolean online = o.flags().contains("--online");
        if (online && !adapt) {
            throw new UsageException("--online needs --adapt-speaker");
        }
        boolean recipe = o.values().keySet().stream().anyMatch(RECIPE_OPTIONS::contains);
        if (recipe && (!adapt || o.values().containsKey("--model"))) {
            throw new UsageException("recipe options (" + String.join(" ", new java.util.TreeSet<>(RECIPE_OPTIONS))
                    + ") go with --adapt-speaker and without --model");
        }
        Dataset data = Dataset.read(Path.of(o.required("--data")));
        int threads = threads(o);
        EvaluationReport r;
        if (!adapt) {
            r = Evaluator.evaluate(model(o, resolver), data, threads, err::println);
        } else if (o.values().containsKey("--model")) {
            SmoEmotionClassifier model = model(o, resolver);
            if (!model.isSpeakerAdapted()) {
                throw new IllegalArgumentException(o.values().get("--model") + " is not a speaker-adapted model; "
                        + "train one with train --per-speaker");
            }
            r = Evaluator.evaluateAdapted(model, data, online, 1, threads, err::println);
        } else {
            Recipe rc = recipe(o, true, true, resolver);
            quietWekaInit();
            r = SmoTrainer.crossValidate(data, rc.extractor(), rc.options(), err::println);
        }
        out.print(o.flags().contains("--json") ? r.toJson() + System.lineSeparator() : r.toText());
        return 0;
    }

    /** The trainer's settings and extractor from the command line. */
    private record Recipe(TrainerOptions options, FeatureExtractor extractor) {
    }

    private static Recipe recipe(Options o, boolean grouped, boolean perSpeaker, ExtractorResolver resolver)
            throws UsageException {
        TrainerOptions d = TrainerOptions.defaults();
        long seed;
        try {
            seed = Long.parseLong(o.values().getOrDefault("--seed", "1").trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be an integer, got '" + o.values().get("--seed") + "'");
        }
        SpeakerAdaptation adaptation = null;
        if (perSpeaker) {
            SpeakerAdaptation d0 = SpeakerAdaptation.defaults();
            List<Double> k = o.list0("--shrinkage", List.of(d0.meanShrinkage(), d0.varianceShrinkage()));
            if (k.size() > 2) {
                throw new UsageException("--shrinkage takes K or KMEAN,KVARIANCE, got " + k.size() + " values");
            }
            try {
                adaptation = new SpeakerAdaptation(k.get(0), k.get(k.size() - 1),
                        o.integer("--noisy-copies", d0.noisyCopies(), 0), o.flags().contains("--online"));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        TrainerOptions options;
        try {
            SvmParameters.Kernel kernel = SvmParameters.Kernel.parse(o.values().getOrDefault("--kernel", "rbf"));
            TrainerOptions.Metric metric = TrainerOptions.Metric.parse(o.values().getOrDefault("--metric", "accuracy"));
            options = new TrainerOptions(kernel, o.list("--C", d.cGrid()), o.list("--gamma", d.gammaGrid()),
                    o.list("--exponent", d.exponentGrid()), o.integer("--folds", grouped ? 5 : 6, 2), seed, metric,
                    grouped, threads(o), adaptation);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        FeatureExtractor extractor = resolver.byNameOrId(o.values().getOrDefault("--extractor", DEFAULT_EXTRACTOR));
        if (!o.values().containsKey("--gamma")) {
            options = options.withGrids(options.cGrid(), TrainerOptions.defaultsFor(extractor.dimension()).gammaGrid(),
                    options.exponentGrid());
        }
        return new Recipe(options, extractor);
    }

    private static int train(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver)
            throws UsageException, IOException {
        Set<String> valued = new java.util.HashSet<>(Set.of("--data", "--out", "--threads"));
        valued.addAll(RECIPE_OPTIONS);
        Options o = Options.parse(args, valued, Set.of("--grouped", "--json", "--per-speaker", "--online"), false);
        Path dataDir = Path.of(o.required("--data"));
        Path outFile = Path.of(o.required("--out"));
        boolean perSpeaker = o.flags().contains("--per-speaker");
        if (!perSpeaker && (o.flags().contains("--online") || o.values().containsKey("--shrinkage")
                || o.values().containsKey("--noisy-copies"))) {
            throw new UsageException("--online, --shrinkage and --noisy-copies need --per-speaker");
        }
        Recipe rc = recipe(o, o.flags().contains("--grouped"), perSpeaker, resolver);
        Dataset data = Dataset.read(dataDir);
        quietWekaInit();
        TrainingResult result = SmoTrainer.train(data, rc.extractor(), rc.options(), err::println);
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
