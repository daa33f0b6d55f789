package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.features.FeatureExtractors;
import io.github.ser4j.models.Dataset;
import io.github.ser4j.models.EvaluationReport;
import io.github.ser4j.models.LabelledClip;
import io.github.ser4j.models.Research;
import io.github.ser4j.models.SvmParameters;
import io.github.ser4j.models.TrainerOptions;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Recipe study harness: extracts a preset's feature matrix once into a cache file, then runs the
 * trainer's cross-validated grid search (the project's own fold splitters) on cached matrices,
 * optionally concatenating several caches (a composite's vector is its parts' vectors in order).
 *
 * <pre>
 *   RecipeStudy extract DATA_DIR PRESET OUT.bin THREADS
 *   RecipeStudy cv A.bin[+B.bin...] grouped|stratified rbf|poly C1,C2 P1,P2 THREADS
 *   RecipeStudy cvaug A.bin AUG.bin,...|none grouped|stratified rbf|poly C1,C2 P1,P2 THREADS
 *   RecipeStudy --help, RecipeStudy COMMAND --help
 * </pre>
 * For rbf the P list is gamma times the dimension (e.g. 0.125 means 0.125/d); for poly it is exponents.
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
@Command(name = "RecipeStudy", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "extract|cv|cvaug",
        description = "Recipe study: cache a preset's feature matrix, then cross-validate grids on cached matrices.",
        subcommands = {RecipeStudy.Extract.class, RecipeStudy.Cv.class, RecipeStudy.CvAugmented.class})
