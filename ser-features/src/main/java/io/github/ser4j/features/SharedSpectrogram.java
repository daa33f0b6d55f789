package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.util.ArrayList;
import java.util.List;

/**
 * The extractors whose features all come from one {@link Stft} power spectrogram
 * (every {@link SpectrogramFeatureExtractor}), so that a {@link CompositeExtractor} can
 * compute that spectrogram once for all parts with the same framing. Kept package-private so that
 * the engine's types stay out of the public API.
 *
 * <p>Parts that offer a {@link ChunkedAnalysis} read the clip a chunk of frames at a time
 * ({@link SpectrogramChunks}): memory then grows with their per-frame values, not with the spectrogram.
 *
 * <p>Thread-safety: stateless.
 */
final class SharedSpectrogram {

    private SharedSpectrogram() {
    }

    /** @return the STFT the extractor reads, or null if it does not work from a single spectrogram */
    static Stft stftOf(FeatureExtractor e) {
        return e instanceof SpectrogramFeatureExtractor ? ((SpectrogramFeatureExtractor) e).stft() : null;
    }

    /** Whether two STFTs frame a clip identically (both use the periodic Hann window). */
    static boolean sameFraming(Stft a, Stft b) {
        return a.nFft() == b.nFft() && a.hop() == b.hop();
    }

    /**
     * Computes the features of {@code e} (for which {@link #stftOf} is not null) from a spectrogram
     * of the clip at {@code e.sampleRateHz()} made by that STFT.
     */
    static void extractFrom(FeatureExtractor e, PowerSpectrogram s, double[] out, int offset) {
        ((SpectrogramFeatureExtractor) e).extractFrom(s, out, offset);
    }

    /**
     * Computes the features of {@code parts} (all with {@link #stftOf} not null and the same framing) from
     * one pass over the clip's frames, each part's values going to {@code out} from its offset.
     *
     * @param at the clip at the parts' rate
     * @param chunkFrames frames per chunk ({@link SpectrogramChunks#framesPerChunk} but in tests)
     */
    static void extract(List<FeatureExtractor> parts, int[] offsets, AudioClip at, double[] out, int chunkFrames) {
        Stft stft = stftOf(parts.get(0));
        List<ChunkedAnalysis> analyses = new ArrayList<>();
        SpectrogramChunks chunks = new SpectrogramChunks(stft, at.samplesView(), at.sampleRateHz(), chunkFrames);
        for (FeatureExtractor e : parts) {
            analyses.add(((SpectrogramFeatureExtractor) e).analysis(chunks));
        }
        if (analyses.contains(null)) {
            // some part needs the whole spectrogram: compute it once for all of them
            PowerSpectrogram s = stft.power(at);
            for (int i = 0; i < parts.size(); i++) {
                extractFrom(parts.get(i), s, out, offsets[i]);
            }
            return;
        }
        int n = chunks.chunks();
        for (int c = 0; c < n; c++) {
            PowerSpectrogram chunk = chunks.chunk(c);
            for (ChunkedAnalysis a : analyses) {
                a.read(chunk, chunks.first(c));
            }
        }
        boolean again = false;
        for (ChunkedAnalysis a : analyses) {
            again |= a.rereads();
        }
        // backwards, so that the last chunk, still computed, is read first
        for (int c = n - 1; again && c >= 0; c--) {
            PowerSpectrogram chunk = chunks.chunk(c);
            for (ChunkedAnalysis a : analyses) {
                if (a.rereads()) {
                    a.reread(chunk, chunks.first(c));
                }
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            analyses.get(i).finish(out, offsets[i]);
        }
    }
}
