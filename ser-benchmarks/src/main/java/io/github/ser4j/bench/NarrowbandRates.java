package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.features.Narrowband;
import io.github.ser4j.models.Condition;
import io.github.ser4j.models.Dataset;
import io.github.ser4j.models.LabelledClip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How the narrowband check ({@link Narrowband#isNarrowband}, which routes a clip to the pretrained narrowband
 * model) decides on every STEP-th clip of a labelled data set in each harness condition (the robustness
 * harness's 26, the Opus codec at 8, 12, 24 and 32 kbit/s, and both telephone channels' output resampled to
 * 16 kHz, as a call archived in a wideband file holds it), and optionally on other corpora's clips as
 * recorded: the fraction called narrowband and the high-band ratio's minimum, median and maximum. Babble comes
 * from other speakers' clips of the same data set; every condition is seeded from SEED and the clip's path.
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.NarrowbandRates DATA_DIR [STEP] [SEED] [OTHER_DIR...]
 * </pre>
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
public final class NarrowbandRates {

    private NarrowbandRates() {
    }

    /**
     * Runs the measurement.
     *
     * @param args DATA_DIR, optional STEP (default 5), SEED (default 1) and other data sets
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: NarrowbandRates DATA_DIR [STEP] [SEED] [OTHER_DIR...]");
            System.exit(2);
        }
        Dataset data = Dataset.read(Path.of(args[0]));
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        List<LabelledClip> all = data.clips();
        List<Condition> conditions = new ArrayList<>(Condition.harnessSet());
        for (String c : new String[] {"opus@8", "opus@12", "opus@24", "opus@32"}) {
            conditions.add(Condition.parse(c));
        }
        int n = (all.size() + step - 1) / step;
        int rows = conditions.size() + 2;
        double[][] ratio = new double[rows][n];
        String[] names = new String[rows];
        for (int k = 0; k < conditions.size(); k++) {
            names[k] = conditions.get(k).toString();
        }
        names[rows - 2] = "telephone-mulaw, 16 kHz";
        names[rows - 1] = "telephone-alaw, 16 kHz";
        for (int i = 0, row = 0; i < all.size(); i += step, row++) {
            LabelledClip c = all.get(i);
            List<LabelledClip> others = new ArrayList<>();
            for (LabelledClip o : all) {
                if (!o.speaker().equals(c.speaker())) {
                    others.add(o);
                }
            }
            AudioClip clip = AudioClip.read(c.file());
            for (int k = 0; k < conditions.size(); k++) {
                Condition cond = conditions.get(k);
                long s = Robustness.clipSeed(seed, c.relativePath(), cond);
                List<float[]> talkers = cond.needsTalkers()
                        ? Condition.talkers(others, c, clip.sampleRateHz(), new Random(~s)) : null;
                AudioClip x = cond.apply(clip, s, talkers).quantizedToPcm16();
                ratio[k][row] = Narrowband.highBandRatioDb(x);
                if (names[k].startsWith("telephone-")) {
                    int wide = names[k].equals("telephone-mulaw") ? rows - 2 : rows - 1;
                    ratio[wide][row] = Narrowband.highBandRatioDb(x.resampledToPcm16(clip.sampleRateHz()));
                }
            }
            if ((row + 1) % 40 == 0) {
                System.err.printf(Locale.ROOT, "%d/%d clips%n", row + 1, n);
            }
        }
        System.out.printf(Locale.ROOT, "narrowband check (high band %.0f-%.0f Hz against %.0f-%.0f Hz, narrowband under %.0f dB) "
                + "on %d clips of %s (every %d-th), seed %d%n", Narrowband.HIGH_BAND_LOW_HZ, Narrowband.HIGH_BAND_HIGH_HZ,
                Narrowband.SPEECH_BAND_LOW_HZ, Narrowband.SPEECH_BAND_HIGH_HZ, Narrowband.NARROWBAND_BELOW_DB, n, args[0],
                step, seed);
        header();
        for (int k = 0; k < rows; k++) {
            line(names[k], ratio[k]);
        }
        for (int a = 3; a < args.length; a++) {
            Dataset other = Dataset.read(Path.of(args[a]));
            double[] r = new double[other.clips().size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = Narrowband.highBandRatioDb(AudioClip.read(other.clips().get(i).file()).quantizedToPcm16());
            }
            line(args[a] + " as recorded", r);
        }
    }

    private static void header() {
        System.out.printf(Locale.ROOT, "%-28s %12s %9s %9s %9s%n", "condition", "narrowband", "min dB", "median dB",
                "max dB");
    }

    private static void line(String name, double[] r) {
        double[] s = r.clone();
        Arrays.sort(s);
        int narrow = 0;
        for (double v : s) {
            narrow += v < Narrowband.NARROWBAND_BELOW_DB ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%-28s %5d/%-6d %9.1f %9.1f %9.1f%n", name, narrow, s.length, s[0],
                s[s.length / 2], s[s.length - 1]);
    }
}
