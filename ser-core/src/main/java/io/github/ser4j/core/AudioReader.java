package io.github.ser4j.core;

import java.io.Closeable;
import java.io.IOException;
import java.util.Locale;

/**
 * An audio file being read incrementally, chunk by chunk, in bounded memory however long it is: what
 * {@link AudioClip#open(java.nio.file.Path)} returns. Works for every format ser4j reads (WAV, AIFF and
 * AU PCM or float, G.711 mu-law and A-law, and every {@link AudioDecoderProvider} on the class path).
 * There is no duration limit here; the limits of {@link AudioClip} apply only when a whole file is read
 * into one clip.
 *
 * <pre>{@code
 * try (AudioReader in = AudioClip.open(path)) {
 *     float[] chunk = new float[4096];
 *     for (int n; (n = in.readMono(chunk)) >= 0; ) {
 *         stream.accept(Arrays.copyOf(chunk, n));       // in.sampleRateHz(), in.channels()
 *     }
 * }
 * }</pre>
 *
 * <p>Every failure of the decoder underneath, including an unchecked exception escaping it, is an
 * {@link UnsupportedAudioException} whose message starts with the file's name; a decoder that stops
 * making progress ({@link #MAX_STALLED_READS} reads in a row without a frame) is stopped the same way.
 * Samples are checked to be finite.
 *
 * <p>Thread-safety: not thread-safe; use one reader from one thread at a time.
 */
public final class AudioReader implements Closeable {

    /** Bytes of a file's start that formats are sniffed from (a shorter file is sniffed whole). */
    public static final int SNIFF_BYTES = 4096;
    /** The most channels a file may have. */
    public static final int MAX_CHANNELS = 64;
    /** Consecutive reads that yield no frame after which a decoder is deemed stuck and stopped. */
    public static final int MAX_STALLED_READS = 10_000;

    private final DecodedStream source;
    private final String name;
    private final String format;
    private final float rate;
    private final int channels;
    private final long declaredFrames;
    private long frames;
    private boolean ended;
    private float[] scratch = new float[0];

    AudioReader(DecodedStream source, String name, String format) throws IOException {
        this.source = source;
        this.name = name;
        this.format = format;
        try {
            this.rate = source.sampleRateHz();
            this.channels = source.channels();
            this.declaredFrames = source.frameLength();
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new UnsupportedAudioException(name + ": channel count " + channels + " is not supported (1 to "
                    + MAX_CHANNELS + ")");
        }
        if (!Float.isFinite(rate) || rate < AudioClip.MIN_SAMPLE_RATE_HZ || rate > AudioClip.MAX_SAMPLE_RATE_HZ) {
            throw new UnsupportedAudioException(name + ": sample rate " + rate + " Hz is outside "
                    + AudioClip.MIN_SAMPLE_RATE_HZ + " to " + AudioClip.MAX_SAMPLE_RATE_HZ + " Hz");
        }
    }

    /**
     * The sample rate.
     *
     * @return the file's own rate in Hz, within the limits of {@link AudioClip}
     */
    public float sampleRateHz() {
        return rate;
    }

    /**
     * The number of channels.
     *
     * @return 1 to {@link #MAX_CHANNELS}
     */
    public int channels() {
        return channels;
    }

    /**
     * The format, as sniffed.
     *
     * @return for example {@code "WAV"}, {@code "AU"} or a provider's {@link AudioDecoderProvider#formatName()}
     */
    public String formatName() {
        return format;
    }

    /**
     * The source's name, as error messages start with it.
     *
     * @return the file's path, or the name given for a stream
     */
    public String sourceName() {
        return name;
    }

    /**
     * The number of frames the file declares, if it does.
     *
     * @return the frame count, or -1 if the container does not say
     */
    public long frameLength() {
        return declaredFrames;
    }

    /**
     * The number of frames read so far.
     *
     * @return the count
     */
    public long framesRead() {
        return frames;
    }

    /**
     * Reads the next frames, interleaved.
     *
     * @param interleaved where to put them: frame {@code f}, channel {@code c} at {@code f * channels() + c};
     *     its length must be a positive multiple of {@link #channels()}
     * @return the number of frames read, at least one, or -1 at the end of the audio
     * @throws UnsupportedAudioException if the file is corrupt or truncated (the message names the file)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the array is null or its length is not a positive multiple
     *     of the channel count
     */
    public int read(float[] interleaved) throws IOException {
        if (interleaved == null || interleaved.length == 0 || interleaved.length % channels != 0) {
            throw new IllegalArgumentException("buffer length must be a positive multiple of " + channels
                    + " channels, got " + (interleaved == null ? "null" : interleaved.length));
        }
        return next(interleaved, interleaved.length / channels, channels, source::read);
    }

    /** One decoding call of the source: {@link DecodedStream#read} or a mono mix of it. */
    private interface Decode {
        int into(float[] out, int maxFrames) throws IOException;
    }

    /** Calls {@code decode} until it yields frames or ends, checking what it returns. */
    private int next(float[] out, int maxFrames, int width, Decode decode) throws IOException {
        if (ended) {
            return -1;
        }
        for (int stalled = 0; stalled < MAX_STALLED_READS; stalled++) {
            int n;
            try {
                n = decode.into(out, maxFrames);
            } catch (RuntimeException | StackOverflowError e) { // a decoder's bug, not the caller's
                throw corrupt(e);
            }
            if (n < 0) {
                ended = true;
                return -1;
            }
            if (n > maxFrames) {
                throw new UnsupportedAudioException(name + ": the " + format + " decoder returned " + n
                        + " frames for a buffer of " + maxFrames);
            }
            if (n > 0) {
                for (int i = 0; i < n * width; i++) {
                    if (!Float.isFinite(out[i])) {
                        throw new UnsupportedAudioException(name + ": sample " + (frames + i / width)
                                + " is not a finite number (" + out[i] + ")");
                    }
                }
                frames += n;
                return n;
            }
        }
        throw new UnsupportedAudioException(name + ": the " + format + " decoder made no progress in "
                + MAX_STALLED_READS + " reads; the data is corrupt");
    }

    /**
     * Reads the next frames mixed to mono (the average of the channels).
     *
     * @param mono where to put them
     * @return the number of frames read, at least one, or -1 at the end of the audio
     * @throws UnsupportedAudioException if the file is corrupt or truncated (the message names the file)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the array is null or empty
     */
    public int readMono(float[] mono) throws IOException {
        if (mono == null || mono.length == 0) {
            throw new IllegalArgumentException("buffer must not be null or empty");
        }
        if (channels == 1) {
            return read(mono);
        }
        if (source instanceof PcmStream) {
            // Mixed from the exact integer or double samples, not from their float roundings.
            return next(mono, mono.length, 1, ((PcmStream) source)::readMono);
        }
        if (scratch.length != mono.length * channels) {
            scratch = new float[mono.length * channels];
        }
        int n = read(scratch);
        for (int f = 0; f < n; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += scratch[f * channels + c];
            }
            mono[f] = (float) (sum / channels);
        }
        return n;
    }

    /**
     * Closes the file.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        try {
            source.close();
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    private UnsupportedAudioException corrupt(Throwable e) {
        return new UnsupportedAudioException(String.format(Locale.ROOT, "%s: corrupt %s data (%s decoder failed: %s)",
                name, format, format, e), e);
    }
}
