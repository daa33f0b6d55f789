package io.github.ser4j.core;

import java.nio.charset.StandardCharsets;

/** Names a file's format from its first bytes, so an error can say "FLAC" instead of "unsupported". */
final class FormatSniffer {

    private FormatSniffer() {
    }

    /**
     * The name of a format that javax.sound will not decode, or null if the bytes may be something it
     * decodes (WAV/AIFF/AU with PCM or float data).
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
        if (startsWith(h, "RIFF") && h.length >= 12 && ascii(h, 8, 4).equals("WAVE")) {
            int tag = wavFormatTag(h);
            if (tag > 0 && tag != 0x0001 && tag != 0x0003 && tag != 0xFFFE) {
                return "WAV with " + wavTagName(tag) + String.format(" data (format tag 0x%04X)", tag);
            }
        }
        if (startsWith(h, "RF64")) {
            return "RF64 (64-bit WAV)";
        }
        return null;
    }

    /** A short description of unrecognised bytes for an error message. */
    static String describe(byte[] h) {
        if (startsWith(h, "RIFF") || startsWith(h, "FORM") || startsWith(h, ".snd")) {
            return "a " + ascii(h, 0, 4).trim() + " header javax.sound could not parse";
        }
        StringBuilder sb = new StringBuilder("unrecognised content starting with bytes");
        for (int i = 0; i < Math.min(8, h.length); i++) {
            sb.append(String.format(" %02X", h[i] & 0xFF));
        }
        return sb.toString();
    }

    /** The format tag of the "fmt " chunk, searching the first chunks, or -1. */
    private static int wavFormatTag(byte[] h) {
        int p = 12;
        while (p + 10 <= h.length) {
            String id = ascii(h, p, 4);
            long size = le32(h, p + 4);
            if (id.equals("fmt ")) {
                return (h[p + 8] & 0xFF) | ((h[p + 9] & 0xFF) << 8);
            }
            p += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - 16);
        }
        return -1;
    }

    private static String wavTagName(int tag) {
        switch (tag) {
            case 0x0002: return "Microsoft ADPCM";
            case 0x0006: return "A-law";
            case 0x0007: return "mu-law";
            case 0x0011: return "IMA ADPCM";
            case 0x0031: return "GSM 6.10";
            case 0x0050: return "MPEG";
            case 0x0055: return "MP3";
            default: return "compressed";
        }
    }

    private static long le32(byte[] h, int p) {
        return (h[p] & 0xFFL) | (h[p + 1] & 0xFFL) << 8 | (h[p + 2] & 0xFFL) << 16 | (h[p + 3] & 0xFFL) << 24;
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
