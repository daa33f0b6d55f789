package io.github.ser4j.features;

import io.github.ser4j.core.FeatureExtractor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registry of ser4j's feature extractors: named presets, and the way back from the id a trained
 * model stores to the extractor that produced its features.
 *
 * <p>Presets (all at 16 kHz):
 * <ul>
 *   <li>{@code seed}: {@link SeedFeatures} (librosa MFCC, chroma, contrast, ZCR, RMS; 164 values);</li>
 *   <li>{@code mfcc}: {@link MfccStatistics} (MFCC, deltas, delta-deltas at speech settings);</li>
 *   <li>{@code prosody}: {@link ProsodicFeatures};</li>
 *   <li>{@code spectral}: {@link SpectralShapeFeatures};</li>
 *   <li>{@code mfcc-prosody}, {@code mfcc-prosody-spectral}: those parts as a {@link CompositeExtractor};</li>
 *   <li>{@code full}: seed + mfcc + prosody + spectral;</li>
 *   <li>{@code logmel}: {@link LogMelFunctionals} (log-mel band functionals);</li>
 *   <li>{@code full-logmel}: full + logmel;</li>
 *   <li>{@code robust}: full without the level- and noise-floor-dependent features ({@link #ROBUST_DROPS});</li>
 *   <li>{@code full-trim}: full over the speech span ({@link SpeechTrimmed});</li>
 *   <li>{@code speech-span}: full over the speech span at a normalised level (the shipped models' set);</li>
 *   <li>{@code speech-span-dereverb}: speech-span with the late reverberation suppressed first ({@link Dereverberated},
 *       WPE at its defaults; a study preset, not shipped: README, "Study: dereverberation").</li>
 * </ul>
 *
 * <p>Thread-safety: stateless; every method may be called from any thread, and the extractors it
 * returns are immutable.
 */
public final class FeatureExtractors {

    private static final Map<String, Supplier<FeatureExtractor>> BY_NAME = presets();

    private FeatureExtractors() {
    }

    private static Map<String, Supplier<FeatureExtractor>> presets() {
        Map<String, Supplier<FeatureExtractor>> m = new LinkedHashMap<>();
        m.put("seed", FeatureExtractors::seed);
        m.put("mfcc", FeatureExtractors::mfcc);
        m.put("prosody", FeatureExtractors::prosody);
        m.put("spectral", FeatureExtractors::spectral);
        m.put("mfcc-prosody", FeatureExtractors::mfccProsody);
        m.put("mfcc-prosody-spectral", FeatureExtractors::mfccProsodySpectral);
        m.put("full", FeatureExtractors::full);
        m.put("logmel", LogMelFunctionals::create);
        m.put("full-logmel", FeatureExtractors::fullLogMel);
        m.put("robust", FeatureExtractors::robust);
        m.put("full-trim", () -> SpeechTrimmed.of(full()));
        m.put("speech-span", FeatureExtractors::speechSpan);
        m.put("speech-span-dereverb", () -> Dereverberated.of(speechSpan()));
        m.put("speech-span-narrowband", FeatureExtractors::speechSpanNarrowband);
        return m;
    }

    /**
     * The seed project's librosa-compatible vector.
     *
     * @return {@link SeedFeatures#create()}
     */
    public static FeatureExtractor seed() {
        return SeedFeatures.create();
    }

    /**
     * MFCC, delta and delta-delta statistics.
     *
     * @return {@link MfccStatistics#create()}
     */
    public static FeatureExtractor mfcc() {
        return MfccStatistics.create();
    }

    /**
     * Prosodic and voice-quality features.
     *
     * @return {@link ProsodicFeatures#create()}
     */
    public static FeatureExtractor prosody() {
        return ProsodicFeatures.create();
    }

    /**
     * Spectral shape features.
     *
     * @return {@link SpectralShapeFeatures#create()}
     */
    public static FeatureExtractor spectral() {
        return SpectralShapeFeatures.create();
    }

    /**
     * MFCC statistics and prosody.
     *
     * @return the composite
     */
    public static FeatureExtractor mfccProsody() {
        return CompositeExtractor.of(mfcc(), prosody());
    }

    /**
     * MFCC statistics, prosody and spectral shape.
     *
     * @return the composite
     */
    public static FeatureExtractor mfccProsodySpectral() {
        return CompositeExtractor.of(mfcc(), prosody(), spectral());
    }

    /**
     * Everything: seed, MFCC statistics, prosody and spectral shape.
     *
     * @return the composite
     */
    public static FeatureExtractor full() {
        return CompositeExtractor.of(seed(), mfcc(), prosody(), spectral());
    }

    /**
     * The features {@link #full()} leaves out for noisy, band-limited and unlevelled input, the pattern of
     * {@link #robust()}: spectral flatness (a noise floor fills the gaps between harmonics: 37 sd at 30 dB
     * SNR of pink noise), the librosa set's linear RMS statistics (the quietest frame's RMS is digital
     * silence in the training data), every minimum (set by the quietest frame), and the location statistics
     * of absolute level (MFCC c0, librosa c1 and the prosodic level in dB: they move with the gain; their
     * spread and slope are kept). Measured with the robustness harness's feature audit (README, "Robustness").
     */
    public static final String ROBUST_DROPS = "flatness|seed-librosa\\.rms_|_min$|mfcc-stats\\.mfcc0_(mean|max|p20|p50|p80)"
            + "|seed-librosa\\.mfcc1_(mean|max)|prosody\\.level_db_(mean|max|p20|p50|p80)";

    /**
     * {@link #full()} without the level- and noise-floor-dependent features ({@link #ROBUST_DROPS}).
     *
     * @return the extractor, 406 values
     */
    public static FeatureExtractor robust() {
        return DroppedFeatures.of(full(), ROBUST_DROPS);
    }

    /**
     * {@link #full()} over each clip's speech span ({@link SpeechTrimmed}: the stretches of silence or noise
     * alone before and after it are cut), scaled to a fixed active speech level ({@link LevelNormalised}).
     * Chosen with the robustness harness over {@link #robust()} (README, "Robustness"): the trimming keeps
     * a noise floor or other talkers out of the statistics, the level normalisation takes the gain out of
     * the energy statistics without dropping them. The span's endpoint rule is version 2 (id {@code trim/2[...]}),
     * which also keeps other talkers' babble out; models trained before it name version 1 ({@code trim/1[...]}),
     * which {@link #byId} still resolves.
     *
     * @return the extractor, 494 values
     */
    public static FeatureExtractor speechSpan() {
        return SpeechTrimmed.of(LevelNormalised.of(full()));
    }

    /**
     * {@link #speechSpan()} of each clip band-limited to the telephone band first ({@link Narrowband}): the
     * pretrained narrowband model's features, for telephone and other narrowband input.
     *
     * @return the extractor, 494 values
     */
    public static FeatureExtractor speechSpanNarrowband() {
        return Narrowband.of(speechSpan());
    }

    /**
     * Everything plus log-mel band functionals: seed, MFCC statistics, prosody, spectral shape, log-mel.
     *
     * @return the composite
     */
    public static FeatureExtractor fullLogMel() {
        return CompositeExtractor.of(seed(), mfcc(), prosody(), spectral(), LogMelFunctionals.create());
    }

    /**
     * The names {@link #byName} accepts.
     *
     * @return preset names, in a stable order
     */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * A preset by name.
     *
     * @param name one of {@link #names()}
     * @return the extractor
     * @throws IllegalArgumentException if the name is null or unknown; the message lists the known names
     */
    public static FeatureExtractor byName(String name) {
        Supplier<FeatureExtractor> s = name == null ? null : BY_NAME.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown feature extractor name '" + name + "'; known: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return s.get();
    }

    /**
     * The longest id {@link #byId} parses: eight times the longest preset's (under 600 characters). Checked
     * before parsing, so an id from a model file, whose front ends nest, can neither exhaust memory nor the
     * stack.
     */
    public static final int MAX_ID_LENGTH = 4096;

    /**
     * The extractor with the given id: a preset's, one of their parts', {@link SeedFeatures#atRate} at
     * any rate it accepts, or a {@code composite/1[...]} of those.
     *
     * @param id an id as {@link FeatureExtractor#id()} returns it
     * @return an extractor whose {@code id()} equals {@code id}
     * @throws IllegalArgumentException if no known extractor has this id (the message lists the known ids) or
     *     the id is longer than {@link #MAX_ID_LENGTH}
     */
    public static FeatureExtractor byId(String id) {
        if (id != null) {
            if (id.length() > MAX_ID_LENGTH) {
                throw new IllegalArgumentException("feature extractor id of " + id.length() + " characters is longer "
                        + "than the limit of " + MAX_ID_LENGTH + ": '" + id.substring(0, 80) + "...'");
            }
            FeatureExtractor single = find(id);
            if (single != null) {
                return single;
            }
            String prefix = "composite/1[";
            if (id.startsWith(prefix) && id.endsWith("]")) {
                String[] partIds = id.substring(prefix.length(), id.length() - 1).split(" \\+ ", -1);
                List<FeatureExtractor> parts = new ArrayList<>();
                for (String partId : partIds) {
                    FeatureExtractor part = find(partId);
                    if (part == null) {
                        throw unknown(id);
                    }
                    parts.add(part);
                }
                CompositeExtractor c = CompositeExtractor.of(parts.toArray(new FeatureExtractor[0]));
                if (c.id().equals(id)) {
                    return c;
                }
            }
        }
        throw unknown(id);
    }

    private static FeatureExtractor find(String id) {
        if (id.startsWith("drop/")) {
            return DroppedFeatures.parse(id);
        }
        if (id.startsWith("trim/")) {
            return SpeechTrimmed.parse(id);
        }
        if (id.startsWith("level/")) {
            return LevelNormalised.parse(id);
        }
        if (id.startsWith("band/")) {
            return Narrowband.parse(id);
        }
        if (id.startsWith("dereverb/")) {
            return Dereverberated.parse(id);
        }
        for (FeatureExtractor e : known()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return seedAtRate(id);
    }

    /** {@link SeedFeatures#atRate} for an id such as {@code seed-librosa/1(sr=22050,...)}, or null. */
    private static FeatureExtractor seedAtRate(String id) {
        String prefix = "seed-librosa/1(sr=";
        if (!id.startsWith(prefix)) {
            return null;
        }
        int end = id.indexOf(',', prefix.length());
        if (end < 0) {
            return null;
        }
        try {
            FeatureExtractor e = SeedFeatures.atRate(Float.parseFloat(id.substring(prefix.length(), end)));
            return e.id().equals(id) ? e : null;
        } catch (IllegalArgumentException e) {
            return null; // not a number, or a rate SeedFeatures refuses
        }
    }

    private static List<FeatureExtractor> known() {
        List<FeatureExtractor> all = new ArrayList<>();
        for (Supplier<FeatureExtractor> s : BY_NAME.values()) {
            all.add(s.get());
        }
        return all;
    }

    private static IllegalArgumentException unknown(String id) {
        StringBuilder known = new StringBuilder();
        for (FeatureExtractor e : known()) {
            known.append("\n  ").append(e.id());
        }
        return new IllegalArgumentException("unknown feature extractor id '" + id
                + "'; known ids (and composite/1[...] of the single ones):" + known);
    }
}
