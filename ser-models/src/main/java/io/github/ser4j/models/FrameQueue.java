package io.github.ser4j.models;

import io.github.ser4j.core.DecodedStream;
import java.io.IOException;

/**
 * The part every block-based decoder shares: a codec decodes one frame or packet at a time into an
 * interleaved block, and {@link #read} hands it out in whatever chunks the caller asks for.
 */
abstract class FrameQueue implements DecodedStream {

    /** What the subclass's header parsing found: the rate, the channel count, the declared length or -1. */
    protected float rate;
    protected int channels;
    protected long declaredFrames = -1;

    /** The decoded block not yet handed out: {@code block[0, blockFrames * channels())}. */
    protected float[] block = new float[0];
    protected int blockFrames;
    private int served;
    private boolean ended;

    /**
     * Decodes the next frame into {@link #block} and {@link #blockFrames} (zero frames is allowed).
     *
     * @return false at the end of the audio
     */
    protected abstract boolean decodeNext() throws IOException;

    /** Makes {@link #block} hold at least {@code samples} floats. */
    protected final void ensureBlock(int samples) {
        if (block.length < samples) {
            block = new float[samples];
        }
    }

    @Override
    public final float sampleRateHz() {
        return rate;
    }

    @Override
    public final int channels() {
        return channels;
    }

    @Override
    public final long frameLength() {
        return declaredFrames;
    }

    @Override
    public final int read(float[] out, int maxFrames) throws IOException {
        if (served == blockFrames) {
            if (ended || !decodeNext()) {
                ended = true;
                return -1;
            }
            served = 0;
            return 0; // the reader calls again; a decoder that yields nothing forever is stopped there
        }
        int n = Math.min(maxFrames, blockFrames - served);
        int ch = channels;
        System.arraycopy(block, served * ch, out, 0, n * ch);
        served += n;
        return n;
    }
}
