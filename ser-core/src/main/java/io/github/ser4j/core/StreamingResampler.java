package io.github.ser4j.core;

/**
 * {@link Resampler}'s polyphase conversion, computed incrementally: samples arrive in chunks of any
 * size and each output sample is produced as soon as the input its kernel reaches has arrived (a delay
 * of half the kernel, about 2 ms at 48 to 16 kHz). The output equals {@code Resampler.resample} of the
 * whole input sample for sample, once {@link #finish} has flushed the tail. Integer rates only; memory
 * is bounded by the kernel and a fixed work buffer.
 *
 * <p>Thread-safety: not thread-safe; owned by one {@link EmotionStream}.
 */
final class StreamingResampler {

    /** Receives output samples. */
    interface Sink {
        void accept(float[] samples, int offset, int length);
    }

    private static final int BLOCK = 4096;

    private final int up;
    private final long down;
    private final int taps;
    private final int half;
    private final float[] coef;
    /** Input samples from absolute index {@code bufStart} on; the rest of the array is free. */
    private final float[] buf;
    private long bufStart;
    private int bufLen;
    private long inputCount;
    private long nextOutput;
    private final float[] out = new float[BLOCK];

    private StreamingResampler(int up, long down, int taps, double cutoff) {
        this.up = up;
        this.down = down;
        this.taps = taps;
        this.half = taps / 2;
        this.coef = new float[up * taps];
        for (int p = 0; p < up; p++) {
            for (int m = 0; m < taps; m++) {
                coef[p * taps + m] = (float) (cutoff * Resampler.kernel((p / (double) up - (m - half + 1)) * cutoff));
            }
        }
        this.buf = new float[taps + (int) (down / up) + 2 + BLOCK];
    }

    /**
     * A resampler between two integer rates.
     *
     * @throws IllegalArgumentException if a rate is not a whole number of Hz or outside the clip limits,
     *     or the pair needs a kernel table too large to keep
     */
    static StreamingResampler between(float fromHz, float toHz) {
        for (float hz : new float[] {fromHz, toHz}) {
            if (!Float.isFinite(hz) || hz < AudioClip.MIN_SAMPLE_RATE_HZ || hz > AudioClip.MAX_SAMPLE_RATE_HZ) {
                throw new IllegalArgumentException("sample rate " + hz + " Hz is outside " + AudioClip.MIN_SAMPLE_RATE_HZ
                        + " to " + AudioClip.MAX_SAMPLE_RATE_HZ + " Hz");
            }
            if (hz != Math.rint(hz)) {
                throw new IllegalArgumentException("a stream resamples only between whole-number rates; " + hz
                        + " Hz is not one: resample the input to " + toHz + " Hz yourself");
            }
        }
        long g = Resampler.gcd((long) fromHz, (long) toHz);
        long up = (long) toHz / g;
        long down = (long) fromHz / g;
        double cutoff = Resampler.cutoff(fromHz, toHz);
        long taps = 2L * (long) Math.ceil(Resampler.ZERO_CROSSINGS / cutoff);
        if (up * taps > Resampler.MAX_COEFFICIENTS || down / up > BLOCK) {
            throw new IllegalArgumentException("streaming from " + fromHz + " Hz to " + toHz + " Hz needs a "
                    + up + "-phase kernel, too large; resample the input to " + toHz + " Hz (or a rate sharing "
                    + "a larger common divisor with it) before streaming");
        }
        return new StreamingResampler((int) up, down, (int) taps, cutoff);
    }

    /** The resampler's state at one moment, for {@link #restore}. */
    record State(float[] buf, long bufStart, int bufLen, long inputCount, long nextOutput) {
    }

    /** A copy of the state (the buffered input and the counters), so a failed call can be undone. */
    State snapshot() {
        return new State(java.util.Arrays.copyOf(buf, bufLen), bufStart, bufLen, inputCount, nextOutput);
    }

    /** Puts back a state taken from this resampler with {@link #snapshot()}. */
    void restore(State s) {
        System.arraycopy(s.buf(), 0, buf, 0, s.bufLen());
        bufStart = s.bufStart();
        bufLen = s.bufLen();
        inputCount = s.inputCount();
        nextOutput = s.nextOutput();
    }

    /** Appends input and emits every output sample whose kernel is now covered. */
    void accept(float[] in, int offset, int length, Sink sink) {
        int done = 0;
        while (done < length) {
            compact();
            int n = Math.min(length - done, buf.length - bufLen);
            System.arraycopy(in, offset + done, buf, bufLen, n);
            bufLen += n;
            inputCount += n;
            done += n;
            produce(inputCount, sink);
        }
    }

    /** Emits the remaining output, reading zeros past the end, as the whole-clip resampler does. */
    void finish(Sink sink) {
        compact();
        long total = (inputCount * up + down - 1) / down;
        produceUntil(total, sink);
    }

    /** Outputs whose last tap, input {@code n + half}, is below {@code available}. */
    private void produce(long available, Sink sink) {
        // Largest j with floor(j*down/up) + half < available.
        long limitPos = available - half; // need n < limitPos
        long count = limitPos <= 0 ? 0 : (limitPos * up + down - 1) / down;
        produceUntil(count, sink);
    }

    private void produceUntil(long endExclusive, Sink sink) {
        int k = 0;
        while (nextOutput < endExclusive) {
            long pos = nextOutput * down;
            long n = pos / up;
            int phase = (int) (pos % up);
            long base = n - half + 1;
            int c = phase * taps;
            double acc = 0;
            for (int m = 0; m < taps; m++) {
                long i = base + m;
                if (i >= 0 && i < inputCount) {
                    acc += buf[(int) (i - bufStart)] * coef[c + m];
                }
            }
            out[k++] = (float) acc;
            nextOutput++;
            if (k == out.length) {
                sink.accept(out, 0, k);
                k = 0;
            }
        }
        if (k > 0) {
            sink.accept(out, 0, k);
        }
    }

    /** Drops input no future output reads. */
    private void compact() {
        long firstNeeded = Math.max(0, nextOutput * down / up - half + 1);
        int drop = (int) Math.min(bufLen, Math.max(0, firstNeeded - bufStart));
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart += drop;
        }
    }
}
