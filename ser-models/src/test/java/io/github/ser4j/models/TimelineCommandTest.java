package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.UnsupportedAudioException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timeline}: the stream's events, read incrementally, past the whole-clip limit, with batch options. */
class TimelineCommandTest {

    @TempDir
    static Path tmp;
    static Path recording;
    /** The recording behind 650 s of room noise: longer than AudioClip.MAX_DURATION_SECONDS. */
    static Path longRecording;
    static final double LEAD_SECONDS = 650;

    static MainTest.Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ExtractorResolver.DEFAULT);
        return new MainTest.Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void recordings() throws Exception {
        float[] x = StreamCommandTest.buildRecording();
        recording = tmp.resolve("two-utterances.wav");
        TestAudio.writePcm16(recording, x, 16000);
        Random r = new Random(9);
        float[] lead = new float[(int) (LEAD_SECONDS * 16000)];
        for (int i = 0; i < lead.length; i++) {
            lead[i] = (float) (2e-5 * r.nextGaussian());
        }
        longRecording = tmp.resolve("long.wav");
        TestAudio.writePcm16(longRecording, StreamTimelineTest.concat(lead, x), 16000);
    }

    static List<Map<?, ?>> json(MainTest.Result r) {
        List<Map<?, ?>> out = new ArrayList<>();
        r.outLines().forEach(l -> out.add((Map<?, ?>) Json.parse(l)));
        return out;
    }

    @Test
    void eventsAreTheStreamsEventsWithThePathAndAClosingCount() {
        MainTest.Result stream = run("stream", "--json", "--hop", "0.32", recording.toString());
        MainTest.Result timeline = run("timeline", "--json", "--hop", "0.32", recording.toString());
        assertEquals(0, timeline.status(), timeline.err());
        List<Map<?, ?>> s = json(stream);
        List<Map<?, ?>> t = json(timeline);
        assertTrue(s.size() >= 4, stream.out());
        assertEquals(s.size() + 1, t.size());
        for (int i = 0; i < s.size(); i++) {
            Map<Object, Object> withoutPath = new LinkedHashMap<>(t.get(i));
            assertEquals(recording.toString(), withoutPath.remove("path"));
            assertEquals(s.get(i), withoutPath);
        }
        assertEquals(Map.of("path", recording.toString(), "events", (double) s.size()), t.get(s.size()));

        MainTest.Result text = run("timeline", "--hop", "0.32", recording.toString());
        assertEquals("path\tstart_s\tend_s\temotion\tconfidence\tsegment_end", text.outLines().get(0));
        MainTest.Result streamText = run("stream", "--hop", "0.32", recording.toString());
        for (int i = 1; i < text.outLines().size(); i++) {
            assertEquals(recording + "\t" + streamText.outLines().get(i), text.outLines().get(i));
        }
    }

    @Test
    void aRecordingPastTheWholeClipLimitRunsAndKeepsItsClock() throws Exception {
        assertThrows(UnsupportedAudioException.class, () -> AudioClip.read(longRecording), "over 600 s for read");
        MainTest.Result shortRun = run("timeline", "--json", recording.toString());
        MainTest.Result longRun = run("timeline", "--json", longRecording.toString());
        assertEquals(0, longRun.status(), longRun.err());
        List<Map<?, ?>> a = json(shortRun);
        List<Map<?, ?>> b = json(longRun);
        assertEquals(a.size(), b.size(), longRun.out());
        for (int i = 0; i + 1 < a.size(); i++) {
            assertEquals(((Number) a.get(i).get("start_s")).doubleValue() + LEAD_SECONDS,
                    ((Number) b.get(i).get("start_s")).doubleValue(), 0.021, "the same utterances, 650 s later");
            assertEquals(a.get(i).get("emotion"), b.get(i).get("emotion"));
        }
    }

    @Test
    void outResumesAFileWhoseTimelineWasCutOff() throws Exception {
        Path out = tmp.resolve("t.csv");
        Path junk = Files.writeString(tmp.resolve("junk.wav"), "nope");
        MainTest.Result first = run("timeline", "--out", out.toString(), recording.toString());
        assertEquals(0, first.status(), first.err());
        List<String> full = Files.readAllLines(out);
        assertTrue(full.get(0).startsWith("path,start_s,end_s,emotion,confidence,neutral,"), full.get(0));
        assertTrue(full.get(0).endsWith(",surprised,segment_end,events,error"), full.get(0));
        assertTrue(full.get(full.size() - 1).startsWith(recording + ",,,,,"), "the closing row");
        // cut it off after two events, mid-row: the file's timeline is unfinished
        Files.write(out, (String.join("\n", full.subList(0, 3)) + "\n" + full.get(3).substring(0, 10))
                .getBytes(StandardCharsets.UTF_8));
        MainTest.Result resumed = run("timeline", "--out", out.toString(), "--threads", "2", recording.toString(),
                junk.toString());
        assertEquals(1, resumed.status());
        List<String> after = Files.readAllLines(out);
        assertEquals(full, after.subList(0, full.size()), "redone from its start, not appended to the cut-off rows");
        assertEquals(full.size() + 1, after.size());
        assertTrue(after.get(full.size()).startsWith(junk + ",") && after.get(full.size()).contains("junk.wav"),
                after.get(full.size()));
    }

    @Test
    void theIncrementalReaderGivesWhatReadGives() throws Exception {
        Random r = new Random(3);
        int n = ChannelStreams.BLOCK_FRAMES + 12345; // more than one block
        for (int bits : new int[] {8, 16, 24, 32}) {
            for (int channels : new int[] {1, 2}) {
                for (AudioFileFormat.Type type : List.of(AudioFileFormat.Type.WAVE, AudioFileFormat.Type.AIFF,
                        AudioFileFormat.Type.AU)) {
                    if (bits != 16 && type == AudioFileFormat.Type.AU) {
                        continue;
                    }
                    boolean signed = !(bits == 8 && type == AudioFileFormat.Type.WAVE);
                    boolean big = type != AudioFileFormat.Type.WAVE;
                    byte[] pcm = new byte[n * channels * bits / 8];
                    r.nextBytes(pcm);
                    AudioFormat f = new AudioFormat(signed ? AudioFormat.Encoding.PCM_SIGNED : AudioFormat.Encoding.PCM_UNSIGNED,
                            22050f, bits, channels, channels * bits / 8, 22050f, big);
                    Path file = tmp.resolve("r" + bits + "-" + channels + "." + type.getExtension());
                    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), f, n)) {
                        AudioSystem.write(in, type, file.toFile());
                    }
                    float[] whole = AudioClip.read(file).samples();
                    float[] inc = readAll(file);
                    String what = type + " " + bits + "-bit " + channels + " ch";
                    assertEquals(whole.length, inc.length, what);
                    for (int i = 0; i < n; i++) {
                        assertEquals(whole[i], inc[i], 1e-6f, what + " sample " + i);
                    }
                }
            }
        }
        Path floats = tmp.resolve("f.wav");
        float[] x = TestAudio.tone(io.github.ser4j.core.Emotion.ANGRY, 16000, 0.5, 4);
        TestAudio.writeFloat32(floats, x, 16000);
        assertArrayEquals(AudioClip.read(floats).samples(), readAll(floats));

        UnsupportedAudioException junk = assertThrows(UnsupportedAudioException.class,
                () -> AudioClip.open(Files.writeString(tmp.resolve("j.wav"), "RIFF....WAVEjunk")));
        assertTrue(junk.getMessage().startsWith(tmp.resolve("j.wav").toString()), junk.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> AudioClip.open(tmp.resolve("none.wav")));
        Path truncated = tmp.resolve("cut.wav");
        byte[] all = Files.readAllBytes(floats);
        Files.write(truncated, Arrays.copyOf(all, all.length - 4 * 1000 - 2), StandardOpenOption.CREATE);
        UnsupportedAudioException cut = assertThrows(UnsupportedAudioException.class, () -> readAll(truncated));
        assertTrue(cut.getMessage().startsWith(truncated + ": truncated"), cut.getMessage());
    }

    static float[] readAll(Path file) throws Exception {
        try (io.github.ser4j.core.AudioReader in = AudioClip.open(file)) {
            float[] block = new float[ChannelStreams.BLOCK_FRAMES];
            float[] all = new float[0];
            for (int k = in.readMono(block); k >= 0; k = in.readMono(block)) {
                all = StreamTimelineTest.concat(all, Arrays.copyOf(block, k));
            }
            return all;
        }
    }
}
