package io.github.ser4j.models;

import io.github.ser4j.core.AudioDecoderProvider;
import io.github.ser4j.core.DecodedStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * FLAC, decoded bit-exactly by {@link FlacStream}, ser4j's own decoder (why not jFLAC: see there): 4 to
 * 32-bit samples, 1 to 8 channels. A frame that fails its CRC is refused, and a file that ends before the
 * sample count its STREAMINFO declares is refused as truncated.
 *
 * <p>Thread-safety: stateless; each {@link #open} makes its own decoder.
 */
public final class FlacDecoderProvider implements AudioDecoderProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public FlacDecoderProvider() {
    }

    @Override
    public String formatName() {
        return "FLAC";
    }

    @Override
    public java.util.Set<String> extensions() {
        return java.util.Set.of("flac");
    }

    @Override
    public boolean accepts(byte[] head) {
        return head.length >= 4 && head[0] == 'f' && head[1] == 'L' && head[2] == 'a' && head[3] == 'C';
    }

    @Override
    public DecodedStream open(InputStream in, String name) throws IOException {
        return new FlacStream(in, name);
    }
}
