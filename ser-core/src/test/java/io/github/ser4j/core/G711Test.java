package io.github.ser4j.core;

import static io.github.ser4j.core.TestAudio.chunk;
import static io.github.ser4j.core.TestAudio.fmt;
import static io.github.ser4j.core.TestAudio.fmtExtensible;
import static io.github.ser4j.core.TestAudio.riffWave;
import static io.github.ser4j.core.TestAudio.writeWithAudioSystem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G.711 against independent references: values printed in ITU-T G.711's tables, and the JDK's own
 * mu-law/A-law codecs (javax.sound's format converters, a separate implementation) for every code and
 * every 16-bit input.
 */
class G711Test {

    @TempDir
    Path dir;

    private static AudioFormat law(boolean mu) {
        return new AudioFormat(mu ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, false);
    }

    private static final AudioFormat PCM16_LE = new AudioFormat(8000, 16, 1, true, false);

    /** The JDK's decoding of all 256 codes, as 16-bit values. */
    private static short[] jdkDecode(boolean mu) throws IOException {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(codes), law(mu), 256);
        byte[] pcm = AudioSystem.getAudioInputStream(PCM16_LE, in).readAllBytes();
        short[] out = new short[256];
        for (int i = 0; i < 256; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
        }
        return out;
    }

    @ParameterizedTest(name = "mu-law {0}")
    @ValueSource(booleans = {true, false})
    void decodesEveryCodeAsTheJdkCodecDoes(boolean mu) throws IOException {
        short[] jdk = jdkDecode(mu);
        for (int c = 0; c < 256; c++) {
            short ours = mu ? G711.muLawToLinear((byte) c) : G711.aLawToLinear((byte) c);
            assertEquals(jdk[c], ours, "code " + c);
        }
    }

    /**
     * The G.711 quantiser (Recommendation G.711, the decision intervals of Tables 1a and 2a): every input
     * within the range of the levels is encoded as a code whose decision interval holds it, so it lies
     * within half a step of the code's reconstruction level (steps double from segment to segment), plus
     * the 14-bit (mu-law) or 13-bit (A-law) input resolution the Recommendation quantises at.
     */
    @ParameterizedTest(name = "mu-law {0}")
    @ValueSource(booleans = {true, false})
    void encodesEvery16BitValueIntoItsDecisionInterval(boolean mu) {
        int max = mu ? 32124 : 32256;
        for (int v = -max; v <= max; v++) {
            byte code = mu ? G711.linearToMuLaw((short) v) : G711.linearToALaw((short) v);
            int level = mu ? G711.muLawToLinear(code) : G711.aLawToLinear(code);
            int exponent = ((mu ? ~code : code ^ 0x55) >> 4) & 0x07;
            int halfStep = mu ? 4 << exponent : 8 << Math.max(exponent - 1, 0);
            int resolution = mu ? 4 : 8;
            assertTrue(Math.abs(level - v) <= halfStep + resolution,
                    "input " + v + " encoded as level " + level + ", half step " + halfStep);
            assertTrue(Integer.signum(level) * Integer.signum(v) >= 0, "input " + v + " changed sign: " + level);
        }
        // Beyond the largest level: clipped to it.
        assertEquals(max, mu ? G711.muLawToLinear(G711.linearToMuLaw(Short.MAX_VALUE))
                : G711.aLawToLinear(G711.linearToALaw(Short.MAX_VALUE)));
    }

    /** Encoding is monotone: a larger input never gets a smaller level. */
    @ParameterizedTest(name = "mu-law {0}")
    @ValueSource(booleans = {true, false})
    void encodingIsMonotone(boolean mu) {
        int previous = Integer.MIN_VALUE;
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            byte code = mu ? G711.linearToMuLaw((short) v) : G711.linearToALaw((short) v);
            int level = mu ? G711.muLawToLinear(code) : G711.aLawToLinear(code);
            assertTrue(level >= previous, "input " + v);
            previous = level;
        }
    }

    /** Values from ITU-T G.711 Tables 1 and 2 (decoder outputs at the ends of segments), in 16-bit units. */
    @ParameterizedTest(name = "{0} code {1}")
    @CsvSource({
        // mu-law, transmitted codes: 0xFF is +0, 0x80 is the largest positive (8031 in 14-bit units × 4)
        "mu, FF, 0", "mu, 7F, 0", "mu, 80, 32124", "mu, 00, -32124", "mu, FE, 8", "mu, EF, 132", "mu, 8F, 16764",
        // A-law, transmitted codes: 0xD5 is the smallest positive (1 in 12-bit units × 8 + half step), 0xAA the largest
        "a, D5, 8", "a, 55, -8", "a, AA, 32256", "a, 2A, -32256", "a, D4, 24", "a, C5, 264",
    })
    void matchesTheRecommendationsTables(String law, String hex, int linear) {
        byte code = (byte) Integer.parseInt(hex, 16);
        assertEquals(linear, law.equals("mu") ? G711.muLawToLinear(code) : G711.aLawToLinear(code));
    }

    @Test
    void decodingIsAFixedPointOfEncoding() {
        for (int c = 0; c < 256; c++) {
            short mu = G711.muLawToLinear((byte) c);
            short a = G711.aLawToLinear((byte) c);
            assertEquals(mu, G711.muLawToLinear(G711.linearToMuLaw(mu)), "mu-law code " + c);
            assertEquals(a, G711.aLawToLinear(G711.linearToALaw(a)), "A-law code " + c);
        }
        float[] x = {0f, 0.5f, -0.5f, 1.5f, -1.5f, Float.NaN};
        float[] mu = G711.decodeMuLaw(G711.encodeMuLaw(x));
        assertEquals(G711.muLawToLinear(G711.linearToMuLaw((short) 16384)) / 32768f, mu[1]);
        assertEquals(32124 / 32768f, mu[3]); // clipped to the largest code
        assertEquals(-32256 / 32768f, G711.decodeALaw(G711.encodeALaw(x))[4]);
        assertEquals(0f, mu[5]);
    }

    private static byte[] randomCodes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static float[] decoded(byte[] codes, boolean mu) {
        return mu ? G711.decodeMuLaw(codes) : G711.decodeALaw(codes);
    }

    @ParameterizedTest(name = "tag {0}, extensible {1}")
    @CsvSource({"7, false", "6, false", "7, true", "6, true"})
    void wavG711Decodes(int tag, boolean extensible) throws IOException {
        byte[] codes = randomCodes(4000, tag);
        byte[] fmt = extensible ? fmtExtensible(1, 8000, 8, 8, tag) : fmt(tag, 1, 8000, 8);
        Path p = dir.resolve("call.wav");
        Files.write(p, riffWave(chunk("fmt ", fmt), chunk("data", codes)));
        AudioClip clip = AudioClip.read(p);
        assertEquals(8000f, clip.sampleRateHz());
        assertArrayEquals(decoded(codes, tag == 7), clip.samples());
    }

    @ParameterizedTest(name = "mu-law {0}")
    @ValueSource(booleans = {true, false})
    void auG711WrittenByTheJdkDecodes(boolean mu) throws IOException {
        byte[] codes = randomCodes(4000, mu ? 1 : 2);
        AudioFormat f = new AudioFormat(mu ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, true);
        Path p = dir.resolve("call.au");
        Files.write(p, writeWithAudioSystem(AudioFileFormat.Type.AU, f, codes));
        assertArrayEquals(decoded(codes, mu), AudioClip.read(p).samples());
    }

    @Test
    void stereoMuLawCallSplitsIntoChannels() throws IOException {
        byte[] codes = randomCodes(8000 * 2, 3);
        Path p = dir.resolve("stereo.wav");
        Files.write(p, riffWave(chunk("fmt ", fmt(7, 2, 8000, 8)), chunk("data", codes)));
        List<AudioClip> channels = AudioClip.readChannels(p);
        assertEquals(2, channels.size());
        float[] all = G711.decodeMuLaw(codes);
        float[] mono = AudioClip.read(p).samples();
        for (int i = 0; i < 8000; i++) {
            assertEquals(all[2 * i], channels.get(0).sample(i), "left " + i);
            assertEquals(all[2 * i + 1], channels.get(1).sample(i), "right " + i);
            assertEquals((float) (((double) all[2 * i] + all[2 * i + 1]) / 2), mono[i], "mono " + i);
        }
    }
}
