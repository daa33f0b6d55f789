package io.github.ser4j.models;

import io.github.ser4j.core.AudioDecoderProvider;
import io.github.ser4j.core.DecodedStream;
import io.github.ser4j.core.UnsupportedAudioException;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Ogg Opus (RFC 7845), decoded by Concentus ({@code io.github.jaredmdobson:concentus}, BSD 3-clause, a
 * pure-Java port of libopus) at 48 kHz, from the packets of {@link OggPackets}. The header's pre-skip
 * and output gain are applied and the end is trimmed to the last granule position, as opusdec does.
 * Mono and stereo (channel mapping family 0) are decoded; multichannel layouts are refused.
 *
 * <p>Thread-safety: stateless; each {@link #open} makes its own decoder.
 */
public final class OggOpusDecoderProvider implements AudioDecoderProvider {

    private static final byte[] MAGIC = "OpusHead".getBytes(StandardCharsets.ISO_8859_1);
    /** Opus always decodes at 48 kHz; 120 ms is the longest packet. */
    private static final int RATE = 48_000;
    private static final int MAX_PACKET_FRAMES = 5760;

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public OggOpusDecoderProvider() {
    }

    @Override
    public String formatName() {
        return "Ogg Opus";
    }

    @Override
    public java.util.Set<String> extensions() {
        return java.util.Set.of("opus");
    }

    @Override
    public boolean accepts(byte[] head) {
        return OggPackets.firstPacketStartsWith(head, MAGIC);
    }

    @Override
    public DecodedStream open(InputStream in, String name) throws IOException {
        return new Stream(in, name);
    }

    private static final class Stream extends FrameQueue {
        private final InputStream in;
        private final String name;
        private final OggPackets packets;
        private final float gain;
        private final OpusDecoder decoder;
        private final short[] pcm;
        private long toSkip;
        private final long preSkip;
        private long decoded;
        private long limit = Long.MAX_VALUE;

        Stream(InputStream in, String name) throws IOException {
            this.in = in;
            this.name = name;
            this.packets = new OggPackets(in, name, "Ogg Opus");
            OggPackets.Packet head = packets.next();
            byte[] h = head == null ? new byte[0] : head.data();
            if (h.length < 19) {
                throw new UnsupportedAudioException(name + ": corrupt Ogg Opus: the OpusHead packet is " + h.length
                        + " bytes, at least 19 are needed");
            }
            int version = h[8] & 0xFF;
            if (version >> 4 != 0) {
                throw new UnsupportedAudioException(name + ": unsupported Ogg Opus: header version " + version);
            }
            this.channels = h[9] & 0xFF;
            this.rate = RATE;
            this.preSkip = (h[10] & 0xFF) | (h[11] & 0xFF) << 8;
            this.toSkip = preSkip;
            int gainQ8 = (short) ((h[16] & 0xFF) | (h[17] & 0xFF) << 8);
            this.gain = (float) Math.pow(10, gainQ8 / (20.0 * 256));
            int family = h[18] & 0xFF;
            if (family != 0 || channels < 1 || channels > 2) {
                throw new UnsupportedAudioException(name + ": unsupported Ogg Opus channel layout: " + channels
                        + " channels with mapping family " + family + " (mono and stereo, family 0, are decoded)");
            }
            if (packets.next() == null) {
                throw new UnsupportedAudioException(name + ": truncated Ogg Opus: the stream ends before its OpusTags packet");
            }
            try {
                this.decoder = new OpusDecoder(RATE, channels);
            } catch (OpusException e) {
                throw new UnsupportedAudioException(name + ": unsupported Ogg Opus: " + e.getMessage(), e);
            }
            this.pcm = new short[MAX_PACKET_FRAMES * channels];
        }


        @Override
        protected boolean decodeNext() throws IOException {
            if (decoded >= limit) {
                return false;
            }
            OggPackets.Packet p = packets.next();
            if (p == null) {
                return false;
            }
            if (p.lastOfStream() && p.granule() >= 0) {
                limit = Math.max(0, p.granule() - preSkip);
            }
            byte[] data = p.data();
            int n;
            try {
                n = decoder.decode(data, 0, data.length, pcm, 0, MAX_PACKET_FRAMES, false);
            } catch (OpusException e) {
                throw new UnsupportedAudioException(name + ": corrupt Ogg Opus packet " + p.number() + ": "
                        + e.getMessage(), e);
            }
            int skip = (int) Math.min(toSkip, n);
            toSkip -= skip;
            int keep = (int) Math.max(0, Math.min(n - skip, limit - decoded));
            ensureBlock(keep * channels);
            for (int i = 0; i < keep * channels; i++) {
                block[i] = pcm[skip * channels + i] * gain / 32768f;
            }
            blockFrames = keep;
            decoded += keep;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
