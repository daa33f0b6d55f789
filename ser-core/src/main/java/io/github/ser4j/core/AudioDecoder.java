package io.github.ser4j.core;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Opens audio by its sniffed format: WAV (header parsed by {@link WavReader}), AIFF/AU (parsed by
 * {@code javax.sound.sampled}), then the {@link AudioDecoderProvider}s on the class path; decodes through
 * {@link AudioReader}, and turns every failure into an {@link UnsupportedAudioException} that names the
 * source and the reason. Resampling is not done here: it happens once, in {@link AudioClip#resampledTo}.
 */
final class AudioDecoder {

    /** Frames allocated before any are read; the buffer doubles as samples arrive. */
    private static final int INITIAL_FRAMES = 1 << 20;
    /** Frames asked of a reader per call when a whole file is read. */
    private static final int CHUNK_FRAMES = 8192;

    /** The providers, loaded once with ser-core's class loader (the shaded jar and Spark's app loader alike). */
    private static final class Providers {
        static final List<AudioDecoderProvider> ALL = load();

        private static List<AudioDecoderProvider> load() {
            List<AudioDecoderProvider> list = new ArrayList<>();
            java.util.Iterator<AudioDecoderProvider> it = ServiceLoader.load(AudioDecoderProvider.class,
                    AudioDecoderProvider.class.getClassLoader()).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    list.add(it.next());
                } catch (java.util.ServiceConfigurationError e) {
                    // one broken plug-in must not stop WAV (or the other plug-ins) from being read
                    org.slf4j.LoggerFactory.getLogger(AudioDecoder.class).warn("audio decoder plug-in skipped: {}",
                            e.getMessage());
                }
            }
            return List.copyOf(list);
        }
    }

    private AudioDecoder() {
    }

    /** The decoder plug-ins found on the class path. */
    static List<AudioDecoderProvider> providers() {
        return Providers.ALL;
    }

    /** The file-name extensions of the plug-ins' formats (for {@code AudioClip.readableExtensions()}). */
    static java.util.Set<String> pluginExtensions() {
        java.util.Set<String> all = new java.util.TreeSet<>();
        for (AudioDecoderProvider p : providers()) {
            try {
                p.extensions().forEach(e -> all.add(e.toLowerCase(Locale.ROOT)));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AudioDecoder.class).warn("{} decoder plug-in: no extensions: {}",
                        p.formatName(), e.toString());
            }
        }
        return java.util.Collections.unmodifiableSet(all);
    }

    static AudioReader open(Path file) throws IOException {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(name, null, "no such audio file");
        }
        if (Files.isDirectory(file)) {
            throw new UnsupportedAudioException(name + ": is a directory, not an audio file");
        }
        InputStream in = Files.newInputStream(file);
        try {
            return open(in, name);
        } catch (IOException | RuntimeException | Error e) {
            in.close();
            throw e;
        }
    }

    /** Opens a stream by its sniffed format; the reader closes {@code raw} when closed. */
    static AudioReader open(InputStream raw, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, AudioReader.SNIFF_BYTES);
        in.mark(AudioReader.SNIFF_BYTES);
        byte[] head = in.readNBytes(AudioReader.SNIFF_BYTES);
        in.reset();
        if (head.length == 0) {
            throw new UnsupportedAudioException(name + ": empty file, no audio data");
        }
        String score = FormatSniffer.synthesisedFormat(head);
        if (score != null) {
            throw refused(name, score);
        }
        if (FormatSniffer.isRiff(head)) {
            return new AudioReader(new PcmStream(WavReader.open(in, name), name), name, "WAV");
        }
        for (AudioDecoderProvider p : providers()) {
            boolean accepted;
            try {
                accepted = p.accepts(head.clone());
            } catch (RuntimeException e) {
                throw new UnsupportedAudioException(name + ": the " + p.formatName() + " decoder failed on the file's "
                        + "first bytes (" + e + ")", e);
            }
            if (accepted) {
                DecodedStream s;
                try {
                    s = p.open(in, name);
                } catch (RuntimeException | StackOverflowError e) { // a decoder's bug, not the caller's
                    throw new UnsupportedAudioException(name + ": corrupt " + p.formatName() + " header ("
                            + p.formatName() + " decoder failed: " + e + ")", e);
                }
                return new AudioReader(s, name, p.formatName());
            }
        }
        String foreign = FormatSniffer.undecodedFormat(head);
        if (foreign != null) {
            throw refused(name, foreign);
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
            boolean wholeFile = head.length < AudioReader.SNIFF_BYTES;
            String reason = wholeFile && FormatSniffer.truncatedHeader(head)
                    ? "truncated header: the file ends before its " + (head[0] == 'F' ? "AIFF" : "AU") + " header does"
                    : FormatSniffer.describe(head);
            throw new UnsupportedAudioException(name + ": " + reason, e);
        }
        return new AudioReader(new PcmStream(ais, name), name, head[0] == 'F' ? "AIFF" : "AU");
    }

    private static UnsupportedAudioException refused(String name, String format) {
        boolean pluggable = FormatSniffer.decodedByPlugIn(format);
        return new UnsupportedAudioException(name + ": " + format + " is not decoded by ser4j"
                + (pluggable ? " without a decoder plug-in (add ser-models to the class path)" : "")
                + "; convert it to WAV, AIFF or AU (PCM or float) first");
    }

    static AudioClip read(Path file) throws IOException {
        try (AudioReader r = open(file)) {
            return readAll(r);
        }
    }

    static AudioClip read(InputStream in, String name) throws IOException {
        AudioReader r = open(new NonClosing(in), name);
        try (r) {
            return readAll(r);
        }
    }

    /** Decodes a javax.sound stream to float mono; the stream is not closed. */
    static AudioClip decode(AudioInputStream ais, String name) throws IOException {
        try (AudioReader r = new AudioReader(new PcmStream(new AudioInputStream(new NonClosing(ais), ais.getFormat(),
                ais.getFrameLength()), name), name, "PCM")) {
            return readAll(r);
        }
    }

    static List<AudioClip> readChannels(Path file) throws IOException {
        return readChannels(open(file));
    }

    /** Each channel of what a reader holds as its own clip, within the clip limits; closes the reader. */
    static List<AudioClip> readChannels(AudioReader reader) throws IOException {
        try (AudioReader r = reader) {
            float[][] channels = readAll(r, false);
            List<AudioClip> clips = new ArrayList<>(channels.length);
            for (float[] c : channels) {
                clips.add(AudioClip.adopt(c, r.sampleRateHz()));
            }
            return List.copyOf(clips);
        }
    }

    /** Reads a whole file into one mono clip, within the clip limits. */
    static AudioClip readAll(AudioReader r) throws IOException {
        return AudioClip.adopt(readAll(r, true)[0], r.sampleRateHz());
    }

    /**
     * Reads a whole file, mixed to mono or one array per channel. Memory grows with what the file holds,
     * never with what its header claims; the total is bounded by the longest clip at the highest rate.
     */
    private static float[][] readAll(AudioReader r, boolean mono) throws IOException {
        String name = r.sourceName();
        float rate = r.sampleRateHz();
        int outputs = mono ? 1 : r.channels();
        long maxFrames = (long) Math.floor(AudioClip.MAX_DURATION_SECONDS * rate);
        long maxSamples = (long) Math.floor(AudioClip.MAX_DURATION_SECONDS * AudioClip.MAX_SAMPLE_RATE_HZ);
        long declared = r.frameLength();
        if (declared > maxFrames) {
            throw new UnsupportedAudioException(String.format(Locale.ROOT,
                    "%s: %.1f s of audio is longer than the %.0f s limit; stream longer audio",
                    name, declared / (double) rate, AudioClip.MAX_DURATION_SECONDS));
        }
        if (declared >= 0 && declared * outputs > maxSamples) {
            throw new UnsupportedAudioException(String.format(Locale.ROOT,
                    "%s: %d channels of %d frames are more than the %d samples a whole read may hold; stream it",
                    name, outputs, declared, maxSamples));
        }
        int initial = (int) Math.min(Math.min(declared >= 0 ? declared : INITIAL_FRAMES, INITIAL_FRAMES), maxFrames + 1);
        float[][] out = new float[outputs][Math.max(initial, 1)];
        float[] chunk = new float[CHUNK_FRAMES * (mono ? 1 : r.channels())];
        int frames = 0;
        while (true) {
            int n = mono ? r.readMono(chunk) : r.read(chunk);
            if (n < 0) {
                break;
            }
            if (frames + (long) n > maxFrames) {
                throw new UnsupportedAudioException(String.format(Locale.ROOT,
                        "%s: audio is longer than the %.0f s limit; stream longer audio", name, AudioClip.MAX_DURATION_SECONDS));
            }
            if ((frames + (long) n) * outputs > maxSamples) {
                throw new UnsupportedAudioException(String.format(Locale.ROOT,
                        "%s: %d channels of audio are more than the %d samples a whole read may hold; stream it",
                        name, outputs, maxSamples));
            }
            if (frames + n > out[0].length) {
                int size = (int) Math.min(maxFrames + 1, Math.max((long) out[0].length * 2, frames + n));
                for (int c = 0; c < outputs; c++) {
                    out[c] = Arrays.copyOf(out[c], size);
                }
            }
            if (mono) {
                System.arraycopy(chunk, 0, out[0], frames, n);
            } else {
                for (int f = 0; f < n; f++) {
                    for (int c = 0; c < outputs; c++) {
                        out[c][frames + f] = chunk[f * outputs + c];
                    }
                }
            }
            frames += n;
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
        for (int c = 0; c < outputs; c++) {
            if (out[c].length != frames) {
                out[c] = Arrays.copyOf(out[c], frames);
            }
        }
        return out;
    }

    /** Converts whole frames of interleaved PCM samples to mono floats (channel average), for capture lines. */
    static void decodeFrames(byte[] buf, int frames, int channels, int bytesPerSample, boolean isFloat,
            boolean signed, boolean bigEndian, float[] out, int outOffset) {
        decodeFrames(buf, frames, channels, bytesPerSample, isFloat, signed, bigEndian, null, out, outOffset);
    }

    /** As above; {@code g711} is a G.711 decoding table for 8-bit companded samples, else null. */
    static void decodeFrames(byte[] buf, int frames, int channels, int bytesPerSample, boolean isFloat,
            boolean signed, boolean bigEndian, short[] g711, float[] out, int outOffset) {
        int p = 0;
        for (int fr = 0; fr < frames; fr++) {
            double sum = 0;
            for (int c = 0; c < channels; c++, p += bytesPerSample) {
                sum += g711 != null ? g711[buf[p] & 0xFF] / 32768.0
                        : PcmStream.sample(buf, p, bytesPerSample, isFloat, signed, bigEndian);
            }
            out[outOffset + fr] = (float) (sum / channels);
        }
    }

    /** Keeps a caller's stream open when ser4j closes what it wrapped around it. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
