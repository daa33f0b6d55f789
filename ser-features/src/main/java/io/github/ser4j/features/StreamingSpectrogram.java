package io.github.ser4j.features;

import java.util.Arrays;

/**
 * The power spectrogram of the latest span of a stream, for one {@link Stft} framing, with the
 * spectra of interior frames kept between requests.
 *
 * <p>Frame {@code t} of a span of {@code n} samples starting at stream sample {@code S} is centred on
 * stream sample {@code S + t * hop}. It is <em>interior</em> when its {@code nFft} samples all lie in the
 * span ({@code t * hop >= nFft/2} and {@code t * hop + nFft/2 <= n}); then it holds exactly the
 * stream's samples around that centre, whatever the span, and when {@code S} is a multiple of the hop
 * its centre is stream grid point {@code g = S / hop + t}. The power of grid frame {@code g} is computed
 * once and kept in a ring of slots indexed by {@code g}; the few frames that reach into the span's zero
 * padding (2 or 3 at each end) and every frame of a span off the grid are computed per request. The
 * result is bit-identical to {@link Stft#power} of a clip of the span: a frame's power depends only
 * on its samples.
 *
 * <p>Memory: the ring holds {@code n / hop + 2} frames of {@code nFft/2 + 1} floats for the longest
 * span requested so far (about 128 KB per second of span for 2048/512 at 16 kHz, 103 KB for 512/160).
 *
 * <p>Thread-safety: not thread-safe; owned by one stream. The spectrogram it returns lives in the
 * calling thread's {@link Workspace} like that of {@link Stft#power}.
 */
final class StreamingSpectrogram {

    private final Stft stft;
    private final float sampleRateHz;
    private static final Workspace.Slot TOTALS = new Workspace.Slot("stream.totals");

    private float[] ring = new float[0];
    /** Per slot: the frame's total power, {@link ActiveFrames#sum} of its bins (for the activity gate). */
    private double[] totalRing = new double[0];
    /** The grid frame each slot holds, or -1. */
    private long[] slotFrame = new long[0];
    private int slots;
    /** Frames whose FFT this object has run, kept or not; lets tests see what was reused. */
    private long computed;

    StreamingSpectrogram(Stft stft, float sampleRateHz) {
        this.stft = stft;
        this.sampleRateHz = sampleRateHz;
    }

    Stft stft() {
        return stft;
    }

    /** @return how many frame spectra were computed so far (edge, off-grid and newly kept frames) */
    long framesComputed() {
        return computed;
    }

    /** @return array elements held for kept frames (spectra, totals, frame indexes) */
    long heldElements() {
        return (long) ring.length + totalRing.length + slotFrame.length;
    }

    /** Forgets every kept frame (the grid restarts with the stream). */
    void reset() {
        Arrays.fill(slotFrame, -1);
    }

    /**
     * The spectrogram {@link Stft#power} would give for a clip of the last {@code n} samples of
     * {@code history}.
     */
    PowerSpectrogram lastSpan(SampleHistory history, int n) {
        Workspace ws = Workspace.current();
        int nFft = stft.nFft();
        int hop = stft.hop();
        int pad = nFft / 2;
        int bins = stft.bins();
        long start = history.appended() - n;
        float[] x = history.buffer();
        int at = history.indexOf(start);
        float[] padded = ws.floats(Stft.PADDED, n + 2 * pad);
        Arrays.fill(padded, 0, pad, 0f);
        System.arraycopy(x, at, padded, pad, n);
        Arrays.fill(padded, pad + n, n + 2 * pad, 0f);
        int frames = stft.frameCount(n);
        float[] power = ws.floats(Stft.SPECTROGRAM, frames * bins);
        int first = (pad + hop - 1) / hop; // first interior frame
        int last = Math.min(frames - 1, (n - pad) / hop); // last interior frame
        boolean kept = start % hop == 0 && n - pad >= 0 && first <= last;
        double[] totals = kept ? ws.doubles(TOTALS, frames) : null;
        if (!kept) {
            stft.powerFrames(padded, 0, frames, power, 0);
            computed += frames;
        } else {
            ensureSlots(n / hop + 2);
            stft.powerFrames(padded, 0, first, power, 0);
            computed += first;
            long g0 = start / hop;
            int t = first;
            while (t <= last) {
                int slot = (int) ((g0 + t) % slots);
                if (slotFrame[slot] == g0 + t) {
                    System.arraycopy(ring, slot * bins, power, t * bins, bins);
                    totals[t] = totalRing[slot];
                    t++;
                    continue;
                }
                int run = 1; // consecutive missing frames, computed in one batch
                while (t + run <= last && slotFrame[(int) ((g0 + t + run) % slots)] != g0 + t + run) {
                    run++;
                }
                stft.powerFrames(x, at + t * hop - pad, run, power, t);
                computed += run;
                for (int f = t; f < t + run; f++) {
                    int s = (int) ((g0 + f) % slots);
                    System.arraycopy(power, f * bins, ring, s * bins, bins);
                    totals[f] = ActiveFrames.sum(power, f * bins, (f + 1) * bins);
                    totalRing[s] = totals[f];
                    slotFrame[s] = g0 + f;
                }
                t += run;
            }
            if (last + 1 < frames) {
                stft.powerFrames(padded, (last + 1) * hop, frames - last - 1, power, last + 1);
                computed += frames - last - 1;
            }
        }
        PowerSpectrogram s = new PowerSpectrogram(power, frames, bins, nFft, hop, sampleRateHz, padded, n);
        if (kept) {
            s.setKept(first, last, start / hop);
            for (int t = 0; t < frames; t++) {
                if (t < first || t > last) {
                    totals[t] = ActiveFrames.sum(power, t * bins, (t + 1) * bins);
                }
            }
            s.setFrameTotals(totals);
        }
        return s;
    }

    /** Grows the ring (dropping its frames) so that any span of the current length fits. */
    private void ensureSlots(int needed) {
        if (slots >= needed) {
            return;
        }
        slots = needed;
        ring = new float[slots * stft.bins()];
        totalRing = new double[slots];
        slotFrame = new long[slots];
        Arrays.fill(slotFrame, -1);
    }
}
