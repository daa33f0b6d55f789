package io.github.ser4j.bench;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.models.EvaluationReport;
import io.github.ser4j.models.ResearchAccess;
import io.github.ser4j.models.SpeakerAdaptation;
import io.github.ser4j.models.SvmParameters;
import io.github.ser4j.models.TrainerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Speaker-adaptation study on a cached feature matrix ({@code RecipeStudy extract}): speaker-grouped
 * 5-fold cross-validation of the trainer's per-speaker-normalised recipe, scored transductively or
 * online with the library's own speaker sessions.
 *
 * <pre>
 *   AdaptStudy FILE.bin THREADS CONFIG...
 *   CONFIG = none|trans|online : kMean : kVariance : noisyCopies : C : gamma*d   e.g. online:4:4:0:16:0.125
 * </pre>
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
public final class AdaptStudy {

    private AdaptStudy() {
    }

    /**
     * Runs each configuration and prints one RESULT line for it.
     *
     * @param args see the class comment
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        RecipeStudy.Table t = RecipeStudy.read(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        int d = t.names().size();
        List<Emotion> labels = List.of(Emotion.values());
        for (int a = 2; a < args.length; a++) {
            String[] c = args[a].split(":");
            boolean per = !c[0].equals("none");
            double cc = Double.parseDouble(c[4]);
            double g = Double.parseDouble(c[5]) / d;
            TrainerOptions o = TrainerOptions.defaults().withGrids(List.of(cc), List.of(g), List.of(1.0))
                    .withFolds(5, true, Long.getLong("seed", 1L)).withThreads(threads)
                    .withAdaptation(per ? new SpeakerAdaptation(Double.parseDouble(c[1]), Double.parseDouble(c[2]),
                            Integer.parseInt(c[3]), c[0].equals("online")) : null);
            long t0 = System.nanoTime();
            EvaluationReport r = ResearchAccess.search(t.x(), t.emotion(), t.speakers(), labels, o, null);
            EvaluationReport.GridPoint p = r.grid().get(0);
            System.out.printf(Locale.ROOT, "RESULT %-30s %s acc %.4f sd %.4f f1 %.4f (%.0f s)%n", args[a],
                    new SvmParameters(SvmParameters.Kernel.RBF, cc, g, 1), p.meanAccuracy(), p.sdAccuracy(), p.macroF1(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
