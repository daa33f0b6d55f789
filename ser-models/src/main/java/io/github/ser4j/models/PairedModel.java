package io.github.ser4j.models;

import java.util.concurrent.Callable;

/**
 * A model the pretrained classifier pairs with itself and loads on first use: the speaker-adapted model its
 * sessions use, the narrowband model its {@code predict} uses for telephone audio. Loading is deferred so that
 * a caller who never needs one pays neither the time nor the heap.
 *
 * <p>Thread-safety: safe for concurrent use; the model is loaded once, under this object's lock.
 */
final class PairedModel {

    private final String what;
    private final Callable<SmoEmotionClassifier> loader;
    private volatile SmoEmotionClassifier model;

    /**
     * @param what what the model is, for the error message ("speaker-adapted", "narrowband")
     * @param loader loads it; called at most once successfully
     */
    PairedModel(String what, Callable<SmoEmotionClassifier> loader) {
        this.what = what;
        this.loader = loader;
    }

    /**
     * The model, loaded on the first call.
     *
     * @param source the pairing classifier's source, for the error message
     * @throws IllegalStateException if it cannot be loaded (the message names {@code source} and the cause)
     */
    SmoEmotionClassifier get(String source) {
        SmoEmotionClassifier m = model;
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (model == null) {
                try {
                    model = loader.call();
                } catch (Exception e) {
                    throw new IllegalStateException(source + ": cannot load the paired " + what + " model: "
                            + e.getMessage(), e);
                }
            }
            return model;
        }
    }
}
