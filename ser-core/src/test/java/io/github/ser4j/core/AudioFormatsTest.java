package io.github.ser4j.core;

import static io.github.ser4j.core.TestAudio.chunk;
import static io.github.ser4j.core.TestAudio.chunkHeader;
import static io.github.ser4j.core.TestAudio.expectedMono;
import static io.github.ser4j.core.TestAudio.fmt;
import static io.github.ser4j.core.TestAudio.fmtExtensible;
import static io.github.ser4j.core.TestAudio.packFloats;
import static io.github.ser4j.core.TestAudio.packInts;
import static io.github.ser4j.core.TestAudio.randomFloats;
import static io.github.ser4j.core.TestAudio.randomInts;
import static io.github.ser4j.core.TestAudio.riffWave;
import static io.github.ser4j.core.TestAudio.writeWithAudioSystem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every supported file variant decodes to exactly the samples that were written: integer PCM to
 * {@code v / 2^(bits-1)}, float to itself, several channels to their mean.
 */
class AudioFormatsTest {

    @TempDir
    Path dir;

    private AudioClip readFile(String fileName, byte[] bytes) throws IOException {
        Path p = dir.resolve(fileName);
        Files.write(p, bytes);
        AudioClip fromFile = AudioClip.read(p);
        AudioClip fromStream = AudioClip.read(new ByteArrayInputStream(bytes));
        assertArrayEquals(fromFile.samples(), fromStream.samples(), "file and stream decode alike");
        return fromFile;
    }

    @ParameterizedTest(name = "{0} {1}-bit {2} ch {3} Hz")
    @CsvSource({
        "WAVE, 8, 1, 8000", "WAVE, 16, 1, 16000", "WAVE, 16, 2, 44100", "WAVE, 24, 2, 48000", "WAVE, 32, 1, 96000",
        "WAVE, 16, 6, 22050",
        "AIFF, 8, 1, 8000", "AIFF, 16, 2, 44100", "AIFF, 24, 1, 48000", "AIFF, 32, 3, 96000",
        "AU, 8, 1, 8000", "AU, 16, 2, 16000", "AU, 24, 4, 44100", "AU, 32, 1, 96000",
    })
    void integerPcmWrittenByJavaSoundRoundTripsExactly(String type, int bits, int channels, int rate) throws IOException {
        int frames = rate / 2;
        long[][] v = randomInts(frames, channels, bits, bits * 31L + channels);
        // WAV stores 8-bit unsigned little-endian, AIFF and AU signed big-endian.
        boolean wav = type.equals("WAVE");
        AudioFormat format = new AudioFormat(wav && bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED
                : AudioFormat.Encoding.PCM_SIGNED, rate, bits, channels, channels * bits / 8, rate, !wav);
        byte[] file = writeWithAudioSystem(new AudioFileFormat.Type(type, type.toLowerCase()), format,
                packInts(v, bits, !wav, wav && bits == 8));
        AudioClip clip = readFile("t." + type.toLowerCase(), file);
        assertEquals(rate, clip.sampleRateHz());
        assertArrayEquals(expectedMono(v, bits), clip.samples());
    }

