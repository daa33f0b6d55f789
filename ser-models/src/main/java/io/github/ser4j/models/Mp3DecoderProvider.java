package io.github.ser4j.models;

import io.github.ser4j.core.AudioDecoderProvider;
import io.github.ser4j.core.AudioReader;
import io.github.ser4j.core.DecodedStream;
import io.github.ser4j.core.UnsupportedAudioException;
import java.io.IOException;
import java.io.InputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MP3 (MPEG-1/2/2.5 Layer III, also Layers I and II), decoded by JLayer ({@code javazoom:jlayer}, LGPL
 * 2.1, pure Java) to 16-bit samples. Gapless as LAME's and mpg123's decoders are: a Xing/Info frame is not
 * audio, and its LAME tag's encoder delay (plus the 529-sample decoder delay) and padding are cut, so the
 * output has the encoder's input length; without a LAME tag the codec's delay stays in. A stream whose
 * sample rate or channel count changes from frame to frame is refused, as is one with no decodable frame.
 *
 * <p>Thread-safety: stateless; each {@link #open} makes its own decoder.
 */
public final class Mp3DecoderProvider implements AudioDecoderProvider {


    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public Mp3DecoderProvider() {
    }

    @Override
    public String formatName() {
        return "MP3";
    }

    @Override
    public java.util.Set<String> extensions() {
        return java.util.Set.of("mp3");
    }

    @Override
    public boolean accepts(byte[] h) {
        if (h.length >= 3 && h[0] == 'I' && h[1] == 'D' && h[2] == '3') {
            return true;
        }
        // An MPEG audio frame header: 11 sync bits, a version other than 'reserved', a layer (not AAC's 00).
        return h.length >= 4 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0 && (h[1] & 0x18) != 0x08
                && (h[1] & 0x06) != 0 && (h[2] & 0xF0) != 0xF0 && (h[2] & 0x0C) != 0x0C;
    }

    @Override
    public DecodedStream open(InputStream in, String name) throws IOException {
        in.mark(AudioReader.SNIFF_BYTES);
        byte[] head = in.readNBytes(AudioReader.SNIFF_BYTES);
        in.reset();
        Gapless gapless = Gapless.of(head);
        // JLayer allocates an ID3v2 tag's declared size (up to 256 MB) to keep it: skip the tag instead.
        int tag = id3v2Size(head);
        if (tag > 0) {
            try {
                in.skipNBytes(tag);
            } catch (java.io.EOFException e) {
                throw new UnsupportedAudioException(name + ": truncated MP3: the file ends inside its "
                        + tag + "-byte ID3v2 tag", e);
            }
        }
        return new Stream(in, name, gapless);
    }

    /** The length of the ID3v2 tag at the start of {@code h} (header and footer included), or 0. */
    static int id3v2Size(byte[] h) {
        if (h.length < 10 || h[0] != 'I' || h[1] != 'D' || h[2] != '3') {
            return 0;
        }
        return 10 + ((h[6] & 0x7F) << 21 | (h[7] & 0x7F) << 14 | (h[8] & 0x7F) << 7 | (h[9] & 0x7F))
                + ((h[5] & 0x10) != 0 ? 10 : 0);
    }

    /** The first frame's Xing/Info header and LAME tag, read from the file's first bytes. */
    record Gapless(boolean infoFrame, int skip, long length) {

        /** The decoder delay of the MPEG audio synthesis filter bank, as LAME and mpg123 count it. */
        static final int DECODER_DELAY = 529;
        static final Gapless NONE = new Gapless(false, 0, Long.MAX_VALUE);

        static Gapless of(byte[] h) {
            int p = id3v2Size(h);
            if (p + 4 > h.length || (h[p] & 0xFF) != 0xFF || (h[p + 1] & 0xE0) != 0xE0 || ((h[p + 1] >> 1) & 3) != 1) {
                return NONE; // not a Layer III frame within the first bytes
            }
            boolean mpeg1 = ((h[p + 1] >> 3) & 3) == 3;
            boolean mono = ((h[p + 3] >> 6) & 3) == 3;
            int side = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
            int x = p + 4 + ((h[p + 1] & 1) == 0 ? 2 : 0) + side;
            if (x + 8 > h.length || !(ascii(h, x, "Xing") || ascii(h, x, "Info"))) {
                return NONE;
            }
            int flags = be32(h, x + 4);
            int q = x + 8;
            long frames = -1;
            if ((flags & 1) != 0 && q + 4 <= h.length) {
                frames = be32(h, q) & 0xFFFF_FFFFL;
                q += 4;
            }
            q += ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
            if (frames < 0 || q + 24 > h.length || !(ascii(h, q, "LAME") || ascii(h, q, "Lavc") || ascii(h, q, "Lavf"))) {
                return new Gapless(true, 0, Long.MAX_VALUE);
            }
            int delay = (h[q + 21] & 0xFF) << 4 | (h[q + 22] & 0xFF) >> 4;
            int padding = (h[q + 22] & 0x0F) << 8 | (h[q + 23] & 0xFF);
            long total = frames * (mpeg1 ? 1152 : 576) - delay - padding;
            return total > 0 ? new Gapless(true, delay + DECODER_DELAY, total) : new Gapless(true, 0, Long.MAX_VALUE);
        }

        private static boolean ascii(byte[] h, int p, String s) {
            for (int i = 0; i < s.length(); i++) {
                if (h[p + i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static int be32(byte[] h, int p) {
            return (h[p] & 0xFF) << 24 | (h[p + 1] & 0xFF) << 16 | (h[p + 2] & 0xFF) << 8 | (h[p + 3] & 0xFF);
        }
    }

    private static final class Stream extends FrameQueue {
        private final InputStream in;
        private final String name;
        private final Bitstream bits;
        private final Decoder decoder = new Decoder();
        private final Gapless gapless;
        private Header pending;
        private long frames;
        private long toSkip;
        private long emitted;

        Stream(InputStream in, String name, Gapless gapless) throws IOException {
            this.in = in;
            this.name = name;
            this.gapless = gapless;
            this.toSkip = gapless.skip();
            this.bits = new Bitstream(in);
            this.pending = nextHeader();
            if (pending == null) {
                throw new UnsupportedAudioException(name + ": corrupt MP3: no MPEG audio frame found");
            }
            this.rate = pending.frequency();
            this.channels = pending.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
        }

        private Header nextHeader() throws UnsupportedAudioException {
            try {
                return bits.readFrame();
            } catch (BitstreamException e) {
                throw new UnsupportedAudioException(name + ": corrupt MP3 frame after " + frames + " frames: "
                        + e.getMessage(), e);
            }
        }


        @Override
        protected boolean decodeNext() throws IOException {
            Header h = pending != null ? pending : nextHeader();
            pending = null;
            if (h == null) {
                if (gapless.length() != Long.MAX_VALUE && emitted < gapless.length()) {
                    throw new UnsupportedAudioException(name + ": truncated MP3 data: its LAME tag declares "
                            + gapless.length() + " samples, the file holds " + emitted);
                }
                return false;
            }
            int hChannels = h.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
            if (h.frequency() != (int) rate || hChannels != channels) {
                throw new UnsupportedAudioException(name + ": unsupported MP3: frame " + frames + " changes the stream from "
                        + (int) rate + " Hz, " + channels + " channels to " + h.frequency() + " Hz, " + hChannels + " channels");
            }
            SampleBuffer out;
            try {
                out = (SampleBuffer) decoder.decodeFrame(h, bits);
            } catch (DecoderException e) {
                throw new UnsupportedAudioException(name + ": corrupt MP3 frame " + frames + ": " + e.getMessage(), e);
            } finally {
                bits.closeFrame();
            }
            if (out.getChannelCount() != channels) {
                throw new UnsupportedAudioException(name + ": corrupt MP3 frame " + frames + ": decoded "
                        + out.getChannelCount() + " channels, expected " + channels);
            }
            int n = out.getBufferLength() / channels;
            short[] pcm = out.getBuffer();
            boolean info = frames++ == 0 && gapless.infoFrame(); // the Info frame holds no audio
            int skip = info ? n : (int) Math.min(toSkip, n);
            toSkip -= info ? 0 : skip;
            int keep = (int) Math.max(0, Math.min(n - skip, gapless.length() - emitted));
            ensureBlock(keep * channels);
            for (int i = 0; i < keep * channels; i++) {
                block[i] = pcm[skip * channels + i] / 32768f;
            }
            blockFrames = keep;
            emitted += keep;
            return true;
        }

        @Override
        public void close() throws IOException {
            try {
                bits.close();
            } catch (BitstreamException e) {
                throw new IOException(name + ": " + e.getMessage(), e);
            } finally {
                in.close();
            }
        }
    }
}
