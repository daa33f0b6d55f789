package io.github.ser4j.models;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import io.github.ser4j.core.AudioDecoderProvider;
import io.github.ser4j.core.AudioReader;
import io.github.ser4j.core.DecodedStream;
import io.github.ser4j.core.UnsupportedAudioException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Ogg Vorbis, decoded by JOrbis ({@code org.jcraft:jorbis}, LGPL 2.1, pure Java) from the packets of
 * {@link OggPackets}. The end is trimmed to the last page's granule position, as libvorbis does, so the
 * output has the encoder's input length.
 *
 * <p>Thread-safety: stateless; each {@link #open} makes its own decoder.
 */
public final class OggVorbisDecoderProvider implements AudioDecoderProvider {

    private static final byte[] MAGIC = "\u0001vorbis".getBytes(StandardCharsets.ISO_8859_1);

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public OggVorbisDecoderProvider() {
    }

    @Override
    public String formatName() {
        return "Ogg Vorbis";
    }

    /** Vorbis, or any Ogg file too short to say what it holds (so that it is refused as truncated). */
    @Override
    public java.util.Set<String> extensions() {
        return java.util.Set.of("ogg", "oga");
    }

    @Override
    public boolean accepts(byte[] head) {
        return OggPackets.firstPacketStartsWith(head, MAGIC) || OggPackets.cutBeforeFirstPacket(head);
    }

    @Override
    public DecodedStream open(InputStream in, String name) throws IOException {
        in.mark(AudioReader.SNIFF_BYTES);
        byte[] head = in.readNBytes(AudioReader.SNIFF_BYTES);
        in.reset();
        if (OggPackets.cutBeforeFirstPacket(head)) {
            throw new UnsupportedAudioException(name + ": truncated Ogg: the file ends inside its first page ("
                    + head.length + " bytes)");
        }
        return new Stream(in, name);
    }

    private static final class Stream extends FrameQueue {
        private final InputStream in;
        private final String name;
        private final OggPackets packets;
        private final Info info = new Info();
        private final DspState dsp = new DspState();
        private final Block vorbisBlock;
        private final float[][][] pcm = new float[1][][];
        private final int[] index;
        private long frames;
        private long limit = Long.MAX_VALUE;

        Stream(InputStream in, String name) throws IOException {
            this.in = in;
            this.name = name;
            this.packets = new OggPackets(in, name, "Ogg Vorbis");
            info.init();
            Comment comment = new Comment();
            comment.init();
            for (int i = 0; i < 3; i++) {
                OggPackets.Packet p = packets.next();
                if (p == null) {
                    throw new UnsupportedAudioException(name + ": truncated Ogg Vorbis: the stream ends inside its headers");
                }
                if (i == 2) {
                    VorbisSetupCheck.check(p.data(), name);
                }
                if (info.synthesis_headerin(comment, packet(p, i == 0)) < 0) {
                    throw new UnsupportedAudioException(name + ": corrupt Ogg Vorbis: header packet " + i
                            + " is not a valid Vorbis header");
                }
            }
            if (dsp.synthesis_init(info) != 0) {
                throw new UnsupportedAudioException(name + ": corrupt Ogg Vorbis: the headers describe no decodable stream");
            }
            this.vorbisBlock = new Block(dsp);
            this.rate = info.rate;
            this.channels = info.channels;
            this.index = new int[info.channels];
        }

        private static Packet packet(OggPackets.Packet p, boolean first) {
            Packet op = new Packet();
            op.packet_base = p.data();
            op.packet = 0;
            op.bytes = p.data().length;
            op.b_o_s = first ? 1 : 0;
            op.e_o_s = p.lastOfStream() ? 1 : 0;
            op.granulepos = p.granule();
            op.packetno = p.number();
            return op;
        }


        @Override
        protected boolean decodeNext() throws IOException {
            if (frames >= limit) {
                return false;
            }
            OggPackets.Packet p = packets.next();
            if (p == null) {
                return false;
            }
            if (p.lastOfStream() && p.granule() >= 0) {
                limit = p.granule();
            }
            blockFrames = 0;
            if (vorbisBlock.synthesis(packet(p, false)) != 0) {
                return true; // not an audio packet (libvorbis skips these too)
            }
            dsp.synthesis_blockin(vorbisBlock);
            int n;
            while ((n = dsp.synthesis_pcmout(pcm, index)) > 0) {
                int keep = (int) Math.max(0, Math.min(n, limit - frames - blockFrames));
                ensureBlock((blockFrames + keep) * channels);
                for (int c = 0; c < channels; c++) {
                    float[] ch = pcm[0][c];
                    for (int i = 0; i < keep; i++) {
                        block[(blockFrames + i) * channels + c] = ch[index[c] + i];
                    }
                }
                blockFrames += keep;
                dsp.synthesis_read(n);
            }
            frames += blockFrames;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
