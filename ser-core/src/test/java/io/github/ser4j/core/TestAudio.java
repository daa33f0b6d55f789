package io.github.ser4j.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Builds audio files for tests: integer samples, their packed bytes, and hand-written RIFF files. */
final class TestAudio {

    /** The sub-format GUID tail shared by KSDATAFORMAT_SUBTYPE_PCM and _IEEE_FLOAT. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA,
        0x00, 0x38, (byte) 0x9B, 0x71};

    private TestAudio() {
    }

    /** Random full-scale integer samples, [frame][channel], for a {@code bits}-bit signed format. */
    static long[][] randomInts(int frames, int channels, int bits, long seed) {
        Random r = new Random(seed);
        long min = -(1L << (bits - 1));
        long span = 1L << bits;
        long[][] v = new long[frames][channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                v[f][c] = min + (long) (r.nextDouble() * span);
            }
        }
        // Make sure both extremes occur: they are the classic off-by-one cases.
        v[0][0] = min;
        v[1][0] = -min - 1;
        return v;
    }

    /** The expected mono float: the channel mean of {@code v / 2^(bits-1)}. */
    static float[] expectedMono(long[][] v, int bits) {
        float[] out = new float[v.length];
        for (int f = 0; f < v.length; f++) {
            double sum = 0;
            for (long s : v[f]) {
                sum += s;
            }
            out[f] = (float) (sum / v[f].length / (1L << (bits - 1)));
        }
        return out;
    }

    /** Packs signed integer samples; 8-bit is written unsigned (offset 128) when {@code unsigned8}. */
    static byte[] packInts(long[][] v, int bits, boolean bigEndian, boolean unsigned8) {
        int bytes = bits / 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long[] frame : v) {
            for (long s : frame) {
                long u = bits == 8 && unsigned8 ? s + 128 : s;
                for (int b = 0; b < bytes; b++) {
                    int shift = bigEndian ? 8 * (bytes - 1 - b) : 8 * b;
                    out.write((int) (u >> shift) & 0xFF);
                }
            }
        }
        return out.toByteArray();
    }

    /** Packs float samples, [frame][channel], as 32- or 64-bit IEEE little-endian or big-endian. */
    static byte[] packFloats(double[][] v, int bits, boolean bigEndian) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (double[] frame : v) {
            for (double s : frame) {
                long raw = bits == 32 ? Float.floatToIntBits((float) s) & 0xFFFF_FFFFL : Double.doubleToLongBits(s);
                int bytes = bits / 8;
                for (int b = 0; b < bytes; b++) {
                    int shift = bigEndian ? 8 * (bytes - 1 - b) : 8 * b;
                    out.write((int) (raw >> shift) & 0xFF);
                }
            }
        }
        return out.toByteArray();
    }

    /** Random float samples in [-1, 1), [frame][channel]. */
    static double[][] randomFloats(int frames, int channels, long seed) {
        Random r = new Random(seed);
        double[][] v = new double[frames][channels];
        for (double[] frame : v) {
            for (int c = 0; c < channels; c++) {
                frame[c] = r.nextDouble() * 2 - 1;
            }
        }
        return v;
    }

    /** Writes raw frames through javax.sound's own file writer. */
    static byte[] writeWithAudioSystem(AudioFileFormat.Type type, AudioFormat format, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long frames = data.length / format.getFrameSize();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(data), format, frames), type, out);
        return out.toByteArray();
    }

    /** A RIFF chunk: id, little-endian size, body and the pad byte an odd size needs. */
    static byte[] chunk(String id, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le32(body.length));
        out.writeBytes(body);
        if ((body.length & 1) == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    /** A chunk header with a size that need not match what follows (for lying headers). */
    static byte[] chunkHeader(String id, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le32(size));
        return out.toByteArray();
    }

    /** A classic 16-byte fmt chunk body. */
    static byte[] fmt(int tag, int channels, int rate, int bits) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(le16(tag));
        f.writeBytes(le16(channels));
        f.writeBytes(le32(rate));
        f.writeBytes(le32((long) rate * channels * bits / 8));
        f.writeBytes(le16(channels * bits / 8));
        f.writeBytes(le16(bits));
        return f.toByteArray();
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk body with sub-format 1 (PCM) or 3 (float). */
    static byte[] fmtExtensible(int channels, int rate, int containerBits, int validBits, int subFormat) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(fmt(0xFFFE, channels, rate, containerBits));
        f.writeBytes(le16(22));
        f.writeBytes(le16(validBits));
        f.writeBytes(le32((1L << channels) - 1)); // channel mask: the first n speakers
        f.writeBytes(le16(subFormat));
        f.writeBytes(GUID_TAIL);
        return f.toByteArray();
    }

    /** A RIFF/WAVE file of the given chunks; the RIFF size is computed. */
    static byte[] riffWave(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le32(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    static byte[] be32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    /** A pure tone, {@code amplitude * sin(2 pi f t)}. */
    static float[] sine(double hz, float rate, double seconds, double amplitude) {
        float[] s = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /**
     * The amplitude of the component at {@code hz}, by a least-squares fit of a sine and a cosine over
     * samples {@code from} to {@code to}: with a whole number of periods this is the DFT bin.
     */
    static double amplitudeAt(float[] x, float rate, double hz, int from, int to) {
        double ss = 0;
        double cc = 0;
        double sc = 0;
        double xs = 0;
        double xc = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / rate;
            double s = Math.sin(w);
            double c = Math.cos(w);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        return Math.hypot(a, b);
    }

    /** Root-mean-square of samples {@code from} to {@code to}. */
    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * (double) x[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
