package io.github.ser4j.models;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --model FILE}: the model a command predicts with; without it the pretrained model.
 *
 * <p>Thread-safety: set once by the parser, then read only.
 */
final class ModelOption {

    @Option(names = "--model", paramLabel = "FILE", description = "a model file written by train (default: the pretrained model)")
    Path file;

    /** The model file, or the pretrained model paired with the shipped speaker-adapted one. */
    SmoEmotionClassifier load(ExtractorResolver resolver) throws IOException {
        return file == null ? Ser4jClassifierProvider.loadPaired(resolver) : ModelFile.read(file, resolver);
    }

    /** The model file, or the pretrained model alone (no adapted model behind it). */
    SmoEmotionClassifier loadUnpaired(ExtractorResolver resolver) throws IOException {
        return file == null
                ? Ser4jClassifierProvider.loadResource(Ser4jClassifierProvider.DEFAULT_MODEL_RESOURCE, resolver)
                : ModelFile.read(file, resolver);
    }
}
