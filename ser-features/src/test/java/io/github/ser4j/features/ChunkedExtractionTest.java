package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Extraction reads each spectrogram a chunk of frames at a time ({@link SpectrogramChunks}); the values
 * must be those of the whole-spectrogram path ({@link SpectrogramFeatureExtractor#extractFrom}, which the
 * librosa parity tests check) bit for bit, whatever the chunk size, on real clips.
 */
class ChunkedExtractionTest {

    private static final String[] CLIPS = {"speech_03-01-05-02-01-01-01", "speech_03-01-04-02-02-02-14",
        "chirp_16k", "noise_16k", "sine440_16k"};
    /** Chunk sizes: one frame, sizes that split frames' neighbours across chunks, and the default. */
    private static final int[] CHUNKS = {1, 2, 7, 64, 0};

    private static AudioClip clip(String name) throws IOException {
        try (InputStream in = ChunkedExtractionTest.class.getResourceAsStream("/librosa/" + name + ".wav")) {
            return AudioClip.read(in);
        }
    }

    /** The whole-spectrogram path: one {@link Stft#power} of the clip, then each part's extractFrom. */
    private static double[] wholeSpectrogram(FeatureExtractor e, AudioClip clip) {
        AudioClip at = clip.resampledTo(e.sampleRateHz());
        if (e instanceof CompositeExtractor) {
            List<Double> all = new ArrayList<>();
            for (FeatureExtractor part : ((CompositeExtractor) e).parts()) {
                for (double v : wholeSpectrogram(part, at)) {
                    all.add(v);
                }
            }
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (!(e instanceof SpectrogramFeatureExtractor)) {
            return e.extract(at);
        }
        SpectrogramFeatureExtractor s = (SpectrogramFeatureExtractor) e;
        double[] out = new double[s.dimension()];
        s.extractFrom(s.stft().power(at), out, 0);
        return out;
    }

    private static double[] chunked(FeatureExtractor e, AudioClip clip, int chunkFrames) {
        if (e instanceof CompositeExtractor) {
            return ((CompositeExtractor) e).extract(clip, chunkFrames);
        }
        SpectrogramFeatureExtractor s = (SpectrogramFeatureExtractor) e;
        return chunkFrames == 0 ? s.extract(clip) : s.extract(clip, chunkFrames);
    }

    @Test
    void everyChunkSizeGivesTheWholeSpectrogramsValuesOnRealClips() throws IOException {
        FeatureExtractor[] extractors = {SeedFeatures.create(), MfccStatistics.create(), SpectralShapeFeatures.create(),
            (FeatureExtractor) FeatureExtractors.full()};
        for (String name : CLIPS) {
            AudioClip clip = clip(name);
            for (FeatureExtractor e : extractors) {
                double[] expected = wholeSpectrogram(e, clip);
                for (int chunk : CHUNKS) {
                    assertArrayEquals(expected, chunked(e, clip, chunk), name + ", " + e.id() + ", chunks of " + chunk);
                }
            }
        }
    }

    @Test
    void aClipOfSeveralDefaultChunksGivesTheWholeSpectrogramsValues() throws IOException {
        // 80 s: three chunks of 2048/512 frames and two of 512/160, with leading and trailing silence
        AudioClip speech = clip(CLIPS[0]);
        float[] x = new float[80 * 16_000];
        float[] s = speech.samples();
        for (int at = 16_000; at + s.length < x.length - 16_000; at += s.length) {
            System.arraycopy(s, 0, x, at, s.length);
        }
        AudioClip clip = AudioClip.of(x, 16_000f);
        FeatureExtractor full = FeatureExtractors.full();
        assertTrue(new SpectrogramChunks(SeedFeatures.create().stft(), clip.samplesView(), 16_000f,
                SpectrogramChunks.framesPerChunk(SeedFeatures.create().stft())).chunks() >= 3);
        double[] expected = wholeSpectrogram(full, clip);
        double[] actual = full.extract(clip);
        assertEquals(expected.length, actual.length);
        assertArrayEquals(expected, actual);
    }
}
