package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code timeline --per-channel} and {@code stream --per-channel}: one stream per channel, each channel's
 * events those of the channel alone, in the documented order, resumable, errors one record.
 */
class PerChannelTimelineTest {

    @TempDir
    static Path tmp;
    /**
     * Four channels: two calls' voices, a channel of room noise only, and the first voice again (its events
     * come in the same chunks as channel 0's, which shows the order within a chunk).
     */
    static float[][] channels;
    static Path call;
    /** Each channel of {@link #call} as a mono file of its own. */
    static Path[] alone;

    @BeforeAll
    static void recordings() throws Exception {
        float[] left = StreamCommandTest.recording(5, new double[] {1.0, 1.5, 1.0}, null, "03-01-05-02-01-01-02.wav",
                "03-01-04-02-01-01-02.wav");
        float[] right = StreamCommandTest.recording(6, new double[] {2.2, 0.8, 1.2}, null, "03-01-06-02-01-01-02.wav",
                "03-01-03-02-01-01-02.wav");
        float[] noise = StreamCommandTest.recording(7, new double[] {Math.max(left.length, right.length) / 16000.0}, null);
        int n = Math.max(left.length, Math.max(right.length, noise.length));
        channels = new float[][] {Arrays.copyOf(left, n), Arrays.copyOf(right, n), Arrays.copyOf(noise, n),
            Arrays.copyOf(left, n)};
        call = writePcm16(tmp.resolve("call.wav"), channels);
        alone = new Path[channels.length];
        for (int c = 0; c < channels.length; c++) {
            alone[c] = tmp.resolve("channel" + c + ".wav");
            TestAudio.writePcm16(alone[c], channels[c], 16000);
        }
    }

