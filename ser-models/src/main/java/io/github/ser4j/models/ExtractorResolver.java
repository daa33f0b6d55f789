package io.github.ser4j.models;

import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.features.FeatureExtractors;

/**
 * Rebuilds feature extractors from an id or a name. The default delegates to ser-features'
 * registry; tests and users with extractors of their own substitute theirs.
 */
interface ExtractorResolver {

    /**
     * @throws IllegalArgumentException if no extractor has this id
     */
    FeatureExtractor byId(String id);

    /**
     * Resolves a short name or, failing that, an id.
     *
     * @throws IllegalArgumentException if neither matches
     */
    FeatureExtractor byNameOrId(String nameOrId);

    /** Wraps a caller's id lookup; names resolve as ids. */
    static ExtractorResolver of(java.util.function.Function<String, FeatureExtractor> byId) {
        return new ExtractorResolver() {
            @Override
            public FeatureExtractor byId(String id) {
                FeatureExtractor e = byId.apply(id);
                if (e == null) {
                    throw new IllegalArgumentException("unknown feature extractor id '" + id + "'");
                }
                return e;
            }

            @Override
            public FeatureExtractor byNameOrId(String nameOrId) {
                return byId(nameOrId);
            }
        };
    }

    /** ser-features' {@link FeatureExtractors} registry. */
    ExtractorResolver DEFAULT = new ExtractorResolver() {
        @Override
        public FeatureExtractor byId(String id) {
            return FeatureExtractors.byId(id);
        }

        @Override
        public FeatureExtractor byNameOrId(String nameOrId) {
            try {
                return FeatureExtractors.byName(nameOrId);
            } catch (IllegalArgumentException byName) {
                try {
                    return FeatureExtractors.byId(nameOrId);
                } catch (IllegalArgumentException byId) {
                    throw new IllegalArgumentException("unknown feature extractor '" + nameOrId + "'; known names: "
                            + String.join(", ", FeatureExtractors.names()) + " (or an extractor id)", byId);
                }
            }
        }
    };
}
