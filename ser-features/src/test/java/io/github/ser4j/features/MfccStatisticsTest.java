package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MfccStatisticsTest {

    private static final String CLIP = "speech_03-01-05-02-01-01-01";
    private final MfccStatistics mfcc = MfccStatistics.create();

    static AudioClip speech() throws IOException {
        try (InputStream in = MfccStatisticsTest.class.getResourceAsStream("/librosa/" + CLIP + ".wav")) {
            return AudioClip.read(in);
        }
    }

    /** MFCC functionals then spectral-shape functionals from the numpy/scipy reference script. */
    static List<Double> reference() throws IOException {
        try (InputStream in = MfccStatisticsTest.class.getResourceAsStream("/reference/" + CLIP + ".features.csv")) {
            List<Double> values = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    values.add(Double.parseDouble(line.trim()));
                }
            }
            return values;
        }
    }

    static void assertMatches(List<String> names, double[] actual, List<Double> expected, int from) {
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(from + i);
            assertEquals(e, actual[i], 1e-5 * Math.max(1, Math.abs(e)), names.get(i));
        }
    }

    @Test
    void matchesTheIndependentNumpyReferenceOnSpeech() throws IOException {
        double[] v = mfcc.extract(speech());
        List<Double> ref = reference();
        assertEquals(mfcc.dimension() + SpectralShapeFeatures.create().dimension(), ref.size());
        assertMatches(mfcc.featureNames(), v, ref, 0);
    }

    @Test
    void spectralShapeMatchesTheIndependentNumpyReferenceOnSpeech() throws IOException {
        SpectralShapeFeatures spectral = SpectralShapeFeatures.create();
        assertMatches(spectral.featureNames(), spectral.extract(speech()), reference(), mfcc.dimension());
    }

    @Test
    void doublingTheAmplitudeShiftsOnlyC0() {
        // Every mel band gains 10 log10(4) dB; the orthonormal DCT of a constant vector c is
        // c * sqrt(n_mels) in c0 and 0 elsewhere. Deltas do not change.
        Random random = new Random(11);
        float[] x = new float[24_000];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.05 * random.nextGaussian() + 0.2 * Math.sin(i * 0.07));
            y[i] = 2 * x[i];
        }
        double[] a = mfcc.extract(AudioClip.of(x, 16_000f));
        double[] b = mfcc.extract(AudioClip.of(y, 16_000f));
        double shift = 10 * Math.log10(4) * Math.sqrt(MfccStatistics.N_MELS);
        List<String> names = mfcc.featureNames();
        for (int i = 0; i < a.length; i++) {
            String n = names.get(i);
            double expected = a[i];
            if (n.startsWith("mfcc0_") && !n.endsWith("stddev") && !n.endsWith("iqr20_80") && !n.endsWith("slope")) {
                expected += shift;
            }
            assertEquals(expected, b[i], 1e-6 * Math.max(1, Math.abs(expected)), n);
        }
    }

    @Test
    void deltaOfARampIsItsSlopeAndDeltaDeltaOfAParabolaIsConstant() {
        int n = 20;
        double[] in = new double[2 * n];
        for (int t = 0; t < n; t++) {
            in[t] = 3 * t + 1;
        }
        MfccStatistics.delta(in, 0, in, n, n);
        for (int t = 2; t < n - 2; t++) {
            assertEquals(3.0, in[n + t], 1e-12, "frame " + t);
        }
        // Edge frames repeat: at t=0 the window sees 1,1,1,4,7 -> (1*3 + 2*6) / 10 = 1.5.
        assertEquals(1.5, in[n], 1e-12);
    }

    @Test
    void namesAndDimension() {
        assertEquals(13 * 9 + 2 * 13 * 4, mfcc.dimension());
        assertEquals("mfcc0_mean", mfcc.featureNames().get(0));
        assertTrue(mfcc.featureNames().contains("mfcc_dd12_p80"));
        assertTrue(mfcc.id().startsWith("mfcc-stats/1("));
    }
}
