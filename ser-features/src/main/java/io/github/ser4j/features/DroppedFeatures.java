package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.FeatureStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Another extractor's features without those whose names match a pattern: the values kept are exactly
 * the inner extractor's (same computation, same streams). The robust preset uses it to leave out the
 * features the robustness harness found to depend on the noise floor or the recording level.
 *
 * <p>Its id is {@code drop/1(PATTERN)[INNER_ID]}, so a model names exactly what it was trained on.
 *
 * <p>Thread-safety: immutable; safe to share between threads when the inner extractor is.
 */
public final class DroppedFeatures implements FeatureExtractor {

    private static final String PREFIX = "drop/1(";

    private final FeatureExtractor inner;
    private final String pattern;
    private final int[] keep;
    private final List<String> names;

    private DroppedFeatures(FeatureExtractor inner, String pattern) {
        this.inner = inner;
        this.pattern = pattern;
        Pattern p;
        try {
            p = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad feature pattern '" + pattern + "': " + e.getDescription(), e);
        }
        List<String> all = inner.featureNames();
        List<Integer> k = new ArrayList<>();
        List<String> n = new ArrayList<>();
        long[] reads = {0};
        for (int j = 0; j < all.size(); j++) {
            if (!p.matcher(new BudgetedName(all.get(j), reads, pattern)).find()) {
                k.add(j);
                n.add(all.get(j));
            }
        }
        if (n.isEmpty()) {
            throw new IllegalArgumentException("pattern '" + pattern + "' drops every feature of " + inner.id());
        }
        this.keep = k.stream().mapToInt(Integer::intValue).toArray();
        this.names = List.copyOf(n);
    }

    /**
     * The most characters the pattern's matcher may read over all feature names together (each backtracking
     * step reads again). The robust preset's pattern reads 75,269 over {@code full}'s names; a pattern that
     * backtracks catastrophically (one from a model file's extractor id, say) is refused when it reaches this,
     * instead of matching for hours.
     */
    public static final long MAX_MATCH_READS = 20_000_000;

    /** A feature name that counts the characters a matcher reads and stops it at {@link #MAX_MATCH_READS}. */
    private record BudgetedName(String name, long[] reads, String pattern) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (++reads[0] > MAX_MATCH_READS) {
                throw new IllegalArgumentException("feature pattern '" + pattern + "' is too costly to match: over "
                        + MAX_MATCH_READS + " characters read for the feature names (catastrophic backtracking)");
            }
            return name.charAt(index);
        }

        @Override
        public int length() {
            return name.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedName(name.substring(start, end), reads, pattern);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The features of {@code inner} whose names do not contain a match of {@code pattern}.
     *
     * @param inner the extractor
     * @param pattern a Java regular expression, searched in each feature name; must not contain {@code )[}
     * @return the extractor
     * @throws IllegalArgumentException if an argument is null, the pattern is malformed, drops everything or
     *     needs more than {@link #MAX_MATCH_READS} character reads to match
     */
    public static DroppedFeatures of(FeatureExtractor inner, String pattern) {
        if (inner == null || pattern == null || pattern.contains(")[")) {
            throw new IllegalArgumentException("need an extractor and a pattern without ')['; got " + inner + ", " + pattern);
        }
        return new DroppedFeatures(inner, pattern);
    }

    /** Parses {@code drop/1(PATTERN)[INNER_ID]} with the inner id resolved by {@link FeatureExtractors#byId}; null if not such an id. */
    static FeatureExtractor parse(String id) {
        if (!id.startsWith(PREFIX) || !id.endsWith("]")) {
            return null;
        }
        int split = id.indexOf(")[", PREFIX.length());
        if (split < 0) {
            return null;
        }
        DroppedFeatures d = new DroppedFeatures(FeatureExtractors.byId(id.substring(split + 2, id.length() - 1)),
                id.substring(PREFIX.length(), split));
        return d.id().equals(id) ? d : null;
    }

    @Override
    public String id() {
        return PREFIX + pattern + ")[" + inner.id() + "]";
    }

    @Override
    public List<String> featureNames() {
        return names;
    }

    @Override
    public float sampleRateHz() {
        return inner.sampleRateHz();
    }

    @Override
    public double[] extract(AudioClip clip) {
        return project(inner.extract(clip));
    }

    private double[] project(double[] all) {
        double[] out = new double[keep.length];
        for (int j = 0; j < keep.length; j++) {
            out[j] = all[keep[j]];
        }
        return out;
    }

    @Override
    public FeatureStream openStream(int capacitySamples) {
        FeatureStream s = inner.openStream(capacitySamples);
        return new FeatureStream() {
            @Override
            public void append(float[] samples, int offset, int length) {
                s.append(samples, offset, length);
            }

            @Override
            public long samplesAppended() {
                return s.samplesAppended();
            }

            @Override
            public int capacitySamples() {
                return s.capacitySamples();
            }

            @Override
            public double[] extractLast(int samples) {
                return project(s.extractLast(samples));
            }

            @Override
            public int alignmentSamples() {
                return s.alignmentSamples();
            }

            @Override
            public void reset() {
                s.reset();
            }
        };
    }

    @Override
    public String toString() {
        return "DroppedFeatures[" + id() + "]";
    }
}
