package io.github.ser4j.models;

import io.github.ser4j.core.UnsupportedAudioException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A FLAC decoder of our own (the format of xiph.org's FLAC specification, RFC 9639): metadata, frame
 * headers with their CRC-8, constant, verbatim, fixed and LPC subframes, Rice and escaped residuals,
 * wasted bits, the three stereo decorrelations and the frame CRC-16. Own code rather than jFLAC (the only
 * pure-Java FLAC decoder on Maven Central, unmaintained since 2016) because jFLAC prints to standard
 * output on some valid files, replaces frames that fail their CRC by silence without saying so, and
 * trusts header fields that a hostile file sets: safety demands our own. Every size is checked against
 * the specification's limits before anything is allocated; the largest allocation is a block of
 * 65,535 frames of 8 channels.
 */
final class FlacStream extends FrameQueue {

    private static final int MAX_BLOCK = 65_535;

    private final InputStream in;
    private final String name;
    private final Bits bits;
    private int bitsPerSample;
    private long totalSamples;
    private long decoded;
    private final long[][] work = new long[2][];
    private long[][] samples = new long[0][];
    private long[] residual = new long[0];

    FlacStream(InputStream in, String name) throws IOException {
        this.in = in;
        this.name = name;
        this.bits = new Bits(in, name);
        try {
            readMetadata();
        } catch (EOFException e) {
            throw new UnsupportedAudioException(name + ": truncated FLAC header: the file ends inside its metadata", e);
        }
    }

    private void readMetadata() throws IOException {
        if (bits.read(32) != 0x664C_6143L) { // "fLaC"
            throw corrupt("header", "no 'fLaC' marker");
        }
        boolean last = false;
        boolean streamInfo = false;
        while (!last) {
            last = bits.read(1) == 1;
            int type = (int) bits.read(7);
            long length = bits.read(24);
            if (type == 0) {
                if (streamInfo || length != 34) {
                    throw corrupt("header", streamInfo ? "a second STREAMINFO block" : "STREAMINFO of " + length + " bytes");
                }
                bits.read(32); // min and max block size
                bits.read(24);
                bits.read(24); // min, max frame size
                rate = (int) bits.read(20);
                channels = (int) bits.read(3) + 1;
                bitsPerSample = (int) bits.read(5) + 1;
                totalSamples = bits.read(36);
                declaredFrames = totalSamples > 0 ? totalSamples : -1;
                bits.skipBytes(16); // MD5
                if (rate == 0 || bitsPerSample < 4) {
                    throw corrupt("header", "STREAMINFO declares " + rate + " Hz, " + bitsPerSample + "-bit samples");
                }
                streamInfo = true;
            } else if (!streamInfo) {
                throw corrupt("header", "the first metadata block is not STREAMINFO");
            } else {
                bits.skipBytes(length);
            }
        }
    }


    @Override
    protected boolean decodeNext() throws IOException {
        if (totalSamples > 0 && decoded >= totalSamples) {
            return false;
        }
        bits.resetCrc();
        int first;
        try {
            first = bits.readByteOrEnd();
        } catch (EOFException e) {
            first = -1;
        }
        if (first < 0) {
            if (totalSamples > 0) {
                throw new UnsupportedAudioException(name + ": truncated FLAC data: STREAMINFO declares " + totalSamples
                        + " samples, the file holds " + decoded);
            }
            return false;
        }
        try {
            decodeFrame(first);
        } catch (EOFException e) {
            throw new UnsupportedAudioException(name + ": truncated FLAC data: STREAMINFO declares " + totalSamples
                    + " samples, the file holds " + decoded + " and ends inside a frame", e);
        }
        return true;
    }

    private void decodeFrame(int first) throws IOException {
        int second = (int) bits.read(8);
        if (first != 0xFF || (second & 0xFE) != 0xF8) {
            throw corrupt("frame", "no frame sync code after sample " + decoded);
        }
        int blockCode = (int) bits.read(4);
        int rateCode = (int) bits.read(4);
        int assignment = (int) bits.read(4);
        int sizeCode = (int) bits.read(3);
        if (bits.read(1) != 0) {
            throw corrupt("frame", "reserved bit set in the frame header after sample " + decoded);
        }
        readUtf8Number();
        int block = switch (blockCode) {
            case 0 -> throw corrupt("frame", "reserved block size code after sample " + decoded);
            case 1 -> 192;
            case 2, 3, 4, 5 -> 576 << (blockCode - 2);
            case 6 -> (int) bits.read(8) + 1;
            case 7 -> (int) bits.read(16) + 1;
            default -> 256 << (blockCode - 8);
        };
        if (rateCode == 12) {
            bits.read(8);
        } else if (rateCode == 13 || rateCode == 14) {
            bits.read(16);
        } else if (rateCode == 15) {
            throw corrupt("frame", "invalid sample rate code after sample " + decoded);
        }
        int crc8 = bits.crc8();
        if (bits.read(8) != crc8) {
            throw corrupt("frame", "frame header CRC-8 mismatch after sample " + decoded);
        }
        int frameChannels = assignment < 8 ? assignment + 1 : 2;
        if (assignment > 10) {
            throw corrupt("frame", "reserved channel assignment " + assignment);
        }
        if (frameChannels != channels) {
            throw new UnsupportedAudioException(name + ": unsupported FLAC: a frame of " + frameChannels
                    + " channels in a stream of " + channels + " (channel count changes)");
        }
        int frameBits = switch (sizeCode) {
            case 0 -> bitsPerSample;
            case 1 -> 8;
            case 2 -> 12;
            case 4 -> 16;
            case 5 -> 20;
            case 6 -> 24;
            case 7 -> 32;
            default -> throw corrupt("frame", "reserved sample size code");
        };
        if (frameBits != bitsPerSample) {
            throw new UnsupportedAudioException(name + ": unsupported FLAC: a frame of " + frameBits
                    + "-bit samples in a " + bitsPerSample + "-bit stream");
        }
        if (block > MAX_BLOCK) {
            throw corrupt("frame", "block of " + block + " samples");
        }
        if (samples.length != channels || samples[0].length < block) {
            samples = new long[channels][block];
        }
        for (int c = 0; c < channels; c++) {
            // the side channel has one bit more: channel 1 of left/side and mid/side, channel 0 of side/right
            boolean side = assignment == 9 ? c == 0 : assignment >= 8 && c == 1;
            readSubframe(c, block, frameBits + (side ? 1 : 0));
        }
        bits.alignToByte();
        int crc16 = bits.crc16();
        if (bits.read(16) != crc16) {
            throw corrupt("frame", "frame CRC-16 mismatch after sample " + decoded);
        }
        decorrelate(assignment, block);
        ensureBlock(block * channels);
        double scale = 1.0 / (1L << (bitsPerSample - 1));
        for (int c = 0; c < channels; c++) {
            long[] s = samples[c];
            for (int i = 0; i < block; i++) {
                this.block[i * channels + c] = (float) (s[i] * scale);
            }
        }
        blockFrames = block;
        decoded += block;
    }

    private void decorrelate(int assignment, int n) {
        if (assignment < 8) {
            return;
        }
        long[] a = samples[0];
        long[] b = samples[1];
        for (int i = 0; i < n; i++) {
            switch (assignment) {
                case 8 -> b[i] = a[i] - b[i];          // left, side
                case 9 -> a[i] = a[i] + b[i];          // side, right
                default -> {                           // mid, side
                    long mid = (a[i] << 1) | (b[i] & 1);
                    long side = b[i];
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                }
            }
        }
    }

    private void readSubframe(int channel, int n, int sampleBits) throws IOException {
        if (bits.read(1) != 0) {
            throw corrupt("frame", "subframe padding bit set after sample " + decoded);
        }
        int type = (int) bits.read(6);
        int wasted = 0;
        if (bits.read(1) == 1) {
            wasted = 1;
            while (bits.read(1) == 0) {
                if (++wasted >= sampleBits) {
                    throw corrupt("frame", "more wasted bits than sample bits");
                }
            }
        }
        int w = sampleBits - wasted;
        if (w < 1 || w > 33) {
            throw corrupt("frame", w + "-bit subframe");
        }
        if (residual.length < n) {
            residual = new long[n];
        }
        long[] out = residual;
        if (type == 0) {
            long v = bits.readSigned(w);
            java.util.Arrays.fill(out, 0, n, v);
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = bits.readSigned(w);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            checkOrder(order, n);
            for (int i = 0; i < order; i++) {
                out[i] = bits.readSigned(w);
            }
            readResidual(out, order, n);
            fixedPredict(out, order, n);
        } else if (type >= 32) {
            int order = type - 31;
            checkOrder(order, n);
            for (int i = 0; i < order; i++) {
                out[i] = bits.readSigned(w);
            }
            int precision = (int) bits.read(4) + 1;
            if (precision == 16) {
                throw corrupt("frame", "invalid LPC coefficient precision");
            }
            int shift = (int) bits.readSigned(5);
            if (shift < 0) {
                throw corrupt("frame", "negative LPC shift");
            }
            long[] coef = new long[order];
            for (int i = 0; i < order; i++) {
                coef[i] = bits.readSigned(precision);
            }
            readResidual(out, order, n);
            for (int i = order; i < n; i++) {
                long sum = 0;
                for (int j = 0; j < order; j++) {
                    sum += coef[j] * out[i - 1 - j];
                }
                out[i] += sum >> shift;
            }
        } else {
            throw corrupt("frame", "reserved subframe type " + type);
        }
        long[] dst = samples[channel];
        long lo = -(1L << (sampleBits - 1));
        long hi = (1L << (sampleBits - 1)) - 1;
        for (int i = 0; i < n; i++) {
            long v = out[i];
            if (v < lo >> wasted || v > hi >> wasted) {
                throw corrupt("frame", "a sample outside " + sampleBits + " bits after sample " + decoded);
            }
            dst[i] = v << wasted;
        }
    }

    private void checkOrder(int order, int n) throws UnsupportedAudioException {
        if (order > n) {
            throw corrupt("frame", "predictor order " + order + " exceeds the block of " + n);
        }
    }

    private static void fixedPredict(long[] x, int order, int n) {
        for (int i = order; i < n; i++) {
            switch (order) {
                case 1 -> x[i] += x[i - 1];
                case 2 -> x[i] += 2 * x[i - 1] - x[i - 2];
                case 3 -> x[i] += 3 * x[i - 1] - 3 * x[i - 2] + x[i - 3];
                case 4 -> x[i] += 4 * x[i - 1] - 6 * x[i - 2] + 4 * x[i - 3] - x[i - 4];
                default -> { }
            }
        }
    }

    private void readResidual(long[] out, int order, int n) throws IOException {
        int method = (int) bits.read(2);
        if (method > 1) {
            throw corrupt("frame", "reserved residual coding method");
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = method == 0 ? 15 : 31;
        int partitionOrder = (int) bits.read(4);
        int partitions = 1 << partitionOrder;
        if (n % partitions != 0 || (n >> partitionOrder) < order) {
            throw corrupt("frame", "partition order " + partitionOrder + " does not fit a block of " + n);
        }
        int i = order;
        for (int p = 0; p < partitions; p++) {
            int count = (n >> partitionOrder) - (p == 0 ? order : 0);
            int k = (int) bits.read(paramBits);
            if (k == escape) {
                int raw = (int) bits.read(5);
                for (int j = 0; j < count; j++) {
                    out[i++] = raw == 0 ? 0 : bits.readSigned(raw);
                }
            } else {
                for (int j = 0; j < count; j++) {
                    long q = bits.readUnary();
                    long u = (q << k) | bits.read(k);
                    out[i++] = (u >>> 1) ^ -(u & 1);
                }
            }
        }
    }

    private void readUtf8Number() throws IOException {
        int b = (int) bits.read(8);
        int more = b < 0x80 ? 0 : b < 0xC0 ? -1 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : b < 0xF8 ? 3 : b < 0xFC ? 4 : b < 0xFE ? 5
                : b == 0xFE ? 6 : -1;
        if (more < 0) {
            throw corrupt("frame", "invalid coded frame number after sample " + decoded);
        }
        for (int i = 0; i < more; i++) {
            if ((bits.read(8) & 0xC0) != 0x80) {
                throw corrupt("frame", "invalid coded frame number after sample " + decoded);
            }
        }
    }

    private UnsupportedAudioException corrupt(String where, String what) {
        return new UnsupportedAudioException(name + ": corrupt FLAC " + where + ": " + what);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A big-endian bit reader that keeps the CRC-8 and CRC-16 of the bytes it has consumed. */
    private static final class Bits {
        /** The longest unary (Rice quotient) code accepted; an encoder that picks its Rice parameter needs far fewer. */
        private static final int MAX_UNARY = 1 << 20;
        private final InputStream in;
        private final String name;
        private final byte[] buf = new byte[8192];
        private int len;
        private int pos;
        private long cache;
        private int cached;
        private int crc8;
        private int crc16;

        Bits(InputStream in, String name) {
            this.in = in;
            this.name = name;
        }

        private int nextByte() throws IOException {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    throw new EOFException();
                }
            }
            int b = buf[pos++] & 0xFF;
            crc8 = CRC8[(crc8 ^ b) & 0xFF];
            crc16 = ((crc16 << 8) ^ CRC16[((crc16 >> 8) ^ b) & 0xFF]) & 0xFFFF;
            return b;
        }

        /** The next byte at a byte boundary, or -1 at the end of the input. */
        int readByteOrEnd() throws IOException {
            if (cached != 0) {
                throw new IllegalStateException("not byte-aligned");
            }
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return -1;
                }
            }
            return nextByte();
        }

        long read(int n) throws IOException {
            if (n == 0) {
                return 0;
            }
            while (cached < n) {
                cache = (cache << 8) | nextByte();
                cached += 8;
            }
            cached -= n;
            return (cache >>> cached) & ((1L << n) - 1);
        }

        long readSigned(int n) throws IOException {
            long v = read(n);
            return v << (64 - n) >> (64 - n);
        }

        /** A unary-coded count of zero bits ended by a one, at most {@link #MAX_UNARY}. */
        long readUnary() throws IOException {
            long q = 0;
            while (read(1) == 0) {
                if (++q > MAX_UNARY) {
                    throw new UnsupportedAudioException(name + ": corrupt FLAC frame: a Rice code longer than "
                            + MAX_UNARY + " bits");
                }
            }
            return q;
        }

        void alignToByte() {
            cached -= cached % 8;
        }

        void skipBytes(long n) throws IOException {
            for (long i = 0; i < n; i++) {
                read(8);
            }
        }

        void resetCrc() {
            crc8 = 0;
            crc16 = 0;
        }

        /** The CRC-8 of the bytes consumed since {@link #resetCrc}, before any still cached. */
        int crc8() {
            return crc8;
        }

        int crc16() {
            return crc16;
        }
    }

    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int b = 0; b < 8; b++) {
                c = (c & 0x80) != 0 ? ((c << 1) ^ 0x07) & 0xFF : (c << 1) & 0xFF;
            }
            CRC8[i] = c;
            int d = i << 8;
            for (int b = 0; b < 8; b++) {
                d = (d & 0x8000) != 0 ? ((d << 1) ^ 0x8005) & 0xFFFF : (d << 1) & 0xFFFF;
            }
            CRC16[i] = d;
        }
    }
}
