package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.FeatureStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureStreamTest {

    private static final int RATE = 16_000;

    /** Speech, half a second of digital silence, the speech again quieter over faint noise: about 7.7 s. */
    static float[] signal() throws IOException {
        float[] speech = MfccStatisticsTest.speech().resampledTo(RATE).samples();
        float[] x = new float[2 * speech.length + RATE / 2];
        System.arraycopy(speech, 0, x, 0, speech.length);
        Random r = new Random(5);
        for (int i = 0; i < speech.length; i++) {
            x[speech.length + RATE / 2 + i] = 0.3f * speech[i] + 1e-3f * (float) r.nextGaussian();
        }
        return x;
    }

    /** Offline extraction of {@code x[end - n, end)}: the reference every stream must match. */
    private static double[] offline(FeatureExtractor e, float[] x, int end, int n) {
        float[] span = new float[n];
        System.arraycopy(x, end - n, span, 0, n);
        return e.extract(AudioClip.of(span, e.sampleRateHz()));
    }

    /**
     * Random chunks; after each, spans of random lengths (aligned to the stream's grid or not) and of
     * the whole capacity equal offline extraction of the same samples, bit for bit.
     */
    @Test
    void everyPresetMatchesOfflineExtractionOfTheSpan() throws IOException {
        float[] x = signal();
        Random r = new Random(42);
        int capacity = 3 * RATE;
        for (String name : FeatureExtractors.names()) {
            FeatureExtractor e = FeatureExtractors.byName(name);
            FeatureStream stream = e.openStream(capacity);
            // DroppedFeatures projects its inner extractor's stream; the speech-span, level, narrowband and dereverberation wrappers re-extract
            if (!(e instanceof DroppedFeatures || e instanceof SpeechTrimmed || e instanceof LevelNormalised || e instanceof Narrowband
                    || e instanceof Dereverberated)) {
                assertInstanceOf(IncrementalFeatureStream.class, stream, name);
            }
            int align = stream.alignmentSamples();
            int fed = 0;
            int checks = 0;
            while (fed < x.length) {
                int chunk = Math.min(x.length - fed, 1 + r.nextInt(9000));
                stream.append(x, fed, chunk);
                fed += chunk;
                assertEquals(fed, stream.samplesAppended());
                int max = Math.min(fed, capacity);
                if (max < RATE / 4) {
                    continue;
                }
                int n = RATE / 4 + r.nextInt(max - RATE / 4 + 1);
                if (r.nextBoolean()) {
                    // a span starting on the grid: n such that fed - n is a multiple of the alignment
                    n = fed - (int) Math.ceil((fed - max) / (double) align) * align;
                    n -= r.nextInt(Math.max(1, (n - RATE / 4) / align + 1)) * align;
                    if (n < RATE / 4) {
                        continue; // no grid start leaves a long enough span yet
                    }
                }
                assertArrayEquals(offline(e, x, fed, n), stream.extractLast(n), name + " span " + n + " at " + fed);
                checks++;
            }
            assertArrayEquals(offline(e, x, x.length, capacity), stream.extractLast(capacity), name + " whole capacity");
            assertTrue(checks > 5, name);
        }
    }

    /** A composite part from outside the package runs its own stream (here the re-extracting default). */
    @Test
    void aForeignPartOfACompositeRunsItsOwnStream() throws IOException {
        FeatureExtractor foreign = new FeatureExtractor() {
            @Override
            public String id() {
                return "foreign/1";
            }

            @Override
            public java.util.List<String> featureNames() {
                return SpectralShapeFeatures.create().featureNames();
            }

            @Override
            public float sampleRateHz() {
                return RATE;
            }

            @Override
            public double[] extract(AudioClip clip) {
                return SpectralShapeFeatures.create().extract(clip);
            }
        };
        CompositeExtractor c = CompositeExtractor.of(MfccStatistics.create(), foreign);
        float[] x = signal();
        FeatureStream s = c.openStream(2 * RATE);
        s.append(x, 0, 3 * RATE);
        assertEquals(160, s.alignmentSamples());
        assertArrayEquals(offline(c, x, 3 * RATE, 2 * RATE), s.extractLast(2 * RATE));
        s.append(x, 3 * RATE, 1234);
        assertArrayEquals(offline(c, x, 3 * RATE + 1234, RATE), s.extractLast(RATE));
    }

    /** Another rate: the grid is the hop in samples at that rate, and parity still holds. */
    @Test
    void seedAtAnotherRateMatchesOffline() throws IOException {
        FeatureExtractor e = SeedFeatures.atRate(22_050f);
        float[] x = MfccStatisticsTest.speech().resampledTo(22_050f).samples();
        FeatureStream s = e.openStream(2 * 22_050);
        assertEquals(512, s.alignmentSamples());
        int fed = 0;
        for (int chunk : new int[] {30_000, 512 * 7, 1000, 512 * 20}) {
            s.append(x, fed, chunk);
            fed += chunk;
            int longest = Math.min(fed, 2 * 22_050);
            int r = (fed - longest) % 512;
            int n = r == 0 ? longest : longest - (512 - r); // the longest span starting on the grid
            assertEquals(0, (fed - n) % 512);
            assertArrayEquals(offline(e, x, fed, n), s.extractLast(n), "span " + n + " at " + fed);
            assertArrayEquals(offline(e, x, fed, 22_050), s.extractLast(22_050), "off-grid span at " + fed);
        }
    }

    @Test
    void alignmentIsTheLeastCommonMultipleOfTheHops() {
        assertEquals(2560, FeatureExtractors.full().openStream(RATE).alignmentSamples());
        assertEquals(160, FeatureExtractors.mfcc().openStream(RATE).alignmentSamples());
        assertEquals(512, FeatureExtractors.seed().openStream(RATE).alignmentSamples());
        assertEquals(160, FeatureExtractors.mfccProsodySpectral().openStream(RATE).alignmentSamples());
        assertEquals(1, FeatureExtractors.prosody().openStream(RATE).alignmentSamples()); // keeps nothing
    }

    /**
     * Sliding a 3 s window by one hop on the grid computes only the new frames and the edge frames
     * (2 + 2 or 3 per framing), never the whole window again, however long the stream has run.
     */
    @Test
    void aSlidingWindowComputesOnlyNewAndEdgeFrames() throws IOException {
        float[] x = signal();
        IncrementalFeatureStream s = (IncrementalFeatureStream) FeatureExtractors.full().openStream(3 * RATE);
        int window = 18 * 2560; // 2.88 s
        int hop = 3 * 2560; // 0.48 s
        int fed = 0;
        long before = -1;
        float[] all = new float[40 * hop];
        for (int round = 0; round < 40; round++) { // 19 s of stream: the rings wrap several times
            int start = fed % (x.length - hop);
            s.append(x, start, hop);
            System.arraycopy(x, start, all, fed, hop);
            fed += hop;
            if (fed < window) {
                continue;
            }
            long computedBefore = s.framesComputed();
            double[] v = s.extractLast(window);
            long computed = s.framesComputed() - computedBefore;
            if (before >= 0) {
                // new frames: 7680/512 = 15 and 7680/160 = 48; edges: at most 5 + 6
                assertTrue(computed <= 15 + 48 + 11, "computed " + computed + " frames in round " + round);
                assertTrue(computed >= 15 + 48, "computed " + computed + " frames in round " + round);
            }
            before = computed;
            // every request reuses kept spectra and per-frame values, and is still exact
            assertArrayEquals(offline(FeatureExtractors.full(), all, fed, window), v, "round " + round);
        }
        // a full-window recomputation would be 94 + 301 frames
        assertTrue(before < 94 + 301);
    }

    /**
     * Memory is fixed once the longest span has been asked for: two minutes of stream through a one
     * second capacity hold exactly what the first capacity-long request made them hold.
     */
    @Test
    void memoryStaysBoundedByTheCapacity() throws IOException {
        float[] x = signal();
        FeatureExtractor e = FeatureExtractors.fullLogMel();
        IncrementalFeatureStream s = (IncrementalFeatureStream) e.openStream(RATE);
        s.append(x, 0, RATE);
        s.extractLast(RATE);
        long held = s.heldElements();
        // Javadoc: full 0.36 MB a second of span, log-mel 33 KB more, history 8 bytes a sample of
        // capacity (0.13 MB): under 1 MB even counting every element as a double
        assertTrue(held * 8 < 1_000_000, "held " + held);
        Random r = new Random(3);
        long fed = RATE;
        while (fed < 120L * RATE) {
            int chunk = 1 + r.nextInt(4000);
            int from = r.nextInt(x.length - chunk);
            s.append(x, from, chunk);
            fed += chunk;
            if (r.nextInt(4) == 0) {
                s.extractLast(RATE / 4 + r.nextInt(3 * RATE / 4 + 1));
            }
        }
        s.extractLast(RATE);
        assertEquals(held, s.heldElements());
        assertEquals(fed, s.samplesAppended());
    }

    @Test
    void resetRestartsTheStreamAndItsGrid() throws IOException {
        float[] x = signal();
        FeatureExtractor e = FeatureExtractors.full();
        FeatureStream s = e.openStream(2 * RATE);
        s.append(x, 0, 100); // puts the old grid off the new one
        s.append(x, 100, 30_000);
        s.extractLast(20_000);
        s.reset();
        assertEquals(0, s.samplesAppended());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> s.extractLast(RATE));
        assertTrue(empty.getMessage().contains("only 0 have been appended"), empty.getMessage());
        s.append(x, 1000, 2 * RATE);
        assertArrayEquals(offline(e, x, 1000 + 2 * RATE, 2 * RATE - 2560), s.extractLast(2 * RATE - 2560));
        assertArrayEquals(offline(e, x, 1000 + 2 * RATE, RATE), s.extractLast(RATE));
    }

    @Test
    void silenceGivesFiniteValuesEqualToOffline() {
        float[] zeros = new float[2 * RATE];
        for (String name : FeatureExtractors.names()) {
            FeatureExtractor e = FeatureExtractors.byName(name);
            FeatureStream s = e.openStream(RATE);
            s.append(zeros, 0, zeros.length);
            double[] v = s.extractLast(RATE);
            for (double d : v) {
                assertTrue(Double.isFinite(d), name);
            }
            assertArrayEquals(offline(e, zeros, zeros.length, RATE), v, name);
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheSharedMessages() {
        FeatureExtractor e = FeatureExtractors.full();
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> e.openStream(100));
        assertTrue(small.getMessage().contains("stream capacity 100 samples is outside"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MfccStatistics.create().openStream(700 * RATE));
        FeatureStream s = e.openStream(RATE);
        float[] chunk = new float[RATE + 10];
        s.append(chunk, 0, chunk.length); // longer than the capacity in one call: keeps the last second
        assertEquals(RATE + 10, s.samplesAppended());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> s.extractLast(RATE + 1));
        assertTrue(big.getMessage().contains("exceeds the stream's capacity of 16000"), big.getMessage());
        IllegalArgumentException shortSpan = assertThrows(IllegalArgumentException.class, () -> s.extractLast(100));
        assertTrue(shortSpan.getMessage().contains("shorter than the"), shortSpan.getMessage());
        float[] bad = {0f, 0.5f, Float.NaN};
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> s.append(bad, 0, 3));
        assertTrue(nan.getMessage().contains("stream sample " + (RATE + 12) + " is NaN"), nan.getMessage());
        assertEquals(RATE + 10, s.samplesAppended(), "a rejected chunk appends nothing");
        assertThrows(IllegalArgumentException.class, () -> s.append(null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> s.append(bad, 2, 2));
        float[] loud = new float[RATE];
        java.util.Arrays.fill(loud, 1e20f);
        s.append(loud, 0, loud.length);
        IllegalArgumentException amp = assertThrows(IllegalArgumentException.class, () -> s.extractLast(RATE));
        assertTrue(amp.getMessage().contains("amplitude is too large"), amp.getMessage());
    }
}
