package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProsodicFeaturesTest {

    private static final float SR = 16_000f;
    private final ProsodicFeatures prosody = ProsodicFeatures.create();

    static float[] sine(double hz, double seconds, double amplitude) {
        float[] x = new float[(int) (seconds * SR)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / SR + 0.3));
        }
        return x;
    }

    /** Damped 900 Hz resonances (a crude vocal-tract response) at the given pulse times and amplitudes. */
    static float[] pulseTrain(double seconds, double[] periods, double[] amplitudes) {
        float[] x = new float[(int) (seconds * SR)];
        double t = 50;
        for (int k = 0; t < x.length; k++) {
            double a = amplitudes[k % amplitudes.length];
            for (int i = 0; i < 120 && t + i < x.length; i++) {
                int n = (int) t + i;
                double dt = n - t;
                x[n] += (float) (a * 0.5 * Math.exp(-dt / 25) * Math.sin(2 * Math.PI * 900 * dt / SR));
            }
            t += periods[k % periods.length];
        }
        return x;
    }

    private double feature(double[] v, String name) {
        return v[prosody.featureNames().indexOf(name)];
    }

    @ParameterizedTest
    @ValueSource(doubles = {80, 97.5, 110, 150, 220, 263.3, 330, 400})
    void sineF0IsWithinOnePercentInEveryVoicedFrame(double hz) {
        PitchTracker.Track t = PitchTracker.track(FloatBuffer.wrap(sine(hz, 1.0, 0.5)));
        int voiced = 0;
        for (int f = 0; f < t.frames; f++) {
            if (t.voiced[f]) {
                voiced++;
                assertEquals(hz, t.f0Hz[f], hz * 0.01, "frame " + f);
            }
        }
        // All frames but those whose 40 ms window reaches past an end are voiced.
        assertTrue(voiced >= t.frames - 8, voiced + " of " + t.frames + " voiced");

        double[] v = prosody.extract(AudioClip.of(sine(hz, 1.0, 0.5), SR));
        double semitones = 12 * Math.log(hz / 27.5) / Math.log(2);
        assertEquals(semitones, feature(v, "f0_semitone_p50"), 0.172); // 1% of F0 is 0.172 semitones
        assertEquals(0.0, feature(v, "f0_semitone_slope"), 0.1);
        assertTrue(feature(v, "hnr_db_mean") > 30, "HNR of a sine " + feature(v, "hnr_db_mean"));
        assertEquals(20 * Math.log10(0.5 / Math.sqrt(2)), feature(v, "level_db_p50"), 0.3); // 25 ms holds a fractional number of cycles
    }

    @Test
    void f0TracksASineResampledFrom44k() {
        float[] x = new float[44_100];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 180 * i / 44_100.0));
        }
        double[] v = prosody.extract(AudioClip.of(x, 44_100f));
        assertEquals(12 * Math.log(180 / 27.5) / Math.log(2), feature(v, "f0_semitone_mean"), 0.172);
    }

    @Test
    void jitterAndShimmerOfAPerfectlyPeriodicPulseTrainAreZero() {
        double[] v = prosody.extract(AudioClip.of(pulseTrain(1.0, new double[] {100}, new double[] {1}), SR));
        assertTrue(feature(v, "voiced_fraction") > 0.9);
        assertEquals(0.0, feature(v, "jitter_local_mean"), 1e-3);
        assertEquals(0.0, feature(v, "shimmer_local_db_mean"), 0.01);
    }

    @Test
    void jitterOfAlternatingPeriodsIsTheirRelativeDifference() {
        // Periods 99 and 101 samples: |dT| = 2 every cycle, mean T = 100, so jitter (local) = 0.02.
        double[] v = prosody.extract(AudioClip.of(pulseTrain(1.0, new double[] {99, 101}, new double[] {1}), SR));
        assertTrue(feature(v, "voiced_fraction") > 0.9, "voiced " + feature(v, "voiced_fraction"));
        assertEquals(0.02, feature(v, "jitter_local_mean"), 0.002);
        assertEquals(0.0, feature(v, "jitter_local_stddev"), 0.003);
    }

    @Test
    void shimmerOfAlternatingAmplitudesIsTheirDecibelRatio() {
        double[] v = prosody.extract(AudioClip.of(pulseTrain(1.0, new double[] {120}, new double[] {1.1, 0.9}), SR));
        assertEquals(20 * Math.log10(1.1 / 0.9), feature(v, "shimmer_local_db_mean"), 0.1);
        assertEquals(0.0, feature(v, "jitter_local_mean"), 1e-3);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 10, 20})
    void hnrOfASineInWhiteNoiseIsItsSignalToNoiseRatio(double snrDb) {
        // r at the period lag is S / (S + N), so HNR = 10 log10(S / N) = the SNR.
        Random random = new Random(7);
        float[] x = sine(200, 1.0, 0.3);
        double noiseRms = 0.3 / Math.sqrt(2) / Math.pow(10, snrDb / 20);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (noiseRms * random.nextGaussian());
        }
        double[] v = prosody.extract(AudioClip.of(x, SR));
        assertTrue(feature(v, "voiced_fraction") > 0.8, "voiced " + feature(v, "voiced_fraction"));
        assertEquals(snrDb, feature(v, "hnr_db_p50"), 1.5);
    }

    @Test
    void whiteNoiseHasLowPeriodicityAndHnr() {
        Random random = new Random(3);
        float[] x = new float[16_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        double r = PitchTracker.bestCorrelation(x, 4000, 640, 26, 246);
        assertTrue(PitchTracker.hnrDb(r) < 0, "noise HNR " + PitchTracker.hnrDb(r));
        double sineR = PitchTracker.bestCorrelation(sine(150, 1.0, 0.5), 4000, 640, 26, 246);
        assertTrue(PitchTracker.hnrDb(sineR) > 30, "sine HNR " + PitchTracker.hnrDb(sineR));
        double[] v = prosody.extract(AudioClip.of(x, SR));
        assertTrue(feature(v, "voiced_fraction") < 0.05, "noise voiced " + feature(v, "voiced_fraction"));
    }

    @Test
    void silenceGivesZerosNotNaN() {
        double[] v = prosody.extract(AudioClip.of(new float[8000], SR));
        for (int i = 0; i < v.length; i++) {
            assertEquals(0.0, v[i], prosody.featureNames().get(i));
        }
    }

    @Test
    void segmentStatisticsOfGatedToneBursts() {
        // 200 ms tone, 300 ms silence, 200 ms tone, 300 ms silence: two voiced segments of ~0.2 s,
        // one gap of ~0.3 s, over ~0.4 s of active signal.
        float[] x = new float[16_000];
        float[] tone = sine(200, 0.2, 0.5);
        System.arraycopy(tone, 0, x, 0, tone.length);
        System.arraycopy(tone, 0, x, 8000, tone.length);
        double[] v = prosody.extract(AudioClip.of(x, SR));
        assertEquals(0.2, feature(v, "voiced_segment_mean_s"), 0.03);
        assertEquals(0.3, feature(v, "unvoiced_segment_mean_s"), 0.03);
        assertEquals(2 / 0.4, feature(v, "voiced_segments_per_s"), 0.6);
        assertEquals(0.4, feature(v, "voiced_fraction"), 0.05);
    }

    @Test
    void nullClipIsRejectedWithAMessage() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> prosody.extract(null));
        assertTrue(e.getMessage().contains("clip"));
    }
}
