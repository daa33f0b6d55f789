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

    /** The module name of ser-features. */
    String FEATURES_MODULE = "io.github.ser4j.features";

    /**
     * On the module path ser-models is an automatic module (its dependencies have no module names), and an
     * automatic module cannot require a named one: unless the application requires {@value #FEATURES_MODULE}
     * (or adds it with {@code --add-modules}), the module system leaves it out of the graph, and the first use of
     * its classes would fail with a bare {@code NoClassDefFoundError}. This says so first.
     *
     * @throws IllegalStateException if this class is in a named module whose layer lacks ser-features
     */
    static void requireFeaturesModule() {
        Module self = ExtractorResolver.class.getModule();
        ModuleLayer layer = self.getLayer();
        if (self.isNamed() && layer != null && layer.findModule(FEATURES_MODULE).isEmpty()) {
            throw new IllegalStateException("module " + FEATURES_MODULE + " is not in the module graph, and ser4j's "
                    + "models compute their features with it: add `requires " + FEATURES_MODULE + ";` to the "
                    + "application's module-info, or --add-modules " + FEATURES_MODULE);
        }
    }

    /** ser-features' {@link FeatureExtractors} registry. */
    ExtractorResolver DEFAULT = new ExtractorResolver() {
        @Override
        public FeatureExtractor byId(String id) {
            requireFeaturesModule();
            return FeatureExtractors.byId(id);
        }

        @Override
        public FeatureExtractor byNameOrId(String nameOrId) {
            requireFeaturesModule();
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
