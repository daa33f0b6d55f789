package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another extractor's features of the clip with its late reverberation suppressed: single-channel
 * weighted prediction error ({@code WeightedPredictionError}: STFT frames of {@link #FRAME_SECONDS} s,
 * hop a quarter frame; in each bin the frames from {@code delay} frames back on predict the reverberant
 * tail by a {@code taps}-frame complex filter, weighted by the inverse power of the dry-speech estimate,
 * refined {@code iterations} times) runs before the inner extractor sees the clip.
 *
 * <p>Why WPE is the default method: it is blind (no estimate of the room's RT60; a dry clip keeps 22 dB
 * SRR against itself, because nothing in it is predictable from 24 ms back) and linear in each bin (no
 * musical noise in the spectral features); the late-reverberation spectral subtraction of Lebart et al.
 * ({@link #subtracting}) is the cheap alternative with a fixed decay. Measured with the robustness
 * harness (README, "Study: dereverberation"), neither brings the harness's reverberation closer to clean
 * accuracy, and neither fits the predict budget (the STFT round trip alone costs about 2.6 ms for 3 s on
 * the shared machine): a study front end, not part of the shipped recipe.
 *
 * <p>Its id is {@code dereverb/1(wpe,frame=512,delay=D,taps=K,iterations=I)[INNER_ID]} (the frame in
 * samples at the inner rate), so a model names exactly what it was trained on. Streams re-extract each
 * requested span (the filter depends on all of it).
 *
 * <p>Thread-safety: immutable; safe to share between threads when the inner extractor is.
 */
public final class Dereverberated extends ClipFrontEnd {

    /** The analysis frame, in seconds (512 samples at 16 kHz); the frame in samples is the nearest power of two. */
    public static final double FRAME_SECONDS = 0.032;
    /** The default prediction delay, in frames (3 hops: 24 ms at 16 kHz). */
    public static final int DEFAULT_DELAY = 3;
    /** The default prediction filter length, in frames. */
    public static final int DEFAULT_TAPS = 5;
    /** The default number of weight/filter refinements. */
    public static final int DEFAULT_ITERATIONS = 1;
    /** The largest delay, taps and iterations accepted (each). */
    public static final int MAX_SETTING = 20;
    /** The longest reverberation time {@link #subtracting} assumes, in seconds (the harness's longest). */
    public static final double MAX_RT60 = 3.0;
    private static final Pattern ID = Pattern.compile(
            "dereverb/1\\(wpe,frame=(\\d{1,6}),delay=(\\d{1,6}),taps=(\\d{1,6}),iterations=(\\d{1,6})\\)\\[");
    private static final Pattern SUBTRACTION_ID = Pattern.compile(
            "dereverb/1\\(lebart,frame=(\\d{1,6}),delay=(\\d{1,6}),rt60=(\\d{1,3}\\.\\d{1,6})\\)\\[");

    private final int delay;
    private final int taps;
    private final int iterations;
    private final BlockStft wpe;

    private Dereverberated(String prefix, FeatureExtractor inner, int delay, int taps, int iterations, BlockStft filter) {
        super(prefix, inner);
        this.delay = delay;
        this.taps = taps;
        this.iterations = iterations;
        this.wpe = filter;
    }

    private static int frameOf(FeatureExtractor inner) {
        if (inner == null) {
            throw new IllegalArgumentException("inner extractor must not be null");
        }
        int f = Integer.highestOneBit((int) Math.round(FRAME_SECONDS * inner.sampleRateHz() * 4 / 3));
        return Math.max(16, f);
    }

    private static String prefix(int frame, int delay, int taps, int iterations) {
        return "dereverb/1(wpe,frame=" + frame + ",delay=" + delay + ",taps=" + taps + ",iterations=" + iterations + ")[";
    }

    /**
     * The features of {@code inner} over each clip dereverberated with the default settings
     * ({@link #DEFAULT_DELAY}, {@link #DEFAULT_TAPS}, {@link #DEFAULT_ITERATIONS}).
     *
     * @param inner the extractor
     * @return the extractor
     * @throws IllegalArgumentException if {@code inner} is null
     */
    public static Dereverberated of(FeatureExtractor inner) {
        return of(inner, DEFAULT_DELAY, DEFAULT_TAPS, DEFAULT_ITERATIONS);
    }

    /**
     * The features of {@code inner} over each clip dereverberated with the given settings; zero taps or
     * zero iterations pass the clip through the STFT and back unchanged (to float precision).
     *
     * @param inner the extractor
     * @param delay prediction delay in frames (a quarter frame each), 1 to {@link #MAX_SETTING}
     * @param taps prediction filter length in frames, 0 to {@link #MAX_SETTING}
     * @param iterations weight/filter refinements, 0 to {@link #MAX_SETTING}
     * @return the extractor
     * @throws IllegalArgumentException if {@code inner} is null or a setting is out of range (the message names it)
     */
    public static Dereverberated of(FeatureExtractor inner, int delay, int taps, int iterations) {
        check("delay", delay, 1);
        check("taps", taps, 0);
        check("iterations", iterations, 0);
        int frame = frameOf(inner);
        return new Dereverberated(prefix(frame, delay, taps, iterations), inner, delay, taps, iterations,
                new WeightedPredictionError(frame, delay, taps, iterations));
    }

    /**
     * The features of {@code inner} over each clip with the late reverberation subtracted in the power
     * spectrum instead ({@code LateReverbSubtraction}, Lebart et al. 2001: the power of the frame
     * {@code delay} frames back, smoothed, attenuated by the decay of an assumed {@code rt60}, with a gain
     * floor of -10 dB); its id is {@code dereverb/1(lebart,frame=512,delay=N,rt60=R)[INNER_ID]}. An RT60 of 0
     * subtracts nothing (the STFT round trip alone).
     *
     * @param inner the extractor
     * @param delay frames from the direct sound to the late part, 1 to {@link #MAX_SETTING}
     * @param rt60 the assumed reverberation time in seconds, 0 to {@link #MAX_RT60}
     * @return the extractor
     * @throws IllegalArgumentException if {@code inner} is null or a setting is out of range (the message names it)
     */
    public static Dereverberated subtracting(FeatureExtractor inner, int delay, double rt60) {
        check("delay", delay, 1);
        if (!(rt60 >= 0 && rt60 <= MAX_RT60)) {
            throw new IllegalArgumentException("rt60 must be between 0 and " + MAX_RT60 + " s, got " + rt60);
        }
        int frame = frameOf(inner);
        return new Dereverberated("dereverb/1(lebart,frame=" + frame + ",delay=" + delay + ",rt60=" + rt60 + ")[", inner,
                delay, 0, 0, new LateReverbSubtraction(frame, delay, rt60, inner.sampleRateHz()));
    }

    private static void check(String name, int value, int min) {
        if (value < min || value > MAX_SETTING) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + MAX_SETTING + ", got " + value);
        }
    }

    /** Parses {@code dereverb/1(wpe,...)[INNER_ID]} with the inner id resolved by {@link FeatureExtractors#byId}; null if not such an id. */
    static FeatureExtractor parse(String id) {
        Matcher m = ID.matcher(id);
        if (!m.lookingAt()) {
            Matcher sub = SUBTRACTION_ID.matcher(id);
            FeatureExtractor inner = sub.lookingAt() ? innerOf(id, sub.group()) : null;
            if (inner == null) {
                return null;
            }
            try {
                Dereverberated d = subtracting(inner, Integer.parseInt(sub.group(2)), Double.parseDouble(sub.group(3)));
                return d.id().equals(id) ? d : null;
            } catch (IllegalArgumentException e) {
                return null; // a setting out of range
            }
        }
        FeatureExtractor inner = innerOf(id, m.group());
        if (inner == null) {
            return null;
        }
        try {
            Dereverberated d = of(inner, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            return d.id().equals(id) ? d : null; // also checks the frame against the inner rate's
        } catch (IllegalArgumentException e) {
            return null; // a setting out of range
        }
    }

    /**
     * The prediction delay (WPE) or where the late part starts (spectral subtraction).
     *
     * @return the delay in frames
     */
    public int delay() {
        return delay;
    }

    /**
     * The prediction filter's length.
     *
     * @return the length in frames (0 for the spectral subtraction)
     */
    public int taps() {
        return taps;
    }

    /**
     * How many times the weights and the filter are refined.
     *
     * @return the number of refinements
     */
    public int iterations() {
        return iterations;
    }

    /** Samples {@code [from, to)} dereverberated: one copy into the STFT, one out of it, as a new clip. */
    @Override
    Handed hand(AudioClip clip, int from, int to) {
        float[] y = wpe.apply(clip.samplesView(), from, to);
        return new Handed(AudioClip.of(y, clip.sampleRateHz()), 0, y.length);
    }

    /** The dereverberated samples of a clip at the inner rate (for tests and studies). */
    float[] process(AudioClip clip) {
        return wpe.apply(clip.samplesView(), 0, clip.length());
    }
}
