package io.github.ser4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.features.FeatureExtractors;
import io.github.ser4j.models.Dataset;
import io.github.ser4j.models.EvaluationReport;
import io.github.ser4j.models.Research;
import io.github.ser4j.models.TrainerOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a small synthetic data set written in the test (6 speakers × 8 emotions × 2 clips,
 * RAVDESS-style names): same seed gives the same numbers on any thread count and from the feature
 * cache; the SVM figures equal the trainer's own cross-validation; the PNGs decode at their sizes;
 * bad options get clear messages.
 */
class ReportTest {

    private static final double GAMMA = 0.004;

    @TempDir
    static Path tmp;

    private static Path data;
    private static Run first;

    /** One report run's exit code, stderr and parsed summary.json. */
    private record Run(int code, String err, Map<String, Object> summary, Path out) {
    }

    @BeforeAll
    static void makeData() throws Exception {
        data = tmp.resolve("synthetic");
        Random rnd = new Random(42);
        for (int actor = 1; actor <= 6; actor++) {
            Path dir = Files.createDirectories(data.resolve(String.format("Actor_%02d", actor)));
            for (Emotion e : Emotion.values()) {
                for (int rep = 1; rep <= 2; rep++) {
                    String name = String.format("03-01-%02d-01-01-%02d-%02d.wav", e.ravdessCode(), rep, actor);
                    writeClip(dir.resolve(name), e.ordinal(), actor, rnd);
                }
            }
        }
        first = report(tmp.resolve("out1"), "--threads", "1", "--grid-c", "1,16", "--grid-gamma", "0.001," + GAMMA);
    }

