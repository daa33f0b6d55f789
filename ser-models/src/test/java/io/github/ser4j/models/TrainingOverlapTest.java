package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training-clip hashes in the provenance, the evaluate warning, and the tool that adds hashes to an old model. */
class TrainingOverlapTest {

    @TempDir
    static Path tmp;
    static Dataset data;
    static SmoEmotionClassifier model;

    @BeforeAll
    static void train() throws Exception {
        TestAudio.writeRavdess(tmp.resolve("train"), SmoTrainerTest.FOUR, 4, 2);
        data = Dataset.read(tmp.resolve("train"));
        model = SmoTrainer.train(data, new ToneExtractor(), SmoTrainerTest.small(2), null).classifier();
    }

    @Test
    void theTrainerKeepsOneHashPerDistinctClipAndTheyRoundTrip() throws Exception {
        List<String> hashes = model.provenance().data().clipHashes();
        assertEquals(data.clips().size(), hashes.size());
        List<String> expected = new ArrayList<>();
        for (LabelledClip c : data.clips()) {
            expected.add(ClipHashes.of(AudioClip.read(c.file()), model.featureExtractor()));
        }
        assertEquals(ClipHashes.sorted(expected), hashes, "sorted hashes of the clips as heard");
        Path f = tmp.resolve("m.ser4j");
        model.save(f);
        assertEquals(hashes, ModelFile.read(f, new TestResolver()).provenance().data().clipHashes());
        Map<?, ?> json = (Map<?, ?>) Json.parse(Json.write(model.provenance().data().toJson()));
        assertEquals(hashes, json.get("clipHashes"));
        assertThrows(IllegalArgumentException.class, () -> model.provenance().data().withClipHashes(List.of("XYZ")));
    }

    @Test
    void aHashIgnoresNamesAndContainersButNotContent() throws Exception {
        float[] s = TestAudio.tone(Emotion.ANGRY, 8000, 0.3, 5);
        Path a = tmp.resolve("a/one.wav");
        Path b = tmp.resolve("b/renamed.wav");
        TestAudio.writePcm16(a, s, 8000);
        TestAudio.writeFloat32(b, readBack(a), 8000); // the same 16-bit values in a float container
        ToneExtractor fx = new ToneExtractor();
        assertEquals(ClipHashes.of(AudioClip.read(a), fx), ClipHashes.of(AudioClip.read(b), fx));
        s[100] += 0.01f;
        TestAudio.writePcm16(b, s, 8000);
        assertTrue(!ClipHashes.of(AudioClip.read(a), fx).equals(ClipHashes.of(AudioClip.read(b), fx)));
    }

    private static float[] readBack(Path f) throws Exception {
        return AudioClip.read(f).samples();
    }

    @Test
    void evaluateWarnsOnTrainingClipsEvenRenamedAndNotOnNewOnes() throws Exception {
        EvaluationReport same = Evaluator.evaluate(model, data, 2, null);
        assertTrue(same.protocol().startsWith("NOT held-out"), same.protocol());
        assertEquals("WARNING: 32 of 32 clips (100.0%) are in the model's training data (matched by content hash): "
                + "these figures are not held-out", same.notes().get(0));

        Path mixed = tmp.resolve("mixed");
        int copied = 0;
        for (LabelledClip c : data.clips().subList(0, 3)) {
            Path to = mixed.resolve(c.emotion().word()).resolve("copy" + copied++ + ".wav");
            Files.createDirectories(to.getParent());
            Files.copy(c.file(), to);
        }
        TestAudio.writeFolders(mixed, new Emotion[] {Emotion.NEUTRAL, Emotion.ANGRY}, 3);
        EvaluationReport part = Evaluator.evaluate(model, Dataset.read(mixed), 2, null);
        assertTrue(part.notes().get(0).startsWith("WARNING: 3 of 9 clips (33.3%) are in the model's training data"),
                part.notes().toString());

        Path fresh = tmp.resolve("fresh");
        TestAudio.writeFolders(fresh, new Emotion[] {Emotion.NEUTRAL, Emotion.ANGRY}, 3);
        EvaluationReport heldOut = Evaluator.evaluate(model, Dataset.read(fresh), 2, null);
        assertTrue(heldOut.protocol().startsWith("held-out"), heldOut.protocol());
        assertTrue(heldOut.notes().stream().noneMatch(n -> n.startsWith("WARNING")), heldOut.notes().toString());
    }

    @Test
    void withoutHashesTheFileListStillGivesTheTrainingSetAway() throws Exception {
        SmoEmotionClassifier old = model.withProvenance(model.provenance().withData(
                model.provenance().data().withClipHashes(List.of())));
        EvaluationReport r = Evaluator.evaluate(old, data, 2, null);
        assertTrue(r.notes().get(0).startsWith("WARNING: the data set's file list is the model's training file list"),
                r.notes().toString());
    }

    @Test
    void theToolAddsTheHashesToAnOldModelFromItsOwnDataOnly() throws Exception {
        SmoEmotionClassifier old = model.withProvenance(model.provenance().withData(
                model.provenance().data().withClipHashes(List.of())));
        Path in = tmp.resolve("old.ser4j");
        Path out = tmp.resolve("new.ser4j");
        old.save(in);
        MainTest.Result r = MainTest.run("add-training-hashes", "--model", in.toString(), "--data",
                tmp.resolve("train").toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("32 training-clip hashes added"), r.err());
        SmoEmotionClassifier back = ModelFile.read(out, new TestResolver());
        assertEquals(model.provenance().data().clipHashes(), back.provenance().data().clipHashes());
        double[] f = back.featureExtractor().extract(AudioClip.read(data.clips().get(0).file()).quantizedToPcm16());
        assertEquals(old.predictFeatures(f), back.predictFeatures(f), "the model itself is unchanged");

        Path other = tmp.resolve("other");
        TestAudio.writeFolders(other, new Emotion[] {Emotion.NEUTRAL}, 2);
        MainTest.Result bad = MainTest.run("add-training-hashes", "--model", in.toString(), "--data", other.toString(),
                "--out", tmp.resolve("bad.ser4j").toString());
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("is not the training data of the model"), bad.err());
        assertTrue(!Files.exists(tmp.resolve("bad.ser4j")));
    }
}
