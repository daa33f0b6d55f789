package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.AudioReader;
import io.github.ser4j.core.UnsupportedAudioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

/**
 * The decoder plug-ins of ser-models, through ser-core's public API, against the committed fixtures of
 * {@code src/test/resources/audio} (see its README): lossless formats decode to the WAV they were made
 * from exactly; lossy ones to the reference decoder's output (lame, oggdec, opusdec) within the
 * differences two decoders of one codec show, with the same length, rate and channels.
 */
class AudioDecodersTest {

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(AudioDecodersTest.class.getResource("/audio/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signal-to-error ratio of {@code got} against {@code want}, in dB. */
    private static double snrDb(float[] got, float[] want) {
        double e = 0;
        double s = 0;
        for (int i = 0; i < want.length; i++) {
            e += (got[i] - want[i]) * (double) (got[i] - want[i]);
            s += want[i] * (double) want[i];
        }
        return 10 * Math.log10(s / Math.max(e, 1e-30));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"speech-stereo.flac, speech-stereo.wav, 16000, 2", "speech-mono-24bit-8k.flac, speech-mono-24bit-8k.wav, 8000, 1",
        "speech-stereo-wasted-bits.flac, speech-stereo-wasted-bits.wav, 16000, 2"})
    void flacDecodesExactly(String flac, String wav, float rate, int channels) throws IOException {
        List<AudioClip> got = AudioClip.readChannels(fixture(flac));
        List<AudioClip> want = AudioClip.readChannels(fixture(wav));
        assertEquals(channels, got.size());
        for (int c = 0; c < channels; c++) {
            assertEquals(rate, got.get(c).sampleRateHz());
            assertArrayEquals(want.get(c).samples(), got.get(c).samples(), "channel " + c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, reference decoding, rate, channels, minimum SNR against the reference in dB, start offset
        "speech-stereo.ogg, speech-stereo.ogg.wav, 16000, 2, 60, 0",
        "speech-mono.opus, speech-mono.opus.wav, 48000, 1, 40, 0",
        "speech-stereo.mp3, speech-stereo.mp3.wav, 16000, 2, 45, 0",
    })
    void lossyFormatsMatchTheReferenceDecoder(String file, String reference, float rate, int channels, double minSnr,
            int offset) throws IOException {
        List<AudioClip> got = AudioClip.readChannels(fixture(file));
        List<AudioClip> want = AudioClip.readChannels(fixture(reference));
        assertEquals(channels, got.size());
        for (int c = 0; c < channels; c++) {
            assertEquals(rate, got.get(c).sampleRateHz());
            assertEquals(want.get(c).length(), got.get(c).length(), "length of channel " + c);
            double snr = snrDb(Arrays.copyOfRange(got.get(c).samples(), offset, got.get(c).length()), want.get(c).samples());
            assertTrue(snr >= minSnr, file + " channel " + c + ": " + snr + " dB against the reference decoder");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"speech-stereo.flac", "speech-stereo.mp3", "speech-stereo.ogg", "speech-mono.opus"})
    void incrementalReadingGivesTheWholeReadsSamples(String file) throws IOException {
        float[] whole = AudioClip.read(fixture(file)).samples();
        float[] chunk = new float[333];
        float[] joined = new float[whole.length];
        int at = 0;
        try (AudioReader in = AudioClip.open(fixture(file))) {
            for (int n; (n = in.readMono(chunk)) >= 0; at += n) {
                System.arraycopy(chunk, 0, joined, at, n);
            }
            assertEquals(whole.length, in.framesRead());
        }
        assertEquals(whole.length, at);
        assertArrayEquals(whole, joined);
    }

    @Test
    void theFormatIsSniffedNotTakenFromTheName() throws IOException {
        Path p = dir.resolve("recording.wav");
        Files.write(p, bytes("speech-stereo.flac"));
        try (AudioReader in = AudioClip.open(p)) {
            assertEquals("FLAC", in.formatName());
        }
        assertEquals(AudioClip.read(fixture("speech-stereo.wav")).length(), AudioClip.read(p).length());
    }

    private UnsupportedAudioException rejected(byte[] file) throws IOException {
        Path p = dir.resolve("bad");
        Files.write(p, file);
        UnsupportedAudioException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(UnsupportedAudioException.class, () -> AudioClip.read(p)));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        return e;
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "'" + message + "' does not say '" + part + "'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "speech-stereo.flac | truncated FLAC data: STREAMINFO declares 16000 samples, the file holds",
        "speech-stereo.ogg  | truncated Ogg Vorbis: the file ends inside page",
        "speech-mono.opus   | truncated Ogg Opus: the file ends inside page",
        "speech-stereo.mp3  | truncated MP3 data: its LAME tag declares 16000 samples, the file holds",
    })
    void truncatedFilesAreRefused(String file, String reason) throws IOException {
        byte[] good = bytes(file);
        assertContains(rejected(Arrays.copyOf(good, good.length * 2 / 3)).getMessage(), reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "speech-stereo.flac | truncated FLAC header",
        "speech-stereo.ogg  | truncated Ogg: the file ends inside its first page",
        "speech-mono.opus   | truncated Ogg: the file ends inside its first page",
        "speech-stereo.mp3  | corrupt MP3",
    })
    void filesCutInsideTheirHeaderAreRefused(String file, String reason) throws IOException {
        assertContains(rejected(Arrays.copyOf(bytes(file), 30)).getMessage(), reason);
    }

