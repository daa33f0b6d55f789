package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Properties every extractor of this module must have, on awkward input. */
class ExtractorPropertyTest {

    static List<FeatureExtractor> extractors() {
        List<FeatureExtractor> all = new ArrayList<>();
        for (String name : FeatureExtractors.names()) {
            all.add(FeatureExtractors.byName(name));
        }
        return all;
    }

    static Map<String, AudioClip> awkwardClips() {
        Map<String, AudioClip> clips = new LinkedHashMap<>();
        Random random = new Random(42);
        int n = 16_000;
        float[] uniform = new float[n];
        float[] dc = new float[n];
        float[] clipped = new float[n];
        float[] quiet = new float[n];
        float[] impulse = new float[n];
        float[] loud = new float[n];
        for (int i = 0; i < n; i++) {
            uniform[i] = random.nextFloat() * 2 - 1;
            dc[i] = 0.5f;
            clipped[i] = (float) Math.max(-1, Math.min(1, 20 * Math.sin(2 * Math.PI * 150 * i / 16_000.0)));
            quiet[i] = (float) (1e-7 * random.nextGaussian());
            loud[i] = (float) (1000 * Math.sin(2 * Math.PI * 220 * i / 16_000.0));
        }
        impulse[n / 2] = 1;
        clips.put("random", AudioClip.of(uniform, 16_000f));
        clips.put("silence", AudioClip.of(new float[n], 16_000f));
        clips.put("dc", AudioClip.of(dc, 16_000f));
        clips.put("clipped", AudioClip.of(clipped, 16_000f));
        clips.put("very quiet", AudioClip.of(quiet, 16_000f));
        clips.put("single impulse", AudioClip.of(impulse, 16_000f));
        clips.put("amplitude 1000", AudioClip.of(loud, 16_000f));
        clips.put("shortest (0.25 s)", AudioClip.of(java.util.Arrays.copyOf(uniform, 4000), 16_000f));
        clips.put("shortest at 8 kHz", AudioClip.of(java.util.Arrays.copyOf(uniform, 2000), 8_000f));
        clips.put("44.1 kHz", AudioClip.of(java.util.Arrays.copyOf(clipped, 11_025), 44_100f));
        return clips;
    }

    @Test
    void everyOutputIsFiniteAndOfTheDeclaredDimension() {
        for (FeatureExtractor e : extractors()) {
            assertEquals(e.featureNames().size(), e.dimension(), e.id());
            assertEquals(e.dimension(), new HashSet<>(e.featureNames()).size(), "names unique in " + e.id());
            for (Map.Entry<String, AudioClip> c : awkwardClips().entrySet()) {
                double[] v = e.extract(c.getValue());
                assertEquals(e.dimension(), v.length, e.id() + " on " + c.getKey());
                for (int i = 0; i < v.length; i++) {
                    assertTrue(Double.isFinite(v[i]), e.featureNames().get(i) + " = " + v[i] + " on " + c.getKey()
                            + " from " + e.id());
                }
            }
        }
    }

    @Test
    void concurrentExtractionGivesIdenticalVectors() throws Exception {
        AudioClip speech = MfccStatisticsTest.speech();
        AudioClip other = awkwardClips().get("clipped");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (FeatureExtractor e : extractors()) {
                double[] expected = e.extract(speech);
                double[] expectedOther = e.extract(other);
                List<Future<double[][]>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    // Interleave two clips of different length so shared scratch state would show.
                    results.add(pool.submit(() -> {
                        double[][] r = new double[10][];
                        for (int i = 0; i < r.length; i++) {
                            r[i] = e.extract(i % 2 == 0 ? speech : other);
                        }
                        return r;
                    }));
                }
                for (Future<double[][]> f : results) {
                    double[][] r = f.get(60, TimeUnit.SECONDS);
                    for (int i = 0; i < r.length; i++) {
                        assertArrayEquals(i % 2 == 0 ? expected : expectedOther, r[i], e.id());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void extractionIsDeterministicAcrossCalls() throws IOException {
        AudioClip speech = MfccStatisticsTest.speech();
        for (FeatureExtractor e : extractors()) {
            double[] a = e.extract(speech);
            e.extract(awkwardClips().get("random"));
            assertArrayEquals(a, e.extract(speech), e.id());
        }
    }
}
