package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.Emotion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

    @TempDir
    Path tmp;

    private void wav(String rel) throws IOException {
        TestAudio.writePcm16(tmp.resolve(rel), TestAudio.tone(Emotion.CALM, 8000, 0.3, 1), 8000);
    }

    @Test
    void ravdessNamesGiveEmotionAndActor() throws Exception {
        wav("Actor_03/03-01-05-01-02-01-03.wav");
        wav("Actor_12/03-01-08-02-01-02-12.wav");
        Dataset d = Dataset.read(tmp);
        assertEquals("ravdess", d.layout());
        assertEquals(List.of(new LabelledClip(tmp.resolve("Actor_03/03-01-05-01-02-01-03.wav"),
                "Actor_03/03-01-05-01-02-01-03.wav", Emotion.ANGRY, "03"),
                new LabelledClip(tmp.resolve("Actor_12/03-01-08-02-01-02-12.wav"),
                        "Actor_12/03-01-08-02-01-02-12.wav", Emotion.SURPRISED, "12")), d.clips());
        assertTrue(d.hasSpeakers());
    }

    @Test
    void summaryHashesTheSortedRelativeFileList() throws Exception {
        wav("Actor_12/03-01-08-02-01-02-12.wav");
        wav("Actor_03/03-01-05-01-02-01-03.wav");
        TrainingDataSummary s = Dataset.read(tmp).summary();
        byte[] h = MessageDigest.getInstance("SHA-256").digest(
                "Actor_03/03-01-05-01-02-01-03.wav\nActor_12/03-01-08-02-01-02-12.wav\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(h), s.fileListSha256());
        assertEquals(List.of("03", "12"), s.speakers());
        assertEquals(2, s.clips());
        assertEquals(1, s.clipsPerClass().get(Emotion.ANGRY));
    }

    @Test
    void badRavdessEmotionCodeNamesTheFile() throws Exception {
        wav("Actor_01/03-01-09-01-01-01-01.wav");
        IOException e = assertThrows(IOException.class, () -> Dataset.read(tmp));
        assertTrue(e.getMessage().contains("03-01-09-01-01-01-01.wav has emotion code 09"), e.getMessage());
    }

    @Test
    void manifestWinsAndReadsSpeakerOrActor() throws Exception {
        wav("a/x.wav");
        wav("b/y.wav");
        wav("Actor_01/03-01-05-01-01-01-01.wav"); // ignored: the manifest comes first
        Files.writeString(tmp.resolve("manifest.csv"), "Path,Emotion,Actor\na/x.wav,Happy,7\n\"b/y.wav\",fear,8\n");
        Dataset d = Dataset.read(tmp);
        assertEquals("manifest", d.layout());
        assertEquals(2, d.clips().size());
        assertEquals(Emotion.HAPPY, d.clips().get(0).emotion());
        assertEquals("7", d.clips().get(0).speaker());
        assertEquals(Emotion.FEARFUL, d.clips().get(1).emotion());
    }

    @Test
    void manifestErrorsNameTheLine() throws Exception {
        wav("a/x.wav");
        Files.writeString(tmp.resolve("manifest.csv"), "path,emotion\na/x.wav,happy\na/x.wav,joyful\n");
        IOException e = assertThrows(IOException.class, () -> Dataset.read(tmp));
        assertTrue(e.getMessage().startsWith("manifest.csv line 3 (a/x.wav): unknown emotion 'joyful'"), e.getMessage());

        Files.writeString(tmp.resolve("manifest.csv"), "path,emotion\na/missing.wav,happy\n");
        e = assertThrows(IOException.class, () -> Dataset.read(tmp));
        assertEquals("manifest.csv line 2: file 'a/missing.wav' does not exist", e.getMessage());

        Files.writeString(tmp.resolve("manifest.csv"), "file,label\na/x.wav,happy\n");
        e = assertThrows(IOException.class, () -> Dataset.read(tmp));
        assertTrue(e.getMessage().contains("the header must name the columns path and emotion"), e.getMessage());
    }

    @Test
    void foldersPerEmotion() throws Exception {
        wav("angry/1.wav");
        wav("angry/2.WAV");
        wav("sad/deep/3.wav");
        Dataset d = Dataset.read(tmp);
        assertEquals("folders", d.layout());
        assertEquals(List.of(Emotion.SAD, Emotion.ANGRY), d.labels());
        assertEquals(3, d.clips().size());
        assertTrue(!d.hasSpeakers());
    }

    @Test
    void folderErrors() throws Exception {
        wav("angry/1.wav");
        Files.createDirectories(tmp.resolve("sad"));
        IOException e = assertThrows(IOException.class, () -> Dataset.read(tmp));
        assertEquals("emotion folder " + tmp.resolve("sad") + " holds no audio files", e.getMessage());
        Files.delete(tmp.resolve("sad"));
        wav("bored/1.wav");
        e = assertThrows(IOException.class, () -> Dataset.read(tmp));
        assertTrue(e.getMessage().startsWith("folder " + tmp.resolve("bored") + " is not named after an emotion"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> Dataset.read(tmp.resolve("nowhere")));
        assertEquals("data folder " + tmp.resolve("nowhere") + " does not exist or is not a folder", missing.getMessage());
    }
}
