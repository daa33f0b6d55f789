package io.github.ser4j.bench;

import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.features.FeatureExtractors;
import io.github.ser4j.models.Dataset;
import io.github.ser4j.models.Research;
import io.github.ser4j.models.SvmParameters;
import io.github.ser4j.models.TrainerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The research report: cross-validates an SVM recipe and four baselines (majority class, logistic
 * regression, random forest, multilayer perceptron) on the same folds and the same features, under
 * the speaker-independent protocol (speaker-grouped 5-fold, the trainer's {@code --grouped}) and then
 * stratified random 6-fold, with the SVM's learning curves and optionally its C × gamma grid, and
 * writes {@code summary.md}, {@code summary.json} and PNG figures. Features are extracted once and
 * cached in the output folder. Results depend only on the data, the options and the seed, never on
 * the thread count.
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.Report --data DIR --out DIR [options]
 * </pre>
 *
 * <p>Thread-safety: a command-line entry point; {@link #run} may be called from one thread at a time
 * per output folder.
 */
public final class Report {

    /** Fractions of each training fold on the learning curve. */
    static final double[] CURVE_FRACTIONS = {0.1, 0.25, 0.5, 0.75, 1.0};
    static final int GROUPED_FOLDS = 5;
    static final int STRATIFIED_FOLDS = 6;

    private Report() {
    }

    /**
     * Runs the report and exits with its status: 0 done, 2 bad command line, 1 failure.
     *
     * @param args see {@link ReportOptions#USAGE}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the report.
     *
     * @param args the command line
     * @param out where the final summary line goes
     * @param err progress and error messages
     * @return 0 done, 2 bad command line, 1 failure (the message names the problem)
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ReportOptions o;
        try {
            o = ReportOptions.parse(args);
        } catch (ReportOptions.UsageException e) {
            err.println("report: " + e.getMessage());
            err.println(ReportOptions.USAGE);
            return 2;
        }
        if (o == null) {
            out.println(ReportOptions.USAGE);
            return 0;
        }
        try {
            long t0 = System.nanoTime();
            Progress progress = new Progress(err, t0);
            ReportFiles files = generate(o, progress);
            out.printf(Locale.ROOT, "report written to %s in %.0f s%n", files.dir(), (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (ReportOptions.UsageException e) {
            err.println("report: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("report: failed: " + e.getMessage());
            return 1;
        }
    }

    /** Progress lines on stderr, each stamped with the elapsed time. */
    record Progress(PrintStream err, long start) implements Consumer<String> {
        @Override
        public void accept(String line) {
            long s = (System.nanoTime() - start) / 1_000_000_000L;
            err.printf(Locale.ROOT, "[%2d:%02d] %s%n", s / 60, s % 60, line);
            err.flush();
        }
    }

    /** The output files, for the caller and tests. */
    record ReportFiles(java.nio.file.Path dir, List<java.nio.file.Path> written) {
    }

    static ReportFiles generate(ReportOptions o, Progress progress) throws IOException {
        FeatureExtractor fx;
        try {
            fx = FeatureExtractors.byName(o.extractor());
        } catch (IllegalArgumentException e) {
            throw new ReportOptions.UsageException("--extractor: " + e.getMessage());
        }
        if (Files.exists(o.out()) && !Files.isDirectory(o.out())) {
            throw new ReportOptions.UsageException("--out " + o.out() + " exists and is not a folder");
        }
        Dataset data = Dataset.read(o.data());
        if (data.labels().size() < 2) {
            throw new IOException("data set " + o.data() + " has only the label(s) " + data.labels()
                    + "; a report needs at least two");
        }
        Files.createDirectories(o.out());
        FeatureMatrix m = FeatureMatrix.load(data, fx, o.out().resolve("features-" + o.extractor() + ".bin"),
                o.threads(), progress);
        long tModels = System.nanoTime();
        ReportResults results = evaluate(m, o, progress);
        double modelSeconds = (System.nanoTime() - tModels) / 1e9;
        List<java.nio.file.Path> written = new ArrayList<>();
        progress.accept("plots and summary");
        written.addAll(ReportCharts.writeAll(results, m, o.out()));
        written.addAll(ReportSummary.write(results, m, o, data, (System.nanoTime() - progress.start()) / 1e9,
                modelSeconds, o.out()));
        return new ReportFiles(o.out(), written);
    }

    /** One fit: a learner on some rows, predicting row sets. */
    private record Job(String label, Learner learner, int[] fit, int[][] predict) {
    }

    static ReportResults evaluate(FeatureMatrix m, ReportOptions o, Consumer<String> progress) {
        SvmParameters recipe = new SvmParameters(SvmParameters.Kernel.RBF, o.c(), o.gamma(), 0);
        Learner svm = Learner.svm(recipe);
        List<Learner> baselines = Learner.baselines(o.seed());
        List<Double> gridC = o.gridC();
        List<Double> gridGamma = o.gridGammaFor(m.dimension());
        List<ProtocolPlan> plans = new ArrayList<>();
        if (m.hasSpeakers()) {
            plans.add(new ProtocolPlan("grouped", true, GROUPED_FOLDS, baselines.size(), gridC.size(), gridGamma.size()));
        } else {
            progress.accept("speaker-grouped protocol skipped: the data set does not name a speaker for every clip");
        }
        plans.add(new ProtocolPlan("stratified", false, STRATIFIED_FOLDS, baselines.size(), gridC.size(), gridGamma.size()));

        List<Job> jobs = new ArrayList<>();
        for (ProtocolPlan p : plans) {
            p.fold = Research.folds(m.y(), m.speakers(), m.labels().size(),
                    TrainerOptions.defaults().withFolds(p.k, p.grouped, o.seed()));
            for (int f = 0; f < p.k; f++) {
                int[] train = rows(p.fold, f, false);
                int[] test = rows(p.fold, f, true);
                if (test.length == 0) {
                    throw new IllegalArgumentException(p.title() + " fold " + (f + 1) + " has no clips");
                }
                String where = p.key + " fold " + (f + 1) + "/" + p.k;
                p.svmJob[f] = add(jobs, new Job(where + ": SVM", svm, train, new int[][] {test, train}));
                int[][] subsets = nestedSubsets(train, m.y(), m.labels().size(), o.seed() * 1_000_003L + f * 7919L
                        + (p.grouped ? 1 : 2));
                for (int q = 0; q < subsets.length - 1; q++) {
                    p.curveJob[q][f] = add(jobs, new Job(where + ": SVM on " + subsets[q].length + " clips", svm,
                            subsets[q], new int[][] {test, subsets[q]}));
                }
                for (int b = 0; b < baselines.size(); b++) {
                    p.baselineJob[b][f] = add(jobs, new Job(where + ": " + baselines.get(b).name(), baselines.get(b),
                            train, new int[][] {test}));
                }
                if (o.grid() && p == plans.get(0)) {
                    for (int i = 0; i < gridC.size(); i++) {
                        for (int j = 0; j < gridGamma.size(); j++) {
                            SvmParameters g = new SvmParameters(SvmParameters.Kernel.RBF, gridC.get(i), gridGamma.get(j), 0);
                            p.gridJob[i][j][f] = g.equals(recipe) ? p.svmJob[f]
                                    : add(jobs, new Job(where + ": grid " + g, Learner.svm(g), train, new int[][] {test}));
                        }
                    }
                }
            }
        }
        progress.accept(String.format(Locale.ROOT, "%d fits on %d thread(s): %s", jobs.size(), o.threads(),
                plans.stream().map(ProtocolPlan::title).reduce((a, b) -> a + ", " + b).orElse("")));
        List<int[][]> out = runAll(jobs, m, o.threads(), progress);

        List<ReportResults.Protocol> protocols = new ArrayList<>();
        ReportResults.Grid grid = null;
        for (ProtocolPlan p : plans) {
            int[] testSizes = new int[p.k];
            int[] testSpeakers = new int[p.k];
            for (int f = 0; f < p.k; f++) {
                int[] test = rows(p.fold, f, true);
                testSizes[f] = test.length;
                testSpeakers[f] = (int) Arrays.stream(test).mapToObj(i -> m.speakers()[i])
                        .filter(java.util.Objects::nonNull).distinct().count();
            }
            List<ReportResults.Model> models = new ArrayList<>();
            models.add(model(svm, p, p.svmJob, jobs, out, m));
            for (int b = 0; b < baselines.size(); b++) {
                models.add(model(baselines.get(b), p, p.baselineJob[b], jobs, out, m));
            }
            List<ReportResults.CurvePoint> curve = new ArrayList<>();
            for (int q = 0; q < CURVE_FRACTIONS.length; q++) {
                double[] tr = new double[p.k];
                double[] va = new double[p.k];
                long size = 0;
                for (int f = 0; f < p.k; f++) {
                    int id = q == CURVE_FRACTIONS.length - 1 ? p.svmJob[f] : p.curveJob[q][f];
                    Job j = jobs.get(id);
                    va[f] = accuracy(out.get(id)[0], j.predict()[0], m.y());
                    tr[f] = accuracy(out.get(id)[1], j.predict()[1], m.y());
                    size += j.fit().length;
                }
                curve.add(new ReportResults.CurvePoint(CURVE_FRACTIONS[q], size / (double) p.k, tr, va));
            }
            protocols.add(new ReportResults.Protocol(p.key, p.title(), p.k, testSizes, testSpeakers, models, curve));
            if (o.grid() && p == plans.get(0)) {
                double[][] mean = new double[gridC.size()][gridGamma.size()];
                double[][] sd = new double[gridC.size()][gridGamma.size()];
                for (int i = 0; i < gridC.size(); i++) {
                    for (int j = 0; j < gridGamma.size(); j++) {
                        double[] acc = foldAccuracies(p, p.gridJob[i][j], jobs, out, m);
                        mean[i][j] = ReportResults.Stats.mean(acc);
                        sd[i][j] = ReportResults.Stats.sd(acc);
                    }
                }
                grid = new ReportResults.Grid(p.title(), gridC, gridGamma, mean, sd, m.dimension());
            }
        }
        return new ReportResults(protocols, grid);
    }

    /** Fold assignment and job indices of one protocol. */
    private static final class ProtocolPlan {
        final String key;
        final boolean grouped;
        final int k;
        int[] fold;
        final int[] svmJob;
        final int[][] curveJob;
        final int[][] baselineJob;
        final int[][][] gridJob;

        ProtocolPlan(String key, boolean grouped, int k, int baselines, int gridC, int gridGamma) {
            this.key = key;
            this.grouped = grouped;
            this.k = k;
            svmJob = new int[k];
            curveJob = new int[CURVE_FRACTIONS.length][k];
            baselineJob = new int[baselines][k];
            gridJob = new int[gridC][gridGamma][k];
        }

        String title() {
            return (grouped ? "speaker-grouped " : "stratified random ") + k + "-fold";
        }
    }

    private static int add(List<Job> jobs, Job j) {
        jobs.add(j);
        return jobs.size() - 1;
    }

    private static ReportResults.Model model(Learner l, ProtocolPlan p, int[] jobIds, List<Job> jobs, List<int[][]> out,
            FeatureMatrix m) {
        int[] pred = new int[m.y().length];
        for (int f = 0; f < p.k; f++) {
            int[] test = jobs.get(jobIds[f]).predict()[0];
            int[] got = out.get(jobIds[f])[0];
            for (int i = 0; i < test.length; i++) {
                pred[test[i]] = got[i];
            }
        }
        return new ReportResults.Model(l, foldAccuracies(p, jobIds, jobs, out, m),
                Research.score(p.title(), m.labels(), m.y(), pred));
    }

    private static double[] foldAccuracies(ProtocolPlan p, int[] jobIds, List<Job> jobs, List<int[][]> out,
            FeatureMatrix m) {
        double[] acc = new double[p.k];
        for (int f = 0; f < p.k; f++) {
            acc[f] = accuracy(out.get(jobIds[f])[0], jobs.get(jobIds[f]).predict()[0], m.y());
        }
        return acc;
    }

    private static double accuracy(int[] predicted, int[] rows, int[] y) {
        int right = 0;
        for (int i = 0; i < rows.length; i++) {
            if (predicted[i] == y[rows[i]]) {
                right++;
            }
        }
        return rows.length == 0 ? 0 : right / (double) rows.length;
    }

    static int[] rows(int[] fold, int f, boolean in) {
        int[] r = new int[fold.length];
        int n = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == in) {
                r[n++] = i;
            }
        }
        return Arrays.copyOf(r, n);
    }

    /**
     * Nested class-stratified subsets of {@code train} for the learning curve, one per
     * {@link #CURVE_FRACTIONS} entry: each class's rows are shuffled once with the seed and each subset
     * takes the first share of every class (at least one row), so a smaller set is part of every larger one.
     */
    static int[][] nestedSubsets(int[] train, int[] y, int numClasses, long seed) {
        Random rnd = new Random(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i : train) {
            byClass.get(y[i]).add(i);
        }
        for (List<Integer> rowsOfClass : byClass) {
            Collections.shuffle(rowsOfClass, rnd);
        }
        int[][] out = new int[CURVE_FRACTIONS.length][];
        for (int q = 0; q < CURVE_FRACTIONS.length; q++) {
            List<Integer> take = new ArrayList<>();
            for (List<Integer> rowsOfClass : byClass) {
                int k = rowsOfClass.isEmpty() ? 0
                        : Math.max(1, (int) Math.round(CURVE_FRACTIONS[q] * rowsOfClass.size()));
                take.addAll(rowsOfClass.subList(0, k));
            }
            out[q] = take.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    /** Runs every job on a bounded pool; results in job order, so they never depend on scheduling. */
    private static List<int[][]> runAll(List<Job> jobs, FeatureMatrix m, int threads, Consumer<String> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, jobs.size())), r -> {
            Thread t = new Thread(r, "ser4j-report");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<int[][]>> futures = new ArrayList<>();
            for (Job j : jobs) {
                Callable<int[][]> c = () -> {
                    long t0 = System.nanoTime();
                    double[][] z = Research.standardizedBy(m.x(), j.fit());
                    int[][] r = j.learner().fitPredict(z, m.y(), m.labels(), j.fit(), j.predict());
                    progress.accept(String.format(Locale.ROOT, "%3d/%d %s (%.1f s)", done.incrementAndGet(), jobs.size(),
                            j.label(), (System.nanoTime() - t0) / 1e9));
                    return r;
                };
                futures.add(pool.submit(c));
            }
            List<int[][]> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw new IllegalStateException(jobs.get(i).label() + " failed: " + cause.getMessage(), cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
