package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.SpeechEvidence;
import io.github.ser4j.features.FeatureExtractors;
import io.github.ser4j.features.FeatureResearch;
import io.github.ser4j.features.SpeechDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Both error rates of the speech detector ({@link SpeechDetector}): speech called no-speech, on every
 * STEP-th RAVDESS clip under DATA_DIR in each recording condition of {@link NoSpeechConditions} (clean;
 * white, pink, brown and babble noise at 30, 20, 10 and 5 dB SNR; peak levels -30 to 0 dBFS; telephone
 * band), and non-speech called speech, on the generated signals of
 * {@link NoSpeechConditions#nonSpeech}. Every input is rounded to 16-bit levels first, as the models
 * hear it, and the detector listens to what the shipped default model's extractor hears of it, as
 * {@code predict} does (for {@code speech-span}, the speech span at the speech level); the system property
 * {@code ser4j.extractor} names another extractor preset ({@code full}: the whole clip). Prints one line per condition and signal, with the detector's measures (worst case per
 * speech condition: least voiced seconds, smallest median F0 step, smallest F0 range).
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.NoSpeechRates DATA_DIR [STEP] [SEED] [OTHER_DIR]
 * </pre>
 *
 * <p>OTHER_DIR, a folder with {@code manifest.csv} ({@code path,...}; for example TurEV-DB), adds its
 * clips as recorded: speech called no-speech, with the detector's measures of those clips.
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
public final class NoSpeechRates {

    private NoSpeechRates() {
    }

