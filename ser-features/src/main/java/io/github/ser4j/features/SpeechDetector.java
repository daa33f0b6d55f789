package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.SpeechEvidence;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Tells speech from input that has none: silence, a constant signal, steady noise, pure tones and
 * synthetic music (chords, note sequences), on whole clips at 16 kHz.
 *
 * <p>The rule, chosen by measurement ({@code io.github.ser4j.bench.NoSpeechRates} in ser-benchmarks; the
 * README's "No speech and out-of-domain input" gives the figures): a clip holds speech when
 * <ol>
 *   <li>the pitch tracker of {@link ProsodicFeatures} finds at least {@value #MIN_VOICED_SECONDS} s of
 *   voiced frames (periodic, F0 65-600 Hz): silence, white and pink noise and tones outside the voice
 *   range have none;</li>
 *   <li>the F0 moves like a voice: the median change of F0 between consecutive voiced frames is at
 *   least {@value #MIN_MEDIAN_F0_STEP_SEMITONES} semitones per 10 ms. A voice never holds its pitch as
 *   still as an oscillator does (intonation, jitter); tones, chords, note sequences and the constant
 *   signal stay at or below 0.005 semitone, while every RAVDESS clip measured, in every condition of
 *   the harness (noise down to 5 dB SNR, telephone band, levels), moves by at least 0.035;</li>
 *   <li>the F0 covers a voice's range: the spread between the 10th and 90th percentile of the voiced
 *   frames' F0 is at least {@value #MIN_F0_RANGE_SEMITONES} semitones. Noise makes a steady tone's
 *   F0 estimate jitter (so it passes rule 2 below about 15 dB SNR) but not wander: a tone in white
 *   noise at 0 dB SNR spans under 1 semitone, a voice in any measured condition at least 1.46.</li>
 * </ol>
 * A rule on the share of voicing in runs over 1 s was measured and dropped: it rejected 43 of 5,280
 * speech clips (sustained voicing) and no signal that the rules above let through.
 *
 * <p>Known limit: it separates voice-like pitch from held pitch, not speech from every other sound
 * with a moving pitch: singing, a siren or an instrument sliding between notes is called speech.
 *
 * <p>A model's prediction runs the detector on what its extractor hears
 * ({@link #analyse(AudioClip, FeatureExtractor, java.util.function.Function, java.util.function.BiFunction)}):
 * for a front end such as {@link SpeechTrimmed}, the span it hands on, so the detector and the features
 * hear the same samples and a noise-only lead-in or tail counts for neither.
 *
 * <p>Cost: one pitch track of the clip, the same one {@link ProsodicFeatures} makes (about 0.7 ms for
 * 3 s on the reference machine); the prosodic features of the same clip extracted next on the same
 * thread reuse it (clips up to about a minute).
 *
 * <p>Thread-safety: stateless; {@link #analyse} may be called from any number of threads at once.
 */
public final class SpeechDetector {

    /** Voiced speech needed to call a clip speech, in seconds. */
    public static final double MIN_VOICED_SECONDS = 0.15;
    /** The median F0 step between consecutive voiced frames, in semitones, below which pitch is machine-steady. */
    public static final double MIN_MEDIAN_F0_STEP_SEMITONES = 0.015;
    /** The F0 spread (10th to 90th percentile of voiced frames), in semitones, below which pitch is held. */
    public static final double MIN_F0_RANGE_SEMITONES = 1.2;

    private static final double FRAME_SECONDS = PitchTracker.HOP / (double) PitchTracker.SAMPLE_RATE;
    private static final Workspace.Slot STEPS = new Workspace.Slot("speech.steps");
    private static final Workspace.Slot PITCH = new Workspace.Slot("speech.pitch");

    private SpeechDetector() {
    }

    /**
     * Looks for speech in a clip (resampled to 16 kHz if needed).
     *
     * @param clip the clip
     * @return what was found, with {@link SpeechEvidence#speech()} the verdict
     * @throws IllegalArgumentException if {@code clip} is null
     */
    public static SpeechEvidence analyse(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        AudioClip c = clip.resampledTo(PitchTracker.SAMPLE_RATE);
        double duration = c.durationSeconds();
        try {
            Measures m = measure(PitchTracker.track(c));
            return verdict(m, duration);
        } finally {
            Workspace.current().releaseLarge();
        }
    }

    /**
     * Looks for speech in a clip, then runs {@code then} with the verdict, sharing the clip's pitch track
     * with the {@link ProsodicFeatures} that {@code then} extracts from the same clip on this thread (a
     * prediction tracks its clip once instead of twice; clips up to about a minute, longer ones are
     * tracked again so that the detector's buffers are not held meanwhile). The values are the same
     * as with {@link #analyse(AudioClip)} and a separate extraction.
     *
     * @param clip the clip; {@code then} must extract from this same instance (resampled to 16 kHz if it is not)
     * @param then what to do with the evidence, such as extracting features and classifying
     * @param <T> what {@code then} returns
     * @return what {@code then} returned
     * @throws IllegalArgumentException if {@code clip} or {@code then} is null
     */
    public static <T> T analyse(AudioClip clip, java.util.function.Function<SpeechEvidence, T> then) {
        if (clip == null || then == null) {
            throw new IllegalArgumentException(clip == null ? "clip must not be null" : "then must not be null");
        }
        AudioClip c = clip.resampledTo(PitchTracker.SAMPLE_RATE);
        return PitchTracker.sharing(c, () -> then.apply(analyse(c)));
    }

    /**
     * Looks for speech in what {@code extractor} hears of a clip: for a front end such as
     * {@link SpeechTrimmed} or {@link LevelNormalised}, the clip it hands its inner extractor (for
     * {@code speech-span}, the speech span at the speech level), for any other extractor the clip itself.
     * The evidence's duration is the whole clip's.
     *
     * @param clip the clip
     * @param extractor the extractor whose input the detector listens to
     * @return what was found, with {@link SpeechEvidence#speech()} the verdict
     * @throws IllegalArgumentException if {@code clip} or {@code extractor} is null
     */
    public static SpeechEvidence analyse(AudioClip clip, FeatureExtractor extractor) {
        return analyse(clip, extractor, evidence -> evidence, (evidence, features) -> evidence, false);
    }

    /**
     * Looks for speech in what {@code extractor} hears of a clip (as {@link #analyse(AudioClip, FeatureExtractor)})
     * and, only when there is speech, extracts the clip's features: {@code extractor.extract(clip)}, bit for
     * bit, with the detector's pitch track shared with the prosodic features (one track per prediction
     * instead of two; see {@link #analyse(AudioClip, java.util.function.Function)}).
     *
     * @param clip the clip
     * @param extractor the extractor
     * @param noSpeech what to return for a clip without speech, given the evidence
     * @param speech what to return for a clip with speech, given the evidence and the features
     * @param <T> what the callbacks return
     * @return what the callback called returned
     * @throws IllegalArgumentException if an argument is null
     */
    public static <T> T analyse(AudioClip clip, FeatureExtractor extractor,
            java.util.function.Function<SpeechEvidence, T> noSpeech,
            java.util.function.BiFunction<SpeechEvidence, double[], T> speech) {
        if (noSpeech == null || speech == null) {
            throw new IllegalArgumentException("the callbacks must not be null");
        }
        return analyse(clip, extractor, noSpeech, speech, true);
    }

    private static <T> T analyse(AudioClip clip, FeatureExtractor extractor,
            java.util.function.Function<SpeechEvidence, T> noSpeech,
            java.util.function.BiFunction<SpeechEvidence, double[], T> speech, boolean extract) {
        if (clip == null || extractor == null) {
            throw new IllegalArgumentException(clip == null ? "clip must not be null" : "extractor must not be null");
        }
        AudioClip heard = ClipFrontEnd.heardBy(extractor, clip);
        AudioClip tracked = heard.resampledTo(PitchTracker.SAMPLE_RATE); // the same instance at 16 kHz: its track is shared
        FeatureExtractor values = ClipFrontEnd.innermostOf(extractor);
        double duration = clip.durationSeconds();
        return analyse(tracked, found -> {
            SpeechEvidence e = found.speech() ? SpeechEvidence.speech(found.voicedSeconds(), duration)
                    : SpeechEvidence.noSpeech(found.voicedSeconds(), duration, found.reason());
            if (!e.speech()) {
                return noSpeech.apply(e);
            }
            return speech.apply(e, extract ? values.extract(heard) : null);
        });
    }

    /** The raw measures the rule thresholds, for the measurement harness. */
    record Measures(int frames, int voicedFrames, double medianStepSemitones, double rangeSemitones) {
        double voicedSeconds() {
            return voicedFrames * FRAME_SECONDS;
        }
    }

    static Measures measure(FloatBuffer samples) {
        return measure(PitchTracker.track(samples));
    }

    private static Measures measure(PitchTracker.Track t) {
        int frames = t.frames;
        double[] steps = Workspace.current().doubles(STEPS, frames);
        int nSteps = 0;
        double[] pitch = Workspace.current().doubles(PITCH, frames);
        int voiced = 0;
        for (int f = 0; f < frames; f++) {
            if (t.voiced[f]) {
                pitch[voiced] = 12 * Math.log(t.f0Hz[f]) / Math.log(2);
                voiced++;
                if (f > 0 && t.voiced[f - 1]) {
                    steps[nSteps++] = Math.abs(12 * Math.log(t.f0Hz[f] / t.f0Hz[f - 1]) / Math.log(2));
                }
            }
        }
        double median = 0;
        if (nSteps > 0) {
            Arrays.sort(steps, 0, nSteps);
            median = nSteps % 2 == 1 ? steps[nSteps / 2] : 0.5 * (steps[nSteps / 2 - 1] + steps[nSteps / 2]);
        }
        double range = 0;
        if (voiced > 0) {
            Arrays.sort(pitch, 0, voiced);
            range = pitch[(int) Math.floor(0.9 * (voiced - 1))] - pitch[(int) Math.ceil(0.1 * (voiced - 1))];
        }
        return new Measures(frames, voiced, median, range);
    }

    static SpeechEvidence verdict(Measures m, double durationSeconds) {
        double voicedSeconds = m.voicedSeconds();
        String reason;
        if (voicedSeconds < MIN_VOICED_SECONDS) {
            reason = String.format(java.util.Locale.ROOT, "%.2f s of voiced sound, less than the %.2f s speech needs",
                    voicedSeconds, MIN_VOICED_SECONDS);
        } else if (m.medianStepSemitones() < MIN_MEDIAN_F0_STEP_SEMITONES) {
            reason = String.format(java.util.Locale.ROOT, "%.2f s of voiced sound with machine-steady pitch "
                    + "(median F0 step %.4f semitones per 10 ms): a tone, a chord or a constant signal, not a voice",
                    voicedSeconds, m.medianStepSemitones());
        } else if (m.rangeSemitones() < MIN_F0_RANGE_SEMITONES) {
            reason = String.format(java.util.Locale.ROOT, "%.2f s of voiced sound holding one pitch (F0 spread "
                    + "%.2f semitones, a voice spans at least %.1f): a tone or hum, possibly in noise, not a voice",
                    voicedSeconds, m.rangeSemitones(), MIN_F0_RANGE_SEMITONES);
        } else {
            return SpeechEvidence.speech(voicedSeconds, durationSeconds);
        }
        return SpeechEvidence.noSpeech(voicedSeconds, durationSeconds, reason);
    }
}
