package io.github.ser4j.core;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes WAV (header parsed by {@link WavReader}) and AIFF/AU (parsed by {@code javax.sound.sampled})
 * into float mono at the file's own rate, and turns every failure into an
 * {@link UnsupportedAudioException} that names the source and the reason.
 * Resampling is not done here: it happens once, in {@link AudioClip#resampledTo}.
 */
final class AudioDecoder {

    /**
     * Bytes of header sniffed to name foreign formats and to tell a truncated AIFF/AU header from a
     * malformed one (a file shorter than this is seen whole).
     */
    private static final int SNIFF_BYTES = 4096;

    /** Frames allocated before any are read; the buffer doubles as samples arrive. */
    private static final int INITIAL_FRAMES = 1 << 20;

    private AudioDecoder() {
    }

    static AudioClip read(Path file) throws IOException {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(name, null, "no such audio file");
        }
        if (Files.isDirectory(file)) {
            throw new UnsupportedAudioException(name + ": is a directory, not an audio file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, Files.size(file));
        }
    }

    /**
     * Decodes a whole audio file from a stream.
     *
     * @param sizeHint the file's size in bytes if known, else -1: it bounds the first allocation
     */
    static AudioClip read(InputStream raw, String name, long sizeHint) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, SNIFF_BYTES);
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length == 0) {
            throw new UnsupportedAudioException(name + ": empty file, no audio data");
        }
        String foreign = FormatSniffer.undecodedFormat(head);
        if (foreign != null) {
            throw new UnsupportedAudioException(name + ": " + foreign
                    + " is not decoded by ser4j; convert it to WAV, AIFF or AU (PCM or float) first");
        }
        if (head.length >= 4 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F') {
            return decode(WavReader.open(in, name), name, sizeHint);
        }
        if (!FormatSniffer.forJavaSound(head)) {
            throw new UnsupportedAudioException(name + ": " + FormatSniffer.describe(head));
        }
        AudioInputStream ais;
        try {
            ais = AudioSystem.getAudioInputStream(in);
        } catch (UnsupportedAudioFileException | IOException | RuntimeException e) {
            // javax.sound says "unsupported format" for truncated headers too, and reports some
            // malformed ones with unchecked exceptions: name the reason from the bytes we sniffed.
            boolean wholeFile = head.length < SNIFF_BYTES;
            boolean aiffOrAu = head.length >= 4 && (new String(head, 0, 4, StandardCharsets.ISO_8859_1).equals("FORM")
                    || new String(head, 0, 4, StandardCharsets.ISO_8859_1).equals(".snd"));
            String reason = aiffOrAu && wholeFile && FormatSniffer.truncatedHeader(head)
                    ? "truncated header: the file ends before its " + (head[0] == 'F' ? "AIFF" : "AU") + " header does"
                    : FormatSniffer.describe(head);
            throw new UnsupportedAudioException(name + ": " + reason, e);
        }
        try (ais) {
            return decode(ais, name, sizeHint);
        }
    }

    /**
     * Decodes a javax.sound stream to float mono.
     *
     * @param sizeHint an upper bound on the stream's bytes if known, else -1
     */
    static AudioClip decode(AudioInputStream ais, String name, long sizeHint) throws IOException {
        AudioFormat f = ais.getFormat();
        AudioFormat.Encoding enc = f.getEncoding();
        int channels = f.getChannels();
        int bits = f.getSampleSizeInBits();
        float rate = f.getSampleRate();
        boolean pcmInt = AudioFormat.Encoding.PCM_SIGNED.equals(enc) || AudioFormat.Encoding.PCM_UNSIGNED.equals(enc);
        boolean pcmFloat = AudioFormat.Encoding.PCM_FLOAT.equals(enc);
        if (!pcmInt && !pcmFloat) {
            String encName = AudioFormat.Encoding.ULAW.equals(enc) ? "mu-law (ULAW)"
                    : AudioFormat.Encoding.ALAW.equals(enc) ? "A-law (ALAW)" : enc.toString();
            throw new UnsupportedAudioException(name + ": encoding " + encName
                    + " is not decoded by ser4j; supported: PCM 8/16/24/32-bit integer and 32/64-bit float");
        }
        if (pcmInt && (bits < 8 || bits > 32 || bits % 8 != 0)) {
            throw new UnsupportedAudioException(name + ": " + bits + "-bit PCM is not supported; use 8, 16, 24 or 32 bits");
        }
        if (pcmFloat && bits != 32 && bits != 64) {
            throw new UnsupportedAudioException(name + ": " + bits + "-bit float is not supported; use 32 or 64 bits");
        }
        if (channels < 1 || channels > 64) {
            throw new UnsupportedAudioException(name + ": channel count " + channels + " is not supported (1 to 64)");
        }
        if (!Float.isFinite(rate) || rate < AudioClip.MIN_SAMPLE_RATE_HZ || rate > AudioClip.MAX_SAMPLE_RATE_HZ) {
            throw new UnsupportedAudioException(name + ": sample rate " + rate + " Hz is outside "
                    + AudioClip.MIN_SAMPLE_RATE_HZ + " to " + AudioClip.MAX_SAMPLE_RATE_HZ + " Hz");
        }
        int bytesPerSample = bits / 8;
        int frameSize = bytesPerSample * channels;
        if (f.getFrameSize() != AudioSystem.NOT_SPECIFIED && f.getFrameSize() != frameSize) {
            throw new UnsupportedAudioException(name + ": frame size " + f.getFrameSize()
                    + " bytes does not match " + channels + " channels of " + bits + " bits");
        }
        long maxFrames = (long) Math.floor(AudioClip.MAX_DURATION_SECONDS * rate);
        long declared = ais.getFrameLength();
        if (declared > maxFrames) {
            throw new UnsupportedAudioException(String.format(Locale.ROOT,
                    "%s: %.1f s of audio is longer than the %.0f s limit; stream longer audio",
                    name, declared / (double) rate, AudioClip.MAX_DURATION_SECONDS));
        }

        // Read in bounded chunks so a header that lies about its length cannot exhaust memory.
        // Trust a declared length only as far as the file size allows: a lying header must not cost its size.
        long cap = Math.min(maxFrames + 1, sizeHint >= 0 ? sizeHint / frameSize + 1 : INITIAL_FRAMES);
        float[] out = new float[(int) Math.min(declared >= 0 ? declared : cap, cap)];
        int frames = 0;
        byte[] buf = new byte[frameSize * 4096];
        int pending = 0;
        while (true) {
            int n = ais.read(buf, pending, buf.length - pending);
            if (n < 0) {
                break;
            }
            pending += n;
            int whole = pending / frameSize;
            if (frames + (long) whole > maxFrames) {
                throw new UnsupportedAudioException(String.format(Locale.ROOT,
                        "%s: audio is longer than the %.0f s limit; stream longer audio", name, AudioClip.MAX_DURATION_SECONDS));
            }
            if (frames + whole > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(maxFrames + 1, Math.max((long) out.length * 2, frames + whole)));
            }
            decodeFrames(buf, whole, channels, bytesPerSample, pcmFloat,
                    AudioFormat.Encoding.PCM_SIGNED.equals(enc) || pcmFloat, f.isBigEndian(), out, frames);
            frames += whole;
            int rest = pending - whole * frameSize;
            System.arraycopy(buf, whole * frameSize, buf, 0, rest);
            pending = rest;
        }
        if (declared != AudioSystem.NOT_SPECIFIED && frames < declared) {
            throw new UnsupportedAudioException(String.format(Locale.ROOT,
                    "%s: truncated data: the header declares %d frames, the file holds %d", name, declared, frames));
        }
        if (frames == 0) {
            throw new UnsupportedAudioException(name + ": no audio samples (zero frames)");
        }
        double seconds = frames / (double) rate;
        if (seconds < AudioClip.MIN_DURATION_SECONDS) {
            throw new UnsupportedAudioException(String.format(Locale.ROOT,
                    "%s: clip is too short: %d samples at %.0f Hz is %.4f s, the minimum is %.2f s",
                    name, frames, rate, seconds, AudioClip.MIN_DURATION_SECONDS));
        }
        for (int i = 0; i < frames; i++) {
            if (!Float.isFinite(out[i])) {
                throw new UnsupportedAudioException(name + ": sample " + i + " is not a finite number (" + out[i] + ")");
            }
        }
        return AudioClip.adopt(frames == out.length ? out : Arrays.copyOf(out, frames), rate);
    }

    /** Converts whole frames of interleaved samples to mono floats (channel average). */
    static void decodeFrames(byte[] buf, int frames, int channels, int bytesPerSample, boolean isFloat,
            boolean signed, boolean bigEndian, float[] out, int outOffset) {
        int bits = bytesPerSample * 8;
        double scale = 1.0 / (1L << (bits - 1));
        int p = 0;
        for (int fr = 0; fr < frames; fr++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
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
                p += bytesPerSample;
                double s;
                if (isFloat) {
                    s = bits == 32 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
                } else if (signed) {
                    long shifted = v << (64 - bits) >> (64 - bits); // sign-extend
                    s = shifted * scale;
                } else {
                    s = (v - (1L << (bits - 1))) * scale;
                }
                sum += s;
            }
            out[outOffset + fr] = (float) (sum / channels);
        }
    }
}
