package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The timeline test: clips of different emotions joined with silences between them, streamed
 * through the shipped model, give one speech segment per clip that lines up with the clip's boundaries
 * within one hop and whose majority label is the offline prediction of that clip.
 *
 * <p>Fixtures: the four clips in {@code src/test/resources/clips}, all actor 02, statement 01,
 * repetition 01, strong intensity: the two demo clips (happy, fearful) and, added for this test, the
 * same recording's sad and angry takes, chosen by that rule (siblings of the demo clips, high and low
 * arousal) before the stream was run on them, not by their results.
 *
 * <p>Clip boundaries: RAVDESS files carry up to a second of recorded near-silence (about -94 dBFS)
 * around the utterance, which no detector should call speech. Each clip is therefore trimmed first with
 * an offline reference independent of the stream's causal detector: librosa's {@code effects.trim}
 * rule (frames of 2048 samples every 512, centred, kept while within 40 dB of the clip's loudest
 * frame, the relative threshold ser4j's features use for active frames). The trimmed clips are what is joined, so their edges are the boundaries, and the offline
 * prediction is of the trimmed clip.
 *
 * <p>Known weakness, measured rather than hidden: the shipped model was trained on whole clips, and
 * its predictions of the first 1 to 1.5 s of an utterance often differ from its prediction of the
 * whole utterance. Streaming each clip of actors 01-04 alone (untrimmed, 1 s of silence either side;
 * {@code io.github.ser4j.bench.StreamAgreement} in ser-benchmarks), the majority of its events (ties
 * broken by summed probability, as here) equals the offline prediction for 166 of 240 (69.2%) with the
 * default minimum segment and 137 (57.1%) with 1 s; the last event alone for 182 (75.8%). The angry
 * clip's first event says fearful; the segment's later events outvote it.
 */
class StreamTimelineTest {

    static final String[] CLIPS = {"03-01-03-02-01-01-02.wav", "03-01-04-02-01-01-02.wav",
        "03-01-05-02-01-01-02.wav", "03-01-06-02-01-01-02.wav"};
    /** Silence before, between and after the clips, in seconds (all longer than the hangover). */
    static final double[] GAPS = {1.2, 1.5, 0.9, 2.0, 1.0};

    /** librosa.effects.trim(y, top_db=40, frame_length=2048, hop_length=512) as [start, end) samples. */
    static int[] librosaTrim(float[] y) {
        int frameLength = 2048;
        int hop = 512;
        int frames = 1 + y.length / hop;
        double[] rms = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            int centre = f * hop;
            for (int i = centre - frameLength / 2; i < centre + frameLength / 2; i++) {
                if (i >= 0 && i < y.length) {
                    sum += y[i] * (double) y[i];
                }
            }
            rms[f] = Math.sqrt(sum / frameLength);
            max = Math.max(max, rms[f]);
        }
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (20 * Math.log10(Math.max(rms[f], 1e-10) / max) > -TOP_DB) {
                first = first < 0 ? f : first;
                last = f;
            }
        }
        return new int[] {first * hop, Math.min(y.length, (last + 1) * hop)};
    }

    /** Trim threshold below the loudest frame, the relative threshold of ser4j's own active-frame statistics. */
    static final double TOP_DB = 40;

    record Placed(String name, AudioClip clip, double start, double end) {
    }

    @Test
    void segmentsLineUpWithTheClipsAndTheirMajorityIsTheOfflinePrediction() throws Exception {
        EmotionClassifier classifier = EmotionClassifier.load();
        float rate = classifier.featureExtractor().sampleRateHz();
        Random noise = new Random(11);
        List<Placed> placed = new ArrayList<>();
        float[] recording = new float[0];
        for (int k = 0; k <= CLIPS.length; k++) {
            float[] gap = new float[(int) Math.round(GAPS[k] * rate)];
            for (int i = 0; i < gap.length; i++) {
                gap[i] = (float) (2e-5 * noise.nextGaussian()); // the recordings' own floor, about -94 dBFS
            }
            recording = concat(recording, gap);
            if (k == CLIPS.length) {
                break;
            }
            AudioClip whole = AudioClip.read(Path.of("src/test/resources/clips", CLIPS[k])).resampledTo(rate);
            float[] s = whole.samples();
            int[] t = librosaTrim(s);
            AudioClip trimmed = AudioClip.of(Arrays.copyOfRange(s, t[0], t[1]), rate);
            double start = recording.length / (double) rate;
            placed.add(new Placed(CLIPS[k], trimmed, start, start + trimmed.durationSeconds()));
            recording = concat(recording, trimmed.samples());
        }

        EmotionStream stream = EmotionStream.open(classifier, rate, StreamSettings.defaults());
        double hop = stream.settings().hopSeconds();
        List<TimedPrediction> events = new ArrayList<>();
        int chunk = Math.round(rate * 0.02f); // 20 ms, as a sound card delivers it
        for (int at = 0; at < recording.length; at += chunk) {
            events.addAll(stream.accept(Arrays.copyOfRange(recording, at, Math.min(recording.length, at + chunk))));
        }
        events.addAll(stream.finish());

        List<List<TimedPrediction>> segments = new ArrayList<>();
        List<TimedPrediction> current = new ArrayList<>();
        for (TimedPrediction e : events) {
            current.add(e);
            if (e.segmentEnd()) {
                segments.add(current);
                current = new ArrayList<>();
            }
        }
        StringBuilder timeline = new StringBuilder();
        events.forEach(e -> timeline.append(String.format(java.util.Locale.ROOT, "%n%.2f-%.2f %s %.2f%s",
                e.startSeconds(), e.endSeconds(), e.prediction().emotion(), e.prediction().confidence(),
                e.segmentEnd() ? " end" : "")));
        placed.forEach(p -> timeline.append(String.format(java.util.Locale.ROOT, "%nclip %s %.2f-%.2f offline %s",
                p.name(), p.start(), p.end(), classifier.predict(p.clip()).emotion())));
        assertEquals(placed.size(), segments.size(), "one segment per clip:" + timeline);
        for (int k = 0; k < placed.size(); k++) {
            Placed p = placed.get(k);
            List<TimedPrediction> seg = segments.get(k);
            assertEquals(p.start(), seg.get(0).startSeconds(), hop, p.name() + " start" + timeline);
            assertEquals(p.end(), seg.get(seg.size() - 1).endSeconds(), hop, p.name() + " end" + timeline);
            assertEquals(classifier.predict(p.clip()).emotion(), TimedPrediction.majority(seg), p.name() + " majority" + timeline);
        }
    }

    /** The most frequent label; a tie goes to the label with the larger summed probability. */
    static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