    /** A 0.6 s voiced tone whose pitch, brightness and loudness depend on the emotion, plus speaker shift and noise. */
    static void writeClip(Path file, int emotion, int actor, Random rnd) throws IOException {
        int rate = 16_000;
        int n = (int) (0.6 * rate);
        double f0 = 110 + 22 * emotion + 4 * actor + rnd.nextGaussian() * 2;
        double bright = 0.2 + 0.1 * (emotion % 4);
        double gain = 0.15 + 0.05 * (emotion / 2);
        byte[] pcm = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double v = 0;
            for (int h = 1; h <= 8; h++) {
                v += Math.pow(bright, h - 1) * Math.sin(2 * Math.PI * f0 * h * t);
            }
            v = gain * v * Math.sin(Math.PI * i / n) + 0.01 * rnd.nextGaussian();
            short s = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v * 32767)));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        AudioFormat fmt = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), fmt, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    @SuppressWarnings("unchecked")
    private static Run report(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--out", out.toString(),
                "--extractor", "mfcc", "--seed", "7", "--C", "16", "--gamma", Double.toString(GAMMA)));
        args.addAll(List.of(extra));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Report.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Map<String, Object> summary = null;
        Path json = out.resolve("summary.json");
        if (code == 0) {
            try {
                summary = (Map<String, Object>) Research.parseJson(Files.readString(json));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return new Run(code, err.toString(StandardCharsets.UTF_8), summary, out);
    }

    private static Run fails(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Report.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, err.toString(StandardCharsets.UTF_8), null, null);
    }

    private static Map<String, Object> withoutRun(Map<String, Object> summary) {
        Map<String, Object> m = new LinkedHashMap<>(summary);
        m.remove("run");
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> model(Map<String, Object> summary, int protocol, int model) {
        List<Object> ps = (List<Object>) summary.get("protocols");
        return (Map<String, Object>) ((List<Object>) ((Map<String, Object>) ps.get(protocol)).get("models")).get(model);
    }

    @Test
    void sameSeedGivesIdenticalNumbersOnAnyThreadCountAndFromTheCache() {
        assertEquals(0, first.code(), first.err());
        assertEquals(Boolean.FALSE, ((Map<?, ?>) first.summary().get("run")).get("featuresFromCache"));
        Run second = report(tmp.resolve("out2"), "--threads", "2", "--grid-c", "1,16", "--grid-gamma", "0.001," + GAMMA);
        assertEquals(0, second.code(), second.err());
        assertEquals(withoutRun(first.summary()), withoutRun(second.summary()));
        Run again = report(first.out(), "--threads", "2", "--grid-c", "1,16", "--grid-gamma", "0.001," + GAMMA);
        assertEquals(0, again.code(), again.err());
        assertEquals(Boolean.TRUE, ((Map<?, ?>) again.summary().get("run")).get("featuresFromCache"));
        assertEquals(withoutRun(first.summary()), withoutRun(again.summary()));
    }

    @Test
    void anotherSeedDealsOtherFolds() {
        Run other = report(tmp.resolve("out-seed"), "--threads", "2", "--seed", "8");
        assertEquals(0, other.code(), other.err());
        assertTrue(!model(other.summary(), 1, 0).get("foldAccuracy").equals(model(first.summary(), 1, 0).get("foldAccuracy"))
                || !model(other.summary(), 0, 0).get("foldAccuracy").equals(model(first.summary(), 0, 0).get("foldAccuracy")),
                "seed 8 gave the same fold accuracies as seed 7");
    }

    @Test
    @SuppressWarnings("unchecked")
    void speakerIndependentProtocolComesFirstAndTheSvmMatchesTheTrainer() throws Exception {
        List<Object> ps = (List<Object>) first.summary().get("protocols");
        Map<String, Object> grouped = (Map<String, Object>) ps.get(0);
        assertEquals("grouped", grouped.get("key"));
        assertEquals("stratified", ((Map<String, Object>) ps.get(1)).get("key"));
        assertEquals(6.0, ((List<Object>) grouped.get("testSpeakers")).stream()
                .mapToDouble(o -> ((Number) o).doubleValue()).sum(), "each of the 6 speakers in exactly one test fold");

        // The trainer's own CV on the same cached rows, same protocol, seed and parameters.
        FeatureMatrix m = FeatureMatrix.load(Dataset.read(data), FeatureExtractors.byName("mfcc"),
                first.out().resolve("features-mfcc.bin"), 1, line -> { });
        assertTrue(m.fromCache());
        for (int p = 0; p < 2; p++) {
            boolean isGrouped = p == 0;
            TrainerOptions o = TrainerOptions.defaults().withGrids(List.of(16.0), List.of(GAMMA), List.of(1.0))
                    .withFolds(isGrouped ? 5 : 6, isGrouped, 7).withThreads(1);
            EvaluationReport trainer = Research.search(m.x(), m.y(), m.speakers(), m.labels(), o, null);
            Map<String, Object> svm = model(first.summary(), p, 0);
            assertEquals(trainer.accuracy(), ((Number) svm.get("pooledAccuracy")).doubleValue(), 1e-12);
            assertEquals(trainer.macroF1(), ((Number) svm.get("macroF1")).doubleValue(), 1e-12);
            assertEquals(trainer.grid().get(0).meanAccuracy(), ((Number) svm.get("meanAccuracy")).doubleValue(), 1e-12);
        }
        // The synthetic classes are separable: the SVM must beat the majority-class baseline by far.
        double svmAcc = ((Number) model(first.summary(), 1, 0).get("meanAccuracy")).doubleValue();
        double majority = ((Number) model(first.summary(), 1, 1).get("meanAccuracy")).doubleValue();
        assertEquals("majority class", model(first.summary(), 1, 1).get("name"));
        assertTrue(majority < 0.2, "majority " + majority);
        assertTrue(svmAcc > 0.6, "svm " + svmAcc);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFigureIsAPngOfItsSize() throws Exception {
        Map<String, int[]> sizes = Map.of("confusion-grouped.png", ReportCharts.CONFUSION_SIZE,
                "confusion-stratified.png", ReportCharts.CONFUSION_SIZE, "baselines.png", ReportCharts.BASELINES_SIZE,
                "per-class.png", ReportCharts.PER_CLASS_SIZE, "learning-curve.png", ReportCharts.CURVE_SIZE,
                "grid.png", ReportCharts.GRID_SIZE);
        List<Object> figures = (List<Object>) first.summary().get("figures");
        assertEquals(sizes.keySet(), new java.util.HashSet<>(figures));
        for (Object f : figures) {
            Path png = first.out().resolve((String) f);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, f + " does not decode");
            assertEquals(sizes.get(f)[0], img.getWidth(), f + " width");
            assertEquals(sizes.get(f)[1], img.getHeight(), f + " height");
            assertTrue(distinctColours(img) > 8, f + " looks blank");
        }
        String md = Files.readString(first.out().resolve("summary.md"));
        for (Object f : figures) {
            assertTrue(md.contains("(" + f + ")"), "summary.md links " + f);
        }
        assertTrue(md.indexOf("speaker-grouped 5-fold") < md.indexOf("stratified random 6-fold"));
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void percentagesRoundTiesToEvenLikeTheReadme() {
        assertEquals("57.2%", ReportResults.Stats.pct(687 / 1200.0)); // the README's speaker-independent figure
        assertEquals("74.0%", ReportResults.Stats.pct(0.7399999999999999));
        assertEquals("57.4%", ReportResults.Stats.pct(0.5735));
        assertEquals("0.0%", ReportResults.Stats.pct(0));
        assertEquals("100.0%", ReportResults.Stats.pct(1));
    }

    @Test
    void badOptionsGetClearMessages() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder.txt"), "x");
        String d = data.toString();
        String o = tmp.resolve("bad-out").toString();
        assertMessage(fails("--data", d), 2, "Missing required option: '--out DIR'");
        assertMessage(fails("--out", o), 2, "Missing required option: '--data DIR'");
        assertMessage(fails("--data", d, "--out", o, "--frobnicate"), 2, "Unknown option: '--frobnicate'");
        assertMessage(fails("--data", d, "--out", o, "--threads", "0"), 2, "--threads must be at least 1 and at most 256, got 0");
        assertMessage(fails("--data", d, "--out", o, "--seed", "abc"), 2, "Invalid value for option '--seed': 'abc' is not a long");
        assertMessage(fails("--data", d, "--out", o, "--C", "-1"), 2, "'-1' is not a positive finite number");
        assertMessage(fails("--data", d, "--out", o, "--gamma"), 2, "Missing required parameter for option '--gamma' (X)");
        assertMessage(fails("--data", d, "--out", o, "--grid-c", "1,x"), 2, "'x' is not a number");
        assertMessage(fails("--data", d, "--out", o, "--extractor", "nope"), 2, "unknown feature extractor name 'nope'");
        assertMessage(fails("--data", d, "--out", file.toString()), 2, "exists and is not a folder");
        assertMessage(fails("--data", tmp.resolve("missing").toString(), "--out", o), 1, "does not exist");
        Run help = fails("--help");
        assertEquals(0, help.code());
    }

    private static void assertMessage(Run r, int code, String expected) {
        assertEquals(code, r.code(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    }
}
