package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;

/**
 * Research-only bridge (lives in the benchmarks module, same package as the detector) that exposes
 * {@link SpeechDetector}'s raw measures, so the no-speech harness can report how close each signal
 * comes to each threshold. Not shipped with the library.
 *
 * <p>Thread-safety: stateless.
 */
public final class DetectorAccess {

    private DetectorAccess() {
    }

    /**
     * The detector's measures of a 16 kHz clip.
     *
     * @param clip the clip, at 16 kHz
     * @return voiced seconds, median F0 step (semitones per 10 ms) and the F0 range p10-p90 (semitones) 
     */
    public static double[] measures(AudioClip clip) {
        try {
            SpeechDetector.Measures m = SpeechDetector.measure(clip.resampledTo(PitchTracker.SAMPLE_RATE).samplesView());
            return new double[] {m.voicedSeconds(), m.medianStepSemitones(), m.rangeSemitones()};
        } finally {
            Workspace.current().releaseLarge();
        }
    }
}
