package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.Emotion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local mode on the committed clips: its rows are predict's. */
class SparkScorerTest {

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
        assertEquals(List.of(SparkScorer.SCHEMA.fieldNames()).subList(0, 4), List.of("path", "channel", "emotion", "confidence"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"predict", "--json", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                ExtractorResolver.DEFAULT);
        assertEquals(1, status, "junk.wav fails");
        Map<String, Map<?, ?>> predicted = new HashMap<>();
        out.toString(StandardCharsets.UTF_8).lines().forEach(l -> {
            Map<?, ?> m = (Map<?, ?>) Json.parse(l);
            predicted.put(Path.of((String) m.get("path")).getFileName().toString(), m);
        });
        for (Row r : rows) {
            String name = r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1);
            assertTrue(r.getString(0).startsWith("file:"), r.getString(0));
            Map<?, ?> p = predicted.get(name);
            assertNull(r.get(1), "channels mixed, as predict does");
            if (name.equals("junk.wav")) {
                assertTrue(r.getString(r.length() - 1).contains("junk.wav"), r.toString());
                assertTrue(p.get("error") != null);
                assertNull(r.get(2));
                continue;
            }
            assertNull(r.get(r.length() - 1), r.toString());
            assertEquals(p.get("emotion"), r.getString(2), name);
            assertEquals(p.get("confidence"), r.getDouble(3), name);
            Map<?, ?> probs = (Map<?, ?>) p.get("probabilities");
            for (Emotion e : Emotion.values()) {
                assertEquals(probs.get(e.word()), r.getDouble(r.fieldIndex(e.word())), name + " " + e);
            }
        }
    }
}
