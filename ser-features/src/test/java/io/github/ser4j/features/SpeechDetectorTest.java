package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.SpeechEvidence;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The speech detector on the two RAVDESS fixtures (clean, with white noise at 5 dB SNR and at -30 dBFS
 * peak) and on silence, a constant, tones, noise, a chord and a note sequence; the harness
 * {@code NoSpeechRates} measures the rates on 240 clips.
 */
class SpeechDetectorTest {

    private static final float RATE = 16_000f;

    private static AudioClip fixture(String name) throws IOException {
        try (InputStream in = SpeechDetectorTest.class.getResourceAsStream("/librosa/" + name)) {
            return AudioClip.read(in);
        }
    }

    private static AudioClip of(float[] x) {
        return AudioClip.of(x, RATE).quantizedToPcm16();
    }

    @Test
    void speechIsSpeechCleanNoisyAndQuiet() throws IOException {
        for (String name : new String[] {"speech_03-01-04-02-02-02-14.wav", "speech_03-01-05-02-01-01-01.wav"}) {
            AudioClip clip = fixture(name);
            SpeechEvidence clean = SpeechDetector.analyse(clip);
            assertTrue(clean.speech(), name + ": " + clean);
            assertTrue(clean.voicedSeconds() > 0.3 && clean.voicedSeconds() < clip.durationSeconds(), clean.toString());
            assertEquals("", clean.reason());

            float[] s = clip.samples();
            double ps = 0;
            for (float v : s) {
                ps += v * v;
            }
            ps /= s.length;
            Random r = new Random(7);
            float[] noisy = new float[s.length];
            float[] quiet = new float[s.length];
            double peak = 0;
            for (float v : s) {
                peak = Math.max(peak, Math.abs(v));
            }
            for (int i = 0; i < s.length; i++) {
                // 5 dB under the whole clip's power, pauses included: harsher than 5 dB on the speech
                noisy[i] = (float) (s[i] + Math.sqrt(ps / Math.pow(10, 0.5)) * r.nextGaussian());
                quiet[i] = (float) (s[i] * 0.0316 / peak);
            }
            assertTrue(SpeechDetector.analyse(of(noisy)).speech(), name + " at 5 dB SNR");
            assertTrue(SpeechDetector.analyse(of(quiet)).speech(), name + " at -30 dBFS peak");
        }
    }

