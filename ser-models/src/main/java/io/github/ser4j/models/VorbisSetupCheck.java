package io.github.ser4j.models;

import io.github.ser4j.core.UnsupportedAudioException;

/**
 * Checks the codebooks of a Vorbis setup header before JOrbis sees it. JOrbis allocates each codebook's
 * tables by the sizes the header declares: an "ordered" length list describes 2^24 entries in a few
 * bits, and a lookup table of type 2 then asks for entries × dimensions values (up to 2^31 ints, 8 GB)
 * before reading one of them. A valid header stores every lookup value in the packet, so the values a
 * codebook declares must fit in the bits that remain; that, at most {@link #MAX_ENTRIES} entries per
 * codebook, and dimensions for which JOrbis's integer search of lookup1_values neither loops forever (0
 * dimensions) nor overflows ((values + 1)^dimensions past 2^31) are checked here (Vorbis I
 * specification, section 3.2.1), nothing else.
 */
final class VorbisSetupCheck {

    /** Codebook entries accepted (the format allows 2^24; real encoders use at most a few thousand). */
    static final int MAX_ENTRIES = 1 << 20;

    private final byte[] p;
    private final String name;
    private long bit;

    private VorbisSetupCheck(byte[] packet, String name) {
        this.p = packet;
        this.name = name;
    }

    /** Throws if the setup header {@code packet} declares codebooks larger than it can hold. */
    static void check(byte[] packet, String name) throws UnsupportedAudioException {
        if (packet.length < 7 || packet[0] != 5) {
            return; // not a setup header: JOrbis refuses it itself
        }
        new VorbisSetupCheck(packet, name).codebooks();
    }

    private void codebooks() throws UnsupportedAudioException {
        bit = 7 * 8L;
        int count = (int) read(8) + 1;
        for (int b = 0; b < count; b++) {
            if (read(24) != 0x564342) {
                return; // JOrbis reports the bad sync pattern
            }
            int dims = (int) read(16);
            long entries = read(24);
            if (entries > MAX_ENTRIES) {
                throw refuse("codebook " + b + " declares " + entries + " entries, more than the " + MAX_ENTRIES + " accepted");
            }
            if (read(1) == 1) { // ordered lengths
                read(5);
                for (long i = 0; i < entries; ) {
                    long num = read(ilog(entries - i));
                    if (num == 0 && remaining() <= 0) {
                        return;
                    }
                    i += num;
                    if (i > entries) {
                        throw refuse("codebook " + b + " has more code lengths than entries");
                    }
                }
            } else {
                boolean sparse = read(1) == 1;
                for (long i = 0; i < entries && remaining() > 0; i++) {
                    if (!sparse || read(1) == 1) {
                        read(5);
                    }
                }
            }
            int lookup = (int) read(4);
            if (lookup == 1 || lookup == 2) {
                read(32);
                read(32);
                int valueBits = (int) read(4) + 1;
                read(1);
                if (dims == 0) {
                    throw refuse("codebook " + b + " has a lookup table but no dimensions");
                }
                long values = lookup == 1 ? lookup1Values(entries, dims) : entries * dims;
                if (lookup == 1 && Math.pow(values + 1, dims) > Integer.MAX_VALUE) {
                    // JOrbis searches lookup1_values with (values + 1)^dims in int arithmetic: once that
                    // overflows, the search runs on for as long as the wrapped values say (with 0 dimensions, forever)
                    throw refuse("codebook " + b + " has " + dims + " dimensions, too many for its " + entries + " entries");
                }
                if (values * valueBits > remaining()) {
                    throw refuse("codebook " + b + " declares " + values + " lookup values of " + valueBits
                            + " bits, more than the " + remaining() + " bits left in its setup header");
                }
                bit += values * valueBits;
            }
            if (remaining() < 0) {
                return; // the header ends early: JOrbis reports it
            }
        }
    }

    /** The largest r with r^dims ≤ entries (the specification's lookup1_values). */
    private static long lookup1Values(long entries, int dims) {
        if (dims == 0) {
            return 0;
        }
        long r = (long) Math.floor(Math.exp(Math.log(Math.max(entries, 1)) / dims));
        while (r > 0 && Math.pow(r, dims) > entries) {
            r--;
        }
        while (Math.pow(r + 1, dims) <= entries) {
            r++;
        }
        return r;
    }

    private static int ilog(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }

    private long remaining() {
        return p.length * 8L - bit;
    }

    /** Reads {@code n} bits, least significant first as Vorbis packs them; zeros past the end. */
    private long read(int n) {
        long v = 0;
        for (int i = 0; i < n; i++, bit++) {
            if (bit < p.length * 8L && (p[(int) (bit >> 3)] >> (bit & 7) & 1) != 0) {
                v |= 1L << i;
            }
        }
        return v;
    }

    private UnsupportedAudioException refuse(String what) {
        return new UnsupportedAudioException(name + ": corrupt Ogg Vorbis setup header: " + what);
    }
}