    /**
     * Runs the measurement.
     *
     * @param args DATA_DIR, optional STEP (default 5) and SEED (default 1)
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: NoSpeechRates DATA_DIR [STEP] [SEED]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        List<Path> files = NoSpeechConditions.ravdess(dir, step);
        String name = System.getProperty("ser4j.extractor");
        FeatureExtractor fx = name == null ? io.github.ser4j.core.EmotionClassifier.load().featureExtractor() : FeatureExtractors.byName(name);
        System.out.printf(Locale.ROOT, "detector on what %s hears%n", name == null ? "the shipped model's extractor " + fx.id() : name);
        List<AudioClip> clips = new ArrayList<>();
        for (Path f : files) {
            clips.add(AudioClip.read(f).resampledTo(NoSpeechConditions.RATE));
        }
        Map<String, BiFunction<Integer, AudioClip, AudioClip>> conditions = speechConditions(files, clips, seed);
        System.out.printf(Locale.ROOT, "speech called no-speech: %d RAVDESS clips (every %d-th), seed %d%n",
                clips.size(), step, seed);
        System.out.printf(Locale.ROOT, "%-22s %9s %8s | %10s %10s %10s%n", "condition", "no-speech", "rate",
                "min voiced", "min step", "min range");
        int totalMissed = 0;
        for (Map.Entry<String, BiFunction<Integer, AudioClip, AudioClip>> c : conditions.entrySet()) {
            int missed = 0;
            double minVoiced = Double.POSITIVE_INFINITY;
            double minStep = Double.POSITIVE_INFINITY;
            double minRange = Double.POSITIVE_INFINITY;
            for (int i = 0; i < clips.size(); i++) {
                AudioClip x = c.getValue().apply(i, clips.get(i)).quantizedToPcm16();
                SpeechEvidence e = SpeechDetector.analyse(x, fx);
                if (!e.speech()) {
                    missed++;
                }
                FeatureResearch.SpeechMeasures m = FeatureResearch.speechMeasures(x, fx);
                minVoiced = Math.min(minVoiced, m.voicedSeconds());
                minStep = Math.min(minStep, m.medianStepSemitones());
                minRange = Math.min(minRange, m.rangeSemitones());
            }
            totalMissed += missed;
            System.out.printf(Locale.ROOT, "%-22s %4d/%-4d %7.2f%% | %9.2fs %10.4f %10.2f%n", c.getKey(), missed,
                    clips.size(), 100.0 * missed / clips.size(), minVoiced, minStep, minRange);
        }
        System.out.printf(Locale.ROOT, "all speech conditions: %d of %d called no-speech%n%n", totalMissed,
                clips.size() * conditions.size());

        Map<String, AudioClip> signals = NoSpeechConditions.nonSpeech(seed);
        System.out.printf(Locale.ROOT, "non-speech called speech: %d generated signals, seed %d%n", signals.size(), seed);
        System.out.printf(Locale.ROOT, "%-34s %-7s | %8s %10s %8s  %s%n", "signal", "verdict", "voiced", "step",
                "range", "reason");
        int wrong = 0;
        for (Map.Entry<String, AudioClip> s : signals.entrySet()) {
            AudioClip x = s.getValue().quantizedToPcm16();
            SpeechEvidence e = SpeechDetector.analyse(x, fx);
            FeatureResearch.SpeechMeasures m = FeatureResearch.speechMeasures(x, fx);
            wrong += e.speech() ? 1 : 0;
            System.out.printf(Locale.ROOT, "%-34s %-7s | %7.2fs %10.4f %8.2f  %s%n", s.getKey(),
                    e.speech() ? "SPEECH" : "none", m.voicedSeconds(), m.medianStepSemitones(), m.rangeSemitones(), e.reason());
        }
        System.out.printf(Locale.ROOT, "non-speech signals called speech: %d of %d (known limits included)%n", wrong,
                signals.size());
        if (args.length > 3) {
            otherCorpus(Path.of(args[3]), fx);
        }
    }

    /** Speech called no-speech on another corpus's clips as recorded, by reason. */
    private static void otherCorpus(Path dir, FeatureExtractor fx) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("manifest.csv"));
        int n = 0;
        int fewVoiced = 0;
        int steady = 0;
        int narrow = 0;
        List<Double> durations = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            AudioClip x = AudioClip.read(dir.resolve(line.split(",")[0])).resampledTo(NoSpeechConditions.RATE)
                    .quantizedToPcm16();
            n++;
            SpeechEvidence e = SpeechDetector.analyse(x, fx);
            if (e.speech()) {
                continue;
            }
            FeatureResearch.SpeechMeasures m = FeatureResearch.speechMeasures(x, fx);
            durations.add(x.durationSeconds());
            if (m.voicedSeconds() < SpeechDetector.MIN_VOICED_SECONDS) {
                fewVoiced++;
            } else if (m.medianStepSemitones() < SpeechDetector.MIN_MEDIAN_F0_STEP_SEMITONES) {
                steady++;
            } else {
                narrow++;
            }
        }
        int missed = fewVoiced + steady + narrow;
        System.out.printf(Locale.ROOT, "%n%s as recorded: %d of %d clips (%.1f%%) called no-speech: %d with under %.2f s "
                + "voiced, %d with steady pitch, %d with an F0 spread under %.1f semitones; median length of those %.2f s%n",
                dir.getFileName(), missed, n, 100.0 * missed / n, fewVoiced, SpeechDetector.MIN_VOICED_SECONDS, steady,
                narrow, SpeechDetector.MIN_F0_RANGE_SEMITONES,
                durations.isEmpty() ? 0 : durations.stream().sorted().toList().get(durations.size() / 2));
    }

    /** The speech conditions by name: clip index and clean clip to the clip heard in that condition. */
    static Map<String, BiFunction<Integer, AudioClip, AudioClip>> speechConditions(List<Path> files,
            List<AudioClip> clips, long seed) {
        Map<String, BiFunction<Integer, AudioClip, AudioClip>> m = new LinkedHashMap<>();
        m.put("clean", (i, c) -> c);
        for (double snr : new double[] {30, 20, 10, 5}) {
            for (NoSpeechConditions.Noise colour : NoSpeechConditions.Noise.values()) {
                m.put(colour.name().toLowerCase(Locale.ROOT) + " " + (int) snr + " dB SNR",
                        (i, c) -> NoSpeechConditions.withNoise(c,
                                NoSpeechConditions.noise(colour, c.length(), seed * 1_000_003L + i), snr));
            }
            m.put("babble " + (int) snr + " dB SNR", (i, c) -> NoSpeechConditions.withNoise(c,
                    NoSpeechConditions.babble(talkers(files, clips, i, seed), c.length()), snr));
        }
        for (double peak : new double[] {-30, -20, -10, 0}) {
            m.put("peak " + (int) peak + " dBFS", (i, c) -> NoSpeechConditions.atPeak(c, peak));
        }
        m.put("telephone band", (i, c) -> NoSpeechConditions.telephone(c));
        return m;
    }

    /** Four clips of speakers other than clip {@code i}'s, chosen with a seed. */
    static List<AudioClip> talkers(List<Path> files, List<AudioClip> clips, int i, long seed) {
        Random r = new Random(seed * 31 + i);
        String actor = NoSpeechConditions.actor(files.get(i));
        if (files.stream().map(NoSpeechConditions::actor).distinct().count() < 5) {
            throw new IllegalArgumentException("babble needs clips of at least 5 actors; take a smaller STEP");
        }
        List<AudioClip> out = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        used.add(actor);
        while (out.size() < 4) {
            int j = r.nextInt(clips.size());
            if (used.add(NoSpeechConditions.actor(files.get(j)))) {
                out.add(clips.get(j));
            }
        }
        return out;
    }
}
