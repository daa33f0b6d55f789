package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.Emotion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    static Path tmp;
    static Path data;
    static Path model;

    record Result(int status, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new TestResolver());
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void trainOnce() throws Exception {
        data = tmp.resolve("tones");
        TestAudio.writeRavdess(data, SmoTrainerTest.FOUR, 5, 2);
        model = tmp.resolve("out/tones.ser4j");
        Result r = run("train", "--data", data.toString(), "--out", model.toString(), "--extractor", "tone",
                "--grouped", "--C", "1,8", "--gamma", "0.05,0.2", "--threads", "2", "--seed", "3");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("speaker-grouped 5-fold: n=40 accuracy="), r.out());
        assertTrue(r.out().contains("<- chosen"), r.out());
        assertTrue(r.err().contains("cv fits: 20/20"), r.err());
        assertTrue(r.err().contains("wrote " + model), r.err());
        assertTrue(Files.size(model) > 0);
    }

    @Test
    void trainAugmentsAndSquashesFromTheCommandLineAndRefusesBadSpecs() throws Exception {
        Path out = tmp.resolve("out/aug.ser4j");
        Result r = run("train", "--data", data.toString(), "--out", out.toString(), "--extractor", "tone", "--grouped",
                "--C", "8", "--gamma", "0.2", "--threads", "2", "--augment", "copies=1,pink=10:20,telephone", "--squash", "4");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("speaker-grouped 5-fold, augmented copies=1,pink=10:20,telephone, squash 4.0: n=40 "),
                r.out());
        assertTrue(r.err().contains("augmented copies: 40/40"), r.err());
        SmoEmotionClassifier m = ModelFile.read(out, new TestResolver());
        assertEquals("copies=1,pink=10:20,telephone", m.provenance().trainer().augmentation().spec());
        assertEquals(4.0, m.provenance().trainer().squash());
        Result bad = run("train", "--data", data.toString(), "--out", out.toString(), "--extractor", "tone",
                "--augment", "copies=2,hum=3:4");
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().contains("unknown condition 'hum'"), bad.err());
    }

    @Test
    void tonesArePredictedAsNoSpeechInTextAndJson() throws Exception {
        // The test model is trained on tones, but predict first asks the speech detector, and a tone is no voice.
        Path f = tmp.resolve("float22k.wav");
        TestAudio.writeFloat32(f, TestAudio.tone(Emotion.ANGRY, 22050, 0.6, 77), 22050);
        Path g = tmp.resolve("neutral16.wav");
        TestAudio.writePcm16(g, TestAudio.tone(Emotion.NEUTRAL, 16000, 0.6, 78), 16000);

        Result text = run("predict", "--model", model.toString(), f.toString(), g.toString());
        assertEquals(0, text.status(), text.err());
        assertEquals(List.of("path", "emotion", "confidence", "neutral", "happy", "angry", "surprised", "voiced_s",
                "no_speech", "out_of_domain"), List.of(text.outLines().get(0).split("\t")), "header: the model's labels");
        assertEquals(3, text.outLines().size());
        for (int i = 1; i < 3; i++) {
            String[] cols = text.outLines().get(i).split("\t", -1);
            assertEquals((i == 1 ? f : g).toString(), cols[0]);
            assertEquals("no-speech", cols[1], text.out());
            assertEquals("", cols[2], "no confidence without speech");
            assertTrue(cols[7].matches("\\d+\\.\\d\\d"), cols[7]);
            assertTrue(cols[8].contains("voiced sound"), cols[8]);
            assertEquals(10, cols.length, text.out());
        }

        Result json = run("predict", "--json", "--model", model.toString(), f.toString());
        assertEquals(0, json.status(), json.err());
        Map<?, ?> m = (Map<?, ?>) Json.parse(json.outLines().get(0));
        assertTrue(m.containsKey("emotion") && m.get("emotion") == null, json.out());
        Map<?, ?> why = (Map<?, ?>) m.get("no_speech");
        assertTrue(((String) why.get("reason")).contains("voiced sound"), json.out());
        assertEquals(0.6, ((Number) why.get("duration_s")).doubleValue(), 1e-3);
        assertTrue(!m.containsKey("probabilities"), json.out());
    }

    @Test
    void predictWithLabelsRenormalisesOverTheSubset() {
        String clip = "src/test/resources/clips/03-01-05-02-01-01-02.wav";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"predict", "--json", "--labels", "sad,neutral", clip},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                ExtractorResolver.DEFAULT);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        Map<?, ?> m = (Map<?, ?>) Json.parse(out.toString(StandardCharsets.UTF_8).strip());
        Map<?, ?> probs = (Map<?, ?>) m.get("probabilities");
        assertEquals(List.of("neutral", "sad"), List.copyOf(probs.keySet()));
        double n = ((Number) probs.get("neutral")).doubleValue();
        double s = ((Number) probs.get("sad")).doubleValue();
        assertEquals(1.0, n + s, 1e-9);
        assertEquals(n > s ? "neutral" : "sad", m.get("emotion"));

        Result bad = run("predict", "--labels", "sad,joy", clip);
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("joy"), bad.err());
    }

    @Test
    void predictReportsBadFilesInOneLineAndFails() throws Exception {
        Path junk = tmp.resolve("junk.wav");
        Files.writeString(junk, "not audio at all");
        Result r = run("predict", "--model", model.toString(), junk.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ser4j predict: ") && r.err().contains("junk.wav"), r.err());
        assertEquals("path\temotion\tconfidence\tneutral\thappy\tangry\tsurprised\tvoiced_s\tno_speech\tout_of_domain",
                r.out().strip(), "the header only");
    }

    @Test
    void predictWithTheShippedModelPrintsOneLinePerFile() {
        // The real registry: the shipped model was trained with a real ser4j extractor.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String clip = "src/test/resources/clips/03-01-06-02-01-01-02.wav";
        int status = Main.run(new String[] {"predict", clip}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ExtractorResolver.DEFAULT);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        String[] header = lines.get(0).split("\t");
        String[] fields = lines.get(1).split("\t", -1);
        assertEquals(clip, fields[0]);
        assertEquals(3 + Emotion.values().length + 3, fields.length, String.join("|", fields)); // + voiced_s, no_speech, out_of_domain
        assertEquals("", fields[fields.length - 2], "speech: no no-speech reason");
        double sum = 0;
        for (int i = 3; i < 3 + Emotion.values().length; i++) {
            assertEquals(Emotion.values()[i - 3].word(), header[i]);
            sum += Double.parseDouble(fields[i]);
        }
        assertEquals(1.0, sum, 1e-3);
    }

    @Test
    void evaluateJsonWithLabelsTheModelDoesNotKnow() throws Exception {
        Path mixed = tmp.resolve("mixed");
        TestAudio.writeFolders(mixed, new Emotion[] {Emotion.NEUTRAL, Emotion.ANGRY, Emotion.SAD}, 4);
        Result r = run("evaluate", "--data", mixed.toString(), "--model", model.toString(), "--json", "--threads", "2");
        assertEquals(0, r.status(), r.err());
        Map<?, ?> m = (Map<?, ?>) Json.parse(r.out().strip());
        assertEquals(12.0, m.get("n"));
        assertEquals(List.of("neutral", "happy", "sad", "angry", "surprised"), m.get("labels"));
        List<?> confusion = (List<?>) m.get("confusion");
        List<?> sadRow = (List<?>) confusion.get(2);
        assertEquals(0.0, sadRow.get(2), "the model cannot predict sad");
        double acc = ((Number) m.get("accuracy")).doubleValue();
        assertTrue(acc <= 8.0 / 12 + 1e-12 && acc > 0.5, "sad clips are errors; the rest are easy: " + acc);
        assertTrue(((Number) m.get("macroF1")).doubleValue() > 0);
        List<?> notes = (List<?>) m.get("notes");
        assertTrue(((String) notes.get(0)).matches("\\d+ of 12 clips were called no-speech by the speech detector .*"),
                notes.toString()); // tones
        assertEquals(List.of("data label sad is unknown to the model: its 4 clips count as errors",
                "model label happy has no clips in the data", "model label surprised has no clips in the data"),
                notes.subList(1, notes.size()));

        Result four = run("evaluate", "--data", mixed.toString(), "--model", model.toString(), "--json",
                "--labels", "neutral,angry", "--threads", "2");
        assertEquals(0, four.status(), four.err());
        Map<?, ?> sub = (Map<?, ?>) Json.parse(four.out().strip());
        assertEquals(List.of("neutral", "sad", "angry"), sub.get("labels"), "the subset and the data's labels");
        assertEquals("held-out, restricted to neutral,angry", sub.get("protocol"));
        assertTrue(((Number) sub.get("accuracy")).doubleValue() >= acc, "fewer labels, no fewer right: " + sub);
    }

    @Test
    void featuresCsvAndArff() throws Exception {
        Path csv = tmp.resolve("f/out.csv");
        Result r = run("features", "--data", data.toString(), "--extractor", "tone", "--out", csv.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("path,speaker,emotion,zcr,diff_ratio,log_rms", lines.get(0));
        assertEquals(41, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals("Actor_01/03-01-01-01-01-01-01.wav", first[0]);
        assertEquals("01", first[1]);
        assertEquals("neutral", first[2]);
        double[] expected = new ToneExtractor().extract(io.github.ser4j.core.AudioClip.read(data.resolve(first[0])));
        assertEquals(expected[0], Double.parseDouble(first[3]));

        Path arff = tmp.resolve("f/out.arff");
        assertEquals(0, run("features", "--data", data.toString(), "--extractor", "tone", "--out", arff.toString()).status());
        String text = Files.readString(arff);
        assertTrue(text.contains("@attribute 'zcr' numeric"), text);
        assertTrue(text.contains("@attribute emotion {neutral,calm,happy,sad,angry,fearful,disgust,surprised}"), text);
        assertTrue(text.contains("'Actor_01/03-01-01-01-01-01-01.wav','01'," + first[3]), text);
    }

    @Test
    void usageAndErrors() {
        Result help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: ser4j [-hV] COMMAND"), help.out());
        for (String cmd : List.of("predict", "timeline", "stream", "evaluate", "train", "features")) {
            assertTrue(help.out().contains("\n  " + cmd + " "), cmd + " listed in " + help.out());
            Result h = run(cmd, "--help");
            assertEquals(0, h.status(), cmd);
            assertTrue(h.out().contains("Usage: ser4j " + cmd), h.out());
            assertEquals(h.out(), run("help", cmd).out(), "help COMMAND = COMMAND --help");
        }
        Result version = run("--version");
        assertEquals(0, version.status());
        assertEquals("ser4j " + Versions.SER4J, version.outLines().get(0));
        assertEquals("Weka " + Versions.WEKA, version.outLines().get(1));
        assertTrue(!Versions.SER4J.equals("unknown") && !Versions.SER4J.contains("${"), Versions.SER4J);
        assertEquals(version.out(), run("predict", "--version").out(), "every command knows the version");

        Result none = run();
        assertEquals(2, none.status());
        assertTrue(none.err().startsWith("ser4j: no command given"), none.err());
        Result unknown = run("dance");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("ser4j: unknown command 'dance'"), unknown.err());
        Result unknownOption = run("predict", "--fast", "x.wav");
        assertEquals(2, unknownOption.status());
        assertTrue(unknownOption.err().startsWith("ser4j predict: Unknown option: '--fast'"), unknownOption.err());
        assertTrue(unknownOption.err().contains("Usage: ser4j predict"), "the command's help follows: " + unknownOption.err());
        Result missing = run("train", "--data", data.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("ser4j train: Missing required option: '--out FILE'"), missing.err());
        Result badList = run("train", "--data", data.toString(), "--out", "x", "--C", "1,zero");
        assertEquals(2, badList.status());
        assertTrue(badList.err().startsWith("ser4j train: Invalid value for option '--C' (LIST): 'zero' is not a positive number"),
                badList.err());
        Result negative = run("train", "--data", data.toString(), "--out", "x", "--gamma", "-1");
        assertEquals(2, negative.status());
        assertTrue(negative.err().startsWith("ser4j train: Invalid value for option '--gamma' (LIST): '-1' is not a positive number"),
                negative.err());
        Result threads = run("evaluate", "--data", data.toString(), "--threads", "two");
        assertEquals(2, threads.status());
        assertTrue(threads.err().startsWith("ser4j evaluate: Invalid value for option '--threads': 'two' is not an int"),
                threads.err());
        Result zeroThreads = run("evaluate", "--data", data.toString(), "--threads", "0");
        assertEquals(2, zeroThreads.status());
        assertTrue(zeroThreads.err().startsWith("ser4j evaluate: --threads must be at least 1, got 0"), zeroThreads.err());
        Result badOut = run("features", "--data", data.toString(), "--extractor", "tone", "--out", "x.txt");
        assertEquals(2, badOut.status());
        assertTrue(badOut.err().startsWith("ser4j features: --out must end in .csv or .arff, got x.txt"), badOut.err());
        Result noData = run("evaluate", "--data", tmp.resolve("none").toString(), "--model", model.toString());
        assertEquals(1, noData.status());
        assertEquals("ser4j evaluate: data folder " + tmp.resolve("none") + " does not exist or is not a folder", noData.err().strip());
        Result badExtractor = run("features", "--data", data.toString(), "--extractor", "nope", "--out", "x.csv");
        assertEquals(1, badExtractor.status());
        assertEquals("ser4j features: unknown feature extractor id 'nope'", badExtractor.err().strip());
        Result notModel = run("predict", "--model", data.resolve("Actor_01/03-01-01-01-01-01-01.wav").toString(), "x.wav");
        assertEquals(1, notModel.status());
        assertTrue(notModel.err().contains("is not a ser4j model file (wrong magic bytes)"), notModel.err());
        Result tooFewSpeakers = run("train", "--data", data.toString(), "--out", tmp.resolve("y").toString(),
                "--extractor", "tone", "--grouped", "--folds", "9");
        assertEquals(1, tooFewSpeakers.status());
        assertEquals("ser4j train: cannot make 9 speaker-grouped folds from 5 speakers", tooFewSpeakers.err().lines()
                .filter(l -> l.startsWith("ser4j")).findFirst().orElse(""));
    }

    @Test
    void speakerAdaptationCommands() throws Exception {
        Path adapted = tmp.resolve("out/adapted.ser4j");
        Result train = run("train", "--data", data.toString(), "--out", adapted.toString(), "--extractor", "tone",
                "--grouped", "--per-speaker", "--online", "--shrinkage", "2,4", "--C", "4", "--gamma", "0.2",
                "--threads", "2");
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().startsWith("speaker-grouped 5-fold, online speaker adaptation (k mean 2.0, k variance 4.0): n=40"),
                train.out());
        assertTrue(train.err().contains("speaker-adapted SpeakerNormalization[k mean 2.0, k variance 4.0, 3 features]"),
                train.err());

        Result online = run("evaluate", "--data", data.toString(), "--model", adapted.toString(), "--adapt-speaker",
                "--online");
        assertEquals(0, online.status(), online.err());
        // scored on its own training data: the report says so, and so does stderr
        assertTrue(online.out().startsWith("NOT held-out (overlaps the training data), online speaker adaptation: n=40"),
                online.out());
        assertTrue(online.err().contains("ser4j evaluate: WARNING: 40 of 40 clips (100.0%) are in the model's training "
                + "data"), online.err());
        Result cv = run("evaluate", "--data", data.toString(), "--adapt-speaker", "--extractor", "tone", "--C", "4",
                "--gamma", "0.2", "--shrinkage", "0", "--json");
        assertEquals(0, cv.status(), cv.err());
        assertTrue(cv.out().contains("\"protocol\":\"speaker-grouped 5-fold, transductive speaker adaptation (k mean 0.0, "
                + "k variance 0.0)\""), cv.out());

        Result notAdapted = run("evaluate", "--data", data.toString(), "--model", model.toString(), "--adapt-speaker");
        assertEquals(1, notAdapted.status());
        assertEquals("ser4j evaluate: " + model + " is not a speaker-adapted model; train one with train --per-speaker",
                notAdapted.err().strip());

        Path folders = tmp.resolve("folders");
        TestAudio.writeFolders(folders, SmoTrainerTest.FOUR, 2);
        Result noSpeakers = run("evaluate", "--data", folders.toString(), "--adapt-speaker", "--extractor", "tone");
        assertEquals(1, noSpeakers.status());
        assertTrue(noSpeakers.err().contains("per-speaker normalisation needs a speaker for every clip, but data set "
                + folders + " (folders layout) does not name them all; give manifest.csv a speaker (or actor) column"),
                noSpeakers.err());
        Result noSpeakersHeldOut = run("evaluate", "--data", folders.toString(), "--adapt-speaker", "--model",
                adapted.toString());
        assertEquals(1, noSpeakersHeldOut.status());
        assertTrue(noSpeakersHeldOut.err().contains("give manifest.csv a speaker (or actor) column"), noSpeakersHeldOut.err());

        Result onlineAlone = run("evaluate", "--data", data.toString(), "--online");
        assertEquals(2, onlineAlone.status());
        assertTrue(onlineAlone.err().startsWith("ser4j evaluate: --online needs --adapt-speaker"), onlineAlone.err());
        Result recipeWithModel = run("evaluate", "--data", data.toString(), "--adapt-speaker", "--model",
                adapted.toString(), "--C", "4");
        assertEquals(2, recipeWithModel.status());
        Result shrinkAlone = run("train", "--data", data.toString(), "--out", "x", "--shrinkage", "3");
        assertEquals(2, shrinkAlone.status());
        assertTrue(shrinkAlone.err().startsWith("ser4j train: --online, --shrinkage and --noisy-copies need --per-speaker"),
                shrinkAlone.err());
        Result badShrink = run("train", "--data", data.toString(), "--out", "x", "--per-speaker", "--shrinkage", "1,2,3");
        assertEquals(2, badShrink.status());
        assertTrue(badShrink.err().startsWith("ser4j train: --shrinkage takes K or KMEAN,KVARIANCE, got 3 values"),
                badShrink.err());
    }
}
