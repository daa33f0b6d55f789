package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict} on batches: folders, lists, threads, --out resume, errors, progress. */
class BatchPredictTest {

    static final Path CLIPS = Path.of("src/test/resources/clips");

    @TempDir
    static Path tmp;
    /** tree/a/x.wav, tree/a/b/y.WAV, tree/z.aiff (a copy of a WAV: read goes by content), tree/notes.txt */
    static Path tree;
    static List<String> treeFiles;

    record Result(int status, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "predict";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ExtractorResolver.DEFAULT);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void makeTree() throws Exception {
        tree = tmp.resolve("tree");
        Files.createDirectories(tree.resolve("a/b"));
        Files.copy(CLIPS.resolve("03-01-05-02-01-01-02.wav"), tree.resolve("a/x.wav"));
        Files.copy(CLIPS.resolve("03-01-04-02-01-01-02.wav"), tree.resolve("a/b/y.WAV"));
        Files.copy(CLIPS.resolve("03-01-03-02-01-01-02.wav"), tree.resolve("z.aiff"));
        Files.writeString(tree.resolve("notes.txt"), "not audio, and not picked: its extension is not readable");
        treeFiles = List.of(tree.resolve("a/b/y.WAV").toString(), tree.resolve("a/x.wav").toString(),
                tree.resolve("z.aiff").toString());
    }

    /** JSON records of stdout, by line. */
    static List<Map<?, ?>> records(Result r) {
        List<Map<?, ?>> out = new ArrayList<>();
        r.lines().forEach(l -> out.add((Map<?, ?>) Json.parse(l)));
        return out;
    }

    @Test
    void foldersRecurseOverReadableExtensionsInPathOrderAndListsExpand() throws Exception {
        Result dir = run("--json", tree.toString());
        assertEquals(0, dir.status(), dir.err());
        assertEquals(treeFiles, records(dir).stream().map(m -> m.get("path")).toList());

        Path list = Files.writeString(tmp.resolve("list.txt"), String.join("\n", "# clips to score", "",
                "  " + CLIPS.resolve("03-01-06-02-01-01-02.wav") + "  ", tree.resolve("a").toString(), ""));
        Result listed = run("--json", "@" + list, CLIPS.resolve("03-01-05-02-01-01-02.wav").toString());
        assertEquals(0, listed.status(), listed.err());
        assertEquals(List.of(CLIPS.resolve("03-01-06-02-01-01-02.wav").toString(), tree.resolve("a/b/y.WAV").toString(),
                tree.resolve("a/x.wav").toString(), CLIPS.resolve("03-01-05-02-01-01-02.wav").toString()),
                records(listed).stream().map(m -> m.get("path")).toList());
        // the same file gets the same prediction wherever it is named
        assertEquals(records(listed).get(2).get("probabilities"), records(listed).get(3).get("probabilities"));

        Result missingList = run("@" + tmp.resolve("no-list.txt"));
        assertEquals(1, missingList.status());
        assertTrue(missingList.err().startsWith("ser4j predict: list file " + tmp.resolve("no-list.txt")), missingList.err());
        Result empty = run(Files.createDirectories(tmp.resolve("empty")).toString());
        assertEquals(1, empty.status());
        assertTrue(empty.err().contains("no audio files in " + tmp.resolve("empty")), empty.err());
    }

    @Test
    void threadsChangeNothingButSpeedAndOrderIsTheInputOrder() throws Exception {
        List<String> args = new ArrayList<>(List.of("--json"));
        for (int k = 0; k < 3; k++) {
            try (var s = Files.list(CLIPS)) {
                s.filter(p -> p.toString().endsWith(".wav")).sorted().forEach(p -> args.add(p.toString()));
            }
        }
        Result one = run(concat(args, "--threads", "1"));
        Result three = run(concat(args, "--threads", "3"));
        assertEquals(0, three.status(), three.err());
        assertEquals(12, one.lines().size());
        assertEquals(one.out(), three.out());
        assertEquals(args.subList(1, args.size()), records(three).stream().map(m -> m.get("path")).toList());
        Result zero = run(concat(args, "--threads", "0"));
        assertEquals(2, zero.status());
        assertTrue(zero.err().startsWith("ser4j predict: --threads must be at least 1, got 0"), zero.err());
    }

    @Test
    void aBadFileIsOneErrorLineAndTheBatchGoesOn() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.wav"), "not audio at all");
        String good = CLIPS.resolve("03-01-05-02-01-01-02.wav").toString();
        Result json = run("--json", good, junk.toString(), tmp.resolve("missing.wav").toString(), good);
        assertEquals(1, json.status(), "a failure sets the exit status");
        List<Map<?, ?>> r = records(json);
        assertEquals(4, r.size(), json.out());
        assertEquals("angry", r.get(0).get("emotion"));
        assertEquals(junk.toString(), r.get(1).get("path"));
        assertTrue(((String) r.get(1).get("error")).contains("junk.wav"), r.get(1).toString());
        assertEquals(2, r.get(1).size(), "an error record is path and error only");
        assertTrue(((String) r.get(2).get("error")).contains("missing.wav"), r.get(2).toString());
        assertEquals(r.get(0), r.get(3));
        assertEquals(2, json.err().lines().count(), json.err());