public final class RecipeStudy implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private RecipeStudy() {
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give a command: extract, cv or cvaug");
    }

    /** {@code extract DATA_DIR PRESET OUT.bin THREADS [SPEED]}. */
    @Command(name = "extract", mixinStandardHelpOptions = true, description = "Extract a preset's features once into a cache file.")
    static final class Extract implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DATA_DIR") Path data;
        @Parameters(index = "1", paramLabel = "PRESET") String preset;
        @Parameters(index = "2", paramLabel = "OUT.bin") Path out;
        @Parameters(index = "3", paramLabel = "THREADS") int threads;
        @Parameters(index = "4", arity = "0..1", paramLabel = "SPEED", defaultValue = "1.0",
                description = "speed perturbation of every clip (default ${DEFAULT-VALUE})") double speed;

        @Override
        public Integer call() throws Exception {
            extract(data, preset, out, threads, speed);
            return 0;
        }
    }

    /** {@code cv A.bin[+B.bin...] grouped|stratified rbf|poly C1,C2 P1,P2 THREADS}. */
    @Command(name = "cv", mixinStandardHelpOptions = true,
            description = "Grid-search cross-validation on cached matrices (P: gamma times d for rbf, exponents for poly).")
    static final class Cv implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A.bin[+B.bin...]") String spec;
        @Parameters(index = "1", paramLabel = "grouped|stratified") String protocol;
        @Parameters(index = "2", paramLabel = "rbf|poly") String kernel;
        @Parameters(index = "3", paramLabel = "C", arity = "1", split = ",") List<Double> cs;
        @Parameters(index = "4", paramLabel = "P", arity = "1", split = ",") List<Double> ps;
        @Parameters(index = "5", paramLabel = "THREADS") int threads;

        @Override
        public Integer call() throws Exception {
            cv(spec, protocol.startsWith("g"), kernel, cs, ps, threads);
            return 0;
        }
    }

    /** {@code cvaug A.bin AUG1.bin,AUG2.bin|none grouped|stratified rbf|poly C1,C2 P1,P2 THREADS}. */
    @Command(name = "cvaug", mixinStandardHelpOptions = true,
            description = "Cross-validation with augmented copies of the training folds' clips (never across folds).")
    static final class CvAugmented implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A.bin") String spec;
        @Parameters(index = "1", paramLabel = "AUG.bin,...|none") String augmented;
        @Parameters(index = "2", paramLabel = "grouped|stratified") String protocol;
        @Parameters(index = "3", paramLabel = "rbf|poly") String kernel;
        @Parameters(index = "4", paramLabel = "C", arity = "1", split = ",") List<Double> cs;
        @Parameters(index = "5", paramLabel = "P", arity = "1", split = ",") List<Double> ps;
        @Parameters(index = "6", paramLabel = "THREADS") int threads;

        @Override
        public Integer call() throws Exception {
            cvAugmented(spec, augmented, protocol.startsWith("g"), kernel, cs, ps, threads);
            return 0;
        }
    }

    /**
     * Runs one command.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        BenchCli.exit(new RecipeStudy(), args);
    }

    /** Speed perturbation: the clip played {@code speed} times faster (tempo and pitch both change). */
    static AudioClip perturbed(AudioClip clip, double speed) {
        if (speed == 1.0) {
            return clip;
        }
        float rate = clip.sampleRateHz();
        return AudioClip.of(clip.resampledTo((float) (rate / speed)).samples(), rate);
    }

    private static void extract(Path dir, String preset, Path out, int threads, double speed) throws Exception {
        Dataset data = Dataset.read(dir);
        FeatureExtractor fx = FeatureExtractors.byName(preset);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<double[]>> rows = new ArrayList<>();
        for (LabelledClip c : data.clips()) {
            rows.add(pool.submit(() -> fx.extract(perturbed(AudioClip.read(c.file()), speed))));
        }
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out)))) {
            o.writeInt(data.clips().size());
            o.writeInt(fx.dimension());
            for (String n : fx.featureNames()) {
                o.writeUTF(n);
            }
            for (int i = 0; i < rows.size(); i++) {
                LabelledClip c = data.clips().get(i);
                o.writeUTF(c.relativePath());
                o.writeUTF(c.speaker());
                o.writeInt(c.emotion().ordinal());
                for (double v : rows.get(i).get()) {
                    o.writeDouble(v);
                }
            }
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%s: %d clips x %d features in %.1f s%n", fx.id(), data.clips().size(),
                fx.dimension(), (System.nanoTime() - t0) / 1e9);
    }

    /** A cached matrix. */
    record Table(List<String> paths, String[] speakers, int[] emotion, List<String> names, double[][] x) {
    }

    static Table read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            int d = in.readInt();
            List<String> names = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                names.add(in.readUTF());
            }
            List<String> paths = new ArrayList<>();
            String[] sp = new String[n];
            int[] em = new int[n];
            double[][] x = new double[n][d];
            for (int i = 0; i < n; i++) {
                paths.add(in.readUTF());
                sp[i] = in.readUTF();
                em[i] = in.readInt();
                for (int j = 0; j < d; j++) {
                    x[i][j] = in.readDouble();
                }
            }
            return new Table(paths, sp, em, names, x);
        }
    }

    static Table load(String spec) throws IOException {
        Table t = null;
        for (String part : spec.split("\\+")) {
            Table u = read(Path.of(part));
            if (t == null) {
                t = u;
                continue;
            }
            if (!t.paths().equals(u.paths())) {
                throw new IOException(part + " lists other clips");
            }
            double[][] x = new double[t.x().length][];
            for (int i = 0; i < x.length; i++) {
                x[i] = new double[t.x()[i].length + u.x()[i].length];
                System.arraycopy(t.x()[i], 0, x[i], 0, t.x()[i].length);
                System.arraycopy(u.x()[i], 0, x[i], t.x()[i].length, u.x()[i].length);
            }
            List<String> names = new ArrayList<>(t.names());
            names.addAll(u.names());
            t = new Table(t.paths(), t.speakers(), t.emotion(), names, x);
        }
        return dropped(t, System.getProperty("drop"));
    }

    /** The table without the columns whose names match {@code regex} (null keeps all): block ablation. */
    static Table dropped(Table t, String regex) {
        if (regex == null || regex.isEmpty()) {
            return t;
        }
        List<Integer> keep = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int j = 0; j < t.names().size(); j++) {
            if (!t.names().get(j).matches(regex)) {
                keep.add(j);
                names.add(t.names().get(j));
            }
        }
        double[][] x = new double[t.x().length][keep.size()];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < keep.size(); j++) {
                x[i][j] = t.x()[i][keep.get(j)];
            }
        }
        return new Table(t.paths(), t.speakers(), t.emotion(), names, x);
    }

    private static void cv(String spec, boolean grouped, String kernel, List<Double> cs, List<Double> ps, int threads)
            throws IOException {
        Table t = load(spec);
        int d = t.names().size();
        List<Emotion> labels = List.of(Emotion.values());
        SvmParameters.Kernel k = SvmParameters.Kernel.parse(kernel);
        List<Double> gammas = new ArrayList<>();
        for (double p : ps) {
            gammas.add(p / d);
        }
        TrainerOptions o = TrainerOptions.defaults().withKernel(k)
                .withGrids(cs, k == SvmParameters.Kernel.RBF ? gammas : List.of(1.0),
                        k == SvmParameters.Kernel.RBF ? List.of(1.0) : ps)
                .withFolds(grouped ? 5 : 6, grouped, Long.getLong("seed", 1L)).withThreads(threads);
        long t0 = System.nanoTime();
        EvaluationReport r = Research.search(t.x(), t.emotion(), t.speakers(), labels, o,
                line -> System.err.println(java.time.LocalTime.now() + " " + line));
        double secs = (System.nanoTime() - t0) / 1e9;
        for (EvaluationReport.GridPoint g : r.grid()) {
            System.out.printf(Locale.ROOT, "  %-40s acc %.4f sd %.4f f1 %.4f%n", g.parameters(), g.meanAccuracy(),
                    g.sdAccuracy(), g.macroF1());
        }
        EvaluationReport.GridPoint best = r.grid().stream()
                .max((a, b) -> Double.compare(a.meanAccuracy(), b.meanAccuracy())).orElseThrow();
        System.out.printf(Locale.ROOT, "RESULT seed=" + Long.getLong("seed", 1L) + " %s drop=%s d=%d %s %s best %s acc %.4f (gamma*d=%.3f) %.0f s%n", spec, System.getProperty("drop", ""), d,
                grouped ? "grouped5" : "strat6", kernel, best.parameters(), best.meanAccuracy(),
                best.parameters().gamma() * d, secs);
    }

    private static void cvAugmented(String spec, String augSpecs, boolean grouped, String kernel, List<Double> cs,
            List<Double> ps, int threads) throws Exception {
        Table t = load(spec);
        List<double[][]> aug = new ArrayList<>();
        for (String a : augSpecs.equals("none") ? new String[0] : augSpecs.split(",")) {
            Table u = load(a);
            if (!u.paths().equals(t.paths()) || u.names().size() != t.names().size()) {
                throw new IOException(a + " does not match " + spec);
            }
            aug.add(u.x());
        }
        int keep = Integer.parseInt(System.getProperty("select", "0"));
        int d = keep > 0 ? Math.min(keep, t.names().size()) : t.names().size();
        SvmParameters.Kernel k = SvmParameters.Kernel.parse(kernel);
        TrainerOptions o = TrainerOptions.defaults().withFolds(grouped ? 5 : 6, grouped, Long.getLong("seed", 1L)).withThreads(threads);
        for (double c : cs) {
            for (double p : ps) {
                SvmParameters sp = new SvmParameters(k, c, p / d, p);
                long t0 = System.nanoTime();
                double[] acc = StudyProtocols.crossValidateAugmented(t.x(), aug, t.emotion(), t.speakers(),
                        List.of(Emotion.values()), o, sp);
                double mean = 0;
                for (double a : acc) {
                    mean += a / acc.length;
                }
                System.out.printf(Locale.ROOT, "RESULT-AUG seed=" + Long.getLong("seed", 1L) + " %s +[%s] clip=" + System.getProperty("clip", "none") + " drop=" + System.getProperty("drop", "") + " select=" + System.getProperty("select", "all")
                                + " ratio=" + System.getProperty("speakerRatio", "false") + " d=%d %s %s acc %.4f %.0f s%n", spec, augSpecs, d,
                        grouped ? "grouped5" : "strat6", sp, mean, (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
