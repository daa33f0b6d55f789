package io.github.ser4j.core;

import static io.github.ser4j.core.TestAudio.be32;
import static io.github.ser4j.core.TestAudio.chunk;
import static io.github.ser4j.core.TestAudio.chunkHeader;
import static io.github.ser4j.core.TestAudio.fmt;
import static io.github.ser4j.core.TestAudio.fmtExtensible;
import static io.github.ser4j.core.TestAudio.packFloats;
import static io.github.ser4j.core.TestAudio.riffWave;
import static io.github.ser4j.core.TestAudio.writeWithAudioSystem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a file can be bad gives an {@link UnsupportedAudioException} naming the file and the reason. */
class AudioErrorsTest {

    @TempDir
    Path dir;

    /** Writes {@code bytes} to {@code bad.wav}, reads it, and checks the message is "path: reason". */
    private void assertRejected(byte[] bytes, String reason) throws IOException {
        Path p = dir.resolve("bad.wav");
        Files.write(p, bytes);
        UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class, () -> AudioClip.read(p));
        assertEquals(p + ": " + reason, e.getMessage());
    }

    private static byte[] pcm16Wav(int rate, int frames) {
        return riffWave(chunk("fmt ", fmt(1, 1, rate, 16)), chunk("data", new byte[frames * 2]));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void missingFileIsNoSuchFileException() {
        Path p = dir.resolve("nowhere.wav");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AudioClip.read(p));
        assertEquals(p + ": no such audio file", e.getMessage());
    }

    @Test
    void directoryIsRejected() {
        UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class, () -> AudioClip.read(dir));
        assertEquals(dir + ": is a directory, not an audio file", e.getMessage());
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals("file must not be null",
                assertThrows(IllegalArgumentException.class, () -> AudioClip.read((Path) null)).getMessage());
        assertEquals("input stream must not be null",
                assertThrows(IllegalArgumentException.class, () -> AudioClip.read((InputStream) null)).getMessage());
        assertEquals("audio input stream must not be null",
                assertThrows(IllegalArgumentException.class, () -> AudioClip.from(null)).getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        assertRejected(new byte[0], "empty file, no audio data");
    }

    @Test
    void notAudio() throws IOException {
        assertRejected(ascii("hello, this is text"), "not audio: unrecognised content starting with bytes 68 65 6C 6C 6F 2C 20 74");
        assertRejected(concat(ascii("RIFF"), TestAudio.le32(4), ascii("AVI ")), "not audio: a RIFF file of type 'AVI ', not WAVE");
    }

    /**
     * The 26-byte MIDI file of issue 12 (one track declaring 0x7FFFFFF0 bytes): javax.sound's synthesiser
     * used to render it (2.1 GB allocated, 15 s). It is refused from its magic bytes, before javax.sound.
     */
    @Test
    void midiIsRefusedBeforeJavaSoundSynthesisesIt() throws IOException {
        byte[] midi = concat(ascii("MThd"), be32(6), new byte[] {0, 0, 0, 1, 0, 96},
                ascii("MTrk"), be32(0x7FFF_FFF0), new byte[] {0, (byte) 0xFF, 0x2F, 0});
        assertEquals(26, midi.length);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertRejected(midi,
                "MIDI (Standard MIDI File, a score for a synthesiser, not recorded sound) is not decoded by ser4j;"
                        + " convert it to WAV, AIFF or AU (PCM or float) first"));
        byte[] rmid = concat(ascii("RIFF"), TestAudio.le32(4 + midi.length + 8), ascii("RMID"), ascii("data"),
                TestAudio.le32(midi.length), midi);
        assertRejected(rmid, "MIDI (RIFF RMID, a score for a synthesiser, not recorded sound) is not decoded by ser4j;"
                + " convert it to WAV, AIFF or AU (PCM or float) first");
    }

    /** Only AIFF and AU reach javax.sound: a format it knows but ser4j does not name is still refused. */
    @Test
    void onlyAiffAndAuReachJavaSound() throws IOException {
        assertRejected(ascii("RMF-like bytes"), "not audio: unrecognised content starting with bytes 52 4D 46 2D 6C 69 6B 65");
    }

    @Test
    void streamErrorsNameTheStream() {
        UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class,
                () -> AudioClip.read(new java.io.ByteArrayInputStream(ascii("fLaC\0\0\0\""))));
        assertEquals("stream: FLAC is not decoded by ser4j without a decoder plug-in (add ser-models to the class path);"
                + " convert it to WAV, AIFF or AU (PCM or float) first", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "494433040000000000  | MP3 (ID3-tagged)        | true",
        "FFFB9064000000000000 | MP3                     | true",
        "FFF15080000000000000 | AAC (ADTS)              | false",
        "664C614300000022     | FLAC                    | true",
        "4F67675300020000     | Ogg (Vorbis or Opus)    | true",
        "0000002066747970     | MP4/M4A                 | false",
        "6361666600010000     | Core Audio Format (CAF) | false",
        "5246363400000000     | RF64 (64-bit WAV)       | false",
    })
    void foreignFormatsAreNamed(String hex, String format, boolean plugIn) throws IOException {
        byte[] head = Arrays.copyOf(HexFormat.of().parseHex(hex.trim()), 4000);
        assertRejected(head, format + " is not decoded by ser4j"
                + (plugIn ? " without a decoder plug-in (add ser-models to the class path)" : "")
                + "; convert it to WAV, AIFF or AU (PCM or float) first");
    }

    @ParameterizedTest(name = "tag {0}")
    @CsvSource({"2, 4, Microsoft ADPCM, 0x0002", "17, 4, IMA ADPCM, 0x0011",
        "85, 8, MP3, 0x0055", "49, 8, GSM 6.10, 0x0031", "353, 16, compressed, 0x0161"})
    void compressedWavEncodingsAreNamed(int tag, int bits, String name, String hex) throws IOException {
        byte[] file = riffWave(chunk("fmt ", fmt(tag, 1, 8000, bits)), chunk("data", new byte[8000]));
        assertRejected(file, "WAV with " + name + " data (format tag " + hex
                + ") is not decoded by ser4j; convert it to PCM or 32-bit float WAV first");
    }

    @Test
    void extensibleWithCompressedSubFormatIsNamed() throws IOException {
        byte[] file = riffWave(chunk("fmt ", fmtExtensible(1, 8000, 8, 8, 2)), chunk("data", new byte[8000]));
        assertRejected(file, "WAV with Microsoft ADPCM data (format tag 0x0002) is not decoded by ser4j; convert it to PCM or 32-bit float WAV first");
    }

    @Test
    void g711WavWithImpossibleLayoutIsRejected() throws IOException {
        assertRejected(riffWave(chunk("fmt ", fmt(7, 1, 8000, 16)), chunk("data", new byte[8000])),
                "16-bit mu-law WAV is not supported; G.711 codes are 8 bits");
        byte[] fmt = fmt(6, 2, 8000, 8);
        fmt[12] = 4; // block align 4 for two 8-bit channels
        assertRejected(riffWave(chunk("fmt ", fmt), chunk("data", new byte[8000])),
                "malformed header: block align 4 bytes does not match 2 channels of 8-bit A-law");
    }

    @Test
    void truncatedWavHeader() throws IOException {
        byte[] full = pcm16Wav(16000, 8000);
        assertRejected(Arrays.copyOf(full, 8), "truncated header: the file ends inside or before the RIFF header");
        assertRejected(Arrays.copyOf(full, 20), "truncated header: the file ends inside or before the 'fmt ' chunk");
        assertRejected(Arrays.copyOf(full, 40), "truncated header: the file ends inside or before the 'data' chunk");
        byte[] listPastEnd = concat(riffWave(chunk("fmt ", fmt(1, 1, 16000, 16))), chunkHeader("LIST", 5000), new byte[100]);
        assertRejected(listPastEnd, "truncated header: the file ends inside the 'LIST' chunk");
    }

    @Test
    void truncatedAiffAndAuHeaders() throws IOException {
        AudioFormat f = new AudioFormat(16000, 16, 1, true, true);
        byte[] aiff = writeWithAudioSystem(AudioFileFormat.Type.AIFF, f, new byte[16000]);
        assertRejected(Arrays.copyOf(aiff, 30), "truncated header: the file ends before its AIFF header does");
        byte[] au = writeWithAudioSystem(AudioFileFormat.Type.AU, f, new byte[16000]);
        assertRejected(Arrays.copyOf(au, 20), "truncated header: the file ends before its AU header does");
    }

    @ParameterizedTest(name = "AIFF-C {0}")
    @CsvSource({"sowt", "ima4", "fl32"})
    void compressedAiffCIsNamed(String compression) throws IOException {
        byte[] comm = concat(new byte[] {0, 1}, be32(8000), new byte[] {0, 16},
                HexFormat.of().parseHex("400CFA00000000000000"), ascii(compression), new byte[] {0, 0});
        byte[] ssnd = new byte[16008];
        byte[] body = concat(ascii("AIFC"), ascii("FVER"), be32(4), be32(0xA2805140L),
                ascii("COMM"), be32(comm.length), comm, ascii("SSND"), be32(ssnd.length), ssnd);
        assertRejected(concat(ascii("FORM"), be32(body.length), body), "AIFF-C with '" + compression
                + "' compression is not decoded by ser4j; convert it to WAV, AIFF or AU (PCM or float) first");
    }

    @Test
    void malformedAiffHeader() throws IOException {
        byte[] garbage = new byte[5000];
        Arrays.fill(garbage, (byte) 0x55);
        assertRejected(concat(ascii("FORM"), be32(5000), ascii("AIFF"), garbage), "malformed AIFF header");
    }

    @Test
    void malformedWavHeaders() throws IOException {
        byte[] data = chunk("data", new byte[16000]);
        assertRejected(riffWave(data, chunk("fmt ", fmt(1, 1, 16000, 16))),
                "malformed header: 'data' chunk at byte 12 comes before the 'fmt ' chunk");
        assertRejected(riffWave(chunk("fmt ", new byte[14]), data), "malformed header: 'fmt ' chunk is 14 bytes, at least 16 are needed");
        assertRejected(riffWave(chunk("fmt ", fmt(1, 0, 16000, 16)), data), "malformed header: channel count is 0");
        assertRejected(riffWave(chunk("fmt ", fmt(1, 1, 0, 16)), data), "malformed header: sample rate is 0 Hz");
        byte[] badAlign = fmt(1, 2, 16000, 16);
        badAlign[12] = 3;
        assertRejected(riffWave(chunk("fmt ", badAlign), data),
                "malformed header: block align 3 bytes does not match 2 channels of 16 bits");
        assertRejected(riffWave(chunk("fmt ", fmt(1, 1, 16000, 12)), data), "12-bit PCM WAV is not supported; use 8, 16, 24 or 32 bits");
        assertRejected(riffWave(chunk("fmt ", fmt(3, 1, 16000, 16)), data), "16-bit float WAV is not supported; use 32 or 64 bits");
        assertRejected(riffWave(chunk("fmt ", Arrays.copyOf(fmtExtensible(1, 16000, 16, 16, 1), 20)), data),
                "malformed header: WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is 20 bytes, 40 are needed");
        assertRejected(riffWave(chunk("fmt ", fmtExtensible(1, 16000, 16, 24, 1)), data),
                "malformed header: 24 valid bits in a 16-bit container");
    }

    @Test
    void sampleRateOutsideTheLimits() throws IOException {
        assertRejected(pcm16Wav(500, 4000), "sample rate 500.0 Hz is outside 1000.0 to 384000.0 Hz");
        assertRejected(pcm16Wav(1_000_000, 400_000), "sample rate 1000000.0 Hz is outside 1000.0 to 384000.0 Hz");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] file = concat(riffWave(chunk("fmt ", fmt(1, 1, 16000, 16))), chunkHeader("data", 32000), new byte[16001]);
        assertRejected(file, "truncated data: the header declares 16000 frames, the file holds 8000");
    }

    @Test
    void zeroSamples() throws IOException {
        assertRejected(pcm16Wav(16000, 0), "no audio samples (zero frames)");
    }

    @Test
    void tooShort() throws IOException {
        assertRejected(pcm16Wav(16000, 3999), "clip is too short: 3999 samples at 16000 Hz is 0.2499 s, the minimum is 0.25 s");
        assertRejected(pcm16Wav(8000, 1), "clip is too short: 1 samples at 8000 Hz is 0.0001 s, the minimum is 0.25 s");
    }

    @Test
    void nonFiniteFloatSample() throws IOException {
        double[][] v = new double[8000][1];
        v[5][0] = Double.NaN;
        v[6][0] = Double.POSITIVE_INFINITY;
        byte[] file = riffWave(chunk("fmt ", fmt(3, 1, 16000, 32)), chunk("data", packFloats(v, 32, false)));
        assertRejected(file, "sample 5 is not a finite number (NaN)");
    }

    @Test
    void headerClaimingTwoToThe31FramesFailsFastWithoutAllocating() throws IOException {
        // 8-bit mono: a data size of 2^31 bytes is 2^31 frames; only a few bytes follow.
        byte[] wav = concat(riffWave(chunk("fmt ", fmt(1, 1, 16000, 8))), chunkHeader("data", 1L << 31), new byte[64]);
        assertRejected(wav, "134217.7 s of audio is longer than the 600 s limit; stream longer audio");

        // AIFF: COMM declares 2^31 frames of 8-bit mono at 8 kHz.
        AudioFormat f = new AudioFormat(8000, 8, 1, true, true);
        byte[] aiff = writeWithAudioSystem(AudioFileFormat.Type.AIFF, f, new byte[8000]);
        byte[] frames = be32(1L << 31);
        System.arraycopy(frames, 0, aiff, 22, 4); // FORM(12) + COMM header(8) + channels(2)
        assertRejected(aiff, "268435.5 s of audio is longer than the 600 s limit; stream longer audio");
    }

    @Test
    void headerClaimingJustUnderTheLimitCostsOnlyWhatTheFileHolds() throws IOException {
        // 599 s of 8-bit mono at 384 kHz would be 230 M floats (920 MB); the file holds 16 KB.
        long claimed = 599L * 384_000;
        byte[] wav = concat(riffWave(chunk("fmt ", fmt(1, 1, 384_000, 8))), chunkHeader("data", claimed), new byte[16384]);
        Path p = dir.resolve("liar.wav");
        Files.write(p, wav);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class, () -> AudioClip.read(p));
        UnsupportedAudioException fromStream = assertThrows(UnsupportedAudioException.class,
                () -> AudioClip.read(new java.io.ByteArrayInputStream(wav)));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(p + ": truncated data: the header declares 230016000 frames, the file holds 16384", e.getMessage());
        assertEquals("stream: truncated data: the header declares 230016000 frames, the file holds 16384", fromStream.getMessage());
        assertTrue(allocated < 32L << 20, "reading a lying header allocated " + allocated + " bytes");
    }

    @Test
    void endlessStreamStopsAtTheLimitInsteadOfHangingOrExhaustingMemory() {
        byte[] header = concat(riffWave(chunk("fmt ", fmt(1, 1, 8000, 8))), chunkHeader("data", 0xFFFF_FFFFL));
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0x80;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 0x80);
                return len;
            }
        };
        UnsupportedAudioException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                UnsupportedAudioException.class,
                () -> AudioClip.read(new SequenceInputStream(new java.io.ByteArrayInputStream(header), endless))));
        assertEquals("stream: audio is longer than the 600 s limit; stream longer audio", e.getMessage());
    }

    @Test
    void fromRejectsUndecodedEncodingsAndTooLongDeclaredLength() {
        AudioFormat gsm = new AudioFormat(new AudioFormat.Encoding("GSM0610"), 8000, 8, 1, 1, 8000, false);
        UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class,
                () -> AudioClip.from(new AudioInputStream(new java.io.ByteArrayInputStream(new byte[8000]), gsm, 8000)));
        assertEquals("audio stream: encoding GSM0610 is not decoded by ser4j; supported: PCM 8/16/24/32-bit integer,"
                + " 32/64-bit float, mu-law and A-law", e.getMessage());
        AudioFormat pcm = new AudioFormat(8000, 16, 1, true, false);
        e = assertThrows(UnsupportedAudioException.class,
                () -> AudioClip.from(new AudioInputStream(new java.io.ByteArrayInputStream(new byte[8]), pcm, 1L << 40)));
        assertEquals("audio stream: 137438953.5 s of audio is longer than the 600 s limit; stream longer audio", e.getMessage());
    }
}
