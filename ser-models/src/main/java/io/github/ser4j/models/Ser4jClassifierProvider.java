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

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public Ser4jClassifierProvider() {
    }

    /**
     * Loads the pretrained model resource {@value #DEFAULT_MODEL_RESOURCE}.
     *
     * @return a new classifier
     * @throws IOException if the resource is absent or invalid; the message says which
     */
    @Override
    public EmotionClassifier loadDefault() throws IOException {
        return loadResource(DEFAULT_MODEL_RESOURCE, ExtractorResolver.DEFAULT);
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
