package io.github.ser4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;

/**
 * An immutable mono audio clip: float samples, nominally in [-1, 1], at a sample rate in Hz.
 *
 * <p>Every way in ({@link #of}, {@link #read(Path)}, {@link #read(InputStream)},
 * {@link #from(AudioInputStream)}) checks its input against the documented limits below, so a clip
 * that exists is always usable: finite samples, a sane rate, a length between
 * {@link #MIN_DURATION_SECONDS} and {@link #MAX_DURATION_SECONDS}. Multichannel input is mixed to mono
 * by averaging the channels, or split into one clip per channel by {@link #readChannels(Path)}; longer
 * recordings are read incrementally through {@link #open(Path)}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class AudioClip {

    /** The shortest clip accepted, in seconds: shorter speech carries too little to classify. */
    public static final double MIN_DURATION_SECONDS = 0.25;
    /** The longest clip accepted, in seconds (10 minutes): longer input should be streamed. */
    public static final double MAX_DURATION_SECONDS = 600.0;
    /** The lowest sample rate accepted, in Hz. */
    public static final float MIN_SAMPLE_RATE_HZ = 1_000f;
    /** The highest sample rate accepted, in Hz. */
    public static final float MAX_SAMPLE_RATE_HZ = 384_000f;

    private final float[] samples;
    private final float sampleRateHz;

    private AudioClip(float[] samples, float sampleRateHz) {
        this.samples = samples;
        this.sampleRateHz = sampleRateHz;
    }

    /**
     * A clip holding a copy of the given samples.
     *
     * @param samples mono samples, nominally in [-1, 1]; copied
     * @param sampleRateHz the sample rate, {@link #MIN_SAMPLE_RATE_HZ} to {@link #MAX_SAMPLE_RATE_HZ}
     * @return the clip
     * @throws IllegalArgumentException if {@code samples} is null, empty, holds NaN or infinity, or is
     *     outside the duration limits, or the rate is not finite or outside the limits
     */
    public static AudioClip of(float[] samples, float sampleRateHz) {
        checkRate(sampleRateHz);
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (samples.length == 0) {
            throw new IllegalArgumentException("samples must not be empty");
        }
        checkLength(samples.length, sampleRateHz);
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new IllegalArgumentException("samples[" + i + "] must be finite, got " + samples[i]);
            }
        }
        return new AudioClip(samples.clone(), sampleRateHz);
    }

    /** Wraps an array the caller gives up, after the same checks as {@link #of}. */
    static AudioClip adopt(float[] samples, float sampleRateHz) {
        checkRate(sampleRateHz);
        checkLength(samples.length, sampleRateHz);
        return new AudioClip(samples, sampleRateHz);
    }

    /**
     * Reads a clip from an audio file: WAV (PCM 8/16/24/32-bit, 32/64-bit float, G.711 mu-law and A-law,
     * WAVE_FORMAT_EXTENSIBLE, any extra chunks), AIFF or AU (PCM, G.711; AU also float), and every format
     * an {@link AudioDecoderProvider} on the class path decodes (ser-models: MP3, FLAC, Ogg Vorbis, Ogg
     * Opus); 1 to 64 channels (mixed to mono by averaging), at its own sample rate. Other encodings
     * (AAC/M4A, ADPCM, MIDI…) are named in the exception, not decoded.
     *
     * @param file the file
     * @return the clip
     * @throws UnsupportedAudioException if the file is not audio ser4j decodes, is truncated, is empty
     *     or is outside the duration limits; the message names the file and the reason
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if {@code file} is null
     */
    public static AudioClip read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        return AudioDecoder.read(file);
    }

    /**
     * The file-name extensions of the formats {@link #read(Path)} decodes, lower case without the dot
     * ({@code wav}, {@code aiff}...): what a batch tool should pick from a folder. {@code read} itself
     * goes by the file's bytes, not its name.
     *
     * @return an unmodifiable set
     */
    public static java.util.Set<String> readableExtensions() {
        java.util.Set<String> all = new java.util.TreeSet<>(FormatSniffer.DECODED_EXTENSIONS);
        all.addAll(AudioDecoder.pluginExtensions());  // MP3, FLAC, Ogg... when ser-models is on the class path
        return java.util.Collections.unmodifiableSet(all);
    }

    /**
     * Reads a clip from a stream holding a whole audio file (as {@link #read(Path)}). The stream is
     * read up to the end of its audio but not closed.
     *
     * @param in the stream
     * @return the clip
     * @throws UnsupportedAudioException if the bytes are not audio ser4j decodes; see {@link #read(Path)}
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if {@code in} is null
     */
    public static AudioClip read(InputStream in) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("input stream must not be null");
        }
        return AudioDecoder.read(in, "stream");
    }

    /**
     * Opens an audio file for incremental reading, chunk by chunk, in bounded memory however long it is
     * (no duration limit): every format {@link #read(Path)} reads.
     *
     * @param file the file
     * @return the reader, positioned at the first frame; the caller closes it
     * @throws UnsupportedAudioException if the file is not audio ser4j decodes or its header is bad
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if {@code file} is null
     */
    public static AudioReader open(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        return AudioDecoder.open(file);
    }

    /**
     * Opens a stream holding an audio file for incremental reading (as {@link #open(Path)}). Closing the
     * reader closes the stream.
     *
     * @param in the stream
     * @param name the name error messages start with (for example the file's or the upload's name)
     * @return the reader, positioned at the first frame
     * @throws UnsupportedAudioException if the bytes are not audio ser4j decodes or the header is bad
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if {@code in} or {@code name} is null
     */
    public static AudioReader open(InputStream in, String name) throws IOException {
        if (in == null || name == null) {
            throw new IllegalArgumentException(in == null ? "input stream must not be null" : "name must not be null");
        }
        return AudioDecoder.open(in, name);
    }

    /**
     * Reads each channel of an audio file as its own clip, for recordings with one speaker per channel
     * (a call: agent on one side, customer on the other). Formats and limits as {@link #read(Path)};
     * all channels together hold at most {@code MAX_DURATION_SECONDS × MAX_SAMPLE_RATE_HZ} samples.
     *
     * @param file the file
     * @return one clip per channel in the file's order (0 = left, 1 = right, then the WAV/SMPTE order),
     *     an unmodifiable list
     * @throws UnsupportedAudioException as {@link #read(Path)}
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if {@code file} is null
     */
    public static java.util.List<AudioClip> readChannels(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        return AudioDecoder.readChannels(file);
    }

    /**
     * Reads each channel of a whole audio file held in a stream as its own clip (as
     * {@link #readChannels(Path)}); the stream is read and closed.
     *
     * @param in the stream
     * @param name what error messages call it (a file name, "upload")
     * @return one clip per channel in the file's order (0 = left), an unmodifiable list
     * @throws UnsupportedAudioException as {@link #read(Path)}
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if {@code in} or {@code name} is null
     */
    public static java.util.List<AudioClip> readChannels(InputStream in, String name) throws IOException {
        return AudioDecoder.readChannels(open(in, name));
    }

    /**
     * Reads a clip from a {@code javax.sound} stream, which is read to its end but not closed. Its
     * length is checked against the clip limits before any sample is read.
     *
     * @param in the stream, PCM (signed or unsigned integer), float, mu-law or A-law
     * @return the clip
     * @throws UnsupportedAudioException if the encoding is not decoded or the clip is outside the limits
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if {@code in} is null
     */
    public static AudioClip from(AudioInputStream in) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("audio input stream must not be null");
        }
        return AudioDecoder.decode(in, "audio stream");
    }

    /**
     * The sample rate.
     *
     * @return the rate in Hz
     */
    public float sampleRateHz() {
        return sampleRateHz;
    }

    /**
     * The number of samples.
     *
     * @return the length, at least one
     */
    public int length() {
        return samples.length;
    }

    /**
     * The duration.
     *
     * @return {@code length() / sampleRateHz()} in seconds
     */
    public double durationSeconds() {
        return samples.length / (double) sampleRateHz;
    }

    /**
     * A copy of the samples.
     *
     * @return a new array the caller owns
     */
    public float[] samples() {
        return samples.clone();
    }

    /**
     * A read-only view of the samples, for hot paths that must not copy them.
     *
     * @return a read-only buffer positioned at 0 with limit {@link #length()}
     */
    public FloatBuffer samplesView() {
        return FloatBuffer.wrap(samples).asReadOnlyBuffer();
    }

    /**
     * Samples {@code from} to {@code to - 1} of this clip, each multiplied by {@code gain}, as a new clip in
     * one copy (a speech span at a normalised level, without first copying the span and then scaling it).
     *
     * @param from the first sample, at least 0
     * @param to one past the last sample, at most {@link #length()}
     * @param gain the factor, finite
     * @return this clip if the range is the whole clip and the gain is 1, otherwise a new clip
     * @throws IllegalArgumentException if the range is empty or outside the clip, the gain is not finite,
     *     a scaled sample is not finite, or the segment is outside the duration limits
     */
    public AudioClip segment(int from, int to, float gain) {
        if (from < 0 || to > samples.length || from >= to) {
            throw new IllegalArgumentException("segment [" + from + ", " + to + ") is outside the clip's "
                    + samples.length + " samples or empty");
        }
        if (!Float.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be finite, got " + gain);
        }
        if (from == 0 && to == samples.length && gain == 1f) {
            return this;
        }
        checkLength(to - from, sampleRateHz);
        float[] x = new float[to - from];
        for (int i = 0; i < x.length; i++) {
            x[i] = samples[from + i] * gain;
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("sample " + (from + i) + " times gain " + gain + " is not finite");
            }
        }
        return new AudioClip(x, sampleRateHz);
    }

    /**
     * One sample.
     *
     * @param index 0 to {@code length() - 1}
     * @return the sample
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public float sample(int index) {
        return samples[index];
    }

    /**
     * This clip with every sample rounded to the nearest level of 16-bit PCM ({@code k / 32768}; values
     * beyond ±1 are rounded, not clipped). The shipped models were trained on 16-bit recordings, whose
     * quantisation floor fills the spectrum up to Nyquist; a float or resampled clip can leave the top
     * band far emptier than anything the model saw, and log-spectral features react to that. Rounding
     * restores the floor the model knows and is the identity on 16-bit input.
     *
     * @return this clip if every sample is already on the 16-bit grid, otherwise a new clip
     */
    public AudioClip quantizedToPcm16() {
        float[] q = null;
        for (int i = 0; i < samples.length; i++) {
            float r = pcm16(samples[i]);
            if (q == null && r != samples[i]) {
                q = samples.clone();
            }
            if (q != null) {
                q[i] = r;
            }
        }
        return q == null ? this : new AudioClip(q, sampleRateHz);
    }

    /**
     * This clip at another rate with every sample rounded to 16-bit PCM levels: the same samples as
     * {@code resampledTo(targetHz).quantizedToPcm16()}, rounded in place in the resampled copy instead of
     * in a second one (a ten-minute clip at 16 kHz is 38 MB).
     *
     * @param targetHz the new rate, within the sample-rate limits
     * @return this clip if it is at {@code targetHz} and on the 16-bit grid, otherwise a new clip
     * @throws IllegalArgumentException as {@link #resampledTo}
     */
    public AudioClip resampledToPcm16(float targetHz) {
        checkRate(targetHz);
        if (targetHz == sampleRateHz) {
            return quantizedToPcm16();
        }
        float[] r = Resampler.resample(samples, sampleRateHz, targetHz);
        for (int i = 0; i < r.length; i++) {
            r[i] = pcm16(r[i]);
        }
        return adopt(r, targetHz);
    }

    /** The nearest 16-bit PCM level to {@code x}, as a float; exact for every 16-bit sample. */
    static float pcm16(float x) {
        return (float) (Math.rint(x * 32768.0) / 32768.0); // double: no int overflow for loud float input
    }

    /**
     * This clip at another sample rate, through a band-limited (Kaiser-windowed sinc) resampler that
     * removes content above the new Nyquist frequency before decimating, so nothing aliases.
     *
     * @param targetHz the new rate, within the sample-rate limits
     * @return this clip if the rate is already {@code targetHz}, otherwise a new clip
     * @throws IllegalArgumentException if {@code targetHz} is not finite or outside the limits, or the
     *     result would be outside the duration limits
     */
    public AudioClip resampledTo(float targetHz) {
        checkRate(targetHz);
        if (targetHz == sampleRateHz) {
            return this;
        }
        return adopt(Resampler.resample(samples, sampleRateHz, targetHz), targetHz);
    }

    private static void checkRate(float hz) {
        if (!Float.isFinite(hz) || hz < MIN_SAMPLE_RATE_HZ || hz > MAX_SAMPLE_RATE_HZ) {
            throw new IllegalArgumentException("sampleRateHz must be between " + MIN_SAMPLE_RATE_HZ + " and "
                    + MAX_SAMPLE_RATE_HZ + " Hz, got " + hz);
        }
    }

    private static void checkLength(long length, float hz) {
        double seconds = length / (double) hz;
        if (seconds < MIN_DURATION_SECONDS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "clip is too short: %d samples at %.0f Hz is %.4f s, the minimum is %.2f s",
                    length, hz, seconds, MIN_DURATION_SECONDS));
        }
        if (seconds > MAX_DURATION_SECONDS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "clip is too long: %d samples at %.0f Hz is %.1f s, the maximum is %.0f s; stream longer audio",
                    length, hz, seconds, MAX_DURATION_SECONDS));
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "AudioClip[%d samples, %.0f Hz, %.3f s]",
                samples.length, sampleRateHz, durationSeconds());
    }
}
