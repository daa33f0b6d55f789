package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile model files built here, one test per kind (the issue's table and the format's fields): each is
 * refused quickly with an {@link IOException} that names the file and the field or limit. The cases that need
 * a small heap run again in a JVM of {@code -Xmx256m} ({@link #underA256MegabyteHeap}).
 */
class HostileModelFileTest {

    @TempDir
    static Path tmp;
    static byte[] good;
    static int machine;
    static int pairs;

    @BeforeAll
    static void train() throws Exception {
        TestAudio.writeFolders(tmp.resolve("data"), SmoTrainerTest.FOUR, 8);
        TrainerOptions o = TrainerOptions.defaults().withGrids(List.of(4.0), List.of(0.1), List.of(1.0))
                .withFolds(2, false, 1).withThreads(2);
        SmoEmotionClassifier model = SmoTrainer.train(Dataset.read(tmp.resolve("data")), new ToneExtractor(), o, null)
                .classifier();
        Path f = tmp.resolve("good.ser4j");
        model.save(f);
        good = Files.readAllBytes(f);
        machine = ModelFiles.machineOffset(good);
        pairs = SupportVectorMachine.pairs(4);
    }

    static String refused(byte[] bytes) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                () -> ModelFile.decode(bytes, "model file x", new TestResolver())).getMessage());
    }

    static String refusedFile(Path file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                () -> SmoEmotionClassifier.load(file, id -> new ToneExtractor())).getMessage());
    }

    /** The good file with one machine field rewritten (checksum fixed, so the reader reaches the field's check). */
    static byte[] with(int offset, Consumer<ByteBuffer> change) {
        byte[] b = good.clone();
        ByteBuffer buf = ByteBuffer.wrap(b);
        buf.position(offset);
        change.accept(buf);
        return ModelFiles.withCrc(b);
    }

    static int field(String name) {
        int m = ModelFiles.machineOffset(good);
        int d = ByteBuffer.wrap(good).getInt(m + 10);
        int vectors = ByteBuffer.wrap(good).getInt(m + 18);
        boolean float32 = (good[m + 1] & 2) != 0;
        int counts = m + 26;
        int bias = counts + 4 * pairs;
        int vectorStart = bias + 32 * pairs;
        int index = vectorStart + vectors * d * (float32 ? 4 : 8);
        return switch (name) {
            case "kernel" -> m;
            case "flags" -> m + 1;
            case "parameter" -> m + 2;
            case "dimension" -> m + 10;
            case "classes" -> m + 14;
            case "vectors" -> m + 18;
            case "terms" -> m + 22;
            case "counts" -> counts;
            case "bias" -> bias;
            case "weight" -> bias + 8 * pairs;
            case "intercept" -> bias + 16 * pairs;
            case "slope" -> bias + 24 * pairs;
            case "vector" -> vectorStart;
            case "index" -> index;
            case "coefficient" -> index + 4 * ByteBuffer.wrap(good).getInt(m + 22);
            default -> throw new IllegalArgumentException(name);
        };
    }

    // --- the issue's table ------------------------------------------------------------------------------

    /** Nested HashMaps whose hash codes cost 2^depth to compute when a map is rebuilt (Weka's Instances need HashMap). */
    static Object collidingMaps(int depth) {
        Map<Object, Object> root = new HashMap<>();
        Map<Object, Object> a = root;
        Map<Object, Object> b = new HashMap<>();
        for (int i = 0; i < depth; i++) {
            Map<Object, Object> t1 = new HashMap<>();
            Map<Object, Object> t2 = new HashMap<>();
            t1.put("foo", null);
            a.put(t1, null);
            a.put(t2, null);
            b.put(t1, null);
            b.put(t2, null);
            a = t1;
            b = t2;
        }
        return root;
    }

    static byte[] oldFormatAround(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        SmoEmotionClassifier m = ModelFile.decode(good, "good", new TestResolver());
        return ModelFiles.legacy(m.provenance(), ModelFile.parse(good, "good").standardizer(), b.toByteArray());
    }

    @Test
    void nestedCollidingHashMapsAreRefusedQuicklyOnLoad() throws Exception {
        byte[] file = oldFormatAround(collidingMaps(36));
        Path p = tmp.resolve("maps.ser4j");
        Files.write(p, file);
        assertTrue(refusedFile(p).contains("has the old model format version 2 (a Java-serialized Weka model), which ser4j "
                + "no longer loads: convert it once with 'java -jar ser4j.jar convert OLD_FILE NEW_FILE'"));
    }

    @Test
    void nestedCollidingHashMapsAreRefusedQuicklyByConvertToo() throws Exception {
        byte[] file = oldFormatAround(collidingMaps(36));
        String m = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                () -> LegacyModelFile.read(file, "model file x")).getMessage());
        assertTrue(m.contains("object graph deeper than " + ModelObjectFilter.MAX_DEPTH), m);
    }

    @Test
    void hashtableOfCollidingStringsIsRefusedQuicklyOnLoad() throws Exception {
        byte[] file = oldFormatAround(collidingStrings(14));
        assertTrue(refused(file).contains("convert it once"));
        String m = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                () -> LegacyModelFile.read(file, "model file x")).getMessage());
        assertTrue(m.matches(".*: refused to load the Weka model: a hash table of capacity \\d+ \\(limit "
                + ModelObjectFilter.MAX_TABLE_CAPACITY + "\\)"), m);
    }

    /** A Hashtable of 2^bits strings with one hash code ("Aa" and "BB" share theirs), so rebuilding it is quadratic. */
    static java.util.Hashtable<String, String> collidingStrings(int bits) {
        java.util.Hashtable<String, String> t = new java.util.Hashtable<>();
        java.util.List<String> all = new java.util.ArrayList<>();
        for (int i = 0; i < 1 << bits; i++) {
            StringBuilder s = new StringBuilder();
            for (int bit = 0; bit < bits; bit++) {
                s.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            all.add(s.toString());
        }
        for (String s : all) {
            t.put(s, ""); // quadratic here too, but 2^14 entries take well under a second
        }
        return t;
    }

    @Test
    void hugeDeclaredArraysAreRefusedBeforeAllocation() {
        // 100,000 vectors of 4,096 features (3.3 GB as doubles) declared in a file of a few kilobytes
        byte[] b = with(field("dimension"), buf -> buf.putInt(4096).putInt(4).putInt(100_000).putInt(4_000_000));
        String m = refused(b);
        assertTrue(m.startsWith("model file x is truncated: its shapes (4096 features, 4 classes, 100000 vectors, 4000000 "
                + "terms) take "), m);
    }

    @Test
    void trailingBytesAreRefused() {
        String m = refused(ModelFiles.concat(good, new byte[1]));
        assertTrue(m.startsWith("model file x has 1 unexpected bytes after the model"), m);
    }

    @Test
    void fileLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path p = tmp.resolve("trailing.ser4j");
        Files.write(p, good);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(good.length + 400L * 1024 * 1024); // 400 MB of zeros after a real model (sparse on disk)
        }
        assertEquals("model file " + p + " is " + Files.size(p) + " bytes, more than the limit of "
                + ModelFile.MAX_MODEL_BYTES + " a ser4j model may be", refusedFile(p));
        Files.delete(p);
    }

    @Test
    void streamLargerThanTheLimitIsRefused() {
        java.io.InputStream zeros = new java.io.InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 0);
                return len;
            }
        };
        IOException e = assertThrows(IOException.class, () -> ModelFile.read(zeros, "model resource r", new TestResolver()));
        assertEquals("model resource r is larger than the limit of " + ModelFile.MAX_MODEL_BYTES
                + " bytes a ser4j model may be", e.getMessage());
    }

    @Test
    void provenanceLargerThanTheLimitIsRefused() {
        byte[] text = new byte[16_500_000];
        for (int i = 0; i < text.length; i += 2) {
            text[i] = '{';
            text[i + 1] = '}';
        }
        String m = refused(ModelFiles.withJsonText(good, text));
        assertEquals("model file x declares provenance length 16500000 (allowed 0.." + ModelFile.MAX_JSON_BYTES + ")", m);
    }

    @Test
    void provenanceOfTooManyValuesIsRefused() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 200_000; i++) {
            sb.append(i == 0 ? "{}" : ",{}");
        }
        String m = refused(ModelFiles.withJsonText(good, sb.append(']').toString().getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.startsWith("model file x has malformed provenance: malformed JSON at offset ") && m.endsWith(
                "more than " + ModelFile.MAX_JSON_NODES + " values"), m);
    }

    /** Refused by the real extractor registry, as {@code EmotionClassifier.load(Path)} resolves a file's extractor. */
    static String refusedByTheRegistry(byte[] bytes) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                () -> ModelFile.decode(bytes, "model file x", ExtractorResolver.DEFAULT)).getMessage());
    }

    @Test
    void anExtractorIdNestedTooDeepIsRefusedBeforeItIsParsed() {
        // 100,000 nested front ends (700 KB): parsing it exhausted the heap
        String deep = "trim/1[".repeat(100_000) + "x" + "]".repeat(100_000);
        String m = refusedByTheRegistry(ModelFiles.withJson(good, j -> j.put("extractorId", deep)));
        assertTrue(m.startsWith("model file x was trained with feature extractor 'trim/1[trim/1["), m);
        assertTrue(m.contains("...' (800001 characters), which this installation cannot build: feature extractor id of "
                + "800001 characters is longer than the limit of " + io.github.ser4j.features.FeatureExtractors.MAX_ID_LENGTH),
                m);
        assertTrue(m.length() < 1000, m.length() + " characters of message");
    }

    @Test
    void aDropPatternThatBacktracksCatastrophicallyIsRefusedQuickly() {
        // seven nested .* against 494 feature names: matching took longer than anyone would wait (over 30 s, stopped)
        String id = "drop/1((.*)(.*)(.*)(.*)(.*)(.*)(.*)X)[" + io.github.ser4j.features.FeatureExtractors.full().id() + "]";
        String m = refusedByTheRegistry(ModelFiles.withJson(good, j -> j.put("extractorId", id)));
        assertTrue(m.endsWith("feature pattern '(.*)(.*)(.*)(.*)(.*)(.*)(.*)X' is too costly to match: over "
                + io.github.ser4j.features.DroppedFeatures.MAX_MATCH_READS
                + " characters read for the feature names (catastrophic backtracking)"), m);
    }

    @Test
    void duplicateLabelsAreNamed() {
        String m = refused(ModelFiles.withJson(good, j -> j.put("labels", List.of("neutral", "happy", "angry", "happy"))));
        assertEquals("model file x lists the label 'happy' twice in 'labels'", m);
    }

    @Test
    void unknownLabelsAreNamed() {
        String m = refused(ModelFiles.withJson(good, j -> j.put("labels", List.of("neutral", "happy", "angry", "bored"))));
        assertEquals("model file x has an unknown label 'bored' in 'labels'", m);
    }

    @Test
    void fewerLabelsThanClassesAreRefused() {
        String m = refused(ModelFiles.withJson(good, j -> j.put("labels", List.of("neutral", "happy", "angry"))));
        assertTrue(m.startsWith("model file x has a machine of 4 classes and"), m);
    }

    @Test
    void missingStandardiserIsNamed() {
        assertEquals("model file x has no 'standardizer' in its provenance",
                refused(ModelFiles.withJson(good, j -> j.remove("standardizer"))));
        assertEquals("model file x has no number list 'standardizer.scales' in its provenance",
                refused(ModelFiles.withJson(good, j -> j.put("standardizer", Map.of("means", List.of(1.0))))));
    }

    @Test
    void provenanceThatIsNotAnObjectIsRefused() {
        assertEquals("model file x has a provenance that is not a JSON object",
                refused(ModelFiles.withJsonText(good, "[]".getBytes(StandardCharsets.UTF_8))));
    }

    // --- every field -------------------------------------------------------------------------------------

    @Test
    void truncationAtEveryFieldIsNamed() {
        for (int len = 0; len < good.length; len += len < machine + 64 ? 1 : 61) {
            String m = refused(Arrays.copyOf(good, len));
            assertTrue(m.contains("truncated") || m.contains("wrong magic"), len + ": " + m);
            if (len >= machine && len < machine + 26) {
                assertTrue(m.startsWith("model file x is truncated at field '"), len + ": " + m);
            }
        }
        assertEquals("model file x is truncated at field 'dimension' (needs 4 bytes, 2 remain)",
                refused(Arrays.copyOf(good, machine + 12)));
    }

    @Test
    void absurdShapesAreRefused() {
        assertEquals("model file x declares dimension -1 (allowed 0.." + ModelFile.MAX_DIMENSION + ")",
                refused(with(field("dimension"), buf -> buf.putInt(-1))));
        assertEquals("model file x declares dimension 5000 (allowed 0.." + ModelFile.MAX_DIMENSION + ")",
                refused(with(field("dimension"), buf -> buf.putInt(5000))));
        assertEquals("model file x declares classes 9 (allowed 0..8)", refused(with(field("classes"), buf -> buf.putInt(9))));
        assertEquals("model file x declares 0 features and 4 classes (needs 1 and 2 at least)",
                refused(with(field("dimension"), buf -> buf.putInt(0))));
        assertEquals("model file x declares vectors 2147483647 (allowed 0.." + ModelFile.MAX_VECTORS + ")",
                refused(with(field("vectors"), buf -> buf.putInt(Integer.MAX_VALUE))));
        assertEquals("model file x declares terms -5 (allowed 0.." + ModelFile.MAX_TERMS + ")",
                refused(with(field("terms"), buf -> buf.putInt(-5))));
        assertEquals("model file x has kernel 7 (1 is RBF, 2 polynomial)", refused(with(field("kernel"), buf -> buf.put((byte) 7))));
        assertEquals("model file x has unknown flags 6", refused(with(field("flags"), buf -> buf.put((byte) 6))));
        assertTrue(refused(with(field("counts"), buf -> buf.putInt(-1))).startsWith("model file x declares -1 terms for pair 0"));
        int terms = ByteBuffer.wrap(good).getInt(field("terms"));
        assertEquals("model file x declares " + (terms + 1) + " terms for pair 0 but " + terms + " in all",
                refused(with(field("counts"), buf -> buf.putInt(terms + 1))));
        assertEquals("model file x has vector index 99999 at term 0 (allowed 0.."
                + (ByteBuffer.wrap(good).getInt(field("vectors")) - 1) + ")",
                refused(with(field("index"), buf -> buf.putInt(99_999))));
    }

    @Test
    void nonFiniteOrHugeNumbersAreRefused() {
        boolean float32 = (good[field("flags")] & 2) != 0;
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300}) {
            String v = String.valueOf(bad);
            assertEquals("model file x has coefficient " + v + " at index 0 (allowed: finite, magnitude at most 1.0E9)",
                    refused(with(field("coefficient"), buf -> buf.putDouble(bad))));
            assertEquals("model file x has bias " + v + " at index 0 (allowed: finite, magnitude at most 1.0E9)",
                    refused(with(field("bias"), buf -> buf.putDouble(bad))));
            assertEquals("model file x has calibration slope " + v + " at index 0 (allowed: finite, magnitude at most 1.0E9)",
                    refused(with(field("slope"), buf -> buf.putDouble(bad))));
            assertEquals("model file x has calibration intercept " + v + " at index 0 (allowed: finite, magnitude at most 1.0E9)",
                    refused(with(field("intercept"), buf -> buf.putDouble(bad))));
            assertEquals("model file x has training weight " + v + " at index 0 (allowed: finite, magnitude at most 1.0E9)",
                    refused(with(field("weight"), buf -> buf.putDouble(bad))));
            String vector = refused(with(field("vector"), buf -> {
                if (float32) {
                    buf.putFloat((float) bad);
                } else {
                    buf.putDouble(bad);
                }
            }));
            assertTrue(vector.startsWith("model file x has support vector value "), vector);
            assertTrue(refused(with(field("parameter"), buf -> buf.putDouble(bad))).startsWith("model file x has RBF gamma "));
        }
        assertEquals("model file x has training weight -1.0 for pair 0 (must not be negative)",
                refused(with(field("weight"), buf -> buf.putDouble(-1))));
        assertEquals("model file x has no trained pair for class 0, so it could never predict it",
                refused(with(field("weight"), buf -> buf.putDouble(0).putDouble(0).putDouble(0))));
        assertEquals("model file x has polynomial exponent 1.5 (allowed: whole numbers 1..10)",
                refused(with(field("kernel"), buf -> buf.put((byte) 2).put((byte) (good[field("flags")])).putDouble(1.5))));
    }

    /** The table's memory cases in a JVM of 256 MB: refused with the same messages, no OutOfMemoryError. */
    @Test
    void underA256MegabyteHeap() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(SmallHeapMain.class, List.of("-Xmx256m"), 300, tmp.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("large file: model file "), r.output());
        assertTrue(r.output().contains("big shapes: model file small is truncated: its shapes"), r.output());
        assertTrue(r.output().contains("provenance: model file small declares provenance length 16500000"), r.output());
        assertTrue(r.output().contains("old inflating: model file small has the old model format version 2"), r.output());
    }

    /** The child of {@link #underA256MegabyteHeap}. */
    static final class SmallHeapMain {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            good = Files.readAllBytes(dir.resolve("good.ser4j"));
            machine = ModelFiles.machineOffset(good);
            pairs = SupportVectorMachine.pairs(4);
            Path big = dir.resolve("small-heap-trailing.ser4j");
            Files.write(big, good);
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(good.length + 400L * 1024 * 1024);
            }
            report("large file", () -> SmoEmotionClassifier.load(big, id -> new ToneExtractor()));
            Files.delete(big);
            report("big shapes", () -> ModelFile.decode(with(field("dimension"),
                    buf -> buf.putInt(4096).putInt(4).putInt(100_000).putInt(4_000_000)), "model file small", new TestResolver()));
            byte[] text = new byte[16_500_000];
            Arrays.fill(text, (byte) ' ');
            report("provenance", () -> ModelFile.decode(ModelFiles.withJsonText(good, text), "model file small",
                    new TestResolver()));
            // an old file whose Weka part inflates to a gigabyte of zeros
            java.util.zip.Deflater z = new java.util.zip.Deflater(9);
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            byte[] zeros = new byte[1 << 20];
            byte[] chunk = new byte[1 << 16];
            for (int i = 0; i < 1024; i++) {
                z.setInput(zeros);
                while (!z.needsInput()) {
                    deflated.write(chunk, 0, z.deflate(chunk));
                }
            }
            z.finish();
            while (!z.finished()) {
                deflated.write(chunk, 0, z.deflate(chunk));
            }
            byte[] bomb = ModelFiles.legacyFrame(2, "{}".getBytes(StandardCharsets.UTF_8), deflated.toByteArray());
            report("old inflating", () -> ModelFile.decode(bomb, "model file small", new TestResolver()));
        }

        interface Load {
            Object run() throws Exception;
        }

        static void report(String what, Load load) {
            try {
                load.run();
                System.out.println(what + ": ACCEPTED");
                System.exit(4);
            } catch (IOException e) {
                System.out.println(what + ": " + e.getMessage());
            } catch (Throwable t) {
                System.out.println(what + ": " + t);
                System.exit(5);
            }
        }
    }
}
