package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import java.io.IOException;
import java.io.InputStream;

/**
 * The benchmarks' input: a real RAVDESS speech recording shipped in the jar, looped to any length, so
 * every benchmark measures the same realistic signal.
 *
 * <p>Thread-safety: stateless.
 */
final class SpeechClips {

    private static final String SPEECH = "/bench/speech_03-01-05-02-01-01-01.wav";

    private SpeechClips() {
    }

    /** The speech clip (16 kHz) looped to {@code seconds}. */
    static AudioClip looped(int seconds) throws IOException {
        AudioClip speech;
        try (InputStream in = SpeechClips.class.getResourceAsStream(SPEECH)) {
            if (in == null) {
                throw new IOException("benchmark resource " + SPEECH + " is missing from the jar");
            }
            speech = AudioClip.read(in);
        }
        float[] src = speech.samples();
        float[] looped = new float[Math.round(seconds * speech.sampleRateHz())];
        for (int i = 0; i < looped.length; i++) {
            looped[i] = src[i % src.length];
        }
        return AudioClip.of(looped, speech.sampleRateHz());
    }
}
