package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmotionStreamTest {

    static final float RATE = 16000;

    /** Features of a tone: its frequency from the zero-crossing rate, its RMS and the span's length. */
    static final FeatureExtractor TONE = new FeatureExtractor() {
        @Override
        public String id() {
            return "tone-test/1";
        }

        @Override
        public List<String> featureNames() {
            return List.of("hz", "rms", "seconds");
        }

        @Override
        public float sampleRateHz() {
            return RATE;
        }

        @Override
        public double[] extract(AudioClip clip) {
            AudioClip c = clip.resampledTo(RATE);
            int crossings = 0;
            double sq = 0;
            for (int i = 0; i < c.length(); i++) {
                sq += c.sample(i) * (double) c.sample(i);
                if (i > 0 && (c.sample(i - 1) < 0) != (c.sample(i) < 0)) {
                    crossings++;
                }
            }
            return new double[] {crossings * RATE / 2.0 / c.length(), Math.sqrt(sq / c.length()), c.durationSeconds()};
        }
    };

    /** High tones are happy, low ones sad; confidence grows with the span's length, so windows differ. */
    static class ToneClassifier implements EmotionClassifier {
        @Override
        public Prediction predict(AudioClip clip) {
            return predictFeatures(TONE.extract(clip));
        }

        @Override
        public List<Emotion> labels() {
            return List.of(Emotion.HAPPY, Emotion.SAD);
        }

        @Override
        public String featureExtractorId() {
            return TONE.id();
        }

        @Override
        public FeatureExtractor featureExtractor() {
            return TONE;
        }

        @Override
        public Prediction predictFeatures(double[] f) {
            double high = 1 / (1 + Math.exp(-(f[0] - 500) / 100));
            double happy = 0.5 + (high - 0.5) * Math.min(1, f[2] / 3);
            return Prediction.of(Map.of(Emotion.HAPPY, happy, Emotion.SAD, 1 - happy));
        }
    }

    static final EmotionClassifier CLASSIFIER = new ToneClassifier();

    /** A test recording: quiet noise with tone bursts; knows where the bursts are. */
    record Burst(double start, double seconds, double hz) {
    }

    static float[] recording(double totalSeconds, float rate, long seed, Burst... bursts) {
        Random r = new Random(seed);
        float[] x = new float[(int) Math.round(totalSeconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3e-5 * r.nextGaussian()); // about -90 dBFS
        }
        for (Burst b : bursts) {
            int from = (int) Math.round(b.start() * rate);
            int n = (int) Math.round(b.seconds() * rate);
            for (int i = 0; i < n; i++) {
                x[from + i] += (float) (0.3 * Math.sin(2 * Math.PI * b.hz() * i / rate));
            }
        }
        return x;
    }

    static List<TimedPrediction> run(EmotionStream s, float[] x, long chunkSeed) {
        List<TimedPrediction> events = new ArrayList<>();
        Random r = new Random(chunkSeed);
        int at = 0;
        while (at < x.length) {
            int c = chunkSeed == 0 ? x.length : Math.min(x.length - at, 1 + r.nextInt(r.nextBoolean() ? 9 : 5000));
            events.addAll(s.accept(x, at, c));
            at += c;
        }
        events.addAll(s.finish());
        return events;
    }

    /** Events grouped into speech segments: each segment's last event is marked segmentEnd. */
    static List<List<TimedPrediction>> segments(List<TimedPrediction> events) {
        List<List<TimedPrediction>> out = new ArrayList<>();
        List<TimedPrediction> current = new ArrayList<>();
        for (TimedPrediction e : events) {
            current.add(e);
            if (e.segmentEnd()) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        assertTrue(current.isEmpty(), "events after the last segment end: " + current);
        return out;
    }

    static final Burst[] BURSTS = {new Burst(1.0, 2.2, 1000), new Burst(4.5, 4.1, 200), new Burst(10.0, 1.7, 1200)};

    @Test
    void segmentsFollowTheBurstsAndEventsCoverOnlyTheirOwnSegment() {
        float[] x = recording(12.5, RATE, 1, BURSTS);
        EmotionStream s = EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults());
        List<List<TimedPrediction>> segs = segments(run(s, x, 7));
        assertEquals(BURSTS.length, segs.size(), segs.toString());
        double hop = s.settings().hopSeconds();
        double window = s.settings().windowSeconds();
        for (int k = 0; k < BURSTS.length; k++) {
            Burst b = BURSTS[k];
            List<TimedPrediction> seg = segs.get(k);
            double start = seg.get(0).startSeconds();
            double end = seg.get(seg.size() - 1).endSeconds();
            assertEquals(b.start(), start, 0.021, "segment " + k + " start");
            assertEquals(b.start() + b.seconds(), end, 0.021, "segment " + k + " end");
            Emotion expected = b.hz() > 500 ? Emotion.HAPPY : Emotion.SAD;
            for (int i = 0; i < seg.size(); i++) {
                TimedPrediction e = seg.get(i);
                assertEquals(expected, e.prediction().emotion(), e.toString());
                assertTrue(e.startSeconds() >= start - 1e-9 && e.durationSeconds() <= window + 1e-9, e.toString());
                if (i == 0) {
                    assertEquals(s.settings().minSegmentSeconds(), e.durationSeconds(), 1e-9);
                } else if (i < seg.size() - 1) {
                    assertEquals(hop, e.endSeconds() - seg.get(i - 1).endSeconds(), 1e-9);
                }
                assertEquals(i == seg.size() - 1, e.segmentEnd());
            }
        }
        // The 4.1 s segment is longer than the window: its later windows slide.
        TimedPrediction last = segs.get(1).get(segs.get(1).size() - 1);
        assertEquals(window, last.durationSeconds(), 1e-9);
    }

    @Test
    void eventsDoNotDependOnHowTheAudioIsChunked() {
        float[] x = recording(12.5, RATE, 2, BURSTS);
        List<TimedPrediction> whole = run(EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults()), x, 0);
        assertFalse(whole.isEmpty());
        for (long seed = 1; seed <= 3; seed++) {
            assertEquals(whole, run(EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults()), x, seed));
        }
    }

    @Test
    void silenceAndShortNoisesEmitNothing() {
        float[] x = recording(8, RATE, 3, new Burst(2, 0.3, 800), new Burst(5, 0.6, 300));
        EmotionStream s = EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults());
        assertEquals(List.of(), run(s, x, 5));
        // The same bursts make segments once the minimum allows them.
        List<TimedPrediction> e = run(EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults().withMinSegment(0.25)), x, 5);
        assertEquals(2, segments(e).size(), e.toString());
    }

    @Test
    void aPauseShorterThanTheHangoverStaysInsideTheSegment() {
        float[] x = recording(8, RATE, 4, new Burst(1, 1.5, 1000), new Burst(2.8, 1.5, 1000));
        List<TimedPrediction> joined = run(EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults()), x, 3);
        assertEquals(1, segments(joined).size(), joined.toString());
        assertEquals(4.3, joined.get(joined.size() - 1).endSeconds(), 0.021);
        List<TimedPrediction> split = run(EmotionStream.open(CLASSIFIER, RATE,
                StreamSettings.defaults().withVad(StreamSettings.DEFAULT_VAD_MARGIN_DB, 0.2)), x, 3);
        assertEquals(2, segments(split).size(), split.toString());
    }

    @Test
    void theNoiseFloorLearnsALouderRoomWithinSecondsAndStillHearsSpeechAboveIt() {
        // -90 dBFS noise for 2 s, then -60 dBFS noise (a fan switched on); a tone 30 dB above it at 14 s.
        float[] x = recording(18, RATE, 12, new Burst(14, 2, 1000));
        Random r = new Random(13);
        for (int i = 2 * (int) RATE; i < x.length; i++) {
            x[i] += (float) (1e-3 * r.nextGaussian());
        }
        List<List<TimedPrediction>> segs = segments(run(EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults()), x, 1));
        // The step itself reads as speech until the floor has risen 15 dB at 3 dB/s (about 5 s).
        assertEquals(2, segs.size(), segs.toString());
        List<TimedPrediction> step = segs.get(0);
        assertEquals(2.0, step.get(0).startSeconds(), 0.021);
        assertEquals(7.0, step.get(step.size() - 1).endSeconds(), 0.5);
        List<TimedPrediction> tone = segs.get(1);
        assertEquals(14.0, tone.get(0).startSeconds(), 0.021);
        assertEquals(16.0, tone.get(tone.size() - 1).endSeconds(), 0.021);
    }

    @Test
    void inputAtAnotherRateIsResampledOnTheFly() {
        float[] x16 = recording(12.5, RATE, 6, BURSTS);
        List<List<TimedPrediction>> ref = segments(run(EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults()), x16, 0));
        for (float rate : new float[] {48000, 44100, 8000}) {
            float[] x = recording(12.5, rate, 6, BURSTS);
            EmotionStream s = EmotionStream.open(CLASSIFIER, rate, StreamSettings.defaults());
            assertEquals(rate, s.inputSampleRateHz());
            List<List<TimedPrediction>> segs = segments(run(s, x, 9));
            assertEquals(ref.size(), segs.size(), rate + " Hz: " + segs);
            for (int k = 0; k < ref.size(); k++) {
                List<TimedPrediction> a = ref.get(k);
                List<TimedPrediction> b = segs.get(k);
                assertEquals(a.get(0).startSeconds(), b.get(0).startSeconds(), 0.021, rate + " Hz");
                assertEquals(a.get(a.size() - 1).endSeconds(), b.get(b.size() - 1).endSeconds(), 0.021, rate + " Hz");
                assertEquals(a.get(a.size() - 1).prediction().emotion(), b.get(b.size() - 1).prediction().emotion());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmotionStream.open(CLASSIFIER, 44100.5f, StreamSettings.defaults()));
        assertTrue(e.getMessage().contains("whole-number"), e.getMessage());
    }

    @Test
    void smoothingIsAnExponentialAverageOfTheRawEventsThatRestartsEverySegment() {
        float[] x = recording(12.5, RATE, 8, BURSTS);
        List<TimedPrediction> raw = run(EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults()), x, 0);
        double tau = 1.5;
        List<TimedPrediction> smooth = run(EmotionStream.open(CLASSIFIER, RATE,
                StreamSettings.defaults().withSmoothing(tau)), x, 0);
        assertEquals(raw.size(), smooth.size());
        double expected = 0;
        boolean differs = false;
        for (int i = 0; i < raw.size(); i++) {
            assertEquals(raw.get(i).endSeconds(), smooth.get(i).endSeconds());
            double p = raw.get(i).prediction().probabilityOf(Emotion.HAPPY);
            boolean first = i == 0 || raw.get(i - 1).segmentEnd();
            if (first) {
                expected = p;
            } else if (raw.get(i).endSeconds() != raw.get(i - 1).endSeconds()) {
                double a = Math.exp(-(raw.get(i).endSeconds() - raw.get(i - 1).endSeconds()) / tau);
                expected = a * expected + (1 - a) * p;
            }
            assertEquals(expected, smooth.get(i).prediction().probabilityOf(Emotion.HAPPY), 1e-9, "event " + i);
            differs |= Math.abs(expected - p) > 1e-3;
        }
        assertTrue(differs, "smoothing changed nothing, the test would not notice it missing");
    }

    /** A session that predicts CALM-heavy distributions and records what it observes. */
    static class FakeSession implements SpeakerSession {
        final List<double[]> observed = new ArrayList<>();
        int predictions;

        @Override
        public Prediction predict(AudioClip clip) {
            throw new AssertionError("the stream predicts from features");
        }

        @Override
        public Prediction predictFeatures(double[] features) {
            predictions++;
            EnumMap<Emotion, Double> m = new EnumMap<>(Emotion.class);
            m.put(Emotion.CALM, 0.7 + 0.1 * observed.size() / (1.0 + observed.size()));
            m.put(Emotion.SAD, 1 - m.get(Emotion.CALM));
            return Prediction.of(m);
        }

        @Override
        public void observeFeatures(double[] features) {
            observed.add(features.clone());
        }

        @Override
        public FeatureExtractor featureExtractor() {
            return TONE;
        }

        @Override
        public SpeakerProfile profile() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aSessionPredictsAndObservesEachSegmentsFinalWindowOnce() {
        float[] x = recording(12.5, RATE, 10, BURSTS);
        FakeSession session = new FakeSession();
        EmotionStream s = EmotionStream.open(session, RATE, StreamSettings.defaults());
        List<TimedPrediction> events = run(s, x, 4);
        List<List<TimedPrediction>> segs = segments(events);
        assertEquals(BURSTS.length, segs.size());
        assertTrue(events.stream().allMatch(e -> e.prediction().emotion() == Emotion.CALM), events.toString());
        assertEquals(events.size(), session.predictions, "one session prediction per event");
        assertEquals(segs.size(), session.observed.size(), "one observation per segment");
        for (int k = 0; k < segs.size(); k++) {
            TimedPrediction fin = segs.get(k).get(segs.get(k).size() - 1);
            float[] window = Arrays.copyOfRange(x, (int) Math.round(fin.startSeconds() * RATE),
                    (int) Math.round(fin.endSeconds() * RATE));
            // the stream hears its input on the 16-bit grid, like every model input
            assertArrayEquals(TONE.extract(AudioClip.of(window, RATE).quantizedToPcm16()), session.observed.get(k), 1e-9,
                    "segment " + k);
        }
        // Later segments are predicted with the statistics of the earlier ones.
        assertTrue(segs.get(2).get(0).prediction().probabilityOf(Emotion.CALM)
                > segs.get(0).get(0).prediction().probabilityOf(Emotion.CALM));
    }

    /** As {@link ToneClassifier}, but a tone under 500 Hz lies outside its domain: speech it cannot judge. */
    static final class LowTonesOutOfDomain extends ToneClassifier {
        @Override
        public Prediction predictFeatures(double[] f) {
            Prediction p = super.predictFeatures(f);
            return f[0] < 500 ? p.withDomain(new DomainCheck(true, 9, 2, 3, 20, "hz")) : p;
        }
    }

    @Test
    void windowsOutOfTheModelsDomainEmitNoEventButTheSessionStillLearnsTheirSegment() {
        float[] x = recording(12.5, RATE, 1, BURSTS);
        List<TimedPrediction> all = run(EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults()), x, 2);
        List<TimedPrediction> some = run(EmotionStream.open(new LowTonesOutOfDomain(), RATE, StreamSettings.defaults()), x, 2);
        // the 200 Hz burst (4.5-8.6 s) is out of domain: its events go, the others' stay, unchanged
        List<TimedPrediction> expected = all.stream().filter(e -> e.endSeconds() < 4.5 || e.startSeconds() > 8.6).toList();
        assertTrue(expected.size() < all.size() && !expected.isEmpty(), all.toString());
        assertEquals(expected, some);
        assertTrue(some.stream().allMatch(e -> e.prediction().hasEmotion()));

        FakeSession flagging = new FakeSession() {
            @Override
            public Prediction predictFeatures(double[] features) {
                Prediction p = super.predictFeatures(features);
                return features[0] < 500 ? p.withDomain(new DomainCheck(true, 9, 2, 3, 20, "hz")) : p;
            }
        };
        List<TimedPrediction> events = run(EmotionStream.open(flagging, RATE, StreamSettings.defaults()), x, 2);
        assertEquals(2, segments(events).size(), "the out-of-domain segment emits nothing");
        assertEquals(BURSTS.length, flagging.observed.size(), "but it is speech, so the session learns it");
        assertEquals(200, flagging.observed.get(1)[0], 5, "the second observation is the 200 Hz burst");
    }

    @Test
    void windowAndHopAreRoundedToTheFeatureStreamsAlignment() {
        FeatureExtractor aligned = new FeatureExtractor() {
            @Override
            public String id() {
                return TONE.id();
            }

            @Override
            public List<String> featureNames() {
                return TONE.featureNames();
            }

            @Override
            public float sampleRateHz() {
                return RATE;
            }

            @Override
            public double[] extract(AudioClip clip) {
                return TONE.extract(clip);
            }

            @Override
            public FeatureStream openStream(int capacity) {
                FeatureStream inner = new ReextractingFeatureStream(this, capacity);
                return new FeatureStream() {
                    @Override
                    public void append(float[] samples, int offset, int length) {
                        inner.append(samples, offset, length);
                    }

                    @Override
                    public long samplesAppended() {
                        return inner.samplesAppended();
                    }

                    @Override
                    public int capacitySamples() {
                        return inner.capacitySamples();
                    }

                    @Override
                    public double[] extractLast(int samples) {
                        assertEquals(0, (inner.samplesAppended() - samples) % 512, "span start off the grid");
                        return inner.extractLast(samples);
                    }

                    @Override
                    public int alignmentSamples() {
                        return 512;
                    }

                    @Override
                    public void reset() {
                        inner.reset();
                    }
                };
            }
        };
        EmotionClassifier c = new ToneClassifier() {
            @Override
            public FeatureExtractor featureExtractor() {
                return aligned;
            }
        };
        EmotionStream s = EmotionStream.open(c, RATE, StreamSettings.defaults());
        assertEquals(94 * 512 / 16000.0, s.settings().windowSeconds(), 1e-12);
        assertEquals(15 * 512 / 16000.0, s.settings().hopSeconds(), 1e-12);
        assertEquals(47 * 512 / 16000.0, s.settings().minSegmentSeconds(), 1e-12);
        // Every span starts on the grid (checked inside extractLast): the segment is 160 alignments long.
        float[] x = recording(12.5, RATE, 11, new Burst(1.0, 5.12, 700));
        EmotionStream t = EmotionStream.open(c, RATE, StreamSettings.defaults());
        assertEquals(1, segments(run(t, x, 2)).size());
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        EmotionStream s = EmotionStream.open(CLASSIFIER, RATE, StreamSettings.defaults());
        float[] bad = new float[100];
        bad[42] = Float.NaN;
        s.accept(new float[10]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.accept(bad));
        assertTrue(e.getMessage().contains("stream sample 52") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.accept(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.accept(new float[4], 2, 3));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertEquals(List.of(), s.finish());
        IllegalStateException st = assertThrows(IllegalStateException.class, () -> s.accept(new float[1]));
        assertTrue(st.getMessage().contains("finished"), st.getMessage());
        assertThrows(IllegalStateException.class, s::finish);

        e = assertThrows(IllegalArgumentException.class, () -> EmotionStream.open(CLASSIFIER, 100, StreamSettings.defaults()));
        assertTrue(e.getMessage().contains("100.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EmotionStream.open(CLASSIFIER, RATE, null));
        assertTrue(e.getMessage().contains("settings"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EmotionStream.open((EmotionClassifier) null, RATE, StreamSettings.defaults()));
        assertTrue(e.getMessage().contains("classifier"), e.getMessage());
    }

    @Test
    void settingsNameTheValueThatIsWrong() {
        StreamSettings d = StreamSettings.defaults();
        String m = assertThrows(IllegalArgumentException.class, () -> d.withHop(4)).getMessage();
        assertTrue(m.contains("hop") && m.contains("4.0"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withWindow(0.1)).getMessage();
        assertTrue(m.contains("window") && m.contains("0.1"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withWindow(Double.NaN)).getMessage();
        assertTrue(m.contains("window") && m.contains("NaN"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withSmoothing(-1)).getMessage();
        assertTrue(m.contains("smoothing"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withVad(1, 0.4)).getMessage();
        assertTrue(m.contains("VAD margin"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withVad(15, 9)).getMessage();
        assertTrue(m.contains("hangover"), m);
        m = assertThrows(IllegalArgumentException.class, () -> d.withMinSegment(3.5)).getMessage();
        assertTrue(m.contains("minimum segment"), m);
        assertEquals(0.5, d.withHop(0.25).withWindow(0.5).minSegmentSeconds());
    }

    /** Calls low tones (under 400 Hz) no speech, as a speech detector calls a hum; records what it was shown. */
    static class HumRejecting extends ToneClassifier {
        final List<AudioClip> shown = new ArrayList<>();

        @Override
        public java.util.Optional<SpeechEvidence> detectSpeech(AudioClip clip) {
            shown.add(clip);
            return java.util.Optional.of(TONE.extract(clip)[0] < 400
                    ? SpeechEvidence.noSpeech(0, clip.durationSeconds(), "a hum")
                    : SpeechEvidence.speech(clip.durationSeconds(), clip.durationSeconds()));
        }
    }

    @Test
    void windowsWithoutSpeechEmitNothingAndTheDetectorSeesEachWindow() {
        HumRejecting c = new HumRejecting();
        float[] x = recording(12, RATE, 5, new Burst(1, 3, 200), new Burst(6, 3, 800));
        List<TimedPrediction> events = run(EmotionStream.open(c, RATE, StreamSettings.defaults()), x, 11);
        assertTrue(!events.isEmpty(), "the 800 Hz burst is speech here");
        for (TimedPrediction e : events) {
            assertTrue(e.startSeconds() >= 5.9, "no event for the 200 Hz burst: " + e);
            assertEquals(Emotion.HAPPY, e.prediction().emotion());
        }
        assertEquals(1, segments(events).size());
        // every window was checked before it was predicted: one check per distinct window, both bursts
        long low = c.shown.stream().filter(w -> TONE.extract(w)[0] < 400).count();
        assertTrue(low >= 3, "the low burst's windows were shown to the detector: " + low);
        TimedPrediction last = events.get(events.size() - 1);
        AudioClip lastShown = c.shown.get(c.shown.size() - 1);
        assertEquals(last.endSeconds() - last.startSeconds(), lastShown.durationSeconds(), 1e-9);
        int from = (int) Math.round(last.startSeconds() * RATE);
        for (int i = 0; i < lastShown.length(); i += 997) {
            assertEquals(AudioClip.pcm16(x[from + i]), lastShown.sample(i), "the window's own samples, at 16-bit levels");
        }
    }

    /** HumRejecting whose detector and extraction run in one call, counted, and that says which windows it saw. */
    static final class OnePassHumRejecting extends HumRejecting {
        final List<AudioClip> analysed = new ArrayList<>();

        @Override
        public <T> T analyseSpeech(AudioClip clip, java.util.function.Function<SpeechEvidence, T> noSpeech,
                java.util.function.BiFunction<SpeechEvidence, double[], T> speech) {
            analysed.add(clip);
            return super.analyseSpeech(clip, noSpeech, speech);
        }
    }

    @Test
    void aStreamWhoseFeaturesReextractWindowsAsksTheClassifierOncePerWindowForVerdictAndFeatures() {
        float[] x = recording(12, RATE, 5, new Burst(1, 3, 200), new Burst(6, 3, 800));
        OnePassHumRejecting c = new OnePassHumRejecting();
        List<TimedPrediction> events = run(EmotionStream.open(c, RATE, StreamSettings.defaults().withSmoothing(0)), x, 11);
        assertTrue(events.size() >= 3, events.toString());
        // one analyseSpeech per window, whose default asked the detector of that same window and nothing else did
        assertEquals(c.analysed.size(), c.shown.size());
        for (int i = 0; i < c.shown.size(); i++) {
            assertSame(c.analysed.get(i), c.shown.get(i));
        }
        // and each event is the classifier's prediction of its window's features, extracted afresh here
        for (TimedPrediction e : events) {
            int from = (int) Math.round(e.startSeconds() * RATE);
            float[] w = new float[(int) Math.round(e.endSeconds() * RATE) - from];
            for (int i = 0; i < w.length; i++) {
                w[i] = AudioClip.pcm16(x[from + i]);
            }
            assertEquals(c.predictFeatures(TONE.extract(AudioClip.of(w, RATE))), e.prediction(), e.toString());
        }
    }

    @Test
    void analyseSpeechByDefaultIsTheDetectorThenTheExtractorAndRefusesBadArguments() {
        HumRejecting c = new HumRejecting();
        AudioClip hum = AudioClip.of(recording(2, RATE, 1, new Burst(0, 2, 200)), RATE);
        AudioClip tone = AudioClip.of(recording(2, RATE, 1, new Burst(0, 2, 800)), RATE);
        assertEquals("no-speech: a hum", c.analyseSpeech(hum, e -> "no-speech: " + e.reason(), (e, f) -> "speech"));
        double[] f = c.analyseSpeech(tone, e -> null, (e, features) -> {
            assertTrue(e.speech());
            return features;
        });
        assertArrayEquals(TONE.extract(tone), f, 0.0);
        // without a detector the speech callback gets no evidence
        assertEquals("null", CLASSIFIER.analyseSpeech(hum, e -> "no-speech", (e, g) -> String.valueOf(e)));
        assertEquals("clip must not be null", assertThrows(IllegalArgumentException.class,
                () -> c.analyseSpeech(null, e -> 0, (e, g) -> 1)).getMessage());
        assertEquals("noSpeech must not be null", assertThrows(IllegalArgumentException.class,
                () -> c.analyseSpeech(tone, null, (e, g) -> 1)).getMessage());
        assertEquals("speech must not be null", assertThrows(IllegalArgumentException.class,
                () -> c.analyseSpeech(tone, e -> 0, null)).getMessage());
        // a clip at another rate: the detector and the extractor each take it as it is
        AudioClip narrow = tone.resampledTo(8000);
        assertArrayEquals(TONE.extract(narrow), c.analyseSpeech(narrow, e -> null, (e, g) -> g), 0.0);
        assertSame(narrow, c.shown.get(c.shown.size() - 1));
    }

    @Test
    void aRestrictedClassifierHandsTheOnePassToItsBase() {
        OnePassHumRejecting base = new OnePassHumRejecting();
        EmotionClassifier happyOnly = base.restrictedTo(java.util.Set.of(Emotion.HAPPY));
        AudioClip tone = AudioClip.of(recording(2, RATE, 1, new Burst(0, 2, 800)), RATE);
        double[] f = happyOnly.analyseSpeech(tone, e -> null, (e, g) -> g);
        assertEquals(1, base.analysed.size(), "the base's own analyseSpeech ran");
        assertArrayEquals(TONE.extract(tone), f, 0.0);
        float[] x = recording(12, RATE, 5, new Burst(1, 3, 200), new Burst(6, 3, 800));
        List<TimedPrediction> events = run(EmotionStream.open(happyOnly, RATE, StreamSettings.defaults()), x, 11);
        assertTrue(base.analysed.size() > 3, "the stream's windows went through the base: " + base.analysed.size());
        for (TimedPrediction e : events) {
            assertEquals(Emotion.HAPPY, e.prediction().emotion());
            assertEquals(1.0, e.prediction().confidence(), 1e-12);
        }
    }
}
