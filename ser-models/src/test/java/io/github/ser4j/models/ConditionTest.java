package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionTest {

    @TempDir
    Path tmp;

    /** 2 s at 16 kHz: silence, 1 s of a 440 Hz tone at amplitude 0.1, silence (speech power 0.005). */
    static float[] burst() {
        float[] x = new float[32_000];
        for (int i = 8_000; i < 24_000; i++) {
            x[i] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return x;
    }

    static double db(double p) {
        return 10 * Math.log10(p);
    }

    static double bandPower(double[] x, float rate, double lo, double hi) {
        int m = Fft.size(x.length);
        double[] re = java.util.Arrays.copyOf(x, m);
        double[] im = new double[m];
        Fft.transform(re, im, false);
        double s = 0;
        for (int k = 0; k <= m / 2; k++) {
            double f = k * (double) rate / m;
            if (f >= lo && f < hi) {
                s += re[k] * re[k] + im[k] * im[k];
            }
        }
        return s;
    }

    @Test
    void noiseIsAddedAtTheStatedSnrOverTheActiveSpeech() {
        float[] x = burst();
        assertEquals(0.005, Condition.speechPower(x, 16_000), 1e-4); // the silent frames do not count
        for (String kind : new String[] {"white", "pink", "brown"}) {
            for (double snr : new double[] {20, 5}) {
                Condition c = Condition.parse(kind + "@" + (int) snr);
                float[] y = c.apply(AudioClip.of(x, 16_000), 7, null).samples();
                double pn = 0;
                for (int i = 0; i < x.length; i++) {
                    pn += (double) (y[i] - x[i]) * (y[i] - x[i]);
                }
                pn /= x.length;
                assertEquals(snr, db(0.005 / pn), 0.05, c.name());
            }
        }
    }

    @Test
    void pinkIsFlatPerOctaveAndBrownFallsTenDbADecade() {
        float[] silence = new float[64_000];
        silence[0] = 1e-3f; // speech power reference: one non-zero frame
        for (String kind : new String[] {"pink", "brown"}) {
            float[] y = Condition.parse(kind + "@0").apply(AudioClip.of(silence, 16_000), 3, null).samples();
            double[] n = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                n[i] = y[i] - silence[i];
            }
            double low = db(bandPower(n, 16_000, 100, 200));
            double high = db(bandPower(n, 16_000, 1000, 2000));
            assertEquals(kind.equals("pink") ? 0 : 10, low - high, 1.0, kind);
        }
    }

    @Test
    void conditionsAreDeterministicFromTheSeed() {
        AudioClip clip = AudioClip.of(burst(), 16_000);
        for (Condition c : Condition.harnessSet()) {
            if (c.needsTalkers()) {
                continue;
            }
            assertArrayEquals(c.apply(clip, 11, null).samples(), c.apply(clip, 11, null).samples(), c.name());
        }
        assertFalse(java.util.Arrays.equals(Condition.parse("pink@10").apply(clip, 11, null).samples(),
                Condition.parse("pink@10").apply(clip, 12, null).samples()));
    }

    @Test
    void telephoneIsEightKilohertzBandLimitedAndCompanded() {
        float[] x = new float[32_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.2 * Math.sin(2 * Math.PI * 150 * i / 16_000.0) + 0.2 * Math.sin(2 * Math.PI * 1000 * i / 16_000.0));
        }
        for (String law : new String[] {"telephone-mulaw", "telephone-alaw"}) {
            AudioClip t = Condition.parse(law).apply(AudioClip.of(x, 16_000), 1, null);
            assertEquals(8000f, t.sampleRateHz());
            assertEquals(16_000, t.length());
            double[] y = new double[t.length() - 4000];
            for (int i = 0; i < y.length; i++) {
                y[i] = t.sample(i + 2000);
            }
            // 4th-order Butterworth at 300 Hz: 150 Hz is 24 dB down, 1 kHz passes
            double drop = db(bandPower(y, 8000, 950, 1050)) - db(bandPower(y, 8000, 100, 200));
            assertEquals(24.1, drop, 2.0, law);
        }
    }

    @Test
    void telephoneRoundTripIsSerCoresG711() {
        float[] x = new float[4000];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 0.2);
        }
        float[] mu = Condition.g711RoundTrip(x, false);
        float[] a = Condition.g711RoundTrip(x, true);
        for (int i = 0; i < x.length; i++) {
            short pcm = (short) Math.round(Math.max(-1, Math.min(1, x[i])) * 32767.0);
            // Within a G.711 step of the input (at most 1/16 of the magnitude, or 8 LSB near zero).
            assertTrue(Math.abs(mu[i] * 32768f - pcm) <= Math.max(8, Math.abs(pcm) / 16) + 1, i + ": " + x[i] + " -> " + mu[i]);
            assertTrue(Math.abs(a[i] * 32768f - pcm) <= Math.max(16, Math.abs(pcm) / 16) + 1, i + ": " + x[i] + " -> " + a[i]);
        }
    }

    @Test
    void reverbDecaysAtItsRt60AndKeepsLengthAndPeak() {
        float[] impulse = new float[48_000];
        impulse[1600] = 0.5f;
        AudioClip out = Condition.parse("reverb@0.6").apply(AudioClip.of(impulse, 16_000), 5, null);
        float[] y = out.samples();
        assertEquals(impulse.length, y.length);
        double peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(0.5, peak, 1e-6);
        double early = 0;
        double late = 0;
        for (int i = 0; i < 800; i++) {
            early += y[1600 + 1600 + i] * y[1600 + 1600 + i]; // 0.1 s after the direct sound
            late += y[1600 + 6400 + i] * y[1600 + 6400 + i];  // 0.4 s after
        }
        assertEquals(30, db(early / late), 3.0); // 60 dB per 0.6 s
    }

    @Test
    void levelSetsThePeakAndSpeedTheDuration() {
        AudioClip clip = AudioClip.of(burst(), 16_000);
        float[] y = Condition.parse("level@-20").apply(clip, 1, null).samples();
        double peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(0.1, peak, 1e-6);
        assertEquals(2.0 / 1.25, Condition.parse("speed@1.25").apply(clip, 1, null).durationSeconds(), 1e-3);
    }

    @Test
    void anExcerptIsAStretchOfTheClipThatStartsInItsSpeech() {
        float[] x = new float[64_000]; // 4 s: silence, 2 s of a tone from 1 s to 3 s, silence
        for (int i = 16_000; i < 48_000; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / 16_000.0) + 1e-6 * i);
        }
        AudioClip clip = AudioClip.of(x, 16_000);
        java.util.Set<Integer> starts = new java.util.HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            float[] y = Condition.parse("excerpt@0.8").apply(clip, seed, null).samples();
            assertEquals(12_800, y.length);
            int start = -1;
            for (int s0 = 0; s0 + y.length <= x.length && start < 0; s0++) {
                if (x[s0] == y[0] && java.util.Arrays.equals(x, s0, s0 + y.length, y, 0, y.length)) {
                    start = s0;
                }
            }
            assertTrue(start >= 16_000 && start + y.length <= 48_000, "a stretch of the tone, at " + start);
            starts.add(start);
            assertArrayEquals(y, Condition.parse("excerpt@0.8").apply(clip, seed, null).samples(), "seeded");
        }
        assertTrue(starts.size() > 30, "random starts: " + starts.size());
        assertEquals(clip, Condition.parse("excerpt@5").apply(clip, 1, null), "a clip not longer is kept whole");
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("excerpt@0.1"));
        assertEquals(0.8, Augmentation.parse("copies=1,excerpt=0.8").families().get(0).low(), 0.0);
    }

    @Test
    void namesRoundTripAndBadOnesAreRefused() {
        for (Condition c : Condition.harnessSet()) {
            assertEquals(c, Condition.parse(c.name()));
        }
        assertEquals(26, Condition.harnessSet().size());
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("pink"));
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("clean@3"));
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("hum@10"));
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("reverb@9"));
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("babble@10").apply(
                AudioClip.of(burst(), 16_000), 1, List.of()));
    }

    @Test
    void babbleTalkersAreOtherSpeakersOnly() throws Exception {
        List<LabelledClip> pool = new ArrayList<>();
        for (int a = 1; a <= 6; a++) {
            for (int r = 0; r < 2; r++) {
                float[] dc = new float[8000];
                java.util.Arrays.fill(dc, a / 100f); // the speaker's id in every sample
                Path f = tmp.resolve("a" + a + "r" + r + ".wav");
                TestAudio.writePcm16(f, dc, 16_000);
                pool.add(new LabelledClip(f, f.getFileName().toString(), Emotion.ANGRY, "A" + a));
            }
        }
        for (long seed = 0; seed < 20; seed++) {
            List<float[]> t = Condition.talkers(pool, pool.get(0), 16_000, new Random(seed));
            assertEquals(Condition.BABBLE_TALKERS, t.size());
            java.util.Set<Integer> who = new java.util.HashSet<>();
            for (float[] s : t) {
                int a = Math.round(s[0] * 100);
                assertTrue(a != 1, "the clip's own speaker was drawn");
                who.add(a);
            }
            assertEquals(Condition.BABBLE_TALKERS, who.size());
        }
    }

    @Test
    void augmentationSpecsParseAndDrawWithinTheirRanges() {
        Augmentation a = Augmentation.parse("copies=3, pink=5:10, telephone, level=-30:-20");
        assertEquals(3, a.copies());
        assertEquals(3, a.families().size());
        assertEquals(Augmentation.parse("default"), Augmentation.parse(Augmentation.DEFAULT_SPEC));
        java.util.Set<Condition.Kind> seen = java.util.EnumSet.noneOf(Condition.Kind.class);
        for (int c = 1; c <= 200; c++) {
            Augmentation.Drawn d = a.draw(1, "clip" + c + ".wav", 1);
            assertEquals(d, a.draw(1, "clip" + c + ".wav", 1));
            Condition k = d.condition();
            seen.add(k.kind());
            switch (k.kind()) {
                case PINK -> assertTrue(k.value() >= 5 && k.value() <= 10, k.name());
                case LEVEL -> assertTrue(k.value() >= -30 && k.value() <= -20, k.name());
                case TELEPHONE_ALAW, TELEPHONE_MULAW -> { }
                default -> throw new AssertionError("drew " + k);
            }
        }
        assertEquals(java.util.EnumSet.of(Condition.Kind.PINK, Condition.Kind.LEVEL, Condition.Kind.TELEPHONE_ALAW,
                Condition.Kind.TELEPHONE_MULAW), seen);
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("copies=0,pink=1:2"));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("copies=2"));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("pink=10:5"));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("clean=1"));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("pink"));
    }

    /** A committed RAVDESS clip (16 kHz speech). */
    private static float[] speech() throws Exception {
        return AudioClip.read(Path.of("src/test/resources/clips/03-01-05-02-01-01-02.wav")).samples();
    }

    /** Signal-to-error ratio in dB of {@code y} against {@code x}, with {@code y} shifted by {@code lag}. */
    private static double ser(float[] x, float[] y, int lag) {
        double signal = 0;
        double error = 0;
        for (int i = Math.max(0, -lag); i < x.length && i + lag < y.length; i++) {
            signal += x[i] * (double) x[i];
            double e = x[i] - (double) y[i + lag];
            error += e * e;
        }
        return db(signal / error);
    }

    @Test
    void opusRoundTripIsAlignedDeterministicAndLossierAtLowerBitRates() throws Exception {
        float[] x = speech();
        AudioClip clip = AudioClip.of(x, 16_000f);
        Condition opus24 = Condition.parse("opus@24");
        assertEquals("opus@24", opus24.name());
        AudioClip y = opus24.apply(clip, 1, List.of());
        assertEquals(16_000f, y.sampleRateHz());
        assertEquals(x.length, y.samples().length);
        assertArrayEquals(y.samples(), opus24.apply(clip, 99, List.of()).samples(), "the codec uses no randomness");
        // aligned: no other lag within 5 ms matches better than lag 0 (the look-ahead is removed)
        double atZero = ser(x, y.samples(), 0);
        for (int lag = -80; lag <= 80; lag++) {
            if (lag != 0) {
                assertTrue(ser(x, y.samples(), lag) < atZero, "lag " + lag + " beats lag 0 (" + atZero + " dB)");
            }
        }
        // a real codec: near the input at 64 kbit/s, further at 24, furthest at 8
        double at64 = ser(x, Condition.parse("opus@64").apply(clip, 1, List.of()).samples(), 0);
        double at8 = ser(x, Condition.parse("opus@8").apply(clip, 1, List.of()).samples(), 0);
        assertTrue(at64 > atZero && atZero > at8, at64 + " > " + atZero + " > " + at8 + " dB");
        assertTrue(at64 > 10, "64 kbit/s gives " + at64 + " dB");
        // other rates are resampled to 16 kHz first
        AudioClip at48 = Condition.parse("opus@24").apply(clip.resampledTo(48_000f), 1, List.of());
        assertEquals(16_000f, at48.sampleRateHz());
        assertEquals(x.length, at48.samples().length, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Condition.parse("opus@3"));
        assertTrue(e.getMessage().contains("opus"), e.getMessage());
        assertEquals("opus@12", new Augmentation.Family("opus", 12, 12).draw(new Random(1)).name());
    }
}
