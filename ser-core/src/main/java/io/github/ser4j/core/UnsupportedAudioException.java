package io.github.ser4j.core;

import java.io.IOException;

/**
 * Audio that ser4j cannot read: not audio at all, a truncated header or data section, an encoding it
 * does not decode (MP3, FLAC, Ogg, ADPCM…), no samples, or a clip outside the documented limits. The
 * message names the source (file name, or {@code "stream"}) and the reason.
 *
 * <p>Thread-safety: immutable after construction, like every exception.
 */
public class UnsupportedAudioException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the source and what is wrong with it
     */
    public UnsupportedAudioException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying cause.
     *
     * @param message names the source and what is wrong with it
     * @param cause the error reported by the decoder
     */
    public UnsupportedAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