        Result text = run(good, junk.toString());
        assertEquals(1, text.status());
        assertEquals(2, text.lines().size(), "header and the good file: " + text.out());
        assertTrue(text.err().startsWith("ser4j predict: ") && text.err().contains("junk.wav"), text.err());
    }

    @Test
    void outCsvResumesAfterACrashMidLine() throws Exception {
        Path out = tmp.resolve("res/out.csv");
        Result first = run("--out", out.toString(), tree.resolve("a").toString());
        assertEquals(0, first.status(), first.err());
        assertEquals("", first.out(), "results go to the file");
        List<String> lines = Files.readAllLines(out);
        assertEquals("path,emotion,confidence,neutral,calm,happy,sad,angry,fearful,disgust,surprised,voiced_s,no_speech,"
                + "out_of_domain,error", lines.get(0));
        assertEquals(3, lines.size());
        // a crash while the next record was being written: a torn line without its newline
        Files.writeString(out, tree.resolve("z.aiff") + ",hap", StandardOpenOption.APPEND);

        Path junk = Files.writeString(tmp.resolve("bad.wav"), "RIFF");
        Result resumed = run("--out", out.toString(), tree.toString(), junk.toString());
        assertEquals(1, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("resuming " + out + ": 2 of 4 files already there, "
                + (tree.resolve("z.aiff") + ",hap").length() + " bytes of an unfinished record removed"), resumed.err());
        List<String> after = Files.readAllLines(out);
        assertEquals(lines, after.subList(0, 3), "held records are kept as they were");
        assertEquals(5, after.size(), String.join("\n", after));
        assertTrue(after.get(3).startsWith(tree.resolve("z.aiff") + ",happy,"), after.get(3));
        assertTrue(after.get(4).startsWith(junk + ",,,") && after.get(4).contains("bad.wav"), after.get(4));

        // the same rows as a fresh run over the same inputs
        Path fresh = tmp.resolve("res/fresh.csv");
        run("--out", fresh.toString(), tree.resolve("a").toString(), tree.resolve("z.aiff").toString(), junk.toString());
        assertEquals(Files.readAllLines(fresh), after);

        // a finished file is not scored again; its held failure still sets the status
        Result again = run("--out", out.toString(), tree.toString(), junk.toString());
        assertEquals(1, again.status());
        assertEquals(after, Files.readAllLines(out));
        assertTrue(again.err().contains("4 files: 0 scored now, 4 already in " + out + ", 1 failed"), again.err());
        Result good = run("--out", out.toString(), tree.toString());
        assertEquals(0, good.status(), good.err());
    }

    @Test
    void outJsonLinesResumesAndRefusesWhatIsNotItsOwn() throws Exception {
        Path out = tmp.resolve("res/out.jsonl");
        String x = tree.resolve("a/x.wav").toString();
        assertEquals(0, run("--out", out.toString(), x).status());
        Files.writeString(out, "{\"path\":\"" + tree.resolve("z.aiff") + "\",\"emo", StandardOpenOption.APPEND);
        assertEquals(0, run("--out", out.toString(), tree.toString()).status());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        List<Object> paths = lines.stream().map(l -> (Object) ((Map<?, ?>) Json.parse(l)).get("path")).toList();
        assertEquals(List.of(x, tree.resolve("a/b/y.WAV").toString(), tree.resolve("z.aiff").toString()), paths);
        Result stdout = run("--json", tree.toString());
        assertEquals(List.of(stdout.lines().get(1), stdout.lines().get(0), stdout.lines().get(2)), lines,
                "the file holds what stdout shows, in the order the runs scored them");

        Path broken = Files.writeString(tmp.resolve("res/broken.jsonl"), "{\"path\":\"a.wav\"}\nnot json\n{\"path\":\"b.wav\"}\n");
        Result r = run("--out", broken.toString(), x);
        assertEquals(1, r.status());
        assertTrue(r.err().contains("line 2 of " + broken + " is not a result record; fix or remove it"), r.err());
        Path other = Files.writeString(tmp.resolve("res/other.csv"), "path,emotion\n");
        Result o = run("--out", other.toString(), x);
        assertEquals(1, o.status());
        assertTrue(o.err().contains(other + " has other columns than this run writes"), o.err());
        Result ext = run("--out", tmp.resolve("res/out.txt").toString(), x);
        assertEquals(2, ext.status());
        assertTrue(ext.err().startsWith("ser4j predict: --out must end in .jsonl, .ndjson, .json or .csv"), ext.err());
    }

    @Test
    void progressLineSaysDoneTotalRateAndEta() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        BatchProgress p = new BatchProgress(new PrintStream(err, true, StandardCharsets.UTF_8), 10, false, now::get);
        now.set(2_000_000_000L);
        p.step();
        assertEquals("1/10 files, 0.5 files/s, ETA 18s", err.toString(StandardCharsets.UTF_8).strip());
        now.set(3_000_000_000L);
        p.step(); // within 5 s of the last line: not printed to a log
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
        assertEquals("2/10 files, 0.7 files/s, ETA 12s", p.line(now.get()));
        assertEquals("1h01m05s", BatchProgress.duration(3665));
        assertEquals("2m05s", BatchProgress.duration(125));
        Result flag = run("--progress", "--json", CLIPS.resolve("03-01-05-02-01-01-02.wav").toString());
        assertTrue(flag.err().contains("1/1 files, ") && flag.err().contains(" files/s, done"), flag.err());
        assertTrue(flag.err().contains("1 files: 1 scored now, 0 already in the output, 0 failed"), flag.err());
    }

    static String[] concat(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    /** A stereo 16-bit WAV: the left channel one clip, the right another (the shorter padded with silence). */
    static Path stereo(Path file, float[] left, float[] right) throws Exception {
        int n = Math.max(left.length, right.length);
        byte[] pcm = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            float[] lr = {i < left.length ? left[i] : 0, i < right.length ? right[i] : 0};
            for (int c = 0; c < 2; c++) {
                int v = Math.max(-32768, Math.min(32767, Math.round(lr[c] * 32768)));
                pcm[4 * i + 2 * c] = (byte) v;
                pcm[4 * i + 2 * c + 1] = (byte) (v >> 8);
            }
        }
        javax.sound.sampled.AudioFormat f = new javax.sound.sampled.AudioFormat(16000, 16, 2, true, false);
        try (javax.sound.sampled.AudioInputStream in = new javax.sound.sampled.AudioInputStream(
                new java.io.ByteArrayInputStream(pcm), f, n)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    @Test
    void perChannelPredictsEachChannelAsItsOwnClipAndResumes() throws Exception {
        float[] angry = io.github.ser4j.core.AudioClip.read(CLIPS.resolve("03-01-05-02-01-01-02.wav")).samples();
        float[] sad = io.github.ser4j.core.AudioClip.read(CLIPS.resolve("03-01-04-02-01-01-02.wav")).samples();
        Path call = stereo(tmp.resolve("call.wav"), angry, sad);
        Result json = run("--per-channel", "--json", call.toString());
        assertEquals(0, json.status(), json.err());
        List<String> lines = json.out().lines().toList();
        assertEquals(2, lines.size(), json.out());
        io.github.ser4j.core.EmotionClassifier shipped = io.github.ser4j.core.EmotionClassifier.load();
        float[][] channels = {angry, sad};
        for (int c = 0; c < 2; c++) {
            java.util.Map<?, ?> m = (java.util.Map<?, ?>) Json.parse(lines.get(c));
            assertEquals(call.toString(), m.get("path"));
            assertEquals(c, ((Number) m.get("channel")).intValue());
            assertEquals(2, ((Number) m.get("channels")).intValue());
            // each channel is predicted as that channel alone would be (the other padded with silence is not mixed in)
            float[] alone = java.util.Arrays.copyOf(channels[c], Math.max(angry.length, sad.length));
            io.github.ser4j.core.Prediction expected = shipped.predict(io.github.ser4j.core.AudioClip.of(alone, 16000));
            assertEquals(expected.emotion().word(), m.get("emotion"), lines.get(c));
            assertEquals(expected.confidence(), ((Number) m.get("confidence")).doubleValue(), 1e-4, lines.get(c));
        }

        Result text = run("--per-channel", call.toString());
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().startsWith("path\tchannel\tchannels\temotion\tconfidence\t"), text.out());
        assertEquals(3, text.out().lines().count(), text.out());

        Path out = tmp.resolve("res/channels.csv");
        Result first = run("--per-channel", "--out", out.toString(), call.toString());
        assertEquals(0, first.status(), first.err());
        List<String> rows = Files.readAllLines(out);
        assertEquals(3, rows.size(), rows.toString());
        // a crash after the first channel: the file is not done, so the rerun scores it again
        Files.write(out, (rows.get(0) + "\n" + rows.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
        Result again = run("--per-channel", "--out", out.toString(), call.toString());
        assertEquals(0, again.status(), again.err());
        assertEquals(rows, Files.readAllLines(out), "the unfinished file's channel 0 replaced, not kept twice");
        Result done = run("--per-channel", "--out", out.toString(), call.toString());
        assertTrue(done.err().contains("1 of 1 files already there"), done.err());
        assertEquals(rows, Files.readAllLines(out));
    }
}
