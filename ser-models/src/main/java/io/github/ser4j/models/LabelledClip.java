package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import java.nio.file.Path;

/**
 * One audio file of a labelled data set.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param file the file
 * @param relativePath its path relative to the data set root, with {@code /} separators
 * @param emotion its label
 * @param speaker who speaks, or null if the data set does not say
 */
public record LabelledClip(Path file, String relativePath, Emotion emotion, String speaker) {

    /**
     * Validates the clip.
     *
     * @throws IllegalArgumentException if file, relative path or emotion is null
     * @param file the record component of the same name
     * @param relativePath the record component of the same name
     * @param emotion the record component of the same name
     * @param speaker the record component of the same name
     */
    public LabelledClip {
        if (file == null || relativePath == null || emotion == null) {
            throw new IllegalArgumentException("file, relativePath and emotion must not be null");
        }
        if (speaker != null && speaker.isBlank()) {
            speaker = null;
        }
    }
}
