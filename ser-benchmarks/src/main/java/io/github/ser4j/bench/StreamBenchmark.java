package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The live path, {@link EmotionStream} with the shipped model and default settings (3 s window,
 * 0.48 s hop), fed steady speech at 16 kHz in 20 ms chunks as a sound card delivers it. The speech is
 * the benchmarks' RAVDESS clip with its leading and trailing silence cut, looped, so the voice-activity
 * detector stays in speech and every hop ends in a prediction of a full window. One stream runs for the
 * whole trial (hundreds of seconds of audio), so the figures are the steady state of a long stream.
 *
 * <ul>
 *   <li>{@link #hop}: the cost of one hop of audio: voice-activity detection of its 24 frames, feature
 *       extraction of the window and the prediction (what a live app spends per 0.48 s).</li>
 *   <li>{@link #latency}: end-to-end latency from a window's last sample to its event: the time
 *       {@code accept} takes for the 20 ms chunk that completes the window, which returns the event.</li>
 * </ul>
 *
 * <p>Thread-safety: JMH confines each state instance to its benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StreamBenchmark {

    private static final float RATE = 16_000f;
    private static final int CHUNK = 320;

    private float[] speech;
    private int position;
    private long streamSamples;
    private EmotionStream stream;
    private int hopSamples;
    /** Stream time (samples) at which the next event's window ends, or -1 while unknown. */
    private long nextEventEnd = -1;
    private final float[] chunk = new float[CHUNK];

    /**
     * Loads the shipped model and prepares looped speech and a running stream.
     *
     * @throws IOException if the clip resource is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        AudioClip clip = SpeechClips.looped(3);
        float[] s = clip.samples();
        int[] t = speechSpan(s);
        float[] voiced = Arrays.copyOfRange(s, t[0], t[1]);
        speech = new float[(int) (60 * RATE)];
        for (int i = 0; i < speech.length; i++) {
            speech[i] = voiced[i % voiced.length];
        }
        stream = EmotionStream.open(EmotionClassifier.load(), RATE, StreamSettings.defaults());
        hopSamples = (int) Math.round(stream.settings().hopSeconds() * RATE);
        // Run into steady speech: past the first segment's minimum and a full window.
        for (int i = 0; i < 5 * RATE / CHUNK; i++) {
            push(CHUNK);
        }
    }

    /** The first and last 20 ms frame within 40 dB of the loudest one, as [start, end) samples. */
    private static int[] speechSpan(float[] s) {
        int frames = s.length / CHUNK;
        double[] level = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * CHUNK; i < (f + 1) * CHUNK; i++) {
                sum += s[i] * (double) s[i];
            }
            level[f] = sum;
            max = Math.max(max, sum);
        }
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (level[f] > max * 1e-4) {
                first = first < 0 ? f : first;
                last = f;
            }
        }
        return new int[] {first * CHUNK, (last + 1) * CHUNK};
    }

    /** Pushes the next {@code n} samples of looped speech; returns the events and tracks the schedule. */
    private List<TimedPrediction> push(int n) {
        for (int i = 0; i < n; i++) {
            chunk[i] = speech[position];
            position = position + 1 == speech.length ? 0 : position + 1;
        }
        List<TimedPrediction> events = stream.accept(chunk, 0, n);
        streamSamples += n;
        for (TimedPrediction e : events) {
            nextEventEnd = e.segmentEnd() ? -1 : Math.round(e.endSeconds() * RATE) + hopSamples;
        }
        return events;
    }

    /**
     * One hop of steady speech in 20 ms chunks, with the prediction it completes.
     *
     * @param bh consumes the events
     */
    @Benchmark
    public void hop(Blackhole bh) {
        for (int done = 0; done < hopSamples; done += CHUNK) {
            bh.consume(push(Math.min(CHUNK, hopSamples - done)));
        }
    }

    /** Pushes audio (untimed) until one 20 ms chunk is left before the next window ends. */
    @State(Scope.Thread)
    public static class BeforeWindowEnd {
        StreamBenchmark bench;

        /**
         * Advances the stream to 20 ms before the next event.
         *
         * @param b the benchmark's stream state
         */
        @Setup(Level.Invocation)
        public void advance(StreamBenchmark b) {
            bench = b;
            while (b.nextEventEnd < 0 || b.streamSamples != b.nextEventEnd - CHUNK) {
                long room = b.nextEventEnd - CHUNK - b.streamSamples;
                // Unknown schedule (a segment just ended) or overshot: run on to the next event.
                b.push(b.nextEventEnd < 0 || room <= 0 ? CHUNK : (int) Math.min(CHUNK, room));
            }
        }
    }

    /**
     * The 20 ms chunk that completes a window: returns its event.
     *
     * @param at the stream, advanced to just before a window's end
     * @return the events (the window's prediction)
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public List<TimedPrediction> latency(BeforeWindowEnd at) {
        return at.bench.push(CHUNK);
    }
}
