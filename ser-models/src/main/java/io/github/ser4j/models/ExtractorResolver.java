package io.github.ser4j.models;

import io.github.ser4j.core.FeatureExtractor;

/**
 * Rebuilds feature extractors from an id or a name. The default delegates to ser-features'
 * registry; tests substitute their own.
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

    /** ser-features' {@code FeatureExtractors} registry. */
    ExtractorResolver DEFAULT = new ExtractorResolver() {
        @Override
        public FeatureExtractor byId(String id) {
            return call("byId", id);
        }

        @Override
        public FeatureExtractor byNameOrId(String nameOrId) {
            try {
                return call("byName", nameOrId);
            } catch (IllegalArgumentException byName) {
                try {
                    return call("byId", nameOrId);
                } catch (IllegalArgumentException byId) {
                    throw byName;
                }
            }
        }

        // Reflective until ser-features publishes FeatureExtractors; then this becomes a direct call.
        private FeatureExtractor call(String method, String arg) {
            Class<?> registry;
            try {
                registry = Class.forName("io.github.ser4j.features.FeatureExtractors");
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("no feature extractor registry on the class path "
                        + "(io.github.ser4j.features.FeatureExtractors): cannot build '" + arg + "'");
            }
            try {
                return (FeatureExtractor) registry.getMethod(method, String.class).invoke(null, arg);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("FeatureExtractors." + method + " is unusable: " + e, e);
            }
        }
    };
}
