package io.github.ser4j.models;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells whether a data set being scored overlaps a model's training data, so that {@code evaluate}
 * never reports training clips as "held-out". With the training clips' content hashes in the
 * provenance ({@link TrainingDataSummary#clipHashes()}) it counts the scored clips among them, whatever
 * their names; for older models it can only compare the file list's SHA-256 and, for the same corpus
 * name, the speakers.
 *
 * <p>Thread-safety: stateless.
 */
final class TrainingOverlap {

    private TrainingOverlap() {
    }

    /**
     * The warning for scoring {@code data} with a model trained on {@code trained}, if any.
     *
     * @param trained the model's training-data summary, or null if unknown
     * @param data the data being scored
     * @param hashes the scored clips' content hashes ({@link ClipHashes}), in clip order, or null if not
     *     computed (the model keeps none)
     * @return a one-line warning, or empty if no overlap is found
     */
    static Optional<String> warning(TrainingDataSummary trained, Dataset data, List<String> hashes) {
        if (trained == null) {
            return Optional.empty();
        }
        if (!trained.clipHashes().isEmpty() && hashes != null) {
            Set<String> known = new HashSet<>(trained.clipHashes());
            int in = 0;
            for (String h : hashes) {
                in += known.contains(h) ? 1 : 0;
            }
            if (in == 0) {
                return Optional.empty();
            }
            return Optional.of(String.format(java.util.Locale.ROOT, "%d of %d clips (%.1f%%) are in the model's "
                    + "training data (matched by content hash): these figures are not held-out", in, hashes.size(),
                    100.0 * in / hashes.size()));
        }
        TrainingDataSummary scored = data.summary();
        if (trained.fileListSha256() != null && trained.fileListSha256().equals(scored.fileListSha256())) {
            return Optional.of("the data set's file list is the model's training file list (SHA-256 "
                    + trained.fileListSha256().substring(0, 12) + "...): this is the training set, not held-out data");
        }
        if (trained.corpus() != null && trained.corpus().equals(scored.corpus())) {
            TreeSet<String> both = new TreeSet<>(trained.speakers());
            both.retainAll(scored.speakers());
            if (!both.isEmpty()) {
                return Optional.of("the model keeps no clip hashes, but it was trained on corpus '" + trained.corpus()
                        + "' with speakers " + both + " that this data set has too: figures for them are not held-out");
            }
        }
        return Optional.empty();
    }
}
