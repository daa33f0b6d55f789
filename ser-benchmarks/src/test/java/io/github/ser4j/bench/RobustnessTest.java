package io.github.ser4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.models.Condition;
import io.github.ser4j.models.Research;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robustness harness on a small synthetic data set (6 speakers × 8 emotions, RAVDESS names), in
 * recipe mode with augmentation: every condition is scored, a second run from the caches gives the
 * same figures, and the chart is written.
 */
class RobustnessTest {

    @TempDir
    Path tmp;

    private static String withoutTime(String json) {
        return json.replaceAll("\"seconds\":[0-9.]+", "");
    }

    @Test
    void everyConditionIsScoredAndARerunFromTheCachesAgrees() throws Exception {
        Path data = tmp.resolve("synthetic");
        Random rnd = new Random(7);
        for (int actor = 1; actor <= 6; actor++) {
            Path dir = Files.createDirectories(data.resolve(String.format("Actor_%02d", actor)));
            for (Emotion e : Emotion.values()) {
                ReportTest.writeClip(dir.resolve(String.format("03-01-%02d-01-01-01-%02d.wav", e.ravdessCode(), actor)),
                        e.ordinal(), actor, rnd);
            }
        }
        Path out = tmp.resolve("out");
        String[] args = {"--data", data.toString(), "--out", out.toString(), "--extractor", "seed", "--C", "16",
            "--gamma", "0.004", "--folds", "2", "--step", "2", "--threads", "2", "--augment", "copies=1,pink=10:20,telephone"};
        Robustness.main(args);
        String first = Files.readString(out.resolve("robustness.json"), StandardCharsets.UTF_8);
        Map<?, ?> m = (Map<?, ?>) Research.parseJson(first);
        List<?> rows = (List<?>) m.get("conditions");
        assertEquals(Condition.harnessSet().size() + 1, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<?, ?> r = (Map<?, ?>) rows.get(i);
            String name = (String) r.get("condition");
            assertEquals(i < Condition.harnessSet().size() ? Condition.harnessSet().get(i).name() : Robustness.ALL_CLIPS, name);
            assertEquals(i < Condition.harnessSet().size() ? 24 : 48, ((Number) r.get("n")).intValue(), name);
            double acc = ((Number) r.get("accuracy")).doubleValue();
            assertTrue(acc >= 0 && acc <= 1, name + " " + acc);
        }
        assertTrue(Files.list(out).anyMatch(p -> p.getFileName().toString().startsWith("copies-")));
        Robustness.main(args);
        assertEquals(withoutTime(first), withoutTime(Files.readString(out.resolve("robustness.json"), StandardCharsets.UTF_8)));
        BufferedImage png = ImageIO.read(out.resolve("robustness.png").toFile());
        assertEquals(1200, png.getWidth());
        assertTrue(Files.readString(out.resolve("feature-shift.txt")).contains("pink@10: median over features"));
        Files.delete(out.resolve("robustness.png"));
        Robustness.main(new String[] {"--replot", out.resolve("robustness.json").toString(), "--label", "a",
            "--against", out.resolve("robustness.json").toString(), "--against-label", "b"});
        assertEquals(560, ImageIO.read(out.resolve("robustness.png").toFile()).getHeight());
    }
}
