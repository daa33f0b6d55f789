package io.github.ser4j.core;

import static io.github.ser4j.core.TestAudio.chunk;
import static io.github.ser4j.core.TestAudio.fmt;
import static io.github.ser4j.core.TestAudio.fmtExtensible;
import static io.github.ser4j.core.TestAudio.riffWave;
import static io.github.ser4j.core.TestAudio.writeWithAudioSystem;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged headers and cut files, from a fixed seed: each either decodes or fails with an
 * {@link UnsupportedAudioException} that names the stream; never another exception, a hang or an
 * out-of-memory error.
 */
class AudioFuzzTest {

    private static final int CASES = 400;

    private static byte[] base(String kind) throws IOException {
        switch (kind) {
            case "wav16":
                return riffWave(chunk("fmt ", fmt(1, 2, 16000, 16)), chunk("LIST", new byte[21]),
                        chunk("data", new byte[16000 * 2]));
            case "wavExt24":
                return riffWave(chunk("fmt ", fmtExtensible(2, 8000, 24, 24, 1)), chunk("data", new byte[8000 * 6]));
            case "wavMuLaw":
                return riffWave(chunk("fmt ", fmt(7, 2, 8000, 8)), chunk("data", new byte[8000 * 2]));
            case "auALaw":
                return writeWithAudioSystem(AudioFileFormat.Type.AU,
                        new AudioFormat(AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, true), new byte[8000]);
            case "wavFloat":
                return riffWave(chunk("fmt ", fmt(3, 1, 8000, 32)), chunk("data", new byte[8000 * 4]));
            case "aiff":
                return writeWithAudioSystem(AudioFileFormat.Type.AIFF, new AudioFormat(8000, 16, 2, true, true),
                        new byte[8000 * 4]);
            case "au":
                return writeWithAudioSystem(AudioFileFormat.Type.AU, new AudioFormat(8000, 16, 1, true, true),
                        new byte[8000 * 2]);
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wav16", "wavExt24", "wavMuLaw", "auALaw", "wavFloat", "aiff", "au"})
    void damagedFilesFailCleanly(String kind) throws IOException {
        byte[] good = base(kind);
        Random r = new Random(kind.hashCode());
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int c = 0; c < CASES; c++) {
                byte[] bad = good.clone();
                int headerEnd = Math.min(80, bad.length);
                if (r.nextInt(4) == 0) {
                    bad = Arrays.copyOf(bad, r.nextInt(good.length));
                } else {
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        int at = r.nextInt(headerEnd);
                        bad[at] = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) (r.nextBoolean() ? 0xFF : 0x00);
                    }
                }
                try {
                    AudioClip.read(new ByteArrayInputStream(bad));
                    outcome[0]++;
                } catch (UnsupportedAudioException e) {
                    assertTrue(e.getMessage().startsWith("stream: "), e.getMessage());
                    outcome[1]++;
                } catch (Throwable t) {
                    fail("case " + c + " of " + kind + " threw " + t + " for bytes "
                            + HexFormat.of().formatHex(bad, 0, Math.min(bad.length, 80)), t);
                }
            }
        });
        assertTrue(outcome[1] > 0, "some damaged files must be rejected");
    }
}
