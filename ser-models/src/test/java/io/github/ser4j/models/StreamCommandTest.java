package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCommandTest {

    @TempDir
    static Path tmp;
    /** Two trimmed demo clips with silences: speech at [1.0, 1.0 + d0] and [2.5 + d0, 2.5 + d0 + d1]. */
    static Path recording;
    static float[] samples;
    static double[][] speech = new double[2][];

    record Result(int status, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }
    }

    static Result run(StreamCommand.Microphone mic, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "stream";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, new CliCommand.Context(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ExtractorResolver.DEFAULT,
                mic == null ? StreamCommand.DEFAULT_MICROPHONE : mic));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) {
        return run(null, args);
    }

    @BeforeAll
    static void writeRecording() throws Exception {
        samples = buildRecording();
        recording = tmp.resolve("two-utterances.wav");
        TestAudio.writePcm16(recording, samples, 16000);
    }

    /** The two utterances with their silences (and their places in {@link #speech}). */
    static float[] buildRecording() throws Exception {
        return recording(5, new double[] {1.0, 1.5, 1.0}, speech, "03-01-05-02-01-01-02.wav", "03-01-04-02-01-01-02.wav");
    }

    /**
     * Trimmed clips of the repository between gaps of near-silence (a gap before each clip and one after the
     * last); each clip's place in seconds goes to {@code speech[k]} unless {@code speech} is null.
     */
    static float[] recording(long seed, double[] gaps, double[][] speech, String... clips) throws Exception {
        Random r = new Random(seed);
        float[] x = new float[0];
        for (int k = 0; k < gaps.length; k++) {
            float[] gap = new float[(int) (gaps[k] * 16000)];
            for (int i = 0; i < gap.length; i++) {
                gap[i] = (float) (2e-5 * r.nextGaussian());
            }
            x = StreamTimelineTest.concat(x, gap);
            if (k < clips.length) {
                float[] s = AudioClip.read(Path.of("src/test/resources/clips", clips[k])).samples();
                int[] t = StreamTimelineTest.librosaTrim(s);
                if (speech != null) {
                    speech[k] = new double[] {x.length / 16000.0, (x.length + t[1] - t[0]) / 16000.0};
                }
                x = StreamTimelineTest.concat(x, Arrays.copyOfRange(s, t[0], t[1]));
            }
        }
        return x;
    }

    /** Rows of the text table: start, end, emotion, confidence, "end" or "". */
    static List<String[]> rows(Result r) {
        List<String> lines = r.lines();
        assertEquals("start_s\tend_s\temotion\tconfidence\tsegment_end", lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }

    @Test
    void textTimelineHasOneSegmentPerUtteranceAtItsPlace() {
        Result r = run(recording.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        List<String[]> rows = rows(r);
        List<double[]> segments = new ArrayList<>();
        double segStart = -1;
        for (String[] row : rows) {
            assertEquals(5, row.length, String.join("|", row));
            double start = Double.parseDouble(row[0]);
            double end = Double.parseDouble(row[1]);
            assertTrue(end > start);
            double conf = Double.parseDouble(row[3]);
            assertTrue(conf > 0 && conf <= 1);
            segStart = segStart < 0 ? start : segStart;
            if (row[4].equals("end")) {
                segments.add(new double[] {segStart, end});
                segStart = -1;
            } else {
                assertEquals("", row[4]);
            }
        }
        assertEquals(2, segments.size(), r.out());
        for (int k = 0; k < 2; k++) {
            assertEquals(speech[k][0], segments.get(k)[0], 0.1, r.out());
            assertEquals(speech[k][1], segments.get(k)[1], 0.1, r.out());
        }
    }

    @Test
    void jsonLinesCarryTheSameEventsWithAllProbabilities() {
        Result text = run(recording.toString(), "--hop", "0.32", "--window", "2");
        Result json = run(recording.toString(), "--json", "--hop", "0.32", "--window", "2");
        assertEquals(0, json.status(), json.err());
        List<String[]> rows = rows(text);
        assertEquals(rows.size(), json.lines().size());
        for (int i = 0; i < rows.size(); i++) {
            Map<?, ?> m = (Map<?, ?>) Json.parse(json.lines().get(i));
            assertEquals(Double.parseDouble(rows.get(i)[0]), ((Number) m.get("start_s")).doubleValue(), 0.0051);
            assertEquals(Double.parseDouble(rows.get(i)[1]), ((Number) m.get("end_s")).doubleValue(), 0.0051);
            assertEquals(rows.get(i)[2], m.get("emotion"));
            assertEquals(rows.get(i)[4].equals("end"), m.get("segment_end"));
            Map<?, ?> p = (Map<?, ?>) m.get("probabilities");
            assertEquals(8, p.size());
            assertEquals(p.get(m.get("emotion")), m.get("confidence"));
            assertTrue(((Number) m.get("end_s")).doubleValue() - ((Number) m.get("start_s")).doubleValue() <= 2.0 + 0.033);
        }
        // Within a segment, hop events are 0.32 s apart (0.32 s is on the 0.16 s grid of the full
        // extractor's stream, so it is not rounded); the final event of a segment may come sooner.
        int spaced = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i - 1)[4].isEmpty() && rows.get(i)[4].isEmpty()) {
                assertEquals(0.32, Double.parseDouble(rows.get(i)[1]) - Double.parseDouble(rows.get(i - 1)[1]), 0.011,
                        text.out());
                spaced++;
            }
        }
        assertTrue(spaced > 0, "no two hop events in one segment: " + text.out());
    }

    @Test
    void aFileOfSilencePrintsNoSpeech() throws Exception {
        Path quiet = tmp.resolve("quiet.wav");
        TestAudio.writePcm16(quiet, Arrays.copyOf(samples, 16000), 16000);
        Result r = run(quiet.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("start_s\tend_s\temotion\tconfidence\tsegment_end", "(no speech detected)"), r.lines());
        assertEquals("", run(quiet.toString(), "--json").out());
    }

    @Test
    void errorsAreOneLineWithTheRightStatus() throws Exception {
        Result missing = run(tmp.resolve("nope.wav").toString());
        assertEquals(1, missing.status());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("ser4j stream: ") && missing.err().contains("nope.wav"), missing.err());

        Result junk = run(Files.writeString(tmp.resolve("junk.wav"), "not audio").toString());
        assertEquals(1, junk.status());
        assertTrue(junk.err().contains("junk.wav"), junk.err());

        Result none = run();
        assertEquals(2, none.status());
        assertTrue(none.err().startsWith("ser4j stream: give exactly one audio file"), none.err());

        Result hop = run(recording.toString(), "--hop", "5");
        assertEquals(2, hop.status());
        assertTrue(hop.err().contains("hop must be above 0 s and at most the window"), hop.err());

        Result word = run(recording.toString(), "--window", "long");
        assertEquals(2, word.status());
        assertTrue(word.err().startsWith("ser4j stream: Invalid value for option '--window': 'long' is not a number of seconds"),
                word.err());

        Result seconds = run(recording.toString(), "--seconds", "3");
        assertEquals(2, seconds.status());
        assertTrue(seconds.err().contains("--seconds applies to --mic only"), seconds.err());

        Result unknown = run(recording.toString(), "--fast");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("ser4j stream: Unknown option: '--fast'"), unknown.err());

        Result help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("Usage: ser4j stream FILE"), help.out());
    }

    @Test
    void withoutAnInputDeviceMicSaysSoInOneLineAndExits2() {
        Result r = run(format -> {
            throw new LineUnavailableException("no line matching interface TargetDataLine is supported");
        }, "--mic");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals(List.of("ser4j stream: no microphone: no line matching interface TargetDataLine is supported"),
                r.err().lines().toList());
    }

    @Test
    void micReadsTheLineForTheGivenSeconds() {
        // A capture line that plays the recording as 16-bit little-endian PCM.
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int v = Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768)));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        int[] position = {0};
        boolean[] state = {true, false}; // open, running
        List<AudioFormat> asked = new ArrayList<>();
        StreamCommand.Microphone mic = format -> {
            asked.add(format);
            return (TargetDataLine) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {TargetDataLine.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getFormat" -> format;
                        case "isOpen" -> state[0];
                        case "isRunning", "isActive" -> state[1];
                        case "start" -> {
                            state[1] = true;
                            yield null;
                        }
                        case "close" -> {
                            state[0] = false;
                            yield null;
                        }
                        case "read" -> {
                            byte[] b = (byte[]) args[0];
                            int n = Math.min((Integer) args[2], pcm.length - position[0]);
                            System.arraycopy(pcm, position[0], b, (Integer) args[1], n);
                            position[0] += n;
                            yield n;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        };
        double seconds = speech[0][1] + 1.0; // the first utterance and its following silence only
        Result r = run(mic, "--mic", "--seconds", String.valueOf(seconds));
        assertEquals(0, r.status(), r.err());
        assertEquals(16000f, asked.get(0).getSampleRate());
        assertEquals(Math.round(seconds * 16000) * 2, position[0], 2.0, "bytes read");
        assertTrue(!state[0], "the line is closed");
        List<String[]> rows = rows(r);
        assertEquals(1, rows.stream().filter(row -> row[4].equals("end")).count(), r.out());
        assertEquals(speech[0][0], Double.parseDouble(rows.get(0)[0]), 0.1);
        assertEquals(speech[0][1], Double.parseDouble(rows.get(rows.size() - 1)[1]), 0.1);

        // --per-channel: the microphone is one channel, so the same lines as channel 0 of 1
        position[0] = 0;
        state[0] = true;
        state[1] = false;
        Result per = run(mic, "--mic", "--per-channel", "--seconds", String.valueOf(seconds));
        assertEquals(0, per.status(), per.err());
        List<String> lines = per.lines();
        assertEquals("channel\tchannels\tstart_s\tend_s\temotion\tconfidence\tsegment_end", lines.get(0));
        assertEquals(r.lines().size(), lines.size(), per.out());
        for (int i = 1; i < lines.size(); i++) {
            assertEquals("0\t1\t" + r.lines().get(i), lines.get(i));
        }
    }
}
