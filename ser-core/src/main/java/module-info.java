/**
 * ser4j's public API: emotions, audio clips and their readers, predictions, speaker sessions, streams, and
 * the two plug-in points found with {@link java.util.ServiceLoader} — {@link io.github.ser4j.core.ClassifierProvider}
 * (the classifier and pretrained model, from {@code io.github.ser4j.models}) and
 * {@link io.github.ser4j.core.AudioDecoderProvider} (compressed audio formats).
 *
 * <p>On the class path (the usual case) this descriptor is ignored and providers come from
 * {@code META-INF/services}; on the module path they come from modules that {@code provide} these services,
 * automatic modules included (an automatic module provides what its {@code META-INF/services} lists).
 */
module io.github.ser4j.core {
    // AudioClip.from(AudioInputStream) takes a javax.sound.sampled type: users need that module too
    requires transitive java.desktop;
    requires org.slf4j;

    exports io.github.ser4j.core;

    uses io.github.ser4j.core.AudioDecoderProvider;
    uses io.github.ser4j.core.ClassifierProvider;
}
