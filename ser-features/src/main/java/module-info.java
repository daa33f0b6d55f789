/**
 * ser4j's acoustic features: the STFT engine, the extractors and their presets ({@link
 * io.github.ser4j.features.FeatureExtractors}), the front ends that choose what an extractor hears, and the
 * speech detector. Its only dependency is ser-core (and so java.base and java.desktop, slf4j-api): the
 * pitch tracker's YIN is ser4j's own, so TarsosDSP is a test dependency only (the reference it is checked against).
 */
module io.github.ser4j.features {
    // the API takes and returns ser-core types (AudioClip, FeatureExtractor, SpeechEvidence)
    requires transitive io.github.ser4j.core;

    exports io.github.ser4j.features;
}
