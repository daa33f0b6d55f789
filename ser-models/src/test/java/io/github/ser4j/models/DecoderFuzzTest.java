package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.AudioReader;
import io.github.ser4j.core.UnsupportedAudioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Jazzer fuzz test of the audio reader through the decoder plug-ins (WAV, AIFF, AU, G.711, FLAC, MP3, Ogg
 * Vorbis, Ogg Opus): any input either decodes or fails with an {@link UnsupportedAudioException} naming
 * the stream; any other exception, a hang or an out-of-memory error is a finding. In {@code mvn verify}
 * it runs only the committed inputs in {@code DecoderFuzzTestInputs/decodeAnything} (one seed per format,
 * and what longer runs kept); fuzz with {@code JAZZER_FUZZ=1} (see the README's "Decoders").
 */
class DecoderFuzzTest {

    /** Frames decoded per input at most, so that one input costs bounded time (about 2 s of 48 kHz). */
    private static final int MAX_FRAMES = 100_000;

    @FuzzTest(maxDuration = "10m")
    void decodeAnything(byte[] data) throws IOException {
        try (AudioReader in = AudioClip.open(new ByteArrayInputStream(data), "fuzz")) {
            float[] buf = new float[1024 * in.channels()];
            long frames = 0;
            for (int n; frames < MAX_FRAMES && (n = in.read(buf)) >= 0; ) {
                frames += n;
            }
        } catch (UnsupportedAudioException e) {
            assertTrue(e.getMessage().startsWith("fuzz: "), e.getMessage());
        }
        try {
            if (data.length < 200_000) {
                AudioClip.read(new ByteArrayInputStream(data));
            }
        } catch (UnsupportedAudioException e) {
            assertTrue(e.getMessage().startsWith("stream: "), e.getMessage());
        }
    }
}
