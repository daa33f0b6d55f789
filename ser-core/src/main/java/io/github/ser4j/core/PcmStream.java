package io.github.ser4j.core;

import java.io.IOException;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Decodes an uncompressed or G.711 {@link AudioInputStream} (from {@link WavReader} or javax.sound's
 * AIFF/AU readers) chunk by chunk: PCM 8-32 bit signed or unsigned, float 32/64 bit, mu-law and A-law.
 */
final class PcmStream implements DecodedStream {

    /** Frames decoded per underlying read: 4096 frames of at most 64 channels × 8 bytes = 2 MB at most. */
    private static final int CHUNK_FRAMES = 4096;

    private final AudioInputStream ais;
    private final String name;
    private final int channels;
    private final int bytesPerSample;
    private final int frameSize;
    private final boolean isFloat;
    private final boolean signed;
    private final boolean bigEndian;
    private final short[] g711;
    private final long declared;
    private final byte[] buf;
    private int pending;
    private long frames;

    PcmStream(AudioInputStream ais, String name) throws UnsupportedAudioException {
        this.ais = ais;
        this.name = name;
        AudioFormat f = ais.getFormat();
        AudioFormat.Encoding enc = f.getEncoding();
        int bits = f.getSampleSizeInBits();
        boolean pcmInt = AudioFormat.Encoding.PCM_SIGNED.equals(enc) || AudioFormat.Encoding.PCM_UNSIGNED.equals(enc);
        boolean pcmFloat = AudioFormat.Encoding.PCM_FLOAT.equals(enc);
        boolean ulaw = AudioFormat.Encoding.ULAW.equals(enc);
        boolean alaw = AudioFormat.Encoding.ALAW.equals(enc);
        if (!pcmInt && !pcmFloat && !ulaw && !alaw) {
            throw new UnsupportedAudioException(name + ": encoding " + enc
                    + " is not decoded by ser4j; supported: PCM 8/16/24/32-bit integer, 32/64-bit float, mu-law and A-law");
        }
        if (pcmInt && (bits < 8 || bits > 32 || bits % 8 != 0)) {
            throw new UnsupportedAudioException(name + ": " + bits + "-bit PCM is not supported; use 8, 16, 24 or 32 bits");
        }
        if (pcmFloat && bits != 32 && bits != 64) {
            throw new UnsupportedAudioException(name + ": " + bits + "-bit float is not supported; use 32 or 64 bits");
        }
        if ((ulaw || alaw) && bits != 8) {
            throw new UnsupportedAudioException(name + ": " + bits + "-bit " + (ulaw ? "mu-law" : "A-law")
                    + " is not supported; G.711 codes are 8 bits");
        }
        this.channels = f.getChannels();
        if (channels < 1 || channels > AudioReader.MAX_CHANNELS) {
            throw new UnsupportedAudioException(name + ": channel count " + channels + " is not supported (1 to "
                    + AudioReader.MAX_CHANNELS + ")");
        }
        this.bytesPerSample = bits / 8;
        this.frameSize = bytesPerSample * channels;
        if (f.getFrameSize() != AudioSystem.NOT_SPECIFIED && f.getFrameSize() != frameSize) {
            throw new UnsupportedAudioException(name + ": frame size " + f.getFrameSize()
                    + " bytes does not match " + channels + " channels of " + bits + " bits");
        }
        this.isFloat = pcmFloat;
        this.signed = AudioFormat.Encoding.PCM_SIGNED.equals(enc) || pcmFloat;
        this.bigEndian = f.isBigEndian();
        this.g711 = ulaw || alaw ? G711.table(ulaw) : null;
        this.declared = ais.getFrameLength();
        this.buf = new byte[frameSize * CHUNK_FRAMES];
    }

    @Override
    public float sampleRateHz() {
        return ais.getFormat().getSampleRate();
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public long frameLength() {
        return declared;
    }

    @Override
    public int read(float[] out, int maxFrames) throws IOException {
        return next(out, maxFrames, false);
    }

    /** As {@link #read}, mixed to mono: the channel mean of the exact samples, rounded once to float. */
    int readMono(float[] out, int maxFrames) throws IOException {
        return next(out, maxFrames, true);
    }

    private int next(float[] out, int maxFrames, boolean mono) throws IOException {
        int want = Math.min(maxFrames, CHUNK_FRAMES);
        while (pending < frameSize) {
            int n = ais.read(buf, pending, want * frameSize - pending);
            if (n < 0) {
                if (declared != AudioSystem.NOT_SPECIFIED && frames < declared) {
                    throw new UnsupportedAudioException(String.format(Locale.ROOT,
                            "%s: truncated data: the header declares %d frames, the file holds %d", name, declared, frames));
                }
                return -1;
            }
            pending += n;
        }
        int whole = Math.min(pending / frameSize, want);
        if (mono) {
            AudioDecoder.decodeFrames(buf, whole, channels, bytesPerSample, isFloat, signed, bigEndian, g711, out, 0);
        } else {
            decode(whole, out);
        }
        int rest = pending - whole * frameSize;
        System.arraycopy(buf, whole * frameSize, buf, 0, rest);
        pending = rest;
        frames += whole;
        return whole;
    }

    private void decode(int count, float[] out) {
        int samples = count * channels;
        if (g711 != null) {
            for (int i = 0; i < samples; i++) {
                out[i] = g711[buf[i] & 0xFF] / 32768f;
            }
            return;
        }
        for (int i = 0, p = 0; i < samples; i++, p += bytesPerSample) {
            out[i] = (float) sample(buf, p, bytesPerSample, isFloat, signed, bigEndian);
        }
    }

    /** One PCM integer or float sample at {@code buf[p]}, scaled to [-1, 1) for integers. */
    static double sample(byte[] buf, int p, int bytesPerSample, boolean isFloat, boolean signed, boolean bigEndian) {
        int bits = bytesPerSample * 8;
        long v = 0;
        if (bigEndian) {
            for (int b = 0; b < bytesPerSample; b++) {
                v = (v << 8) | (buf[p + b] & 0xFF);
            }
        } else {
            for (int b = bytesPerSample - 1; b >= 0; b--) {
                v = (v << 8) | (buf[p + b] & 0xFF);
            }
        }
        if (isFloat) {
            return bits == 32 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
        }
        double scale = 1.0 / (1L << (bits - 1));
        return signed ? (v << (64 - bits) >> (64 - bits)) * scale // sign-extend
                : (v - (1L << (bits - 1))) * scale;
    }

    @Override
    public void close() throws IOException {
        ais.close();
    }
}
