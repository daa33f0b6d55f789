package io.github.ser4j.models;

/**
 * ITU-T G.711 mu-law and A-law companding of 16-bit linear PCM, as the telephone condition needs it: a
 * round trip through the 8-bit code. Written after the ITU reference (Sun's public-domain g711.c), so the
 * codes are bit-exact. Kept in one small class so a public codec in ser-core can replace it.
 *
 * <p>Thread-safety: stateless.
 */
final class G711 {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final int[] SEG_END = {0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF, 0x3FFF, 0x7FFF};
    private static final int[] SEG_A_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private G711() {
    }

    private static int segment(int v, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (v <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }

    /** Encodes one 16-bit sample as a mu-law byte (0..255). */
    static int muLawEncode(int pcm) {
        int mask;
        int v = pcm;
        if (v < 0) {
            v = -v;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        v = Math.min(v, CLIP) + BIAS;
        int seg = segment(v, SEG_END);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        return ((seg << 4) | ((v >> (seg + 3)) & 0xF)) ^ mask;
    }

    /** Decodes a mu-law byte to a 16-bit sample. */
    static int muLawDecode(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + BIAS;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? BIAS - t : t - BIAS;
    }

    /** Encodes one 16-bit sample as an A-law byte (0..255). */
    static int aLawEncode(int pcm) {
        int v = pcm >> 3; // A-law works on 13 bits
        int mask;
        if (v >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            v = -v - 1;
        }
        int seg = segment(v, SEG_A_END);
        int aval;
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        aval = seg << 4;
        aval |= seg < 2 ? (v >> 1) & 0xF : (v >> seg) & 0xF;
        return aval ^ mask;
    }

    /** Decodes an A-law byte to a 16-bit sample. */
    static int aLawDecode(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0:
                t += 8;
                break;
            case 1:
                t += 0x108;
                break;
            default:
                t += 0x108;
                t <<= seg - 1;
        }
        return (a & 0x80) != 0 ? t : -t;
    }

    /** Rounds float samples in [-1, 1] to 16 bits, codes and decodes each; {@code aLaw} picks the law. */
    static float[] roundTrip(float[] x, boolean aLaw) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int pcm = (int) Math.round(Math.max(-1, Math.min(1, x[i])) * 32767.0);
            int back = aLaw ? aLawDecode(aLawEncode(pcm)) : muLawDecode(muLawEncode(pcm));
            out[i] = back / 32768f;
        }
        return out;
    }
}
