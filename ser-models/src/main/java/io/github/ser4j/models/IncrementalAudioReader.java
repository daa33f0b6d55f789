package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.UnsupportedAudioException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads an audio file a block at a time as mono float samples at the file's own rate, so a recording
 * of hours is scored in memory bounded by one block: the seam {@code timeline} reads through. For now
 * it decodes what {@code javax.sound.sampled} parses (WAV, AIFF, AU; PCM 8–32-bit, float, and
 * mu-law/A-law through javax.sound's converter), mixing channels to mono by their mean as
 * {@link AudioClip#read} does; when ser-core gains an incremental reader of every format it decodes,
 * this class becomes a thin adapter to it and nothing else changes.
 *
 * <p>Thread-safety: not thread-safe; one reader per file.
 */
final class IncrementalAudioReader implements Closeable {

    /** Frames decoded per {@link #read} call at most (1 s at 64 kHz): the memory bound. */
    static final int BLOCK_FRAMES = 1 << 16;

    private final String name;
    private final AudioInputStream in;
    private final float rate;
    private final int channels;
    private final int bytesPerSample;
    private final boolean floating;
    private final boolean signed;
    private final boolean bigEndian;
    private final byte[] bytes;

    private IncrementalAudioReader(String name, AudioInputStream in) throws UnsupportedAudioException {
        this.name = name;
        this.in = in;
        AudioFormat f = in.getFormat();
        this.rate = f.getSampleRate();
        this.channels = f.getChannels();
        this.bytesPerSample = f.getSampleSizeInBits() / 8;
        this.floating = f.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT);
        this.signed = f.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED);
        this.bigEndian = f.isBigEndian();
        if (!(rate >= AudioClip.MIN_SAMPLE_RATE_HZ && rate <= AudioClip.MAX_SAMPLE_RATE_HZ)) {
            throw new UnsupportedAudioException(name + ": sample rate " + rate + " Hz is outside "
                    + AudioClip.MIN_SAMPLE_RATE_HZ + " to " + AudioClip.MAX_SAMPLE_RATE_HZ + " Hz");
        }
        if (channels < 1 || channels > 64 || f.getSampleSizeInBits() % 8 != 0 || bytesPerSample < 1
                || bytesPerSample > (floating ? 8 : 4) || (floating && bytesPerSample < 4)
                || f.getFrameSize() != channels * bytesPerSample) {
            throw new UnsupportedAudioException(name + ": unsupported layout " + f);
        }
        this.bytes = new byte[BLOCK_FRAMES * f.getFrameSize()];
    }

    /**
     * Opens a file.
     *
     * @throws UnsupportedAudioException if it is not audio this reader decodes (the message names the
     *     file and why)
     * @throws IOException if it cannot be read
     */
    static IncrementalAudioReader open(Path file) throws IOException {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(name, null, "no such audio file");
        }
        if (Files.isDirectory(file)) {
            throw new UnsupportedAudioException(name + ": is a directory, not an audio file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            AudioInputStream ais;
            try {
                ais = AudioSystem.getAudioInputStream(raw);
            } catch (UnsupportedAudioFileException | RuntimeException e) {
                throw new UnsupportedAudioException(name + ": not a WAV, AIFF or AU file ser4j can read incrementally ("
                        + e.getMessage() + "); convert it to PCM WAV first", e);
            }
            AudioFormat.Encoding enc = ais.getFormat().getEncoding();
            if (enc.equals(AudioFormat.Encoding.ULAW) || enc.equals(AudioFormat.Encoding.ALAW)) {
                AudioFormat f = ais.getFormat();
                ais = AudioSystem.getAudioInputStream(new AudioFormat(f.getSampleRate(), 16, f.getChannels(), true,
                        false), ais);
            } else if (!enc.equals(AudioFormat.Encoding.PCM_SIGNED) && !enc.equals(AudioFormat.Encoding.PCM_UNSIGNED)
                    && !enc.equals(AudioFormat.Encoding.PCM_FLOAT)) {
                throw new UnsupportedAudioException(name + ": encoding " + enc + " is not decoded; convert it to PCM WAV first");
            }
            return new IncrementalAudioReader(name, ais);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The file's sample rate in Hz. */
    float sampleRateHz() {
        return rate;
    }

    /**
     * Reads the next block of mono samples into {@code out}.
     *
     * @param out at least {@link #BLOCK_FRAMES} long
     * @return how many samples were written, or -1 at the end of the file
     * @throws IOException if the file cannot be read; a truncated last frame is dropped
     */
    int read(float[] out) throws IOException {
        int frameSize = channels * bytesPerSample;
        int want = Math.min(BLOCK_FRAMES, out.length) * frameSize;
        int got = in.readNBytes(bytes, 0, want);
        int frames = got / frameSize;
        if (frames == 0) {
            return -1;
        }
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample((i * channels + c) * bytesPerSample);
            }
            float v = (float) (sum / channels);
            if (!Float.isFinite(v)) {
                throw new UnsupportedAudioException(name + ": sample " + i + " of a block is not a finite number");
            }
            out[i] = v;
        }
        return frames;
    }

    private double sample(int at) {
        long v = 0;
        for (int b = 0; b < bytesPerSample; b++) {
            int shift = bigEndian ? 8 * (bytesPerSample - 1 - b) : 8 * b;
            v |= (bytes[at + b] & 0xFFL) << shift;
        }
        int bits = 8 * bytesPerSample;
        if (floating) {
            return bytesPerSample == 4 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
        }
        if (signed) {
            v = (v << (64 - bits)) >> (64 - bits);
        } else {
            v -= 1L << (bits - 1);
        }
        return v / (double) (1L << (bits - 1));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
