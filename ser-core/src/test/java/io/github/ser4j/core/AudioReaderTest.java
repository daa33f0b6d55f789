package io.github.ser4j.core;

import static io.github.ser4j.core.TestAudio.chunk;
import static io.github.ser4j.core.TestAudio.fmt;
import static io.github.ser4j.core.TestAudio.packInts;
import static io.github.ser4j.core.TestAudio.randomInts;
import static io.github.ser4j.core.TestAudio.riffWave;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The incremental reader, readChannels, and what ser4j does about decoder plug-ins that misbehave. */
class AudioReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @ParameterizedTest(name = "{0} channels, {1} bits, chunk {2}")
    @CsvSource({"1, 16, 1", "2, 24, 1000", "3, 32, 4097", "2, 8, 7"})
    void chunkedReadingEqualsTheWholeRead(int channels, int bits, int chunk) throws IOException {
        long[][] v = randomInts(9000, channels, bits, channels * 31L + bits);
        Path p = write("x.wav", riffWave(chunk("fmt ", fmt(1, channels, 16000, bits)),
                chunk("data", packInts(v, bits, false, true))));
        float[] whole = AudioClip.read(p).samples();
        List<AudioClip> split = AudioClip.readChannels(p);
        float[] mono = new float[whole.length];
        float[][] perChannel = new float[channels][whole.length];
        try (AudioReader mixed = AudioClip.open(p); AudioReader raw = AudioClip.open(p)) {
            assertEquals(channels, raw.channels());
            assertEquals(16000f, raw.sampleRateHz());
            assertEquals(9000, raw.frameLength());
            assertEquals("WAV", raw.formatName());
            float[] buf = new float[chunk];
            int at = 0;
            for (int n; (n = mixed.readMono(buf)) >= 0; at += n) {
                assertTrue(n >= 1 && n <= chunk);
                System.arraycopy(buf, 0, mono, at, n);
            }
            assertEquals(9000, at);
            float[] inter = new float[chunk * channels];
            at = 0;
            for (int n; (n = raw.read(inter)) >= 0; at += n) {
                for (int f = 0; f < n; f++) {
                    for (int c = 0; c < channels; c++) {
                        perChannel[c][at + f] = inter[f * channels + c];
                    }
                }
            }
            assertEquals(-1, raw.read(inter), "stays at the end");
        }
        assertArrayEquals(whole, mono);
        double scale = 1.0 / (1L << (bits - 1));
        for (int c = 0; c < channels; c++) {
            float[] expected = new float[9000];
            for (int f = 0; f < 9000; f++) {
                expected[f] = (float) (v[f][c] * scale);
            }
            assertArrayEquals(expected, split.get(c).samples(), "channel " + c);
            assertArrayEquals(expected, perChannel[c], "interleaved channel " + c);
        }
    }

    @Test
    void openHasNoDurationLimit() throws IOException {
        // 601 s of 8-bit mono at 1 kHz: too long for a clip, fine for a reader.
        byte[] data = new byte[601_000];
        Arrays.fill(data, (byte) 0x80);
        Path p = write("long.wav", riffWave(chunk("fmt ", fmt(1, 1, 1000, 8)), chunk("data", data)));
        assertTrue(assertThrows(UnsupportedAudioException.class, () -> AudioClip.read(p)).getMessage()
                .contains("longer than the 600 s limit"));
        long frames = 0;
        try (AudioReader in = AudioClip.open(p)) {
            float[] buf = new float[4096];
            for (int n; (n = in.readMono(buf)) >= 0; ) {
                frames += n;
            }
        }
        assertEquals(601_000, frames);
    }

    @Test
    void bufferMustHoldWholeFrames() throws IOException {
        Path p = write("s.wav", riffWave(chunk("fmt ", fmt(1, 2, 8000, 16)), chunk("data", new byte[16000])));
        try (AudioReader in = AudioClip.open(p)) {
            assertEquals("buffer length must be a positive multiple of 2 channels, got 3",
                    assertThrows(IllegalArgumentException.class, () -> in.read(new float[3])).getMessage());
        }
        assertEquals("name must not be null", assertThrows(IllegalArgumentException.class,
                () -> AudioClip.open(new ByteArrayInputStream(new byte[4]), null)).getMessage());
    }

    private static byte[] test(String mode) {
        return Arrays.copyOf(("TEST" + mode).getBytes(StandardCharsets.ISO_8859_1), 64);
    }

    @Test
    void aPlugInDecodesThroughTheSameApi() throws IOException {
        Path p = write("tone.test", test("good"));
        List<AudioClip> channels = AudioClip.readChannels(p);
        assertEquals(2, channels.size());
        assertEquals(8000, channels.get(0).length());
        assertEquals(-channels.get(0).sample(5), channels.get(1).sample(5));
        assertEquals(0f, AudioClip.read(p).sample(5), 1e-7f); // the channels cancel in the mono mix
        try (AudioReader in = AudioClip.open(p)) {
            assertEquals("TEST", in.formatName());
        }
        assertEquals(java.util.Set.of("test"), AudioDecoder.pluginExtensions());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "boom | corrupt TEST data (TEST decoder failed: java.lang.ArrayIndexOutOfBoundsException: Index 9 out of bounds for length 9)",
        "open | corrupt TEST header (TEST decoder failed: java.lang.IllegalStateException: broken header parser)",
        "stal | the TEST decoder made no progress in 10000 reads; the data is corrupt",
        "many | the TEST decoder returned 8193 frames for a buffer of 8192",
        "nan! | sample 0 is not a finite number (NaN)",
    })
    void aMisbehavingPlugInIsAnUnsupportedAudioExceptionNamingTheFile(String mode, String reason) throws IOException {
        Path p = write("bad.test", test(mode));
        UnsupportedAudioException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(UnsupportedAudioException.class, () -> AudioClip.read(p)));
        assertEquals(p + ": " + reason, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"boom", "stal"})
    void streamsNameTheGivenName(String mode) {
        UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class, () -> {
            try (AudioReader in = AudioClip.open(new ByteArrayInputStream(test(mode)), "upload-7")) {
                in.readMono(new float[100]);
            }
        });
        assertTrue(e.getMessage().startsWith("upload-7: "), e.getMessage());
    }
}
