package io.github.ser4j.features;

/**
 * One extractor's analysis of one clip read chunk by chunk from {@link SpectrogramChunks}, so that only
 * per-frame values (not the spectra) are kept for the whole clip. {@link SharedSpectrogram#extract} calls
 * {@link #read} for every chunk in order, then, if {@link #rereads}, {@link #reread} for every chunk in any
 * order (a clip of one chunk keeps its spectra, a longer one computes them again), then {@link #finish}.
 * The values must equal those of the extractor's whole-spectrogram path bit for bit.
 *
 * <p>Thread-safety: confined to the extracting thread; per-clip buffers live in its {@link Workspace}.
 */
abstract class ChunkedAnalysis {

    /**
     * The first pass over the clip's frames.
     *
     * @param chunk frames {@code first .. first + chunk.frames()} of the clip
     * @param first the clip frame that is the chunk's frame 0
     */
    abstract void read(PowerSpectrogram chunk, int first);

    /** @return whether {@link #reread} needs every chunk again once all have been read */
    boolean rereads() {
        return false;
    }

    /**
     * The second pass, for values that depend on the whole clip (chroma needs the clip's tuning).
     *
     * @param chunk as in {@link #read}
     * @param first as in {@link #read}
     */
    void reread(PowerSpectrogram chunk, int first) {
        throw new UnsupportedOperationException("this analysis reads each chunk once");
    }

    /**
     * Writes the features to {@code out[offset..offset+dimension)}.
     *
     * @throws IllegalArgumentException if a value is not finite (amplitude far outside [-1, 1])
     */
    abstract void finish(double[] out, int offset);
}
