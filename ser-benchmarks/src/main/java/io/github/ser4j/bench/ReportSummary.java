package io.github.ser4j.bench;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.models.Dataset;
import io.github.ser4j.models.EvaluationReport;
import io.github.ser4j.models.Research;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@code summary.json} (every number of the run; the {@code run} object holds what differs
 * between identical runs: time, threads, paths) and {@code summary.md} (the same, readable, with the figures).
 *
 * <p>Thread-safety: stateless.
 */
final class ReportSummary {

    private ReportSummary() {
    }

    static List<Path> write(ReportResults r, FeatureMatrix m, ReportOptions o, Dataset data, double wallSeconds,
            double modelSeconds, Path dir) throws IOException {
        Map<String, Object> json = json(r, m, o, data, wallSeconds, modelSeconds);
        Path js = dir.resolve("summary.json");
        Files.writeString(js, PrettyJson.write(json), StandardCharsets.UTF_8);
        Path md = dir.resolve("summary.md");
        Files.writeString(md, markdown(r, m, o, wallSeconds, modelSeconds), StandardCharsets.UTF_8);
        return List.of(js, md);
    }

    static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        String[] lib = Research.versions();
        v.put("ser4j", lib[0]);
        v.put("weka", lib[1]);
        v.put("jfreechart", mavenVersion("org.jfree", "jfreechart"));
        v.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return v;
    }

    private static String mavenVersion(String group, String artifact) {
        try (InputStream in = ReportSummary.class.getResourceAsStream(
                "/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, Object> json(ReportResults r, FeatureMatrix m, ReportOptions o, Dataset data,
            double wallSeconds, double modelSeconds) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("report", "ser4j research report");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", o.command());
        run.put("data", data.root().toAbsolutePath().normalize().toString());
        run.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        run.put("threads", o.threads());
        run.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
        run.put("modelSeconds", Math.round(modelSeconds * 10) / 10.0);
        run.put("featuresFromCache", m.fromCache());
        run.put("versions", versions());
        j.put("run", run);
        j.put("seed", o.seed());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("corpus", m.summary().corpus());
        d.put("clips", m.summary().clips());
        d.put("speakers", m.summary().speakers());
        Map<String, Object> per = new LinkedHashMap<>();
        m.summary().clipsPerClass().forEach((e, n) -> per.put(e.word(), n));
        d.put("clipsPerClass", per);
        d.put("fileListSha256", m.summary().fileListSha256());
        j.put("data", d);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("preset", o.extractor());
        f.put("id", m.extractorId());
        f.put("dimension", m.dimension());
        f.put("standardisation", "z-score with the mean and sd of each training fold only");
        j.put("features", f);
        List<Object> models = new ArrayList<>();
        for (ReportResults.Model md : r.protocols().get(0).models()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("name", md.learner().name());
            mm.put("settings", md.learner().settings());
            models.add(mm);
        }
        j.put("models", models);
        j.put("learningCurveFractions", Report.CURVE_FRACTIONS);
        List<Object> ps = new ArrayList<>();
        for (ReportResults.Protocol p : r.protocols()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("key", p.key());
            pm.put("title", p.title());
            pm.put("folds", p.folds());
            pm.put("testSizes", p.testSizes());
            pm.put("testSpeakers", p.testSpeakers());
            List<Object> ms = new ArrayList<>();
            for (ReportResults.Model md : p.models()) {
                EvaluationReport e = md.pooled();
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("name", md.learner().name());
                mm.put("meanAccuracy", md.meanAccuracy());
                mm.put("sdAccuracy", md.sdAccuracy());
                mm.put("foldAccuracy", md.foldAccuracy());
                mm.put("pooledAccuracy", e.accuracy());
                mm.put("macroF1", e.macroF1());
                mm.put("perClass", Research.perClassJson(e));
                mm.put("confusion", List.of((Object[]) e.confusion()));
                ms.add(mm);
            }
            pm.put("models", ms);
            List<Object> curve = new ArrayList<>();
            for (ReportResults.CurvePoint c : p.curve()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("fraction", c.fraction());
                cm.put("meanTrainingSize", c.meanSize());
                cm.put("trainMean", ReportResults.Stats.mean(c.train()));
                cm.put("trainSd", ReportResults.Stats.sd(c.train()));
                cm.put("validationMean", ReportResults.Stats.mean(c.validation()));
                cm.put("validationSd", ReportResults.Stats.sd(c.validation()));
                cm.put("train", c.train());
                cm.put("validation", c.validation());
                curve.add(cm);
            }
            pm.put("learningCurve", curve);
            ps.add(pm);
        }
        j.put("protocols", ps);
        if (r.grid() != null) {
            ReportResults.Grid g = r.grid();
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("protocol", g.protocol());
            gm.put("C", g.c());
            gm.put("gamma", g.gamma());
            gm.put("meanAccuracy", List.of((Object[]) g.meanAccuracy()));
            gm.put("sdAccuracy", List.of((Object[]) g.sdAccuracy()));
            int[] b = g.best();
            Map<String, Object> best = new LinkedHashMap<>();
            best.put("C", g.c().get(b[0]));
            best.put("gamma", g.gamma().get(b[1]));
            best.put("meanAccuracy", g.meanAccuracy()[b[0]][b[1]]);
            gm.put("best", best);
            j.put("grid", gm);
        } else {
            j.put("grid", null);
        }
        j.put("figures", ReportCharts.names(r));
        return j;
    }

    private static String pct(double v) {
        return ReportResults.Stats.pct(v);
    }

    private static String markdown(ReportResults r, FeatureMatrix m, ReportOptions o, double wallSeconds,
            double modelSeconds) {
        StringBuilder sb = new StringBuilder();
        String nl = "\n";
        sb.append("# ser4j research report: ").append(m.summary().corpus()).append(", `").append(o.extractor())
                .append("` features").append(nl).append(nl);
        sb.append("Command:").append(nl).append(nl).append("    ").append(o.command()).append(nl).append(nl);
        Map<Emotion, Integer> per = m.summary().clipsPerClass();
        sb.append(String.format(Locale.ROOT, "Data: `%s`, %d clips, %d speakers; clips per class: %s.%n",
                m.summary().corpus(), m.summary().clips(), m.summary().speakers().size(),
                per.entrySet().stream().map(e -> e.getKey().word() + " " + e.getValue())
                        .reduce((a, b) -> a + ", " + b).orElse("")));
        sb.append(String.format(Locale.ROOT, "Features: `%s` preset, %d values a clip, extracted once%s; every model "
                + "sees the same rows, z-scored with the mean and sd of its training fold only.%n",
                o.extractor(), m.dimension(), m.fromCache() ? " (this run reused the cache)" : ""));
        sb.append(String.format(Locale.ROOT, "SVM recipe: RBF, C = %s, gamma = %s. Seed %d (folds, learning-curve "
                + "subsamples, random forest and MLP).%n%n", num(o.c()), num(o.gamma()), o.seed()));

        for (ReportResults.Protocol p : r.protocols()) {
            boolean grouped = p.key().equals("grouped");
            sb.append("## ").append(grouped ? "Speaker-independent: " + p.title()
                    : Character.toUpperCase(p.title().charAt(0)) + p.title().substring(1)).append(nl).append(nl);
            if (grouped) {
                sb.append(String.format(Locale.ROOT, "No speaker is in both the training and the test side of a split "
                        + "(%s speakers per test fold; the trainer's `--grouped` folds, same seed).%n%n",
                        range(p.testSpeakers())));
            } else {
                sb.append("Clips shuffled within each class and dealt to folds (the trainer's default folds): the same "
                        + "speakers are on both sides of every split, so these figures are optimistic for new speakers."
                        + nl + nl);
            }
            sb.append("| model | accuracy, mean ± sd over ").append(p.folds()).append(" folds | macro-F1 |").append(nl);
            sb.append("|---|---|---|").append(nl);
            for (ReportResults.Model md : p.models()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s ± %s | %s |%n", md.learner().name(),
                        pct(md.meanAccuracy()), pct(md.sdAccuracy()), pct(md.pooled().macroF1())));
            }
            ReportResults.Model svm = p.models().get(0);
            sb.append(nl).append("SVM per class (pooled out-of-fold predictions):").append(nl).append(nl);
            sb.append("| label | precision | recall | F1 | support |").append(nl).append("|---|---|---|---|---|").append(nl);
            for (EvaluationReport.ClassMetrics c : svm.pooled().perClass()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d |%n", c.label().word(),
                        pct(c.precision()), pct(c.recall()), pct(c.f1()), c.support()));
            }
            sb.append(nl).append("![SVM confusion matrix, ").append(p.title()).append("](confusion-").append(p.key())
                    .append(".png)").append(nl).append(nl);
        }

        sb.append("## Models").append(nl).append(nl);
        sb.append("Same folds, same standardised features; baseline settings fixed in advance (not tuned on these folds) "
                + "and chosen to run in minutes on 2 cores:").append(nl)
                .append(nl);
        for (ReportResults.Model md : r.protocols().get(0).models()) {
            sb.append("- **").append(md.learner().name()).append("**: ").append(md.learner().settings()).append(nl);
        }
        sb.append(nl).append("![accuracy of the SVM and the baselines](baselines.png)").append(nl).append(nl);

        sb.append("## Per-class precision and recall (SVM)").append(nl).append(nl)
                .append("![per-class precision and recall](per-class.png)").append(nl).append(nl);

        sb.append("## Learning curves (SVM)").append(nl).append(nl);
        sb.append("Each training fold subsampled per class (nested subsets, seeded); validation on the whole test fold. "
                + "Mean ± sd over folds.").append(nl).append(nl);
        sb.append("| protocol | training clips | train accuracy | validation accuracy |").append(nl)
                .append("|---|---|---|---|").append(nl);
        for (ReportResults.Protocol p : r.protocols()) {
            for (ReportResults.CurvePoint c : p.curve()) {
                sb.append(String.format(Locale.ROOT, "| %s | %.0f (%.0f%%) | %s ± %s | %s ± %s |%n", p.title(),
                        c.meanSize(), 100 * c.fraction(), pct(ReportResults.Stats.mean(c.train())),
                        pct(ReportResults.Stats.sd(c.train())), pct(ReportResults.Stats.mean(c.validation())),
                        pct(ReportResults.Stats.sd(c.validation()))));
            }
        }
        sb.append(nl).append("![learning curves](learning-curve.png)").append(nl).append(nl);

        sb.append("## Grid search (SVM, C × gamma)").append(nl).append(nl);
        if (r.grid() == null) {
            sb.append("Not run (add `--grid`).").append(nl).append(nl);
        } else {
            ReportResults.Grid g = r.grid();
            int[] b = g.best();
            sb.append(String.format(Locale.ROOT, "%s, mean fold accuracy. Best: C = %s, gamma = %s (%.3g/d): %s. "
                    + "Picking the best of %d points on the same folds that score it is optimistic; the recipe above is "
                    + "fixed in advance.%n%n", g.protocol(), num(g.c().get(b[0])), num(g.gamma().get(b[1])),
                    g.gamma().get(b[1]) * g.dimension(), pct(g.meanAccuracy()[b[0]][b[1]]), g.c().size() * g.gamma().size()));
            sb.append("| C \\ gamma |");
            for (double ga : g.gamma()) {
                sb.append(' ').append(num(ga)).append(" |");
            }
            sb.append(nl).append("|---|").append("---|".repeat(g.gamma().size())).append(nl);
            for (int i = 0; i < g.c().size(); i++) {
                sb.append("| ").append(num(g.c().get(i))).append(" |");
                for (int j = 0; j < g.gamma().size(); j++) {
                    sb.append(' ').append(pct(g.meanAccuracy()[i][j])).append(" |");
                }
                sb.append(nl);
            }
            sb.append(nl).append("![grid search surface](grid.png)").append(nl).append(nl);
        }

        sb.append("## Run").append(nl).append(nl);
        sb.append(String.format(Locale.ROOT, "Wall time %.0f s (models %.0f s) on %d thread(s)%s. ", wallSeconds,
                modelSeconds, o.threads(), m.fromCache() ? ", features from the cache" : ""));
        sb.append("Versions: ");
        sb.append(versions().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b)
                .orElse(""));
        sb.append(". All numbers are also in `summary.json`; a rerun with the same command and seed gives the same "
                + "numbers on any thread count.").append(nl);
        return sb.toString();
    }

    private static String range(int[] v) {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int a : v) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return lo == hi ? Integer.toString(lo) : lo + "–" + hi;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
