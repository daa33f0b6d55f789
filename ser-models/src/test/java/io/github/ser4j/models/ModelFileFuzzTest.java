package io.github.ser4j.models;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ser4j.core.Prediction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Jazzer fuzz test of the model reader: any bytes either load into a model that predicts a valid distribution
 * (or refuses with an {@link IllegalStateException}), or are refused with an {@link IOException}; never another
 * exception, an error, a hang or an out-of-memory error. The trailing checksum is repaired first, so the fuzzer
 * gets past it to the parser (the checksum itself is tested in {@link ModelFileTest}).
 *
 * <p>{@code mvn verify} runs the committed corpus ({@code ModelFileFuzzTestInputs/modelReader}: small valid
 * models of both kernels, adapted and not, and cut or damaged ones) as a regression test. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl ser-models -am test -Dtest=ModelFileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Djazzer.max_duration=10m} (findings land in the inputs directory; add the reduced ones to the corpus).
 */
class ModelFileFuzzTest {

    private static final double[][] ROWS = {{0, 0, 0}, {1, -2, 3.5}, {-40, 1e3, 0.25}};

    @FuzzTest(maxDuration = "10m")
    void modelReader(byte[] input) {
        byte[] bytes = input.clone();
        if (bytes.length >= 20) {
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 8);
            ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        }
        SmoEmotionClassifier model;
        try {
            model = ModelFile.decode(bytes, "fuzz input", new TestResolver());
        } catch (IOException refused) {
            return;
        }
        for (double[] row : ROWS) {
            try {
                Prediction p = model.predictFeatures(row);
                double sum = 0;
                for (double v : p.probabilities().values()) {
                    if (!(v >= 0 && v <= 1)) {
                        throw new AssertionError("probability " + v + " of " + p);
                    }
                    sum += v;
                }
                if (Math.abs(sum - 1) > 1e-9) {
                    throw new AssertionError("probabilities sum to " + sum);
                }
            } catch (IllegalStateException documented) {
                // a hostile but well-formed model may give no probability mass or fail to couple: said so, not NaN
            }
        }
    }

    /** Writes the seed corpus: {@code java ... ModelFileFuzzTest DIR} (see the test's resources). */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path tmp = Files.createTempDirectory("fuzz-seeds");
        TestAudio.writeFolders(tmp.resolve("data"), new io.github.ser4j.core.Emotion[] {io.github.ser4j.core.Emotion.CALM,
            io.github.ser4j.core.Emotion.ANGRY, io.github.ser4j.core.Emotion.SAD}, 4);
        int k = 0;
        for (String kernel : List.of("rbf", "poly")) {
            TrainerOptions o = TrainerOptions.defaults().withGrids(List.of(4.0), List.of(0.1), List.of(2.0))
                    .withFolds(2, false, 1).withThreads(1).withKernel(SvmParameters.Kernel.parse(kernel));
            SmoEmotionClassifier m = SmoTrainer.train(Dataset.read(tmp.resolve("data")), new ToneExtractor(), o, null)
                    .classifier();
            Path f = dir.resolve("seed-" + kernel + ".ser4j");
            m.save(f);
            byte[] b = Files.readAllBytes(f);
            Files.write(dir.resolve("cut-" + kernel), java.util.Arrays.copyOf(b, ModelFiles.machineOffset(b) + 30));
            k++;
        }
        System.out.println(k + " models written to " + dir);
    }
}
