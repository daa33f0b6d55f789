package io.github.ser4j.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Names a file's format from its first bytes, so an error can say "FLAC" instead of "unsupported". */
final class FormatSniffer {

    /**
     * Extensions of the files ser4j decodes (see {@link AudioClip#readableExtensions()}); a decoder
     * that joins adds its own here, so batch tools pick its files from folders too.
     */
    static final java.util.Set<String> DECODED_EXTENSIONS = java.util.Set.of("wav", "wave", "aif", "aiff", "aifc", "au",
            "snd");

    private FormatSniffer() {
    }

    /** Formats whose name {@link #undecodedFormat} gives and that ser-models' decoder plug-ins decode. */
    private static final java.util.Set<String> PLUGGABLE = java.util.Set.of("FLAC", "Ogg (Vorbis or Opus)",
            "MP3 (ID3-tagged)", "MP3");

    /**
     * The name of a score format (MIDI, RMF) from its magic bytes, or null. Scores are not sound:
     * javax.sound would render them with its software synthesiser (a 26-byte file can ask for gigabytes
     * of rendered audio), so they are refused before anything else sees them.
     */
    static String synthesisedFormat(byte[] h) {
        if (startsWith(h, "MThd")) {
            return "MIDI (Standard MIDI File, a score for a synthesiser, not recorded sound)";
        }
        if (startsWith(h, "RIFF") && ascii(h, 8, 4).equals("RMID")) {
            return "MIDI (RIFF RMID, a score for a synthesiser, not recorded sound)";
        }
        if (startsWith(h, "IREZ")) {
            return "RMF (Beatnik rich music format, a score for a synthesiser, not recorded sound)";
        }
        return null;
    }

    /** Whether the bytes start a RIFF file (WAV, or another RIFF type that {@link WavReader} names). */
    static boolean isRiff(byte[] h) {
        return startsWith(h, "RIFF");
    }

    /** Whether a format named by {@link #undecodedFormat} is decoded when ser-models is on the class path. */
    static boolean decodedByPlugIn(String format) {
        return PLUGGABLE.contains(format);
    }

    /**
     * The name of a format ser-core does not decode itself, known from its magic bytes, or null if the
     * bytes may be WAV, AIFF or AU (whose encoding is checked when the header is parsed).
     */
    static String undecodedFormat(byte[] h) {
        if (startsWith(h, "fLaC")) {
            return "FLAC";
        }
        if (startsWith(h, "OggS")) {
            return "Ogg (Vorbis or Opus)";
        }
        if (startsWith(h, "ID3")) {
            return "MP3 (ID3-tagged)";
        }
        if (h.length >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0) {
            return (h[1] & 0x06) == 0 ? "AAC (ADTS)" : "MP3";
        }
        if (h.length >= 8 && ascii(h, 4, 4).equals("ftyp")) {
            return "MP4/M4A";
        }
        if (startsWith(h, "caff")) {
            return "Core Audio Format (CAF)";
        }
        if (startsWith(h, "RF64")) {
            return "RF64 (64-bit WAV)";
        }
        return null;
    }

    /**
     * Whether {@code javax.sound} may parse these bytes: only AIFF ({@code FORM}) and AU ({@code .snd}).
     * Everything else is refused before javax.sound sees it, because its file readers include a MIDI
     * synthesiser and would turn anything it recognises as a score into rendered audio.
     */
    static boolean forJavaSound(byte[] h) {
        return startsWith(h, "FORM") || startsWith(h, ".snd");
    }

    /** A short description of unrecognised bytes for an error message. */
    static String describe(byte[] h) {
        if (startsWith(h, "FORM")) {
            String compression = aifcCompression(h);
            return compression == null ? "malformed AIFF header" : "AIFF-C with '" + compression
                    + "' compression is not decoded by ser4j; convert it to WAV, AIFF or AU (PCM or float) first";
        }
        if (startsWith(h, ".snd")) {
            return "malformed AU header";
        }
        StringBuilder sb = new StringBuilder("not audio: unrecognised content starting with bytes");
        for (int i = 0; i < Math.min(8, h.length); i++) {
            sb.append(String.format(Locale.ROOT, " %02X", h[i] & 0xFF));
        }
        return sb.toString();
    }

    /**
     * Whether an AIFF or AU file, held whole in {@code h}, ends before its header does: AU needs its
     * 24-byte header and everything up to its data offset, AIFF a complete COMM chunk and the start
     * of its SSND chunk.
     */
    static boolean truncatedHeader(byte[] h) {
        if (startsWith(h, ".snd")) {
            return h.length < 24 || h.length < be32(h, 4);
        }
        if (h.length < 12) {
            return true;
        }
        boolean comm = false;
        boolean ssnd = false;
        long p = 12;
        while (p + 8 <= h.length) {
            String id = ascii(h, (int) p, 4);
            long size = be32(h, (int) p + 4);
            comm |= id.equals("COMM") && p + 8 + size <= h.length;
            ssnd |= id.equals("SSND") && p + 16 <= h.length;
            p += 8 + size + (size & 1);
        }
        return !(comm && ssnd);
    }

    /** A readable name for a WAV format tag ser4j does not decode. */
    static String wavTagName(int tag) {
        switch (tag) {
            case 0x0002: return "Microsoft ADPCM";
            case 0x0011: return "IMA ADPCM";
            case 0x0031: return "GSM 6.10";
            case 0x0050: return "MPEG";
            case 0x0055: return "MP3";
            default: return "compressed";
        }
    }

    /** The compression type of an AIFF-C file's COMM chunk, if it lies within {@code h}, else null. */
    private static String aifcCompression(byte[] h) {
        if (!ascii(h, 8, 4).equals("AIFC")) {
            return null;
        }
        long p = 12;
        while (p + 8 <= h.length) {
            long size = be32(h, (int) p + 4);
            if (ascii(h, (int) p, 4).equals("COMM")) {
                // channels(2) frames(4) bits(2) rate(10), then the compression type
                return size >= 22 && p + 30 <= h.length ? ascii(h, (int) p + 26, 4) : null;
            }
            p += 8 + size + (size & 1);
        }
        return null;
    }

    private static long be32(byte[] h, int p) {
        return (h[p] & 0xFFL) << 24 | (h[p + 1] & 0xFFL) << 16 | (h[p + 2] & 0xFFL) << 8 | (h[p + 3] & 0xFFL);
    }

    private static boolean startsWith(byte[] h, String magic) {
        return h.length >= magic.length() && ascii(h, 0, magic.length()).equals(magic);
    }

    private static String ascii(byte[] h, int from, int len) {
        if (from + len > h.length) {
            return "";
        }
        return new String(h, from, len, StandardCharsets.ISO_8859_1);
    }
}