    @ParameterizedTest(name = "{0} float{1}")
    @CsvSource({"WAVE, 32", "WAVE, 64", "AU, 32", "AU, 64"})
    void floatWrittenByJavaSoundRoundTripsExactly(String type, int bits) throws IOException {
        double[][] v = randomFloats(12000, 2, bits);
        boolean bigEndian = type.equals("AU");
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 24000, bits, 2, bits / 4, 24000, bigEndian);
        byte[] file = writeWithAudioSystem(new AudioFileFormat.Type(type, "x"), format, packFloats(v, bits, bigEndian));
        AudioClip clip = readFile("f.x", file);
        float[] expected = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            double a = bits == 32 ? (float) v[i][0] : v[i][0];
            double b = bits == 32 ? (float) v[i][1] : v[i][1];
            expected[i] = (float) ((a + b) / 2);
        }
        assertArrayEquals(expected, clip.samples());
    }

    @ParameterizedTest(name = "extensible {1}-in-{0} bits, {2} ch")
    @CsvSource({"16, 16, 1", "24, 24, 2", "32, 32, 1", "24, 20, 6"})
    void extensibleIntegerPcmRoundTripsExactly(int bits, int validBits, int channels) throws IOException {
        long[][] v = randomInts(24000, channels, bits, 7L * bits + validBits);
        // Valid bits are the most significant ones: clear the unused low bits as a writer would.
        long mask = -(1L << (bits - validBits));
        for (long[] frame : v) {
            for (int c = 0; c < frame.length; c++) {
                frame[c] &= mask;
            }
        }
        byte[] file = riffWave(chunk("fmt ", fmtExtensible(channels, 48000, bits, validBits, 1)),
                chunk("data", packInts(v, bits, false, false)));
        AudioClip clip = readFile("ext.wav", file);
        assertEquals(48000f, clip.sampleRateHz());
        assertArrayEquals(expectedMono(v, bits), clip.samples());
    }

    @Test
    void extensibleFloatRoundTripsExactly() throws IOException {
        double[][] v = randomFloats(8000, 1, 99);
        byte[] file = riffWave(chunk("fmt ", fmtExtensible(1, 16000, 32, 32, 3)), chunk("data", packFloats(v, 32, false)));
        float[] samples = readFile("extf.wav", file).samples();
        for (int i = 0; i < v.length; i++) {
            assertEquals((float) v[i][0], samples[i], "sample " + i);
        }
    }

    @Test
    void extraChunksBeforeFmtAndDataAreSkippedIncludingOddSizesAndLargeOnes() throws IOException {
        long[][] v = randomInts(8000, 2, 24, 5);
        byte[] bigList = new byte[200_001]; // larger than any mark limit javax.sound uses, and odd-sized
        Arrays.fill(bigList, (byte) 'x');
        byte[] file = riffWave(chunk("LIST", "INFOISFT\u0005\0\0\0Lavf\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                chunk("fmt ", fmtExtensible(2, 32000, 24, 24, 1)),
                chunk("fact", TestAudio.le32(8000)),
                chunk("LIST", bigList),
                chunk("data", packInts(v, 24, false, false)),
                chunk("id3 ", new byte[33]));
        AudioClip clip = readFile("list.wav", file);
        assertArrayEquals(expectedMono(v, 24), clip.samples());
    }

    @Test
    void floatWavWithLargeChunkBeforeFmtDecodes() throws IOException {
        // javax.sound's own float reader fails on this with "Resetting to invalid mark".
        double[][] v = randomFloats(4000, 1, 3);
        byte[] file = riffWave(chunk("bext", new byte[100_000]), chunk("fmt ", fmt(3, 1, 8000, 32)),
                chunk("data", packFloats(v, 32, false)));
        float[] samples = readFile("bext.wav", file).samples();
        assertEquals(4000, samples.length);
        assertEquals((float) v[1234][0], samples[1234]);
    }

    @Test
    void streamingWavWithUnknownDataSizeReadsToTheEnd() throws IOException {
        long[][] v = randomInts(8000, 1, 16, 11);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(riffWave(chunk("fmt ", fmt(1, 1, 16000, 16))));
        b.writeBytes(chunkHeader("data", 0xFFFF_FFFFL));
        b.writeBytes(packInts(v, 16, false, false));
        assertArrayEquals(expectedMono(v, 16), readFile("stream.wav", b.toByteArray()).samples());
    }

    @Test
    void fromAudioInputStreamDecodesLittleEndianSigned8BitAndBigEndianInput() throws IOException {
        long[][] v = randomInts(4000, 2, 8, 13);
        AudioFormat signed8 = new AudioFormat(8000, 8, 2, true, false);
        byte[] data = packInts(v, 8, false, false);
        AudioClip clip = AudioClip.from(new AudioInputStream(new ByteArrayInputStream(data), signed8, 4000));
        assertArrayEquals(expectedMono(v, 8), clip.samples());

        long[][] w = randomInts(4000, 1, 16, 17);
        AudioFormat be16 = new AudioFormat(8000, 16, 1, true, true);
        clip = AudioClip.from(new AudioInputStream(new ByteArrayInputStream(packInts(w, 16, true, false)), be16, 4000));
        assertArrayEquals(expectedMono(w, 16), clip.samples());
    }

    @Test
    void channelsAreMixedToTheirMean() throws IOException {
        // Channel 0 is a constant +0.5, channel 1 a constant -0.25, channel 2 zero: the mean is 1/12.
        long[][] v = new long[4000][3];
        for (long[] frame : v) {
            frame[0] = 16384;
            frame[1] = -8192;
        }
        byte[] file = riffWave(chunk("fmt ", fmt(1, 3, 8000, 16)), chunk("data", packInts(v, 16, false, false)));
        AudioClip clip = readFile("mix.wav", file);
        for (float s : clip.samples()) {
            assertEquals((float) (0.25 / 3), s);
        }
    }
}
