package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogMelFunctionalsTest {

    private static final int PER_BAND = 10;
    private final LogMelFunctionals logmel = LogMelFunctionals.create();

    @Test
    void namesDimensionAndId() {
        List<String> names = logmel.featureNames();
        assertEquals(LogMelFunctionals.BANDS * PER_BAND, logmel.dimension());
        assertEquals(logmel.dimension(), names.size());
        assertEquals(names.size(), new HashSet<>(names).size(), "names are unique");
        assertEquals("logmel0_mean", names.get(0));
        assertEquals("logmel0_d_stddev", names.get(PER_BAND - 1));
        assertEquals("logmel39_d_stddev", names.get(names.size() - 1));
        assertTrue(logmel.id().startsWith("logmel-functionals/1("));
        assertEquals(16_000f, logmel.sampleRateHz());
    }

    @Test
    void speechGivesFiniteValuesAndTheRegistryFindsIt() throws IOException {
        double[] v = logmel.extract(MfccStatisticsTest.speech());
        assertEquals(logmel.dimension(), v.length);
        for (int i = 0; i < v.length; i++) {
            assertTrue(Double.isFinite(v[i]), logmel.featureNames().get(i));
        }
        assertEquals(logmel.id(), FeatureExtractors.byName("logmel").id());
        assertEquals(logmel.id(), FeatureExtractors.byId(logmel.id()).id());
    }

    @Test
    void fullLogMelPresetIsFullFollowedByLogMel() throws IOException {
        FeatureExtractor both = FeatureExtractors.byName("full-logmel");
        FeatureExtractor full = FeatureExtractors.full();
        assertEquals(full.dimension() + logmel.dimension(), both.dimension());
        assertEquals(both.id(), FeatureExtractors.byId(both.id()).id());
        AudioClip speech = MfccStatisticsTest.speech();
        double[] v = both.extract(speech);
        double[] a = full.extract(speech);
        double[] b = logmel.extract(speech);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], v[i], 0.0, full.featureNames().get(i));
        }
        for (int i = 0; i < b.length; i++) {
            assertEquals(b[i], v[a.length + i], 0.0, logmel.featureNames().get(i));
        }
    }

    @Test
    void aToneAtABandCentreIsLoudestInThatBand() {
        int band = 15;
        double lo = MelFilterbank.hzToMel(0);
        double hi = MelFilterbank.hzToMel(8000);
        double centre = MelFilterbank.melToHz(lo + (band + 1) * (hi - lo) / (LogMelFunctionals.BANDS + 1));
        float[] x = new float[16_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * centre * i / 16_000));
        }
        double[] v = logmel.extract(AudioClip.of(x, 16_000f));
        int loudest = 0;
        for (int b = 1; b < LogMelFunctionals.BANDS; b++) {
            if (v[b * PER_BAND] > v[loudest * PER_BAND]) {
                loudest = b;
            }
        }
        assertEquals(band, loudest, "tone at " + centre + " Hz");
        // A steady tone: the band barely moves (only the padded edge frames differ; speech moves ~10 dB).
        assertEquals(0.0, v[band * PER_BAND + 1], 1.5, "stddev");
        assertEquals(0.0, v[band * PER_BAND + 9], 1.5, "d_stddev");
    }

    @Test
    void doublingTheAmplitudeAddsSixDecibelsToLevelsOnly() {
        Random random = new Random(5);
        float[] x = new float[24_000];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.05 * random.nextGaussian() + 0.2 * Math.sin(i * 0.07));
            y[i] = 2 * x[i];
        }
        double[] a = logmel.extract(AudioClip.of(x, 16_000f));
        double[] b = logmel.extract(AudioClip.of(y, 16_000f));
        double shift = 10 * Math.log10(4);
        List<String> names = logmel.featureNames();
        for (int i = 0; i < a.length; i++) {
            String n = names.get(i);
            boolean level = n.endsWith("_mean") || n.endsWith("_min") || n.endsWith("_max") || n.endsWith("_p20")
                    || n.endsWith("_p50") || n.endsWith("_p80");
            double expected = a[i] + (level ? shift : 0);
            assertEquals(expected, b[i], 1e-4 * Math.max(1, Math.abs(expected)), n);
        }
    }

    @Test
    void silenceGivesZerosAndNullIsRefused() {
        double[] v = logmel.extract(AudioClip.of(new float[8_000], 16_000f));
        for (double d : v) {
            assertEquals(0.0, d);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> logmel.extract(null));
        assertTrue(e.getMessage().contains("clip"));
    }
}