    @Test
    void silenceConstantToneNoiseChordAndNotesAreNotSpeech() {
        int n = (int) (2 * RATE);
        float[] silence = new float[n];
        float[] constant = new float[n];
        float[] tone = new float[n];
        float[] noise = new float[n];
        float[] chord = new float[n];
        float[] notes = new float[n];
        Random r = new Random(3);
        double[] scale = {261.63, 293.66, 329.63, 392.0, 440.0};
        for (int i = 0; i < n; i++) {
            double t = i / RATE;
            constant[i] = 0.3f;
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * t));
            noise[i] = (float) (0.1 * r.nextGaussian());
            for (double f : new double[] {261.63, 329.63, 392.0}) {
                for (int h = 1; h <= 6; h++) {
                    chord[i] += (float) (0.08 * Math.sin(2 * Math.PI * h * f * t) / h);
                }
            }
            double hz = scale[(i / 4000) % scale.length];
            double local = (i % 4000) / RATE;
            notes[i] = (float) (0.5 * Math.exp(-local / 0.15) * Math.sin(2 * Math.PI * hz * local));
        }
        assertNoSpeech(silence, "0.00 s of voiced sound, less than the 0.15 s speech needs");
        assertNoSpeech(constant, "0.00 s of voiced sound");
        assertNoSpeech(tone, "machine-steady pitch");
        assertNoSpeech(noise, "less than the 0.15 s speech needs");
        assertNoSpeech(chord, "machine-steady pitch");
        assertNoSpeech(notes, "machine-steady pitch");
    }

    private static void assertNoSpeech(float[] x, String reasonPart) {
        SpeechEvidence e = SpeechDetector.analyse(of(x));
        assertFalse(e.speech(), e.toString());
        assertTrue(e.reason().contains(reasonPart), e.reason());
        assertEquals(2.0, e.durationSeconds(), 1e-9);
    }

    @Test
    void aPredictionTracksItsClipOnceAndGetsTheSameValues() throws IOException {
        AudioClip clip = fixture("speech_03-01-05-02-01-01-01.wav");
        io.github.ser4j.core.FeatureExtractor full = FeatureExtractors.full();
        SpeechEvidence alone = SpeechDetector.analyse(clip);
        double[] features = full.extract(clip);
        double[] shared = SpeechDetector.analyse(clip, evidence -> {
            assertEquals(alone, evidence);
            return full.extract(clip);
        });
        assertArrayEquals(features, shared);
        PitchTracker.Track[] tracks = new PitchTracker.Track[3];
        SpeechDetector.analyse(clip, evidence -> {
            tracks[0] = PitchTracker.track(clip);
            tracks[1] = PitchTracker.track(clip);
            return null;
        });
        assertSame(tracks[0], tracks[1], "the detector's track serves the prosodic features");
        tracks[2] = PitchTracker.track(clip);
        assertNotSame(tracks[0], tracks[2], "outside the call, every track is made again");
        // a clip of over a minute is tracked again: its buffers are not held between the steps
        float[] x = new float[70 * 16_000];
        float[] s = clip.samples();
        for (int at = 0; at + s.length <= x.length; at += s.length) {
            System.arraycopy(s, 0, x, at, s.length);
        }
        AudioClip longClip = AudioClip.of(x, 16_000f);
        SpeechDetector.analyse(longClip, evidence -> {
            tracks[0] = PitchTracker.track(longClip);
            tracks[1] = PitchTracker.track(longClip);
            return null;
        });
        assertNotSame(tracks[0], tracks[1]);
    }
    @Test
    void throughAFrontEndTheDetectorHearsTheSpanAndSharesItsTrackWithTheFeatures() throws IOException {
        AudioClip speech = fixture("speech_03-01-05-02-01-01-01.wav");
        float[] s = speech.samples();
        float[] x = new float[s.length + 2 * (int) RATE]; // a second of digital silence either side
        System.arraycopy(s, 0, x, (int) RATE, s.length);
        AudioClip clip = AudioClip.of(x, RATE);
        io.github.ser4j.core.FeatureExtractor span = FeatureExtractors.speechSpan();
        AudioClip heard = ClipFrontEnd.heardBy(span, clip);
        assertTrue(heard.durationSeconds() < speech.durationSeconds(), "the span is cut: " + heard.durationSeconds());
        assertArrayEquals(span.extract(clip), FeatureExtractors.full().extract(heard), "extract = innermost on heard");

        SpeechEvidence onSpan = SpeechDetector.analyse(heard);
        int[] tracked = new int[1];
        double[] features = SpeechDetector.analyse(clip, span, e -> null, (evidence, values) -> {
            assertEquals(onSpan.voicedSeconds(), evidence.voicedSeconds(), 0.0);
            assertEquals(clip.durationSeconds(), evidence.durationSeconds(), 0.0, "the evidence names the whole clip");
            PitchTracker.Track t = PitchTracker.SHARED.get().track;
            assertTrue(t != null && t.length == heard.length(), "the span's track is kept for the prosodic features");
            tracked[0]++;
            return values;
        });
        assertEquals(1, tracked[0]);
        assertArrayEquals(span.extract(clip), features, "the same values as a separate extraction");
        assertEquals(SpeechDetector.analyse(clip, span), SpeechEvidence.speech(onSpan.voicedSeconds(), clip.durationSeconds()));

        AudioClip silence = AudioClip.of(new float[2 * (int) RATE], RATE);
        SpeechEvidence none = SpeechDetector.analyse(silence, span, e -> e, (e, v) -> {
            throw new AssertionError("no features for silence");
        });
        assertFalse(none.speech());
        assertEquals(2.0, none.durationSeconds(), 1e-9);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SpeechDetector.analyse(clip, (io.github.ser4j.core.FeatureExtractor) null), "a null extractor is refused");
    }
}
