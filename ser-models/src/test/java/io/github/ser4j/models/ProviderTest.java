package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.ClassifierProvider;
import io.github.ser4j.core.EmotionClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProviderTest {

    @Test
    void theDefaultModelPairsWithTheShippedAdaptedModelForSpeakerSessions() throws Exception {
        EmotionClassifier c = EmotionClassifier.load();
        SmoEmotionClassifier smo = assertInstanceOf(SmoEmotionClassifier.class, c);
        assertTrue(!smo.isSpeakerAdapted(), "predict stays with the unadapted default model");
        io.github.ser4j.core.SpeakerSession s = c.newSpeakerSession();
        io.github.ser4j.core.AudioClip clip = io.github.ser4j.core.AudioClip.read(
                Path.of("src/test/resources/clips/03-01-06-02-01-01-02.wav"));
        io.github.ser4j.core.Prediction first = s.predict(clip);
        assertEquals(1, s.clipsObserved());
        assertEquals(c.featureExtractorId(), s.profile().featureExtractorId());
        assertEquals(8, first.probabilities().size());
        SmoEmotionClassifier adapted = Ser4jClassifierProvider.loadResource(Ser4jClassifierProvider.ADAPTED_MODEL_RESOURCE,
                ExtractorResolver.DEFAULT);
        assertTrue(adapted.isSpeakerAdapted());
        assertEquals(c.featureExtractorId(), adapted.featureExtractorId());
        // a session of the paired default predicts exactly as one of the adapted model itself
        assertEquals(adapted.newSpeakerSession().predict(clip).probabilities(), first.probabilities());
        // a saved profile resumes on a freshly loaded classifier
        io.github.ser4j.core.SpeakerSession resumed = EmotionClassifier.load()
                .newSpeakerSession(io.github.ser4j.core.SpeakerProfile.fromBytes(s.profile().toBytes()));
        assertEquals(1, resumed.clipsObserved());
        assertEquals(s.predict(clip).probabilities(), resumed.predict(clip).probabilities());
    }

    @Test
    void narrowbandClipsGoToTheShippedNarrowbandModelAndWidebandOnesStay() throws Exception {
        SmoEmotionClassifier c = assertInstanceOf(SmoEmotionClassifier.class, EmotionClassifier.load());
        io.github.ser4j.core.AudioClip wide = io.github.ser4j.core.AudioClip.read(
                Path.of("src/test/resources/clips/03-01-06-02-01-01-02.wav"));
        assertEquals(c, c.modelFor(wide), "wideband speech stays with the default model");
        SmoEmotionClassifier narrowband = Ser4jClassifierProvider.loadResource(
                Ser4jClassifierProvider.NARROWBAND_MODEL_RESOURCE, ExtractorResolver.DEFAULT);
        assertEquals("band/1(lowpass=3600-4400Hz)[" + c.featureExtractorId() + "]", narrowband.featureExtractorId());
        for (io.github.ser4j.core.AudioClip phone : new io.github.ser4j.core.AudioClip[] {
                wide.resampledToPcm16(8000f), wide.resampledToPcm16(8000f).resampledToPcm16(16000f)}) {
            SmoEmotionClassifier routed = c.modelFor(phone);
            assertEquals(narrowband.featureExtractorId(), routed.featureExtractorId(), phone.toString());
            assertEquals(narrowband.predict(phone).probabilities(), c.predict(phone).probabilities());
            // the same call through the wideband model alone gives another distribution
            assertTrue(!c.predictFeatures(c.featureExtractor().extract(phone)).probabilities()
                    .equals(c.predict(phone).probabilities()));
        }
        // a model loaded from a file predicts everything itself
        SmoEmotionClassifier alone = Ser4jClassifierProvider.loadResource(Ser4jClassifierProvider.DEFAULT_MODEL_RESOURCE,
                ExtractorResolver.DEFAULT);
        assertEquals(alone, alone.modelFor(wide.resampledToPcm16(8000f)));
        assertThrows(IllegalArgumentException.class, () -> c.modelFor(null));
    }

    @Test
    void streamsAtATelephoneRateGoThroughTheNarrowbandModel() throws Exception {
        SmoEmotionClassifier c = assertInstanceOf(SmoEmotionClassifier.class, EmotionClassifier.load());
        SmoEmotionClassifier narrowband = Ser4jClassifierProvider.loadResource(
                Ser4jClassifierProvider.NARROWBAND_MODEL_RESOURCE, ExtractorResolver.DEFAULT);
        assertEquals(narrowband.featureExtractorId(), c.forInputRate(8000).featureExtractorId());
        assertEquals(c, c.forInputRate(16000));
        assertEquals(c, c.forInputRate(11025), "11.025 kHz audio can carry the high band");
        io.github.ser4j.core.AudioClip wide = io.github.ser4j.core.AudioClip.read(
                Path.of("src/test/resources/clips/03-01-06-02-01-01-02.wav"));
        float[] x = new float[(int) (3 * 8000 + wide.durationSeconds() * 8000 * 2)];
        float[] call = wide.resampledToPcm16(8000f).samples();
        System.arraycopy(call, 0, x, 8000, call.length); // a second of silence, the call, silence, the call again
        System.arraycopy(call, 0, x, 2 * 8000 + call.length, call.length);
        io.github.ser4j.core.StreamSettings settings = io.github.ser4j.core.StreamSettings.defaults();
        java.util.List<io.github.ser4j.core.TimedPrediction> routed = SharedTrackStreamTest.stream(io.github.ser4j.core.EmotionStream.open(c, 8000, settings), x);
        assertTrue(!routed.isEmpty(), "the call gives events");
        assertEquals(SharedTrackStreamTest.stream(io.github.ser4j.core.EmotionStream.open(narrowband, 8000, settings), x), routed);
        // a restricted classifier routes the same way and renormalises the narrowband model's events
        java.util.Set<io.github.ser4j.core.Emotion> four = java.util.EnumSet.of(io.github.ser4j.core.Emotion.ANGRY,
                io.github.ser4j.core.Emotion.HAPPY, io.github.ser4j.core.Emotion.NEUTRAL, io.github.ser4j.core.Emotion.SAD);
        assertEquals(SharedTrackStreamTest.stream(io.github.ser4j.core.EmotionStream.open(narrowband.restrictedTo(four), 8000, settings), x),
                SharedTrackStreamTest.stream(io.github.ser4j.core.EmotionStream.open(c.restrictedTo(four), 8000, settings), x));
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        ClassifierProvider p = ServiceLoader.load(ClassifierProvider.class).findFirst().orElseThrow();
        assertInstanceOf(Ser4jClassifierProvider.class, p);
    }

    @Test
    void absentResourceIsAClearIOException() {
        IOException e = assertThrows(IOException.class,
                () -> Ser4jClassifierProvider.loadResource("/io/github/ser4j/models/absent.ser4j", new TestResolver()));
        assertEquals("the pretrained model resource /io/github/ser4j/models/absent.ser4j is not on the class path "
                + "(this ser-models build ships no trained model)", e.getMessage());
    }

    @Test
    void coreLoadOfAMissingFileGoesThroughTheProvider() {
        IOException e = assertThrows(IOException.class, () -> EmotionClassifier.load(Path.of("/nonexistent/m.ser4j")));
        assertTrue(e.getMessage().contains("/nonexistent/m.ser4j does not exist"), e.getMessage());
    }

    @Test
    void defaultResolverUsesTheFeatureRegistry() {
        for (String name : io.github.ser4j.features.FeatureExtractors.names()) {
            io.github.ser4j.core.FeatureExtractor byName = ExtractorResolver.DEFAULT.byNameOrId(name);
            assertEquals(byName.id(), ExtractorResolver.DEFAULT.byId(byName.id()).id());
            assertEquals(byName.id(), ExtractorResolver.DEFAULT.byNameOrId(byName.id()).id());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExtractorResolver.DEFAULT.byNameOrId("nope"));
        assertTrue(e.getMessage().startsWith("unknown feature extractor 'nope'; known names: seed, "), e.getMessage());
    }

    @Test
    void modelTrainedWithARegistryExtractorLoadsThroughThePublicApi(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        TestAudio.writeRavdess(tmp.resolve("d"), new io.github.ser4j.core.Emotion[] {
            io.github.ser4j.core.Emotion.CALM, io.github.ser4j.core.Emotion.ANGRY}, 3, 2);
        TrainerOptions o = TrainerOptions.defaults().withGrids(java.util.List.of(1.0), java.util.List.of(0.01), java.util.List.of(1.0))
                .withFolds(3, true, 1).withThreads(2);
        io.github.ser4j.core.FeatureExtractor seed = io.github.ser4j.features.FeatureExtractors.byName("seed");
        SmoEmotionClassifier m = SmoTrainer.train(Dataset.read(tmp.resolve("d")), seed, o, null).classifier();
        Path f = tmp.resolve("seed.ser4j");
        m.save(f);
        EmotionClassifier back = EmotionClassifier.load(f);
        assertEquals(seed.id(), back.featureExtractorId());
        assertEquals(m.labels(), back.labels());
        float[] s = TestAudio.tone(io.github.ser4j.core.Emotion.ANGRY, 16000, 1.0, 5);
        assertEquals(m.predict(s), back.predict(s));
    }
}
