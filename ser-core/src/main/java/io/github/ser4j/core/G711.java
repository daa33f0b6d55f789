package io.github.ser4j.core;

/**
 * ITU-T G.711 companding: mu-law (North America, Japan) and A-law (Europe, the rest of the world), the
 * 8-bit codes of digital telephony and of call-centre recordings (WAV format tags 6 and 7, AU).
 *
 * <p>Decoding maps each 8-bit code to the 16-bit linear value of Recommendation G.711's tables (mu-law:
 * 14-bit magnitudes scaled by 4, at most ±32124; A-law: 13-bit magnitudes scaled by 8, at most ±32256),
 * and the float methods divide that by 32768, as every PCM reader of ser4j does. Encoding picks the code
 * whose decision interval holds the input (the G.711 quantiser: segment by the position of the leading
 * one bit, then four mantissa bits, truncating within a segment as the Recommendation specifies), so
 * {@code decode(encode(decode(c))) == decode(c)} for every code {@code c}. A-law codes carry the
 * Recommendation's even-bit inversion (XOR 0x55), mu-law codes are transmitted inverted (XOR 0xFF).
 *
 * <p>Own code rather than a library: the tables are small, standard and exact, and ser-core must stay
 * free of dependencies. {@code robust} uses the encoder to simulate telephone channels.
 *
 * <p>Thread-safety: stateless; every method is safe to call from any number of threads.
 */
public final class G711 {

    /** mu-law code to 16-bit linear, built once from the Recommendation's segment definition. */
    private static final short[] MU_LAW_TO_LINEAR = new short[256];
    /** A-law code to 16-bit linear. */
    private static final short[] A_LAW_TO_LINEAR = new short[256];
    /** The bias G.711 mu-law adds before finding the segment (33 in 14-bit units, 132 in 16-bit). */
    private static final int MU_BIAS = 0x84;
    /** The largest magnitude mu-law encodes before clipping, in 16-bit units (8159 in 14-bit units × 4). */
    private static final int MU_CLIP = 32635;

    static {
        for (int code = 0; code < 256; code++) {
            MU_LAW_TO_LINEAR[code] = (short) muLawDefinition(code);
            A_LAW_TO_LINEAR[code] = (short) aLawDefinition(code);
        }
    }

    private G711() {
    }

    /** mu-law code to linear: segment e, mantissa m give ((m·2 + 33)·2^e − 33)·4. */
    private static int muLawDefinition(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + MU_BIAS) << exponent) - MU_BIAS;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** A-law code to linear: segment 0 is linear (m·2 + 1), segment e ≥ 1 is (m·2 + 33)·2^(e−1), all × 8. */
    private static int aLawDefinition(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int exponent = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    /**
     * Decodes one mu-law code.
     *
     * @param code the 8-bit code as transmitted
     * @return the 16-bit linear value, in [-32124, 32124]
     */
    public static short muLawToLinear(byte code) {
        return MU_LAW_TO_LINEAR[code & 0xFF];
    }

    /**
     * Decodes one A-law code.
     *
     * @param code the 8-bit code as transmitted
     * @return the 16-bit linear value, in [-32256, 32256]
     */
    public static short aLawToLinear(byte code) {
        return A_LAW_TO_LINEAR[code & 0xFF];
    }

    /**
     * Encodes one 16-bit linear value as mu-law.
     *
     * @param linear the value
     * @return the 8-bit code as transmitted
     */
    public static byte linearToMuLaw(short linear) {
        int sign = linear < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs((int) linear), MU_CLIP) + MU_BIAS;
        int exponent = 31 - Integer.numberOfLeadingZeros(magnitude) - 7; // 0..7: bit 7 is the lowest leading one
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | exponent << 4 | mantissa);
    }

    /**
     * Encodes one 16-bit linear value as A-law.
     *
     * @param linear the value
     * @return the 8-bit code as transmitted
     */
    public static byte linearToALaw(short linear) {
        // A-law works on 13-bit magnitudes; its sign bit is 1 for positive values.
        int sign = linear >= 0 ? 0x80 : 0;
        int magnitude = linear >= 0 ? linear >> 3 : (-(int) linear - 1) >> 3; // one's complement for negatives
        int code;
        if (magnitude < 32) {
            code = magnitude >> 1;
        } else {
            int exponent = 31 - Integer.numberOfLeadingZeros(magnitude) - 4; // 1..7
            if (exponent > 7) {
                code = 0x7F; // beyond the largest decision level: clip
            } else {
                code = exponent << 4 | (magnitude >> exponent) & 0x0F;
            }
        }
        return (byte) ((sign | code) ^ 0x55);
    }

    /**
     * Decodes mu-law codes to floats ({@code linear / 32768}).
     *
     * @param codes the codes
     * @return a new array of the same length
     * @throws IllegalArgumentException if {@code codes} is null
     */
    public static float[] decodeMuLaw(byte[] codes) {
        return decode(codes, MU_LAW_TO_LINEAR);
    }

    /**
     * Decodes A-law codes to floats ({@code linear / 32768}).
     *
     * @param codes the codes
     * @return a new array of the same length
     * @throws IllegalArgumentException if {@code codes} is null
     */
    public static float[] decodeALaw(byte[] codes) {
        return decode(codes, A_LAW_TO_LINEAR);
    }

    /**
     * Encodes float samples as mu-law: each is scaled by 32768, rounded to the nearest integer and clipped
     * to 16 bits, then encoded. {@code decodeMuLaw(encodeMuLaw(x))} is {@code x} through a telephone line.
     *
     * @param samples samples nominally in [-1, 1]; NaN encodes as 0
     * @return a new array of the same length
     * @throws IllegalArgumentException if {@code samples} is null
     */
    public static byte[] encodeMuLaw(float[] samples) {
        return encode(samples, true);
    }

    /**
     * Encodes float samples as A-law (scaled, rounded and clipped as {@link #encodeMuLaw}).
     *
     * @param samples samples nominally in [-1, 1]; NaN encodes as 0
     * @return a new array of the same length
     * @throws IllegalArgumentException if {@code samples} is null
     */
    public static byte[] encodeALaw(float[] samples) {
        return encode(samples, false);
    }

    private static float[] decode(byte[] codes, short[] table) {
        if (codes == null) {
            throw new IllegalArgumentException("codes must not be null");
        }
        float[] out = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = table[codes[i] & 0xFF] / 32768f;
        }
        return out;
    }

    private static byte[] encode(float[] samples, boolean muLaw) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            double v = Math.rint(samples[i] * 32768.0);
            short s = Double.isNaN(v) ? 0 : (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            out[i] = muLaw ? linearToMuLaw(s) : linearToALaw(s);
        }
        return out;
    }

    /** The decoding table of one law, for the PCM reader's hot loop. */
    static short[] table(boolean muLaw) {
        return muLaw ? MU_LAW_TO_LINEAR : A_LAW_TO_LINEAR;
    }
}
