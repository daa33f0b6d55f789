package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.PriorityQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    static Path tmp;
    static SmoEmotionClassifier model;
    static byte[] good;

    /** A serializable class whose deserialization would leave a trace. */
    static final class Trap implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean instantiated;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            instantiated = true;
            in.defaultReadObject();
        }
    }

    @BeforeAll
    static void train() throws Exception {
        TestAudio.writeFolders(tmp.resolve("data"), SmoTrainerTest.FOUR, 8);
        TrainerOptions o = TrainerOptions.defaults().withGrids(java.util.List.of(4.0), java.util.List.of(0.1),
                java.util.List.of(1.0)).withFolds(2, false, 1).withThreads(2);
        model = SmoTrainer.train(Dataset.read(tmp.resolve("data")), new ToneExtractor(), o, null).classifier();
        Path f = tmp.resolve("good.ser4j");
        model.save(f);
        good = Files.readAllBytes(f);
    }

    static IOException refused(byte[] bytes) {
        return assertThrows(IOException.class, () -> ModelFile.decode(bytes, "model file x", new TestResolver()));
    }

    /** What convert says of an old-format file. */
    static IOException convertRefused(byte[] bytes) {
        return assertThrows(IOException.class, () -> LegacyModelFile.read(bytes, "model file x"));
    }

    /** A well-formed old-format file whose Weka part is the given object. */
    static byte[] withWekaPart(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return ModelFiles.legacy(model.provenance(), Standardizer.fit(new double[][] {{1, 2, 3}, {2, 3, 5}}, new int[] {0, 1}),
                b.toByteArray());
    }

    @Test
    void savedFileIsReadableByOthersNotJustTheOwner() throws Exception {
        Path f = tmp.resolve("good.ser4j");
        if (Files.getFileAttributeView(f, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
    }

    @Test
    void goodFileLoads() throws Exception {
        SmoEmotionClassifier back = ModelFile.decode(good, "model file x", new TestResolver());
        assertEquals(model.provenance(), back.provenance());
        assertEquals(model.svm(), back.svm());
        assertEquals(ModelFile.VERSION, ByteBuffer.wrap(good).getInt(8));
    }

    @Test
    void classOutsideTheAllowListIsRefusedBeforeInstantiation() throws Exception {
        Trap.instantiated = false;
        IOException e = convertRefused(withWekaPart(new Trap()));
        assertFalse(Trap.instantiated, "the trap's readObject ran");
        assertTrue(e.getMessage().contains("class io.github.ser4j.models.ModelFileTest$Trap is not on the model allow-list"),
                e.getMessage());
    }

    @Test
    void jdkGadgetContainerIsRefused() throws Exception {
        PriorityQueue<String> q = new PriorityQueue<>();
        q.add("a");
        IOException e = convertRefused(withWekaPart(q));
        assertTrue(e.getMessage().contains("class java.util.PriorityQueue is not on the model allow-list"), e.getMessage());
    }

    @Test
    void allowedButWrongTopLevelObjectIsRefused() throws Exception {
        IOException e = convertRefused(withWekaPart(new java.util.ArrayList<String>()));
        assertTrue(e.getMessage().contains("holds a java.util.ArrayList, not an SMO"), e.getMessage());
    }

    @Test
    void hugeDeclaredArrayIsRefusedBeforeAllocation() throws Exception {
        double marker = Double.longBitsToDouble(0x0123456789abcdefL);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(new double[] {marker});
        }
        byte[] stream = b.toByteArray();
        int at = stream.length - 8 - 4; // the element count sits just before the one element
        assertEquals(1, ByteBuffer.wrap(stream).getInt(at));
        ByteBuffer.wrap(stream).putInt(at, Integer.MAX_VALUE);
        IOException e = assertThrows(IOException.class, () -> WekaSvm.fromBytes(stream, "model file x"));
        assertTrue(e.getMessage().contains("an array of 2147483647 elements (limit " + stream.length + ")"), e.getMessage());
    }

    @Test
    void wrongMagic() {
        byte[] b = good.clone();
        b[0] = 'X';
        assertEquals("model file x is not a ser4j model file (wrong magic bytes)", refused(b).getMessage());
        assertEquals("model file x is not a ser4j model file (wrong magic bytes)", refused(new byte[3]).getMessage());
    }

    @Test
    void wrongVersion() {
        byte[] b = good.clone();
        ByteBuffer.wrap(b).putInt(8, 7);
        assertEquals("model file x has model format version 7; this ser4j reads version 4 (the file was written by a "
                + "newer ser4j)", refused(b).getMessage());
    }

    @Test
    void oldFormatIsRefusedForPredictionWithTheConvertCommand() throws Exception {
        byte[] old = withWekaPart(new java.util.ArrayList<String>());
        assertEquals("model file x has the old model format version 2 (a Java-serialized Weka model), which ser4j no "
                + "longer loads: convert it once with 'java -jar ser4j.jar convert OLD_FILE NEW_FILE' (run it only on "
                + "files you trust)", refused(old).getMessage());
    }

    @Test
    void anUnadaptedOldModelDeclaringTheAdaptedVersionIsRefusedByConvert() throws Exception {
        byte[] b = withWekaPart(new java.util.ArrayList<String>());
        ByteBuffer.wrap(b).putInt(8, LegacyModelFile.ADAPTED_VERSION);
        assertEquals("model file x has model format version 3 but no speaker normalisation",
                convertRefused(ModelFiles.withCrc(b)).getMessage());
    }

    @Test
    void truncatedAnywhere() {
        for (int len = 0; len < good.length; len += len < 200 ? 1 : 997) {
            IOException e = refused(Arrays.copyOf(good, len));
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("wrong magic"), len + ": " + e.getMessage());
        }
    }

    @Test
    void oldWekaPartThatIsNotDeflateDataIsRefused() throws Exception {
        byte[] b = ModelFiles.legacyFrame(LegacyModelFile.VERSION,
                ModelFiles.provenanceText(model.provenance(), Standardizer.fit(new double[][] {{1, 2, 3}, {2, 3, 5}},
                        new int[] {0, 1})), new byte[] {1, 2, 3, 4});
        IOException e = convertRefused(b);
        assertTrue(e.getMessage().startsWith("model file x is corrupt: its Weka part"), e.getMessage());
    }

    @Test
    void flippedByteFailsTheChecksum() {
        byte[] b = good.clone();
        b[b.length / 2] ^= 1;
        assertEquals("model file x is corrupt (checksum mismatch)", refused(b).getMessage());
    }

    @Test
    void hugeDeclaredLengthIsRejectedWithoutAllocating() {
        byte[] b = good.clone();
        ByteBuffer.wrap(b).putInt(12, Integer.MAX_VALUE);
        assertEquals("model file x declares provenance length 2147483647 (allowed 0.." + ModelFile.MAX_JSON_BYTES + ")",
                refused(b).getMessage());
    }

    @Test
    void extractorMismatchNamesBothIds() {
        ExtractorResolver other = new TestResolver(new ToneExtractor("test-tone/2(sr=8000)")) {
            @Override
            public io.github.ser4j.core.FeatureExtractor byId(String id) {
                return extractor(); // a registry that silently returns a different extractor
            }
        }.self();
        IOException e = assertThrows(IOException.class, () -> ModelFile.decode(good, "model file x", other));
        assertEquals("model file x was trained with feature extractor 'test-tone/1(sr=8000)' but the registry built "
                + "'test-tone/2(sr=8000)'", e.getMessage());
        IOException unknown = assertThrows(IOException.class, () -> ModelFile.decode(good, "model file x",
                new TestResolver(new ToneExtractor("something-else"))));
        assertTrue(unknown.getMessage().startsWith("model file x was trained with feature extractor "
                + "'test-tone/1(sr=8000)', which this installation cannot build"), unknown.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path p = tmp.resolve("nope.ser4j");
        IOException e = assertThrows(IOException.class, () -> SmoEmotionClassifier.load(p, id -> new ToneExtractor()));
        assertEquals("model file " + p + " does not exist or is not a file", e.getMessage());
    }

    @Test
    void publicLoadWithOwnExtractorRegistry() throws Exception {
        Path p = tmp.resolve("good.ser4j");
        SmoEmotionClassifier back = SmoEmotionClassifier.load(p, id -> id.equals("test-tone/1(sr=8000)") ? new ToneExtractor() : null);
        assertEquals(model.labels(), back.labels());
        assertEquals("test-tone/1(sr=8000)", back.featureExtractorId());
    }
}
