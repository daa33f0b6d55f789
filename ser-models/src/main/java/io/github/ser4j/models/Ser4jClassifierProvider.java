package io.github.ser4j.models;

import io.github.ser4j.core.ClassifierProvider;
import io.github.ser4j.core.EmotionClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Registers {@link SmoEmotionClassifier} behind {@link EmotionClassifier#load()} through
 * {@link java.util.ServiceLoader}. Applications call {@link EmotionClassifier#load()} instead.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class Ser4jClassifierProvider implements ClassifierProvider {

    /** The class-path resource holding the pretrained model. */
    public static final String DEFAULT_MODEL_RESOURCE = "/io/github/ser4j/models/ravdess-default.ser4j";

    /**
     * The class-path resource holding the pretrained speaker-adapted model (trained on
     * per-speaker-normalised features), which speaker sessions of the default model use.
     */
    public static final String ADAPTED_MODEL_RESOURCE = "/io/github/ser4j/models/ravdess-adapted.ser4j";

    /**
     * The class-path resource holding the pretrained narrowband model (trained on RAVDESS band-limited to the
     * telephone band, {@code speech-span-narrowband}), which the default classifier's {@code predict} uses for
     * narrowband clips.
     */
    public static final String NARROWBAND_MODEL_RESOURCE = "/io/github/ser4j/models/ravdess-narrowband.ser4j";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public Ser4jClassifierProvider() {
    }

    /**
     * Loads the pretrained model resource {@value #DEFAULT_MODEL_RESOURCE}, paired with the
     * speaker-adapted {@value #ADAPTED_MODEL_RESOURCE} and the narrowband {@value #NARROWBAND_MODEL_RESOURCE}:
     * {@code predict} uses the first, or the third for narrowband clips (loaded on the first one), speaker
     * sessions the second (loaded on the first {@code newSpeakerSession}).
     *
     * @return a new classifier
     * @throws IOException if the resource is absent or invalid; the message says which
     */
    @Override
    public EmotionClassifier loadDefault() throws IOException {
        return loadPaired(ExtractorResolver.DEFAULT);
    }

    static SmoEmotionClassifier loadPaired(ExtractorResolver resolver) throws IOException {
        SmoEmotionClassifier unadapted = loadResource(DEFAULT_MODEL_RESOURCE, resolver);
        if (Ser4jClassifierProvider.class.getResource(NARROWBAND_MODEL_RESOURCE) != null) {
            unadapted.pairedWithNarrowband(() -> loadResource(NARROWBAND_MODEL_RESOURCE, resolver));
        }
        if (Ser4jClassifierProvider.class.getResource(ADAPTED_MODEL_RESOURCE) == null) {
            return unadapted; // its sessions then say that no adapted model is available
        }
        return unadapted.pairedWith(() -> loadResource(ADAPTED_MODEL_RESOURCE, resolver));
    }

    static SmoEmotionClassifier loadResource(String resource, ExtractorResolver resolver) throws IOException {
        try (InputStream in = Ser4jClassifierProvider.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the pretrained model resource " + resource
                        + " is not on the class path (this ser-models build ships no trained model)");
            }
            return ModelFile.read(in, "model resource " + resource, resolver);
        }
    }

    /**
     * Loads a model file.
     *
     * @param modelFile the file
     * @return a new classifier
     * @throws IOException as {@link SmoEmotionClassifier#load(Path)}
     */
    @Override
    public EmotionClassifier load(Path modelFile) throws IOException {
        return SmoEmotionClassifier.load(modelFile);
    }
}
