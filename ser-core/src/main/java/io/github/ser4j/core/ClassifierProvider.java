package io.github.ser4j.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Service-provider interface behind {@link EmotionClassifier#load()}: {@code ser-models} registers an
 * implementation in {@code META-INF/services/io.github.ser4j.core.ClassifierProvider}. Applications
 * do not call it directly.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use.
 */
public interface ClassifierProvider {

    /**
     * Loads the pretrained model shipped with the provider.
     *
     * @return a new classifier
     * @throws IOException if the model resource is missing or unreadable
     */
    EmotionClassifier loadDefault() throws IOException;

    /**
     * Loads a model file.
     *
     * @param modelFile the model file
     * @return a new classifier
     * @throws IOException if the file cannot be read or is not a valid model
     */
    EmotionClassifier load(Path modelFile) throws IOException;
}