    /** A 16-bit WAV of these channels, quantized as {@link TestAudio#writePcm16} quantizes a mono file. */
    static Path writePcm16(Path file, float[][] chans) throws Exception {
        int n = chans[0].length;
        int k = chans.length;
        byte[] b = new byte[n * k * 2];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                int v = Math.round(Math.max(-1, Math.min(1, chans[c][i])) * 32767);
                b[2 * (i * k + c)] = (byte) v;
                b[2 * (i * k + c) + 1] = (byte) (v >> 8);
            }
        }
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b),
                new AudioFormat(16000, 16, k, true, false), n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    static MainTest.Result run(String... args) {
        return TimelineCommandTest.run(args);
    }

    static Map<Object, Object> without(Map<?, ?> record, String... keys) {
        Map<Object, Object> m = new LinkedHashMap<>(record);
        for (String k : keys) {
            m.remove(k);
        }
        return m;
    }

    static int channelOf(Map<?, ?> record) {
        return ((Number) record.get("channel")).intValue();
    }

    @Test
    void eachChannelsTimelineIsThatChannelAloneInEmissionOrderThenOneCountPerChannel() throws Exception {
        MainTest.Result all = run("timeline", "--per-channel", "--json", call.toString());
        assertEquals(0, all.status(), all.err());
        List<Map<?, ?>> records = TimelineCommandTest.json(all);
        int closing = records.size() - channels.length;
        for (int c = 0; c < channels.length; c++) {
            List<Map<?, ?>> mono = TimelineCommandTest.json(run("timeline", "--json", alone[c].toString()));
            List<Object> expected = new ArrayList<>();
            for (Map<?, ?> m : mono.subList(0, mono.size() - 1)) {
                expected.add(without(m, "path"));
            }
            int channel = c;
            List<Object> got = records.subList(0, closing).stream().filter(r -> channelOf(r) == channel)
                    .map(r -> {
                        assertEquals(call.toString(), r.get("path"));
                        assertEquals(4.0, r.get("channels"));
                        assertEquals(List.of("path", "channel", "channels", "start_s"), List.copyOf(r.keySet()).subList(0, 4));
                        return (Object) without(r, "path", "channel", "channels");
                    }).toList();
            assertEquals(expected, got, "channel " + c + " is streamed as that channel alone");
            assertTrue(c == 2 ? expected.isEmpty() : expected.size() > 3, "two utterances on channels 0 and 1, noise only "
                    + "on 2: " + expected);
            Map<String, Object> count = new LinkedHashMap<>();
            count.put("path", call.toString());
            count.put("channel", (double) c);
            count.put("channels", 4.0);
            count.put("events", (double) expected.size());
            assertEquals(count, records.get(closing + c), "each channel's stream ends with its count, in channel order");
        }

        // the order: as the streams emit the events, chunk by chunk, channel 0 first within a chunk
        EmotionClassifier model = EmotionClassifier.load();
        List<double[]> emitted = new ArrayList<>(); // chunk index, channel, start, end
        int chunk = 320;
        for (int c = 0; c < channels.length; c++) {
            float[] x = AudioClip.read(alone[c]).samples();
            EmotionStream s = EmotionStream.open(model, 16000, StreamSettings.defaults());
            int k = 0;
            for (int at = 0; at < x.length; at += chunk, k++) {
                for (TimedPrediction e : s.accept(Arrays.copyOfRange(x, at, Math.min(x.length, at + chunk)))) {
                    emitted.add(new double[] {k, c, e.startSeconds(), e.endSeconds()});
                }
            }
            for (TimedPrediction e : s.finish()) {
                emitted.add(new double[] {k, c, e.startSeconds(), e.endSeconds()});
            }
        }
        emitted.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        assertEquals(closing, emitted.size());
        boolean interleaved = false;
        for (int i = 0; i < closing; i++) {
            Map<?, ?> r = records.get(i);
            assertEquals(emitted.get(i)[1], channelOf(r), "event " + i + ": " + r);
            assertEquals(emitted.get(i)[2], ((Number) r.get("start_s")).doubleValue(), 1e-4, "event " + i);
            assertEquals(emitted.get(i)[3], ((Number) r.get("end_s")).doubleValue(), 1e-4, "event " + i);
            interleaved |= i > 0 && channelOf(r) < channelOf(records.get(i - 1));
        }
        assertTrue(interleaved, "the channels' events interleave in time, not one channel after the other");

        MainTest.Result text = run("timeline", "--per-channel", call.toString());
        List<String> lines = text.outLines();
        assertEquals("path\tchannel\tchannels\tstart_s\tend_s\temotion\tconfidence\tsegment_end", lines.get(0));
        assertEquals(closing + 1, lines.size(), "events only: the counts are not table rows");
        for (int i = 0; i < closing; i++) {
            String[] row = lines.get(i + 1).split("\t", -1);
            assertEquals(call.toString(), row[0]);
            assertEquals(String.valueOf(channelOf(records.get(i))), row[1]);
            assertEquals("4", row[2]);
            assertEquals(records.get(i).get("emotion"), row[5]);
        }
    }

    @Test
    void streamPerChannelPrintsTimelinesEventsAndAMonoFileIsChannel0Of1() {
        MainTest.Result timeline = run("timeline", "--per-channel", "--json", "--hop", "0.32", call.toString());
        MainTest.Result stream = run("stream", "--per-channel", "--json", "--hop", "0.32", call.toString());
        assertEquals(0, stream.status(), stream.err());
        List<Map<?, ?>> t = TimelineCommandTest.json(timeline);
        List<Map<?, ?>> s = TimelineCommandTest.json(stream);
        assertEquals(t.size() - channels.length, s.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(without(t.get(i), "path"), s.get(i));
        }
        MainTest.Result text = run("stream", "--per-channel", "--hop", "0.32", call.toString());
        assertEquals("channel\tchannels\tstart_s\tend_s\temotion\tconfidence\tsegment_end", text.outLines().get(0));
        assertEquals(s.size() + 1, text.outLines().size());
        MainTest.Result timelineText = run("timeline", "--per-channel", "--hop", "0.32", call.toString());
        for (int i = 1; i < text.outLines().size(); i++) {
            assertEquals(call + "\t" + text.outLines().get(i), timelineText.outLines().get(i));
        }

        // a mono file: channel 0 of 1, otherwise the same events as without --per-channel
        for (String command : List.of("stream", "timeline")) {
            List<Map<?, ?>> plain = TimelineCommandTest.json(run(command, "--json", alone[0].toString()));
            List<Map<?, ?>> per = TimelineCommandTest.json(run(command, "--json", "--per-channel", alone[0].toString()));
            assertEquals(plain.size(), per.size(), command);
            assertTrue(plain.size() > 3, command);
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(0.0, per.get(i).get("channel"), command);
                assertEquals(1.0, per.get(i).get("channels"), command);
                assertEquals(plain.get(i), without(per.get(i), "channel", "channels"), command);
            }
        }
        MainTest.Result quiet = run("stream", "--per-channel", alone[2].toString());
        assertEquals(List.of("channel\tchannels\tstart_s\tend_s\temotion\tconfidence\tsegment_end", "(no speech detected)"),
                quiet.outLines());
    }

    @Test
    void outResumesAPerChannelTimelineOnlyOnceItsLastChannelIsClosed() throws Exception {
        Path out = tmp.resolve("res/timeline.csv");
        MainTest.Result first = run("timeline", "--per-channel", "--out", out.toString(), call.toString());
        assertEquals(0, first.status(), first.err());
        List<String> full = Files.readAllLines(out);
        assertTrue(full.get(0).startsWith("path,channel,channels,start_s,end_s,emotion,confidence,neutral,"), full.get(0));
        assertTrue(full.get(0).endsWith(",surprised,segment_end,events,error"), full.get(0));
        for (int c = 0; c < 4; c++) {
            assertTrue(full.get(full.size() - 4 + c).startsWith(call + "," + c + ",4,,,,,"), full.get(full.size() - 4 + c));
        }
        // a crash after channels 0 to 2 closed: the file is not done, so it is redone from its start
        Files.write(out, (String.join("\n", full.subList(0, full.size() - 1)) + "\n").getBytes(StandardCharsets.UTF_8));
        Path junk = Files.writeString(tmp.resolve("junk.wav"), "not audio");
        MainTest.Result resumed = run("timeline", "--per-channel", "--out", out.toString(), "--threads", "2",
                call.toString(), junk.toString());
        assertEquals(1, resumed.status(), "junk.wav failed");
        assertTrue(resumed.err().contains("0 of 2 files already there"), resumed.err());
        List<String> after = Files.readAllLines(out);
        assertEquals(full, after.subList(0, full.size()), "the unfinished file's rows replaced, not kept twice");
        assertEquals(full.size() + 1, after.size());
        assertTrue(after.get(full.size()).startsWith(junk + ",") && after.get(full.size()).contains("junk.wav"),
                after.get(full.size()));
        MainTest.Result done = run("timeline", "--per-channel", "--out", out.toString(), call.toString(), junk.toString());
        assertTrue(done.err().contains("2 of 2 files already there"), done.err());
        assertEquals(after, Files.readAllLines(out));

        // a file written without --per-channel has other columns: refused, not mixed
        Path mixed = tmp.resolve("res/mixed.csv");
        assertEquals(0, run("timeline", "--out", mixed.toString(), alone[0].toString()).status());
        MainTest.Result refused = run("timeline", "--per-channel", "--out", mixed.toString(), alone[0].toString());
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("has other columns than this run writes"), refused.err());
    }

    @Test
    void aFileCutOffMidStreamIsItsEventsAndOneErrorAndTheBatchGoesOn() throws Exception {
        byte[] whole = Files.readAllBytes(call);
        Path cut = tmp.resolve("cut.wav");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2 + 1)); // half the data, mid-frame
        MainTest.Result r = run("timeline", "--per-channel", "--json", "--threads", "2", cut.toString(),
                tmp.resolve("missing.wav").toString(), alone[1].toString());
        assertEquals(1, r.status());
        List<Map<?, ?>> records = TimelineCommandTest.json(r);
        List<Map<?, ?>> ofCut = records.stream().filter(m -> m.get("path").equals(cut.toString())).toList();
        Map<?, ?> last = ofCut.get(ofCut.size() - 1);
        assertTrue(((String) last.get("error")).startsWith(cut + ": truncated"), last.toString());
        assertTrue(ofCut.size() > 1, "the events before the cut are kept: " + ofCut);
        assertTrue(ofCut.subList(0, ofCut.size() - 1).stream().allMatch(m -> m.containsKey("start_s")));
        List<Map<?, ?>> missing = records.stream().filter(m -> m.get("path").equals(tmp.resolve("missing.wav").toString()))
                .toList();
        assertEquals(1, missing.size());
        assertTrue(missing.get(0).containsKey("error"));
        Map<?, ?> end = records.get(records.size() - 1);
        assertEquals(Map.of("path", alone[1].toString(), "channel", 0.0, "channels", 1.0, "events", end.get("events")), end,
                "the batch went on to the last file");
        assertEquals(2, r.err().lines().count(), r.err());

        MainTest.Result stream = run("stream", "--per-channel", cut.toString());
        assertEquals(1, stream.status());
        assertTrue(stream.err().startsWith("ser4j stream: " + cut + ": truncated"), stream.err());
    }
}
