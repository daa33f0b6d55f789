package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.features.FeatureResearch;
import io.github.ser4j.models.Condition;
import io.github.ser4j.models.Dataset;
import io.github.ser4j.models.LabelledClip;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How well each speech-span endpoint rule ({@code SpeechTrimmed}, versions 1 and 2) finds the same stretch of
 * speech under the robustness harness's recording conditions as in the clean clip: for every STEP-th clip of
 * a data set, the clean clip's span by rule 1 (what the models before rule 2 were trained on) is the
 * reference; each condition's span by each rule is compared with it (|start difference| + |end difference|,
 * seconds), and its mean length is printed beside it. Babble for a clip comes from four other speakers of
 * the data set ({@link Condition#talkers}), each condition seeded per clip, as in the harness. Then how many
 * of the windows an {@code EmotionStream} cuts from those clean clips (3 s every 0.48 s, the defaults, each clip
 * with 1 s of silence on either side) the two rules give the same span, and, for every clip of each data
 * set named, how many clean spans the two rules agree on exactly.
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.SpanAccuracy DATA_DIR [STEP] [OTHER_DIR...]
 * </pre>
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
public final class SpanAccuracy {

    private static final float RATE = 16_000f;
    private static final List<String> CONDITIONS = List.of("clean", "white@20", "white@10", "white@5", "pink@20",
            "pink@10", "brown@20", "brown@10", "babble@30", "babble@20", "babble@10", "babble@5", "telephone-mulaw",
            "reverb@0.6", "reverb@1", "level@-30");

    /** An {@code EmotionStream}'s default window and hop, in samples at 16 kHz. */
    private static final int WINDOW = 48_000;
    private static final int HOP = 7_680;

    private SpanAccuracy() {
    }

    /**
     * Runs the comparison.
     *
     * @param args DATA_DIR [STEP] [OTHER_DIR...]
     * @throws Exception if a clip cannot be read
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SpanAccuracy DATA_DIR [STEP] [OTHER_DIR...]");
            System.exit(2);
        }
        Dataset data = Dataset.read(Path.of(args[0]));
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<LabelledClip> clips = data.clips();
        double[][][] sums = new double[2][CONDITIONS.size()][2];
        int n = 0;
        int windows = 0;
        int windowsDiffering = 0;
        for (int i = 0; i < clips.size(); i += step) {
            LabelledClip c = clips.get(i);
            AudioClip clip = AudioClip.read(c.file()).resampledTo(RATE);
            List<float[]> talkers = Condition.talkers(clips, c, RATE, new Random(i));
            int[] ref = FeatureResearch.speechSpan(clip.samples(), RATE, 1);
            float[] padded = new float[clip.samples().length + 2 * (int) RATE];
            System.arraycopy(clip.samples(), 0, padded, (int) RATE, clip.samples().length);
            for (int s = 0; s + WINDOW <= padded.length; s += HOP) {
                float[] w = java.util.Arrays.copyOfRange(padded, s, s + WINDOW);
                windows++;
                if (!java.util.Arrays.equals(FeatureResearch.speechSpan(w, RATE, 1), FeatureResearch.speechSpan(w, RATE, 2))) {
                    windowsDiffering++;
                }
            }
            for (int k = 0; k < CONDITIONS.size(); k++) {
                AudioClip x = Condition.parse(CONDITIONS.get(k)).apply(clip, 1000L + i, talkers);
                float r = x.sampleRateHz();
                for (int v = 1; v <= 2; v++) {
                    int[] s = FeatureResearch.speechSpan(x.samples(), r, v);
                    sums[v - 1][k][0] += Math.abs(s[0] / r - ref[0] / RATE) + Math.abs(s[1] / r - ref[1] / RATE);
                    sums[v - 1][k][1] += (s[1] - s[0]) / r;
                }
            }
            n++;
        }
        System.out.printf(Locale.ROOT, "%d clips of %s (every %d), span error against the clean clip's rule-1 span "
                + "(mean |start| + |end| difference, s) / mean span length (s)%n", n, args[0], step);
        System.out.printf(Locale.ROOT, "%-16s %15s %15s%n", "condition", "rule 1", "rule 2");
        for (int k = 0; k < CONDITIONS.size(); k++) {
            System.out.printf(Locale.ROOT, "%-16s %7.3f / %5.2f %7.3f / %5.2f%n", CONDITIONS.get(k),
                    sums[0][k][0] / n, sums[0][k][1] / n, sums[1][k][0] / n, sums[1][k][1] / n);
        }
        System.out.printf(Locale.ROOT, "stream windows (3 s every 0.48 s) of those clips: %d of %d get the same span "
                + "by both rules%n", windows - windowsDiffering, windows);
        for (int a = 0; a < args.length; a = a == 0 ? 2 : a + 1) {
            Dataset d = a == 0 ? data : Dataset.read(Path.of(args[a]));
            int same = 0;
            double off = 0;
            for (LabelledClip c : d.clips()) {
                float[] x = AudioClip.read(c.file()).resampledTo(RATE).samples();
                int[] s1 = FeatureResearch.speechSpan(x, RATE, 1);
                int[] s2 = FeatureResearch.speechSpan(x, RATE, 2);
                if (s1[0] == s2[0] && s1[1] == s2[1]) {
                    same++;
                } else {
                    off += (Math.abs(s1[0] - s2[0]) + Math.abs(s1[1] - s2[1])) / RATE;
                }
            }
            int total = d.clips().size();
            System.out.printf(Locale.ROOT, "%s as recorded: rules 1 and 2 give the same span for %d of %d clips; "
                    + "the others differ by %.3f s on average%n", a == 0 ? args[0] : args[a], same, total,
                    total > same ? off / (total - same) : 0.0);
        }
    }
}
