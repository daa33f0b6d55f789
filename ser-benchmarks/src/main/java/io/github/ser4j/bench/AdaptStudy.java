package io.github.ser4j.bench;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.models.EvaluationReport;
import io.github.ser4j.models.Research;
import io.github.ser4j.models.SpeakerAdaptation;
import io.github.ser4j.models.SvmParameters;
import io.github.ser4j.models.TrainerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Speaker-adaptation study on a cached feature matrix ({@code RecipeStudy extract}): speaker-grouped
 * 5-fold cross-validation of the trainer's per-speaker-normalised recipe, scored transductively or
 * online with the library's own speaker sessions.
 *
 * <pre>
 *   AdaptStudy FILE.bin THREADS CONFIG...
 *   CONFIG = none|trans|online : kMean : kVariance : noisyCopies : C : gamma*d   e.g. online:4:4:0:16:0.125
 *          fallback|blend : kMean : kVariance : noisyCopies : C : gamma*d : minClips|blendK
 *            (online, the unadapted model until minClips clips were seen, or blended with weight n/(n+blendK))
 *          mix : kMean : kVariance : noisyCopies : C : gamma*d : w
 *            (online, a constant weight w on the adapted session and 1 - w on the unadapted model: an ensemble)
 *          concat : kMean : kVariance : 0 : C : gamma*(2d)
 *            (transductive control: normalised features concatenated with the raw ones)
 *          frozen : kMean : kVariance : noisyCopies : C : gamma*d : 0
 *            (control: the adapted model with the population priors only, never any speaker statistics)
 * </pre>
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
@Command(name = "AdaptStudy", mixinStandardHelpOptions = true,
        description = "Speaker-adaptation study on a cached feature matrix (see the class comment for CONFIG).")
public final class AdaptStudy implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.bin", description = "a feature matrix of RecipeStudy extract")
    Path cache;

    @Parameters(index = "1", paramLabel = "THREADS", description = "worker threads")
    int threads;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "CONFIG",
            description = "MODE:kMean:kVariance:noisyCopies:C:gamma*d[:arg], modes none trans online fallback blend mix frozen concat")
    List<String> configs;

    private AdaptStudy() {
    }

    /**
     * Runs each configuration and prints one RESULT line for it.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        BenchCli.exit(new AdaptStudy(), args);
    }

    @Override
    public Integer call() throws Exception {
        RecipeStudy.Table t = RecipeStudy.read(cache);
        int d = t.names().size();
        List<Emotion> labels = List.of(Emotion.values());
        for (String cfg : configs) {
            String[] c = cfg.split(":");
            if (c[0].equals("concat")) {
                SvmParameters p = new SvmParameters(SvmParameters.Kernel.RBF, Double.parseDouble(c[4]),
                        Double.parseDouble(c[5]) / (2 * d), 1);
                TrainerOptions o = TrainerOptions.defaults().withFolds(5, true, Long.getLong("seed", 1L))
                        .withThreads(threads).withAdaptation(new SpeakerAdaptation(Double.parseDouble(c[1]),
                                Double.parseDouble(c[2]), 0, false));
                double[] acc = StudyProtocols.transductiveConcatenated(t.x(), t.emotion(), t.speakers(), labels, o, p);
                System.out.printf(Locale.ROOT, "RESULT %-30s %s acc %.4f%n", cfg, p,
                        java.util.Arrays.stream(acc).average().orElse(0));
                continue;
            }
            if (c[0].equals("fallback") || c[0].equals("blend") || c[0].equals("frozen") || c[0].equals("mix")) {
                SvmParameters p = new SvmParameters(SvmParameters.Kernel.RBF, Double.parseDouble(c[4]),
                        Double.parseDouble(c[5]) / d, 1);
                TrainerOptions o = TrainerOptions.defaults().withFolds(5, true, Long.getLong("seed", 1L))
                        .withThreads(threads).withAdaptation(new SpeakerAdaptation(Double.parseDouble(c[1]),
                                Double.parseDouble(c[2]), Integer.parseInt(c[3]), true));
                double v = Double.parseDouble(c[6]);
                long[] hits = new long[200];
                long[] total = new long[200];
                double[] acc = StudyProtocols.onlineAlternatives(t.x(), t.emotion(), t.speakers(), labels, o, p,
                        c[0].equals("fallback") ? (int) v : 0,
                        c[0].equals("frozen") ? StudyProtocols.FROZEN : c[0].equals("mix") ? StudyProtocols.MIX - v
                                : c[0].equals("fallback") ? -1 : v, hits, total);
                System.out.printf(Locale.ROOT, "RESULT %-30s %s acc %.4f%n", cfg, p,
                        java.util.Arrays.stream(acc).average().orElse(0));
                int[] edges = {0, 1, 2, 5, 10, 20, 40, 200};
                StringBuilder curve = new StringBuilder("  accuracy by clips seen before:");
                for (int b = 0; b + 1 < edges.length; b++) {
                    long h = 0;
                    long n = 0;
                    for (int i = edges[b]; i < edges[b + 1]; i++) {
                        h += hits[i];
                        n += total[i];
                    }
                    if (n > 0) {
                        curve.append(String.format(Locale.ROOT, " [%d,%d) %.3f (n=%d)", edges[b], edges[b + 1],
                                (double) h / n, n));
                    }
                }
                System.out.println(curve);
                continue;
            }
            boolean per = !c[0].equals("none");
            double cc = Double.parseDouble(c[4]);
            double g = Double.parseDouble(c[5]) / d;
            TrainerOptions o = TrainerOptions.defaults().withGrids(List.of(cc), List.of(g), List.of(1.0))
                    .withFolds(5, true, Long.getLong("seed", 1L)).withThreads(threads)
                    .withAdaptation(per ? new SpeakerAdaptation(Double.parseDouble(c[1]), Double.parseDouble(c[2]),
                            Integer.parseInt(c[3]), c[0].equals("online")) : null);
            long t0 = System.nanoTime();
            EvaluationReport r = Research.search(t.x(), t.emotion(), t.speakers(), labels, o, null);
            EvaluationReport.GridPoint p = r.grid().get(0);
            System.out.printf(Locale.ROOT, "RESULT %-30s %s acc %.4f sd %.4f f1 %.4f (%.0f s)%n", cfg,
                    new SvmParameters(SvmParameters.Kernel.RBF, cc, g, 1), p.meanAccuracy(), p.sdAccuracy(), p.macroF1(),
                    (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }
}
