package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The {@code full} and {@code robust} vectors, bit for bit, against the values the code of main at
 * c66e993 computed (before the extraction-speed work of issue 12): models are trained and measured on
 * these exact features, so a faster extraction must not move a single last bit. The reference vectors
 * ({@code /golden/full-robust.txt}, each value the hex of {@link Double#doubleToRawLongBits}) were written
 * by {@link #main} on that commit:
 *
 * <pre>mvn -q -pl ser-features -am test-compile
 * java -cp ser-core/target/classes:ser-features/target/classes:ser-features/target/test-classes:&lt;the module's
 *   test class path (TarsosDSP, JUnit)&gt; io.github.ser4j.features.GoldenFeaturesTest \
 *   ser-features/src/test/resources/golden/full-robust.txt</pre>
 *
 * <p>Signals: the six librosa fixture clips (real speech, synthetic tones and noise, one at 22.05 kHz so the
 * resampler runs) and generated ones (seeded noise, silence, a short clip, quiet and loud speech, a harmonic
 * tone with vibrato, 45 s of looped speech that spans two chunks of both framings).
 */
class GoldenFeaturesTest {

    private static final String RESOURCE = "/golden/full-robust.txt";
    private static final String[] FIXTURES = {"speech_03-01-05-02-01-01-01", "speech_03-01-04-02-02-02-14",
        "chirp_16k", "noise_16k", "sine440_16k", "twotone_22k"};

    private static AudioClip fixture(String name) throws IOException {
        try (InputStream in = GoldenFeaturesTest.class.getResourceAsStream("/librosa/" + name + ".wav")) {
            assertNotNull(in, name);
            return AudioClip.read(in);
        }
    }

    /** Every signal by name, in a fixed order; generated ones are deterministic. */
    static Map<String, AudioClip> signals() throws IOException {
        Map<String, AudioClip> m = new LinkedHashMap<>();
        for (String f : FIXTURES) {
            m.put(f, fixture(f));
        }
        AudioClip speech = fixture(FIXTURES[0]);
        float[] s = speech.samples();
        float rate = speech.sampleRateHz();
        SplittableRandom random = new SplittableRandom(12);
        float[] noise = new float[(int) (2.2 * rate)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.5 * (2 * random.nextDouble() - 1));
        }
        m.put("noise-uniform-2.2s", AudioClip.of(noise, rate));
        m.put("silence-1s", AudioClip.of(new float[(int) rate], rate));
        float[] shortClip = new float[(int) (0.3 * rate)];
        System.arraycopy(s, s.length / 2, shortClip, 0, shortClip.length);
        m.put("speech-0.3s", AudioClip.of(shortClip, rate));
        float[] quiet = new float[s.length];
        float[] loud = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            quiet[i] = s[i] * 1e-3f;
            loud[i] = Math.max(-1f, Math.min(1f, s[i] * 8f));
        }
        m.put("speech-quiet", AudioClip.of(quiet, rate));
        m.put("speech-clipped", AudioClip.of(loud, rate));
        float[] tone = new float[(int) (1.7 * rate)];
        double phase = 0;
        for (int i = 0; i < tone.length; i++) {
            double f0 = 140 + 25 * Math.sin(2 * Math.PI * 5.5 * i / rate);
            phase += 2 * Math.PI * f0 / rate;
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            tone[i] = (float) (0.2 * v + 0.01 * (2 * random.nextDouble() - 1));
        }
        m.put("vibrato-harmonics-1.7s", AudioClip.of(tone, rate));
        float[] longClip = new float[(int) (45 * rate)];
        for (int i = 0; i < longClip.length; i++) {
            longClip[i] = s[i % s.length];
        }
        m.put("speech-looped-45s", AudioClip.of(longClip, rate));
        return m;
    }

    private static Map<String, FeatureExtractor> presets() {
        Map<String, FeatureExtractor> m = new LinkedHashMap<>();
        m.put("full", FeatureExtractors.full());
        m.put("robust", FeatureExtractors.robust());
        return m;
    }

    private static String hex(double[] v) {
        StringBuilder b = new StringBuilder(v.length * 17);
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(String.format(Locale.ROOT, "%016x", Double.doubleToRawLongBits(v[i])));
        }
        return b.toString();
    }

    private static Map<String, String> reference() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = GoldenFeaturesTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                m.put(f[0] + "\t" + f[1], f[2]);
            }
        }
        return m;
    }

    @Test
    void fullAndRobustAreBitIdenticalToTheReferenceVectors() throws IOException {
        Map<String, String> ref = reference();
        Map<String, AudioClip> signals = signals();
        Map<String, FeatureExtractor> presets = presets();
        assertEquals(signals.size() * presets.size(), ref.size(), "reference rows");
        for (Map.Entry<String, AudioClip> s : signals.entrySet()) {
            for (Map.Entry<String, FeatureExtractor> p : presets.entrySet()) {
                String key = s.getKey() + "\t" + p.getKey();
                String expected = ref.get(key);
                assertNotNull(expected, key);
                double[] got = p.getValue().extract(s.getValue());
                String[] want = expected.split(",");
                assertEquals(want.length, got.length, key + ": dimension");
                List<String> names = p.getValue().featureNames();
                for (int i = 0; i < got.length; i++) {
                    long bits = Long.parseUnsignedLong(want[i], 16);
                    if (bits != Double.doubleToRawLongBits(got[i])) {
                        fail(key + ": " + names.get(i) + " is " + got[i] + ", the reference "
                                + Double.longBitsToDouble(bits) + " (and maybe more)");
                    }
                }
            }
        }
    }

    /**
     * Writes the reference vectors of the current code.
     *
     * @param args the output file
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            w.write("# full and robust vectors (hex of Double.doubleToRawLongBits), written by GoldenFeaturesTest.main\n");
            w.write("# on main at c66e993; signal<TAB>preset<TAB>values\n");
            for (Map.Entry<String, AudioClip> s : signals().entrySet()) {
                for (Map.Entry<String, FeatureExtractor> p : presets().entrySet()) {
                    w.write(s.getKey() + "\t" + p.getKey() + "\t" + hex(p.getValue().extract(s.getValue())) + "\n");
                }
            }
        }
    }
}
