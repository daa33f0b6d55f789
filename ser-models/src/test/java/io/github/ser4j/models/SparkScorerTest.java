package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local mode on committed and generated clips: its rows are predict's and timeline's records. */
@EnabledIf(value = "sparkStarts",
        disabledReason = "Spark 3.5's Hadoop client cannot start on this Java (see SparkScorer.unsupportedJava)")
class SparkScorerTest {

    /** Whether Spark 3.5 can start on this JVM ({@link SparkScorer#unsupportedJava}). */
    static boolean sparkStarts() {
        return SparkScorer.unsupportedJava(Runtime.version().feature(), System.getProperty("java.security.manager"))
                == null;
    }

    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        // Spark logs through slf4j-simple here: keep its INFO chatter out of the test output.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.spark", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.sparkproject", "warn");
        spark = SparkSession.builder().master("local[2]").appName("ser4j-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toUri().toString())
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static MainTest.Result cli(String... args) {
        return TimelineCommandTest.run(args);
    }

    /** A file's rows, by the local path of the row's URI, in their order; a file's rows must be consecutive. */
    static Map<String, List<Row>> byFile(List<Row> rows) {
        Map<String, List<Row>> files = new LinkedHashMap<>();
        String last = null;
        for (Row r : rows) {
            String uri = r.getString(0);
            assertTrue(uri.startsWith("file:"), uri);
            String path = Path.of(URI.create(uri)).toString();
            assertTrue(path.equals(last) || !files.containsKey(path), "rows of " + path + " are not consecutive");
            files.computeIfAbsent(path, k -> new ArrayList<>()).add(r);
            last = path;
        }
        return files;
    }

    /** The command line's JSON records, by path, in their order. */
    static Map<String, List<Map<String, Object>>> byFile(MainTest.Result cli) {
        Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();
        for (Map<?, ?> m : TimelineCommandTest.json(cli)) {
            Map<String, Object> record = new LinkedHashMap<>();
            m.forEach((k, v) -> record.put((String) k, v));
            files.computeIfAbsent((String) m.get("path"), k -> new ArrayList<>()).add(record);
        }
        return files;
    }

    /** Each column of the row is the record's flat-table value (numbers compared as numbers; the path as a URI). */
    static void assertRowIs(Map<String, Object> record, Row row, String what) {
        String uri = row.getString(0);
        String path = (String) record.get("path");
        for (StructField f : row.schema().fields()) {
            Object expected = ResultRecords.flatValue(record, f.name());
            Object got = row.get(row.fieldIndex(f.name()));
            if (f.name().equals("path")) {
                assertEquals(Path.of(path).toUri(), URI.create(uri), what);
            } else if (f.name().equals("error") && got != null) {
                assertEquals(expected, ((String) got).replace(uri, path), what);
            } else if (expected instanceof Number n) {
                assertEquals(n.doubleValue(), ((Number) got).doubleValue(), what + " " + f.name());
            } else {
                assertEquals(expected, got, what + " " + f.name());
            }
        }
    }

    @Test
    void rowsEqualPredictsForTheSameFiles() throws Exception {
        Path dir = tmp.resolve("audio");
        Files.createDirectories(dir.resolve("sub"));
        List<String> names = List.of("03-01-03-02-01-01-02.wav", "03-01-04-02-01-01-02.wav", "03-01-05-02-01-01-02.wav",
                "03-01-06-02-01-01-02.wav");
        for (int i = 0; i < names.size(); i++) {
            Files.copy(Path.of("src/test/resources/clips", names.get(i)),
                    (i % 2 == 0 ? dir : dir.resolve("sub")).resolve(names.get(i)));
        }
        Files.writeString(dir.resolve("junk.wav"), "not audio");
        Files.writeString(dir.resolve("readme.txt"), "not picked");

        List<Row> rows = SparkScorer.score(spark, dir.toUri().toString()).collectAsList();
        assertEquals(5, rows.size(), rows.toString());
        assertEquals(List.of("path", "channel", "channels", "emotion", "confidence"),
                List.of(SparkScorer.SCHEMA.fieldNames()).subList(0, 5));

        MainTest.Result predict = cli("predict", "--json", dir.toString());
        assertEquals(1, predict.status(), "junk.wav fails");
        Map<String, List<Map<String, Object>>> predicted = byFile(predict);
        Map<String, List<Row>> scored = byFile(rows);
        assertEquals(predicted.keySet(), scored.keySet());
        for (String path : predicted.keySet()) {
            Row r = scored.get(path).get(0);
            assertNull(r.get(1), "channels mixed, as predict does");
            assertNull(r.get(2));
            if (path.endsWith("junk.wav")) {
                assertTrue(r.getString(r.length() - 1).contains("junk.wav"), r.toString());
                assertTrue(predicted.get(path).get(0).get("error") != null);
                assertNull(r.get(3));
                continue;
            }
            assertNull(r.get(r.length() - 1), r.toString());
            assertRowIs(predicted.get(path).get(0), r, path);
        }
    }

    @Test
    void perChannelRowsEqualPredictPerChannels() throws Exception {
        Path dir = tmp.resolve("calls");
        Files.createDirectories(dir);
        Path fixtures = Path.of("src/test/resources/audio");
        for (String f : List.of("speech-stereo.wav", "speech-stereo.flac", "speech-mono.wav", "speech-stereo.ogg")) {
            Files.copy(fixtures.resolve(f), dir.resolve(f));
        }
        float[] angry = io.github.ser4j.core.AudioClip.read(Path.of("src/test/resources/clips/03-01-05-02-01-01-02.wav")).samples();
        float[] sad = io.github.ser4j.core.AudioClip.read(Path.of("src/test/resources/clips/03-01-04-02-01-01-02.wav")).samples();
        BatchPredictTest.stereo(dir.resolve("call.wav"), angry, sad);
        Files.writeString(dir.resolve("junk.flac"), "not audio");
        TestAudio.writePcm16(dir.resolve("quiet.wav"), new float[16000], 16000);

        List<Row> rows = SparkScorer.score(spark, dir.toString(), true).collectAsList();
        MainTest.Result predict = cli("predict", "--per-channel", "--json", dir.toString());
        assertEquals(1, predict.status(), "junk.flac fails");
        Map<String, List<Map<String, Object>>> predicted = byFile(predict);
        Map<String, List<Row>> scored = byFile(rows);
        assertEquals(predicted.keySet(), scored.keySet());
        assertEquals(2 + 2 + 1 + 2 + 2 + 1 + 1, rows.size(), "a row per channel, one for the junk file");
        for (String path : predicted.keySet()) {
            List<Map<String, Object>> expected = predicted.get(path);
            assertEquals(expected.size(), scored.get(path).size(), path);
            for (int c = 0; c < expected.size(); c++) {
                assertRowIs(expected.get(c), scored.get(path).get(c), path + " channel " + c);
            }
        }
        Row junk = scored.get(dir.resolve("junk.flac").toString()).get(0);
        assertNull(junk.get(1));
        assertTrue(junk.getString(junk.length() - 1).startsWith(junk.getString(0) + ": "), junk.toString());
        Row quiet = scored.get(dir.resolve("quiet.wav").toString()).get(0);
        assertEquals("no-speech", quiet.getString(quiet.fieldIndex("emotion")), "as predict's tables say it");
        assertNull(quiet.get(quiet.fieldIndex("confidence")));
        assertTrue(quiet.getString(quiet.fieldIndex("no_speech")).length() > 3, quiet.toString());
        Row mono = scored.get(dir.resolve("speech-mono.wav").toString()).get(0);
        assertEquals(0, mono.getInt(1));
        assertEquals(1, mono.getInt(2));
        List<Row> call = scored.get(dir.resolve("call.wav").toString());
        assertEquals(List.of(0, 1), call.stream().map(r -> r.getInt(1)).toList());
        assertEquals(List.of(2, 2), call.stream().map(r -> r.getInt(2)).toList());
    }

    @Test
    void timelineRowsEqualTimelinesRecordsWithAndWithoutPerChannel() throws Exception {
        Path dir = tmp.resolve("long");
        Files.createDirectories(dir);
        float[] left = StreamCommandTest.recording(5, new double[] {1.0, 1.5, 1.0}, null, "03-01-05-02-01-01-02.wav",
                "03-01-04-02-01-01-02.wav");
        float[] right = StreamCommandTest.recording(6, new double[] {2.2, 0.8, 1.2}, null, "03-01-06-02-01-01-02.wav",
                "03-01-03-02-01-01-02.wav");
        int n = Math.min(left.length, right.length);
        Path call = PerChannelTimelineTest.writePcm16(dir.resolve("call.wav"),
                new float[][] {java.util.Arrays.copyOf(left, n), java.util.Arrays.copyOf(right, n)});
        TestAudio.writePcm16(dir.resolve("one.wav"), right, 16000);
        byte[] whole = Files.readAllBytes(call);
        Files.write(dir.resolve("cut.wav"), java.util.Arrays.copyOf(whole, whole.length / 2 + 1));
        Files.writeString(dir.resolve("junk.wav"), "not audio");

        // binaryFile refuses to load a file's content over this length: the timeline never loads one
        spark.conf().set("spark.sql.sources.binaryFile.maxLength", "1024");
        try {
            timelines(dir, call);
        } finally {
            spark.conf().unset("spark.sql.sources.binaryFile.maxLength");
        }
        assertThrows(Exception.class, () -> {
            spark.conf().set("spark.sql.sources.binaryFile.maxLength", "1024");
            try {
                SparkScorer.score(spark, dir.toString(), true).collectAsList();
            } finally {
                spark.conf().unset("spark.sql.sources.binaryFile.maxLength");
            }
        }, "the limit applies where the content is loaded");
    }

    private static void timelines(Path dir, Path call) {
        for (boolean perChannel : new boolean[] {false, true}) {
            List<Row> rows = SparkScorer.timeline(spark, dir.toString(), perChannel).collectAsList();
            assertEquals(List.of(SparkScorer.TIMELINE_SCHEMA.fieldNames()), List.of("path", "channel", "channels", "start_s",
                    "end_s", "emotion", "confidence", "neutral", "calm", "happy", "sad", "angry", "fearful", "disgust",
                    "surprised", "segment_end", "events", "error"));
            MainTest.Result timeline = perChannel ? cli("timeline", "--per-channel", "--json", dir.toString())
                    : cli("timeline", "--json", dir.toString());
            assertEquals(1, timeline.status(), "cut.wav and junk.wav fail");
            Map<String, List<Map<String, Object>>> expected = byFile(timeline);
            Map<String, List<Row>> got = byFile(rows);
            assertEquals(expected.keySet(), got.keySet());
            for (String path : expected.keySet()) {
                List<Map<String, Object>> e = expected.get(path);
                assertEquals(e.size(), got.get(path).size(), path + " " + perChannel);
                for (int i = 0; i < e.size(); i++) {
                    assertRowIs(e.get(i), got.get(path).get(i), path + " " + perChannel + " row " + i);
                }
            }
            List<Row> ofCall = got.get(call.toString());
            assertTrue(ofCall.size() > 8, ofCall.toString());
            Row end = ofCall.get(ofCall.size() - 1);
            assertEquals(perChannel ? 1 : null, end.get(1));
            assertEquals(ofCall.size() - (perChannel ? 2 : 1), perChannel
                    ? end.getInt(16) + ofCall.get(ofCall.size() - 2).getInt(16) : end.getInt(16), "the closing counts");
            List<Row> ofCut = got.get(dir.resolve("cut.wav").toString());
            assertTrue(ofCut.size() > 1 && ofCut.get(ofCut.size() - 1).getString(17).contains(": truncated"), ofCut.toString());
        }
    }
}
