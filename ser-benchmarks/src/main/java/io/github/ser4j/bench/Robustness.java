package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.features.FeatureExtractors;
import io.github.ser4j.models.Augmentation;
import io.github.ser4j.models.Condition;
import io.github.ser4j.models.Dataset;
import io.github.ser4j.models.EvaluationReport;
import io.github.ser4j.models.LabelledClip;
import io.github.ser4j.models.Research;
import io.github.ser4j.models.SmoEmotionClassifier;
import io.github.ser4j.models.SvmParameters;
import io.github.ser4j.models.TrainerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The robustness harness: accuracy, macro-F1, mean confidence and ECE of a model or a recipe under each
 * recording condition of {@link Condition#harnessSet()} (clean; white, pink, brown noise and babble of
 * other speakers at 30/20/10/5 dB SNR on the speech; telephone mu-law and A-law; reverberation at RT60
 * 0.3/0.6/1.0 s; peak levels -30 to 0 dBFS), written as {@code robustness.txt}, {@code robustness.json}
 * and {@code robustness.png}.
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.Robustness --data DIR --out DIR
 *        [--model FILE|shipped] [--extractor NAME|ID --C 16 --gamma 2.53e-4 [--augment SPEC] [--squash K] [--folds 5]]
 *        [--step 5] [--seed 1] [--threads 2] [--conditions clean,opus@12,...] [--label NAME]
 *        [--against OTHER/robustness.json [--against-label NAME]]
 *   java -cp ... Robustness --replot RUN/robustness.json [--title T] [--label NAME] [--against ... [--against-label NAME]]
 * </pre>
 *
 * <p>Recipe mode (no {@code --model}): speaker-grouped k-fold with the trainer's own folds, fold models
 * and augmented copies (copies of training-fold clips only); every {@code step}-th clip (sorted by path)
 * is scored under every condition by the model of the fold that held its speaker out. Babble for a test
 * clip is made from the other speakers of its fold, never its own speaker and never a training speaker.
 * Probabilities of fold f are temperature-scaled with T fitted on the clean distributions of the scored
 * clips of the other folds. Model mode ({@code --model}): every {@code step}-th clip scored by that model
 * (its stored temperature), babble from any other speaker of the data set; on training speakers this is
 * not a held-out figure.
 *
 * <p>{@code --conditions} scores a comma-separated list of {@link Condition#parse} names instead of the
 * harness set (for example the {@code opus@KBPS} codec conditions, which the harness set does not hold).
 *
 * <p>Each condition of clip i is made with seed mix(seed, path, condition), so a run is deterministic.
 * Features and copies are cached in {@code --out} (keyed by extractor, data, spec, seed and step).
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
public final class Robustness {

    private Robustness() {
    }

    /**
     * One condition's scores: over every clip (the model's answer even where it is withheld), and the share
     * of clips the model calls out of domain (which {@code predict} gives no emotion) with the accuracy on the
     * others (NaN where none is left, or not measured).
     */
    record Row(String condition, double accuracy, double macroF1, double meanConfidence, double ece, int n,
            double outOfDomain, double answeredAccuracy) {
    }

    /**
     * Runs the harness.
     *
     * @param args see the class comment
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: Robustness --data DIR --out DIR [--model FILE|shipped] [--extractor NAME --C C "
                        + "--gamma G [--augment SPEC] [--squash K] [--folds K]] [--step N] [--seed N] [--threads N] [--conditions LIST] "
                        + "[--against JSON]");
                System.exit(2);
            }
            o.put(args[i], args[++i]);
        }
        Consumer<String> progress = s -> System.err.println(s);
        if (o.containsKey("--replot")) { // redraw a finished run's chart from its JSON, e.g. with other labels
            Path json = Path.of(o.get("--replot"));
            Map<?, ?> run = (Map<?, ?>) Research.parseJson(Files.readString(json, StandardCharsets.UTF_8));
            List<Row> rows = new ArrayList<>();
            for (Object c : (List<?>) run.get("conditions")) {
                Map<?, ?> cm = (Map<?, ?>) c;
                if (!Robustness.ALL_CLIPS.equals(cm.get("condition"))) {
                    rows.add(new Row((String) cm.get("condition"), ((Number) cm.get("accuracy")).doubleValue(), 0, 0, 0, 0,
                            Double.NaN, Double.NaN));
                }
            }
            chart(o, o.getOrDefault("--title", (String) run.get("run")), rows, json.resolveSibling("robustness.png"));
            return;
        }
        Dataset data = Dataset.read(Path.of(req(o, "--data")));
        Path out = Path.of(req(o, "--out"));
        Files.createDirectories(out);
        int step = Integer.parseInt(o.getOrDefault("--step", "5"));
        long seed = Long.parseLong(o.getOrDefault("--seed", "1"));
        int threads = Integer.parseInt(o.getOrDefault("--threads", "2"));
        List<Condition> conditions = o.containsKey("--conditions")
                ? java.util.Arrays.stream(o.get("--conditions").split(",")).map(Condition::parse).toList()
                : Condition.harnessSet();
        long t0 = System.nanoTime();
        List<Row> rows;
        String what;
        if (o.containsKey("--model")) {
            String m = o.get("--model");
            SmoEmotionClassifier model = m.equals("shipped") ? (SmoEmotionClassifier) EmotionClassifier.load()
                    : SmoEmotionClassifier.load(Path.of(m));
            what = "model " + m + " (" + model.featureExtractor().dimension() + " values), every " + step + "th clip of " + data.name();
            rows = scoreModel(data, model, conditions, step, seed, threads, out, progress);
        } else {
            String fxName = o.getOrDefault("--extractor", "full");
            // a preset name, or any extractor id (a front end's other settings, for example)
            FeatureExtractor fx = fxName.contains("/") ? FeatureExtractors.byId(fxName) : FeatureExtractors.byName(fxName);
            TrainerOptions to = TrainerOptions.defaults().withFolds(Integer.parseInt(o.getOrDefault("--folds", "5")), true, seed)
                    .withThreads(threads)
                    .withAugmentation(o.containsKey("--augment") ? Augmentation.parse(o.get("--augment")) : null)
                    .withSquash(Double.parseDouble(o.getOrDefault("--squash", "0")));
            SvmParameters p = new SvmParameters(SvmParameters.Kernel.RBF, Double.parseDouble(req(o, "--C")),
                    Double.parseDouble(req(o, "--gamma")), 1);
            what = "recipe " + o.getOrDefault("--extractor", "full") + " (" + fx.dimension() + " values), rbf C=" + p.c() + " gamma=" + p.gamma()
                    + (to.augmentation() == null ? ", no augmentation" : ", augmented " + to.augmentation().spec())
                    + (to.squash() > 0 ? ", squash " + to.squash() : "")
                    + ", speaker-grouped " + to.folds() + "-fold (seed " + seed + "), every " + step + "th clip of " + data.name();
            java.util.regex.Pattern drop = o.containsKey("--drop") ? java.util.regex.Pattern.compile(o.get("--drop")) : null;
            if (drop != null) {
                what += ", without the features matching " + drop;
            }
            rows = scoreRecipe(data, fx, to, p, conditions, step, seed, threads, out, drop, progress);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = text(what, rows, seconds);
        System.out.print(text);
        Files.writeString(out.resolve("robustness.txt"), text, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("robustness.json"), json(what, step, seed, rows, seconds), StandardCharsets.UTF_8);
        chart(o, what, rows.stream().filter(r -> !r.condition().equals(ALL_CLIPS)).toList(), out.resolve("robustness.png"));
    }

    private static void chart(Map<String, String> o, String title, List<Row> charted, Path png) throws IOException {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put(o.getOrDefault("--label", "this run"), charted.stream().mapToDouble(Row::accuracy).toArray());
        if (o.containsKey("--against")) {
            series.put(o.getOrDefault("--against-label", "comparison"), accuracies(Path.of(o.get("--against")), charted));
        }
        ReportCharts.robustness(png, title, charted.stream().map(Row::condition).toList(), series);
    }

    private static String req(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    static long clipSeed(long seed, String path, Condition c) {
        long h = seed * 0x9E3779B97F4A7C15L + path.hashCode();
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c.name().hashCode();
        return h ^ (h >>> 29);
    }

    private static int[] subset(int n, int step) {
        int[] s = new int[(n + step - 1) / step];
        for (int i = 0; i < s.length; i++) {
            s[i] = i * step;
        }
        return s;
    }

    /**
     * Features of the clips {@code subset} under every condition: {@code [condition * subset.length + k]}.
     * Babble for clip i is drawn from the clips j with {@code group[j] == group[i]}.
     */
    private static double[][] conditionFeatures(Dataset data, FeatureExtractor fx, List<Condition> conditions,
            int[] subset, int[] group, long seed, int threads, Consumer<String> progress) throws Exception {
        List<LabelledClip> clips = data.clips();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int i : subset) {
                futures.add(pool.submit(() -> {
                    LabelledClip c = clips.get(i);
                    List<LabelledClip> others = new ArrayList<>();
                    for (int j = 0; j < clips.size(); j++) {
                        if (j != i && group[j] == group[i]) {
                            others.add(clips.get(j));
                        }
                    }
                    AudioClip clip = AudioClip.read(c.file());
                    double[][] r = new double[conditions.size()][];
                    for (int k = 0; k < conditions.size(); k++) {
                        Condition cond = conditions.get(k);
                        long s = clipSeed(seed, c.relativePath(), cond);
                        List<float[]> talkers = cond.needsTalkers()
                                ? Condition.talkers(others, c, clip.sampleRateHz(), new Random(~s)) : null;
                        r[k] = Research.features(cond.apply(clip, s, talkers), fx);
                    }
                    return r;
                }));
            }
            double[][] x = new double[conditions.size() * subset.length][];
            for (int k = 0; k < subset.length; k++) {
                double[][] r = futures.get(k).get();
                for (int c = 0; c < conditions.size(); c++) {
                    x[c * subset.length + k] = r[c];
                }
                if ((k + 1) % 40 == 0 || k + 1 == subset.length) {
                    progress.accept("conditions: " + (k + 1) + "/" + subset.length + " clips");
                }
            }
            return x;
        } finally {
            pool.shutdownNow();
        }
    }

    static String conditionKey(FeatureExtractor fx, List<Condition> conditions, long seed, int step, String groups) {
        return fx.id() + "|" + conditions + "|seed " + seed + "|step " + step + "|babble from " + groups;
    }

    static List<Row> scoreRecipe(Dataset data, FeatureExtractor fx, TrainerOptions o, SvmParameters p,
            List<Condition> conditions, int step, long seed, int threads, Path out, java.util.regex.Pattern drop,
            Consumer<String> progress) throws Exception {
        String sha = data.summary().fileListSha256();
        FeatureMatrix m = FeatureMatrix.load(data, fx, out.resolve("features-" + fileName(fx.id()) + ".bin"), threads, progress);
        int n = m.y().length;
        int[] fold = Research.folds(m.y(), m.speakers(), m.labels().size(), o);
        double[][][] copies = null;
        if (o.augmentation() != null) {
            Augmentation a = o.augmentation();
            String key = fx.id() + "|copies " + a.spec() + "|seed " + o.seed() + "|folds " + o.folds();
            double[][] flat = FeatureMatrix.cached(out.resolve("copies-" + Integer.toHexString(key.hashCode()) + ".bin"), key, sha,
                    n * a.copies(), fx.dimension(), () -> {
                        double[][][] c = Research.augmentedCopies(data, fx, o, fold, progress);
                        double[][] f = new double[n * a.copies()][];
                        for (int k = 0; k < a.copies(); k++) {
                            System.arraycopy(c[k], 0, f, k * n, n);
                        }
                        return f;
                    }, progress);
            copies = new double[a.copies()][n][];
            for (int k = 0; k < a.copies(); k++) {
                System.arraycopy(flat, k * n, copies[k], 0, n);
            }
        }
        int[] subset = subset(n, step);
        String key = conditionKey(fx, conditions, seed, step, "fold (seed " + o.seed() + ", " + o.folds() + " folds)");
        double[][] cx = FeatureMatrix.cached(out.resolve("conditions-" + Integer.toHexString(key.hashCode()) + ".bin"), key,
                sha, conditions.size() * subset.length, fx.dimension(),
                () -> conditionFeatures(data, fx, conditions, subset, fold, seed, threads, progress), progress);
        FeatureShift.write(out.resolve("feature-shift.txt"), fx.featureNames(), m.x(), cx, subset, conditions, 15);
        double[][] x = m.x();
        if (drop != null) { // exploration: the same rows without some columns, as a preset that leaves them out computes them
            int[] keep = java.util.stream.IntStream.range(0, fx.dimension())
                    .filter(j -> !drop.matcher(fx.featureNames().get(j)).find()).toArray();
            progress.accept("keeping " + keep.length + " of " + fx.dimension() + " features");
            x = project(x, keep);
            cx = project(cx, keep);
            if (copies != null) {
                for (int k = 0; k < copies.length; k++) {
                    copies[k] = project(copies[k], keep);
                }
            }
        }
        double[][] xs = x;
        // one model per fold, trained as the trainer's cross-validation trains it
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<SmoEmotionClassifier>> models = new ArrayList<>();
        double[][][] cp = copies;
        for (int f = 0; f < o.folds(); f++) {
            int[] train = Research.rowsWhere(fold, f, false);
            models.add(pool.submit(() -> Research.foldModel(xs, cp, m.y(), m.speakers(), m.labels(), o, p, train)));
        }
        List<SmoEmotionClassifier> fm = new ArrayList<>();
        for (int f = 0; f < models.size(); f++) {
            fm.add(models.get(f).get());
            progress.accept("fold model " + (f + 1) + "/" + o.folds() + " trained");
        }
        pool.shutdownNow();
        double[][][] dist = new double[conditions.size()][subset.length][];
        boolean[][] flagged = new boolean[conditions.size()][subset.length];
        for (int c = 0; c < conditions.size(); c++) {
            for (int k = 0; k < subset.length; k++) {
                SmoEmotionClassifier model = fm.get(fold[subset[k]]);
                dist[c][k] = Research.distribution(model, cx[c * subset.length + k]);
                flagged[c][k] = Research.domainCheck(model, cx[c * subset.length + k]).outOfDomain();
            }
        }
        int[] truth = new int[subset.length];
        int[] subsetFold = new int[subset.length];
        for (int k = 0; k < subset.length; k++) {
            truth[k] = m.y()[subset[k]];
            subsetFold[k] = fold[subset[k]];
        }
        // temperature of fold f: fitted on the unscaled clean distributions of the other folds' scored clips
        double[] temperature = new double[o.folds()];
        for (int f = 0; f < o.folds(); f++) {
            int[] rest = Research.rowsWhere(subsetFold, f, false);
            double[][] rd = new double[rest.length][];
            int[] ry = new int[rest.length];
            for (int i = 0; i < rest.length; i++) {
                rd[i] = dist[0][rest[i]];
                ry[i] = truth[rest[i]];
            }
            temperature[f] = Research.fitTemperature(rd, ry);
        }
        for (int f = 0; f < o.folds(); f++) {
            tScaled(dist, Research.rowsWhere(subsetFold, f, true), temperature[f]);
        }
        List<Row> rows = new ArrayList<>(score(conditions, dist, flagged, truth, m.labels()));
        // every clip, clean, by its fold's model: the trainer's cross-validation figure at this grid point
        double[][] all = new double[n][];
        int[] allPred = new int[n];
        int allOut = 0;
        int allAnsweredRight = 0;
        for (int i = 0; i < n; i++) {
            all[i] = Research.distribution(fm.get(fold[i]), xs[i]);
            allPred[i] = argmax(all[i]);
            if (Research.domainCheck(fm.get(fold[i]), xs[i]).outOfDomain()) {
                allOut++;
            } else if (allPred[i] == m.y()[i]) {
                allAnsweredRight++;
            }
        }
        EvaluationReport r = Research.score(ALL_CLIPS, m.labels(), m.y(), allPred);
        rows.add(new Row(ALL_CLIPS, r.accuracy(), r.macroF1(), Double.NaN, Double.NaN, n, allOut / (double) n,
                allOut == n ? Double.NaN : allAnsweredRight / (double) (n - allOut)));
        return rows;
    }

    private static double[][] project(double[][] x, int[] keep) {
        double[][] out = new double[x.length][keep.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < keep.length; j++) {
                out[i][j] = x[i][keep[j]];
            }
        }
        return out;
    }

    /** The extra row of recipe mode: every clip of the data set, clean, uncalibrated. */
    static final String ALL_CLIPS = "clean-all-clips";

    private static int argmax(double[] p) {
        return Learner.argmax(p);
    }

    private static void tScaled(double[][][] dist, int[] rows, double t) {
        for (double[][] d : dist) {
            for (int k : rows) {
                d[k] = Research.scaled(d[k], t);
            }
        }
    }

    static List<Row> scoreModel(Dataset data, SmoEmotionClassifier model, List<Condition> conditions, int step,
            long seed, int threads, Path out, Consumer<String> progress) throws Exception {
        FeatureExtractor fx = model.featureExtractor();
        List<LabelledClip> clips = data.clips();
        int[] subset = subset(clips.size(), step);
        int[] oneGroup = new int[clips.size()];
        String key = conditionKey(fx, conditions, seed, step, "the whole data set");
        double[][] cx = FeatureMatrix.cached(out.resolve("conditions-" + Integer.toHexString(key.hashCode()) + ".bin"), key,
                data.summary().fileListSha256(), conditions.size() * subset.length, fx.dimension(),
                () -> conditionFeatures(data, fx, conditions, subset, oneGroup, seed, threads, progress), progress);
        List<Emotion> labels = model.labels();
        int[] truth = new int[subset.length];
        for (int k = 0; k < subset.length; k++) {
            truth[k] = labels.indexOf(clips.get(subset[k]).emotion());
            if (truth[k] < 0) {
                throw new IllegalArgumentException(clips.get(subset[k]).relativePath() + " is labelled "
                        + clips.get(subset[k]).emotion() + ", which the model does not know");
            }
        }
        double[][][] dist = new double[conditions.size()][subset.length][];
        boolean[][] flagged = new boolean[conditions.size()][subset.length];
        for (int c = 0; c < conditions.size(); c++) {
            for (int k = 0; k < subset.length; k++) {
                dist[c][k] = Research.distribution(model, cx[c * subset.length + k]);
                flagged[c][k] = Research.domainCheck(model, cx[c * subset.length + k]).outOfDomain();
            }
        }
        return score(conditions, dist, flagged, truth, labels);
    }

    private static List<Row> score(List<Condition> conditions, double[][][] dist, boolean[][] flagged, int[] truth,
            List<Emotion> labels) {
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            int[] pred = new int[truth.length];
            int out = 0;
            int answeredRight = 0;
            for (int k = 0; k < truth.length; k++) {
                pred[k] = argmax(dist[c][k]);
                if (flagged[c][k]) {
                    out++;
                } else if (pred[k] == truth[k]) {
                    answeredRight++;
                }
            }
            double answered = out == truth.length ? Double.NaN : answeredRight / (double) (truth.length - out);
            EvaluationReport r = Research.score(conditions.get(c).name(), labels, truth, pred);
            EvaluationReport.ProbabilityScores ps = Research.probabilityScores(dist[c], truth);
            rows.add(new Row(conditions.get(c).name(), r.accuracy(), r.macroF1(), ps.meanConfidence(), ps.ece(), truth.length,
                    out / (double) truth.length, answered));
        }
        return rows;
    }

    private static String fileName(String id) {
        return Integer.toHexString(id.hashCode());
    }

    static String text(String what, List<Row> rows, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(what).append('\n');
        sb.append(String.format(Locale.ROOT, "%-18s %8s %8s %8s %8s %5s %8s %8s%n", "condition", "accuracy", "macroF1",
                "meanConf", "ECE", "n", "OOD", "answered"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-18s %7.1f%% %7.1f%% %8.3f %8.3f %5d %7.1f%% %7.1f%%%n", r.condition(),
                    100 * r.accuracy(), 100 * r.macroF1(), r.meanConfidence(), r.ece(), r.n(), 100 * r.outOfDomain(),
                    100 * r.answeredAccuracy()));
        }
        sb.append(String.format(Locale.ROOT, "wall time %.0f s%n", seconds));
        return sb.toString();
    }

    static String json(String what, int step, long seed, List<Row> rows, double seconds) {
        StringBuilder sb = new StringBuilder("{\"run\":");
        Research.appendJsonString(sb, what);
        sb.append(String.format(Locale.ROOT, ",\"step\":%d,\"seed\":%d,\"seconds\":%.1f,\"conditions\":[", step, seed, seconds));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"condition\":");
            Research.appendJsonString(sb, r.condition());
            sb.append(String.format(Locale.ROOT, ",\"n\":%d,\"accuracy\":%.6f,\"macroF1\":%.6f", r.n(), r.accuracy(), r.macroF1()));
            if (!Double.isNaN(r.ece())) {
                sb.append(String.format(Locale.ROOT, ",\"meanConfidence\":%.6f,\"ece\":%.6f", r.meanConfidence(), r.ece()));
            }
            if (!Double.isNaN(r.outOfDomain())) {
                sb.append(String.format(Locale.ROOT, ",\"outOfDomain\":%.6f", r.outOfDomain()));
            }
            if (!Double.isNaN(r.answeredAccuracy())) {
                sb.append(String.format(Locale.ROOT, ",\"answeredAccuracy\":%.6f", r.answeredAccuracy()));
            }
            sb.append('}');
        }
        return sb.append("]}\n").toString();
    }

    /** The accuracies of another run's JSON, in the order of {@code rows} (NaN where it lacks a condition). */
    private static double[] accuracies(Path json, List<Row> rows) throws IOException {
        Map<?, ?> m = (Map<?, ?>) Research.parseJson(Files.readString(json, StandardCharsets.UTF_8));
        Map<String, Double> acc = new LinkedHashMap<>();
        for (Object c : (List<?>) m.get("conditions")) {
            Map<?, ?> cm = (Map<?, ?>) c;
            acc.put((String) cm.get("condition"), ((Number) cm.get("accuracy")).doubleValue());
        }
        return rows.stream().mapToDouble(r -> acc.getOrDefault(r.condition(), Double.NaN)).toArray();
    }
}