    @Test
    void oggCutAtAPageBoundaryIsTruncatedNotShorter() throws IOException {
        byte[] good = bytes("speech-stereo.ogg");
        int lastPage = -1;
        for (int i = good.length - 4; i > 0; i--) {
            if (good[i] == 'O' && good[i + 1] == 'g' && good[i + 2] == 'g' && good[i + 3] == 'S') {
                lastPage = i;
                break;
            }
        }
        assertContains(rejected(Arrays.copyOf(good, lastPage)).getMessage(),
                "truncated Ogg Vorbis: the file ends after page");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "speech-stereo.flac | corrupt FLAC frame: frame CRC-16 mismatch after sample",
        "speech-stereo.ogg  | fails its CRC check",
        "speech-mono.opus   | fails its CRC check",
    })
    void corruptDataIsRefused(String file, String reason) throws IOException {
        byte[] bad = bytes(file);
        int at = bad.length / 2;
        bad[at] ^= 0x5A;
        bad[at + 1] ^= 0x3C;
        assertContains(rejected(bad).getMessage(), reason);
    }

    @Test
    void opusWithAMultichannelLayoutIsRefused() throws IOException {
        byte[] bad = bytes("speech-mono.opus");
        int head = 27 + (bad[26] & 0xFF);
        bad[head + 9] = 6;  // six channels
        bad[head + 18] = 1; // Vorbis channel order (family 1)
        fixCrc(bad, 0);
        assertContains(rejected(bad).getMessage(),
                "unsupported Ogg Opus channel layout: 6 channels with mapping family 1");
    }

    @Test
    void chainedOggIsRefused() throws IOException {
        byte[] one = bytes("speech-mono.opus");
        byte[] two = Arrays.copyOf(one, one.length * 2);
        System.arraycopy(one, 0, two, one.length, one.length);
        two[one.length + 14] ^= 1; // another serial number: a second logical stream
        fixCrc(two, one.length);
        // the first stream ends with its end-of-stream page, so the second is never reached: decodes
        assertEquals(48000, AudioClip.read(new ByteArrayInputStream(two)).length());
        byte[] mux = one.clone();
        int second = 27 + (mux[26] & 0xFF) + ((mux[27] & 0xFF)); // the second page starts after the first
        mux[second + 14] ^= 1;
        fixCrc(mux, second);
        assertContains(rejected(mux).getMessage(), "more than one logical stream");
    }

    /** Recomputes the CRC of the Ogg page at {@code page}. */
    private static void fixCrc(byte[] b, int page) {
        int segments = b[page + 26] & 0xFF;
        int size = 27 + segments;
        for (int i = 0; i < segments; i++) {
            size += b[page + 27 + i] & 0xFF;
        }
        for (int i = 22; i < 26; i++) {
            b[page + i] = 0;
        }
        int crc = OggPackets.crc(0, Arrays.copyOfRange(b, page, page + size), size);
        for (int i = 0; i < 4; i++) {
            b[page + 22 + i] = (byte) (crc >>> (8 * i));
        }
    }

    @Test
    void mp3SyncWordFollowedByJunkIsRefused() throws IOException {
        byte[] junk = new byte[4000];
        junk[0] = (byte) 0xFF;
        junk[1] = (byte) 0xFB;
        junk[2] = (byte) 0x90;
        assertContains(rejected(junk).getMessage(), "MP3");
    }

    /** An ID3v2 header declaring a 256 MB tag costs nothing: the tag is skipped, not buffered. */
    @Test
    void anId3TagDeclaringHundredsOfMegabytesIsSkippedNotAllocated() throws IOException {
        byte[] mp3 = bytes("speech-stereo.mp3");
        byte[] tagged = new byte[10 + mp3.length];
        byte[] header = {'I', 'D', '3', 4, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F};
        System.arraycopy(header, 0, tagged, 0, 10);
        System.arraycopy(mp3, 0, tagged, 10, mp3.length);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertContains(rejected(tagged).getMessage(), "truncated MP3: the file ends inside its 268435465-byte ID3v2 tag");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 32L << 20, allocated + " bytes allocated");
        // a real tag in front of the audio
        byte[] small = new byte[10 + 100 + mp3.length];
        System.arraycopy(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 100}, 0, small, 0, 10);
        System.arraycopy(mp3, 0, small, 110, mp3.length);
        assertEquals(AudioClip.read(fixture("speech-stereo.mp3")).length(), AudioClip.read(new ByteArrayInputStream(small)).length());
    }

    @Test
    void everyProviderIsFoundThroughServiceLoader() {
        List<String> names = new java.util.ArrayList<>();
        java.util.ServiceLoader.load(io.github.ser4j.core.AudioDecoderProvider.class).forEach(p -> names.add(p.formatName()));
        assertEquals(List.of("FLAC", "MP3", "Ogg Vorbis", "Ogg Opus"), names);
        java.util.Set<String> extensions = new java.util.TreeSet<>();
        java.util.ServiceLoader.load(io.github.ser4j.core.AudioDecoderProvider.class).forEach(p -> extensions.addAll(p.extensions()));
        assertEquals(java.util.Set.of("flac", "mp3", "oga", "ogg", "opus"), extensions);
        for (String f : List.of("speech-stereo.flac", "speech-stereo.mp3", "speech-stereo.ogg", "speech-mono.opus")) {
            assertTrue(extensions.contains(f.substring(f.lastIndexOf('.') + 1)), f);
        }
    }

    /** A stream that reports more data than it has must not hang the decoder. */
    @Test
    void aStreamThatStallsIsNotAHang() {
        byte[] head = Arrays.copyOf(bytes("speech-stereo.flac"), 200);
        InputStream stalling = new InputStream() {
            private int p;

            @Override
            public int read() {
                return p < head.length ? head[p++] & 0xFF : -1;
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(UnsupportedAudioException.class, () -> AudioClip.read(stalling)));
    }
}
