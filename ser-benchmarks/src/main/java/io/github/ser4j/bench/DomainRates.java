package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.models.Research;
import io.github.ser4j.models.SmoEmotionClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How often the shipped default model flags input out of domain, per recording condition, and how
 * accurate it is on flagged and unflagged clips. Conditions: those of {@link NoSpeechRates} on every
 * STEP-th RAVDESS clip (clean; white, pink, brown, babble noise at 30-5 dB SNR; levels; telephone
 * band), a quiet-room pink-noise floor at -45 dBFS RMS, and every STEP-th TurEV-DB clip (Turkish, another
 * corpus). Prints the flag rate of the model's rule ({@code DomainRule}), the accuracy on flagged and
 * unflagged clips and, to show how the rule was chosen, the median RMS z-score of the row the SVM sees
 * and the share of clips whose RMS z-score passes other limits.
 * Features are extracted as the model hears input (16 kHz, 16-bit levels). RAVDESS clips are the
 * model's own training data, so the clean row is a floor for the false-flag rate of new speakers.
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.DomainRates RAVDESS_DIR TUREV_DIR [STEP] [SEED]
 * </pre>
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
public final class DomainRates {

    private static final double[] RMS_LIMITS = {1.5, 2, 3, 5};

    private DomainRates() {
    }

    /**
     * Runs the measurement.
     *
     * @param args RAVDESS_DIR, TUREV_DIR (a folder with manifest.csv path,emotion,speaker), optional STEP
     *     (default 5) and SEED (default 1)
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DomainRates RAVDESS_DIR TUREV_DIR [STEP] [SEED]");
            System.exit(2);
        }
        int step = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        List<Path> files = NoSpeechConditions.ravdess(Path.of(args[0]), step);
        List<AudioClip> clips = new ArrayList<>();
        List<Emotion> truth = new ArrayList<>();
        for (Path f : files) {
            clips.add(AudioClip.read(f).resampledTo(NoSpeechConditions.RATE));
            truth.add(Emotion.values()[Integer.parseInt(f.getFileName().toString().substring(6, 8)) - 1]);
        }
        SmoEmotionClassifier model = (SmoEmotionClassifier) io.github.ser4j.core.EmotionClassifier.load();
        Map<String, BiFunction<Integer, AudioClip, AudioClip>> conditions = new LinkedHashMap<>(
                NoSpeechRates.speechConditions(files, clips, seed));
        conditions.put("pink floor -45 dBFS", (i, c) -> floor(c, -45, seed * 7 + i));
        System.out.printf(Locale.ROOT, "out-of-domain flags of the shipped default model, %d RAVDESS clips (every %d-th; "
                + "the model's training data) and every %d-th TurEV-DB clip%n", clips.size(), step, step);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-22s %5s %8s %8s %8s %8s | %7s",
                "condition", "n", "flagged", "acc", "acc in", "acc out", "rms z50"));
        for (double l : RMS_LIMITS) {
            head.append(String.format(Locale.ROOT, " %7s", ">" + l));
        }
        System.out.println(head.append("  (share with RMS z-score above)"));
        for (Map.Entry<String, BiFunction<Integer, AudioClip, AudioClip>> c : conditions.entrySet()) {
            List<AudioClip> heard = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                heard.add(c.getValue().apply(i, clips.get(i)));
            }
            report(c.getKey(), model, heard, truth);
        }
        List<AudioClip> turev = new ArrayList<>();
        List<Emotion> turevTruth = new ArrayList<>();
        Path dir = Path.of(args[1]);
        List<String> lines = Files.readAllLines(dir.resolve("manifest.csv"));
        for (int i = 1; i < lines.size(); i += step) {
            String[] cols = lines.get(i).split(",");
            turev.add(AudioClip.read(dir.resolve(cols[0])));
            turevTruth.add(Emotion.parse(cols[1]));
        }
        report("TurEV-DB", model, turev, turevTruth);
    }

    private static AudioClip floor(AudioClip c, double dbfs, long seed) {
        float[] s = c.samples();
        float[] n = NoSpeechConditions.noise(NoSpeechConditions.Noise.PINK, s.length, seed);
        double g = Math.pow(10, dbfs / 20);
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.max(-1, Math.min(1, s[i] + g * n[i]));
        }
        return AudioClip.of(s, c.sampleRateHz());
    }

    private static void report(String name, SmoEmotionClassifier model, List<AudioClip> clips, List<Emotion> truth) {
        int n = clips.size();
        int flagged = 0;
        int right = 0;
        int rightIn = 0;
        int rightOut = 0;
        int[] byLimit = new int[RMS_LIMITS.length];
        double[] rms = new double[n];
        for (int i = 0; i < n; i++) {
            double[] f = model.featureExtractor().extract(clips.get(i).resampledTo(16_000f).quantizedToPcm16());
            Prediction p = model.predictFeatures(f);
            boolean ok = Research.answer(p) == truth.get(i);
            right += ok ? 1 : 0;
            if (p.outOfDomain()) {
                flagged++;
                rightOut += ok ? 1 : 0;
            } else {
                rightIn += ok ? 1 : 0;
            }
            double[] z = Research.standardisedRow(model, f);
            double sq = 0;
            for (double v : z) {
                sq += v * v;
            }
            rms[i] = Math.sqrt(sq / z.length);
            for (int a = 0; a < RMS_LIMITS.length; a++) {
                byLimit[a] += rms[i] > RMS_LIMITS[a] ? 1 : 0;
            }
        }
        Arrays.sort(rms);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-22s %5d %7.1f%% %7.1f%% %8s %8s | %7.2f", name,
                n, 100.0 * flagged / n, 100.0 * right / n, pct(rightIn, n - flagged), pct(rightOut, flagged), rms[n / 2]));
        for (int v : byLimit) {
            sb.append(String.format(Locale.ROOT, " %6.1f%%", 100.0 * v / n));
        }
        System.out.println(sb);
    }

    private static String pct(int k, int n) {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * k / n);
    }
}
