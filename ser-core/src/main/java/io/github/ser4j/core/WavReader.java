package io.github.ser4j.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Our own RIFF/WAVE header parser. javax.sound's float and EXTENSIBLE readers fail on files with a
 * large chunk (LIST, bext, iXML…) before the audio ("Resetting to invalid mark") and report a truncated
 * header only as "unsupported format", so WAV is parsed here: walk the chunks, read {@code fmt }, stop
 * at {@code data} and hand the rest of the stream to {@link AudioDecoder#decode} as an
 * {@link AudioInputStream} of the declared length.
 */
final class WavReader {

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_FLOAT = 0x0003;
    private static final int TAG_ALAW = 0x0006;
    private static final int TAG_MULAW = 0x0007;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** A data size of 0xFFFFFFFF is what streaming writers put when the length is unknown. */
    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;
    /** A fmt chunk is 16 to 40 bytes; anything beyond this is skipped, never buffered. */
    private static final int MAX_FMT_BYTES = 1024;

    private WavReader() {
    }

    /**
     * Parses the header of a RIFF/WAVE stream, leaving {@code in} at the first sample.
     *
     * @throws UnsupportedAudioException for a header that is truncated, malformed or names an
     *     encoding ser4j does not decode
     */
    static AudioInputStream open(InputStream in, String name) throws IOException {
        byte[] riff = readHeaderBytes(in, 12, name, "RIFF header");
        if (!ascii(riff, 0).equals("RIFF")) {
            throw new UnsupportedAudioException(name + ": not a RIFF file");
        }
        if (!ascii(riff, 8).equals("WAVE")) {
            throw new UnsupportedAudioException(name + ": not audio: a RIFF file of type '" + printable(ascii(riff, 8))
                    + "', not WAVE");
        }
        AudioFormat format = null;
        long offset = 12;
        while (true) {
            byte[] head = readHeaderBytes(in, 8, name, format == null ? "'fmt ' chunk" : "'data' chunk");
            String id = ascii(head, 0);
            long size = le32(head, 4);
            offset += 8;
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw new UnsupportedAudioException(name + ": malformed header: 'fmt ' chunk is " + size
                            + " bytes, at least 16 are needed");
                }
                byte[] fmt = readHeaderBytes(in, (int) Math.min(size, MAX_FMT_BYTES), name, "'fmt ' chunk");
                skip(in, size + (size & 1) - fmt.length, name, "'fmt ' chunk");
                format = parseFormat(fmt, name);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new UnsupportedAudioException(name + ": malformed header: 'data' chunk at byte " + (offset - 8)
                            + " comes before the 'fmt ' chunk");
                }
                long frames = size == UNKNOWN_SIZE ? AudioSystem.NOT_SPECIFIED : size / format.getFrameSize();
                return new AudioInputStream(in, format, frames);
            } else {
                skip(in, size + (size & 1), name, "'" + printable(id) + "' chunk");
            }
            offset += size + (size & 1);
        }
    }

    private static AudioFormat parseFormat(byte[] f, String name) throws UnsupportedAudioException {
        int tag = le16(f, 0);
        int channels = le16(f, 2);
        long rate = le32(f, 4);
        int blockAlign = le16(f, 12);
        int bits = le16(f, 14);
        int effectiveTag = tag;
        if (tag == TAG_EXTENSIBLE) {
            if (f.length < 40 || le16(f, 16) < 22) {
                throw new UnsupportedAudioException(name + ": malformed header: WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is "
                        + f.length + " bytes, 40 are needed");
            }
            int validBits = le16(f, 18);
            if (validBits > bits) {
                throw new UnsupportedAudioException(name + ": malformed header: " + validBits
                        + " valid bits in a " + bits + "-bit container");
            }
            // The sub-format GUID starts with the classic format tag.
            effectiveTag = le16(f, 24);
        }
        boolean g711 = effectiveTag == TAG_ALAW || effectiveTag == TAG_MULAW;
        if (effectiveTag != TAG_PCM && effectiveTag != TAG_FLOAT && !g711) {
            throw new UnsupportedAudioException(name + ": WAV with " + FormatSniffer.wavTagName(effectiveTag)
                    + String.format(Locale.ROOT, " data (format tag 0x%04X)", effectiveTag)
                    + " is not decoded by ser4j; convert it to PCM or 32-bit float WAV first");
        }
        if (channels < 1) {
            throw new UnsupportedAudioException(name + ": malformed header: channel count is " + channels);
        }
        if (rate < 1) {
            throw new UnsupportedAudioException(name + ": malformed header: sample rate is " + rate + " Hz");
        }
        if (g711) {
            String law = effectiveTag == TAG_MULAW ? "mu-law" : "A-law";
            if (bits != 8) {
                throw new UnsupportedAudioException(name + ": " + bits + "-bit " + law
                        + " WAV is not supported; G.711 codes are 8 bits");
            }
            if (blockAlign != channels) {
                throw new UnsupportedAudioException(name + ": malformed header: block align " + blockAlign
                        + " bytes does not match " + channels + " channels of 8-bit " + law);
            }
            return new AudioFormat(effectiveTag == TAG_MULAW ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW,
                    rate, 8, channels, channels, rate, false);
        }
        boolean isFloat = effectiveTag == TAG_FLOAT;
        if (isFloat ? bits != 32 && bits != 64 : bits < 8 || bits > 32 || bits % 8 != 0) {
            throw new UnsupportedAudioException(name + ": " + bits + "-bit " + (isFloat ? "float" : "PCM")
                    + " WAV is not supported; use " + (isFloat ? "32 or 64" : "8, 16, 24 or 32") + " bits");
        }
        if (blockAlign != channels * (bits / 8)) {
            throw new UnsupportedAudioException(name + ": malformed header: block align " + blockAlign + " bytes does not match "
                    + channels + " channels of " + bits + " bits");
        }
        AudioFormat.Encoding enc = isFloat ? AudioFormat.Encoding.PCM_FLOAT
                : bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED;
        return new AudioFormat(enc, rate, bits, channels, blockAlign, rate, false);
    }

    private static byte[] readHeaderBytes(InputStream in, int n, String name, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new UnsupportedAudioException(name + ": truncated header: the file ends inside or before the " + what);
        }
        return b;
    }

    private static void skip(InputStream in, long n, String name, String what) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new UnsupportedAudioException(name + ": truncated header: the file ends inside the " + what, e);
        }
    }

    private static String printable(String id) {
        StringBuilder sb = new StringBuilder();
        for (char c : id.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }

    private static String ascii(byte[] b, int p) {
        return new String(b, p, 4, StandardCharsets.ISO_8859_1);
    }

    private static int le16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static long le32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
