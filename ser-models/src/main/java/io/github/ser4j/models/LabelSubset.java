package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code --labels a,b,c} option of {@code predict} and {@code evaluate}: a comma-separated list of
 * emotion words (as {@link Emotion#parse} reads them) to which the classifier is restricted
 * ({@link io.github.ser4j.core.EmotionClassifier#restrictedTo}).
 *
 * <p>Thread-safety: stateless.
 */
final class LabelSubset {

    private LabelSubset() {
    }

    /**
     * Parses the option.
     *
     * @param list the option's value
     * @return the labels, unmodifiable
     * @throws IllegalArgumentException if the list is empty, names an unknown emotion or names one twice
     */
    static Set<Emotion> parse(String list) {
        EnumSet<Emotion> out = EnumSet.noneOf(Emotion.class);
        for (String part : list.split(",", -1)) {
            String word = part.trim();
            if (word.isEmpty()) {
                throw new IllegalArgumentException("--labels takes comma-separated emotions, got '" + list + "'");
            }
            if (!out.add(Emotion.parse(word))) {
                throw new IllegalArgumentException("--labels names " + word + " twice");
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * The {@code --labels} option of a command, parsed.
     *
     * @param command the command, for a usage error
     * @param list the option's value, or null without the option
     * @return the labels, or null without the option
     * @throws picocli.CommandLine.ParameterException (exit status 2) if the list is bad
     */
    static Set<Emotion> option(CliCommand command, String list) {
        try {
            return list == null ? null : parse(list);
        } catch (IllegalArgumentException e) {
            throw command.usage(e.getMessage());
        }
    }
}
