package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.FeatureStream;
import io.github.ser4j.core.StreamArguments;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Prosodic and voice-quality features of a clip at 16 kHz: F0, level, harmonics-to-noise ratio, jitter,
 * shimmer and speaking-rate proxies, in the spirit of eGeMAPS (37 values).
 *
 * <p>Per-frame descriptors, every 10 ms (F0 from TarsosDSP's YIN on the signal decimated to
 * 4 kHz, refined at 16 kHz by normalised autocorrelation, which also decides voicing):
 * <ul>
 *   <li>{@code f0_semitone}: F0 in semitones re 27.5 Hz, {@code 12 log2(F0 / 27.5)}, over voiced frames
 *   (F0 range 65–600 Hz);</li>
 *   <li>{@code level_db}: RMS level of a 25 ms window in dBFS, over active frames (within 40 dB of
 *   the loudest frame);</li>
 *   <li>{@code hnr_db}: harmonics-to-noise ratio {@code 10 log10(r / (1 - r))} from the normalised
 *   autocorrelation peak {@code r}, clamped to [-40, 40] dB, over voiced frames.</li>
 * </ul>
 * Each gets nine functionals: {@code mean}, {@code stddev}, {@code min}, {@code max}, percentiles
 * {@code p20}, {@code p50}, {@code p80}, their range {@code iqr20_80} and the linear-regression
 * {@code slope} per second. Then, per clip: {@code jitter_local_mean/stddev} (relative period
 * perturbation of consecutive glottal cycles), {@code shimmer_local_db_mean/stddev},
 * {@code voiced_fraction} (voiced over all frames), {@code voiced_segments_per_s} (per second of
 * active signal), {@code voiced_segment_mean_s/stddev_s} and {@code unvoiced_segment_mean_s/stddev_s}
 * (unvoiced gaps between voiced segments).
 *
 * <p>Defined values for degenerate input: every functional over an empty set of frames or cycles is 0
 * (silence has no active frames; noise and whisper have no voiced ones), so the vector is always
 * finite; {@code voiced_fraction} tells a classifier when the voiced features are absent.
 *
 * <p>Thread-safety: immutable; {@link #extract} may be called from any number of threads at once.
 */
public final class ProsodicFeatures implements FeatureExtractor {

    private static final String ID = "prosody/2(sr=16000,hop=160,f0=65-600Hz,yin@4k/128+acf,"
            + "voicing=0.45/0.3,marks=cc,gate=40dB,functionals=9)";
    private static final Workspace.Slot SCRATCH = new Workspace.Slot("prosody.scratch");
    private static final Workspace.Slot SEMITONES = new Workspace.Slot("prosody.semitones");
    private static final Workspace.Slot GAPS = new Workspace.Slot("prosody.gaps");
    private static final double FRAME_SECONDS = PitchTracker.HOP / (double) PitchTracker.SAMPLE_RATE;
    private static final List<String> NAMES = names();
    private static final ProsodicFeatures INSTANCE = new ProsodicFeatures();

    private ProsodicFeatures() {
    }

    /**
     * The extractor; it has no settings, so one shared instance serves everyone.
     *
     * @return the extractor
     */
    public static ProsodicFeatures create() {
        return INSTANCE;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (String lld : List.of("f0_semitone", "level_db", "hnr_db")) {
            for (String s : Functionals.SUFFIXES) {
                n.add(lld + "_" + s);
            }
        }
        n.addAll(List.of("jitter_local_mean", "jitter_local_stddev", "shimmer_local_db_mean",
                "shimmer_local_db_stddev", "voiced_fraction", "voiced_segments_per_s", "voiced_segment_mean_s",
                "voiced_segment_stddev_s", "unvoiced_segment_mean_s", "unvoiced_segment_stddev_s"));
        return List.copyOf(n);
    }

    /** {@inheritDoc} */
    @Override
    public String id() {
        return ID;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> featureNames() {
        return NAMES;
    }

    /** {@inheritDoc} */
    @Override
    public float sampleRateHz() {
        return PitchTracker.SAMPLE_RATE;
    }

    /** {@inheritDoc} */
    @Override
    public double[] extract(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        try {
            return extract(PitchTracker.track(clip.resampledTo(PitchTracker.SAMPLE_RATE)));
        } finally {
            Workspace.current().releaseLarge();
        }
    }

    /** The features of the samples from the buffer's position to its limit, at 16 kHz (no copy). */
    double[] extractSamples(FloatBuffer samples) {
        try {
            return extract(PitchTracker.track(samples));
        } finally {
            Workspace.current().releaseLarge();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Not incremental: every request tracks the whole span again, straight from the stream's
     * sample buffer (0.7 ms for 3 s on the reference machine). Pitch tracking keeps no per-frame work
     * between requests because its per-frame results are not independent of where the span starts:
     * window energies come from running prefix sums over the span, YIN runs on every other frame
     * counted from the span's start, and the decimation filter sees the span's zero padding; any
     * last-bit difference can flip a voicing threshold, so reuse would break exact parity with
     * {@link #extract}. {@link FeatureStream#extractLast} equals {@link #extract} of the span exactly.
     */
    @Override
    public FeatureStream openStream(int capacitySamples) {
        StreamArguments.checkCapacity(capacitySamples, sampleRateHz());
        return new IncrementalFeatureStream(List.of(this), capacitySamples);
    }

    private static double[] extract(PitchTracker.Track t) {
        double[] out = new double[NAMES.size()];
        int frames = t.frames;
        Workspace ws = Workspace.current();
        double[] scratch = ws.doubles(SCRATCH, frames);
        double[] semitones = ws.doubles(SEMITONES, frames);
        for (int f = 0; f < frames; f++) {
            semitones[f] = t.voiced[f] ? 12 * Math.log(t.f0Hz[f] / 27.5) / Math.log(2) : 0;
        }
        int o = 0;
        int voiced = Functionals.compute(semitones, 0, frames, t.voiced, FRAME_SECONDS, scratch, out, o);
        o += Functionals.COUNT;
        int active = Functionals.compute(t.levelDb, 0, frames, t.active, FRAME_SECONDS, scratch, out, o);
        o += Functionals.COUNT;
        Functionals.compute(t.hnrDb, 0, frames, t.voiced, FRAME_SECONDS, scratch, out, o);
        o += Functionals.COUNT;

        PeriodAnalysis.Perturbation p = PeriodAnalysis.analyse(t);
        Functionals.meanStd(p.jitter, p.pairs, out, o);
        Functionals.meanStd(p.shimmerDb, p.pairs, out, o + 2);
        o += 4;

        out[o++] = voiced / (double) frames;
        o = segments(t, active, scratch, out, o);
        assert o == out.length;
        return out;
    }

    /** Voiced segments per active second, and mean/stddev of voiced runs and of the gaps between them. */
    private static int segments(PitchTracker.Track t, int activeFrames, double[] scratch, double[] out, int o) {
        int frames = t.frames;
        double[] voicedRuns = scratch;
        double[] gaps = Workspace.current().doubles(GAPS, frames);
        int nVoiced = 0;
        int nGaps = 0;
        int f = 0;
        int lastVoicedEnd = -1;
        while (f < frames) {
            int start = f;
            boolean v = t.voiced[f];
            while (f < frames && t.voiced[f] == v) {
                f++;
            }
            if (v) {
                if (lastVoicedEnd >= 0) {
                    gaps[nGaps++] = (start - lastVoicedEnd) * FRAME_SECONDS;
                }
                voicedRuns[nVoiced++] = (f - start) * FRAME_SECONDS;
                lastVoicedEnd = f;
            }
        }
        out[o++] = activeFrames > 0 ? nVoiced / (activeFrames * FRAME_SECONDS) : 0;
        Functionals.meanStd(voicedRuns, nVoiced, out, o);
        Functionals.meanStd(gaps, nGaps, out, o + 2);
        return o + 4;
    }

    @Override
    public String toString() {
        return "ProsodicFeatures[" + ID + "]";
    }
}
