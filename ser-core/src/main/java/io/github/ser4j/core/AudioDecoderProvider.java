package io.github.ser4j.core;

import java.io.IOException;
import java.io.InputStream;

/**
 * A decoder plug-in for a compressed audio format, found with {@link java.util.ServiceLoader} (list the
 * implementation in {@code META-INF/services/io.github.ser4j.core.AudioDecoderProvider}).
 * {@link AudioClip#read(java.nio.file.Path)} and {@link AudioClip#open(java.nio.file.Path)} consult the
 * providers, in class-path order, for any file that is not WAV, AIFF or AU, by the file's first bytes.
 * ser-core ships none; {@code ser-models} ships MP3, FLAC, Ogg Vorbis and Ogg Opus.
 *
 * <p>Thread-safety: implementations must be stateless or thread-safe: one instance serves every thread.
 */
public interface AudioDecoderProvider {

    /**
     * The format's name, for messages (for example {@code "FLAC"}).
     *
     * @return the name
     */
    String formatName();

    /**
     * The file-name extensions its files usually carry, lower case without the dot (for example
     * {@code "flac"}): what batch tools pick from folders. Decoding itself goes by the bytes.
     *
     * @return an unmodifiable set
     */
    java.util.Set<String> extensions();

    /**
     * Whether this provider decodes a file that starts with these bytes.
     *
     * @param head the file's first bytes: {@link AudioReader#SNIFF_BYTES} of them, or the whole file if
     *     it is shorter; never modified by ser4j after the call
     * @return true to be asked to {@link #open} it
     */
    boolean accepts(byte[] head);

    /**
     * Starts decoding. The returned stream reads {@code in} incrementally and closes it when closed.
     *
     * @param in the file's bytes from the first one (the bytes given to {@link #accepts} come again); it
     *     supports {@link InputStream#mark} for up to {@link AudioReader#SNIFF_BYTES} bytes
     * @param name the file's name, for messages
     * @return the stream, positioned at the first frame
     * @throws UnsupportedAudioException if the header is corrupt, truncated or describes audio the
     *     decoder does not support (the message names {@code name} and the reason)
     * @throws IOException if {@code in} cannot be read
     */
    DecodedStream open(InputStream in, String name) throws IOException;
}
