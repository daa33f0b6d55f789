package io.github.ser4j.models;

import io.github.ser4j.core.UnsupportedAudioException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits an Ogg bitstream (RFC 3533) into packets, for the Vorbis and Opus decoders. Own code rather
 * than jogg's: it checks what a hostile file can get wrong — every page's CRC, page sequence numbers,
 * one logical stream only, a packet size limit checked before the packet grows past it, and the end
 * of the stream (a file that stops before its last page is truncated).
 */
final class OggPackets {

    /** The largest packet accepted (Vorbis setup headers are a few kB, Opus packets at most 61,440 B). */
    static final int MAX_PACKET_BYTES = 1 << 20;

    private static final int[] CRC = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int b = 0; b < 8; b++) {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
            }
            CRC[i] = r;
        }
    }

    /** One packet with the granule position of its page if it is the last packet completed there. */
    record Packet(byte[] data, long granule, boolean lastOfStream, long number) {
    }

    private final InputStream in;
    private final String name;
    private final String format;
    private final byte[] header = new byte[27];
    private final int[] lacing = new int[255];
    private int segments;
    private int segment;
    private byte[] payload = new byte[0];
    private int payloadPos;
    private long granule;
    private boolean eos;
    private boolean ended;
    private long serial = -1;
    private long sequence = -1;
    private long pages;
    private long packets;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    OggPackets(InputStream in, String name, String format) {
        this.in = in;
        this.name = name;
        this.format = format;
    }

    /** The next packet, or null after the last packet of the stream. */
    Packet next() throws IOException {
        while (true) {
            if (segment == segments) {
                if (eos) {
                    if (partial.size() > 0) {
                        throw corrupt("the last page ends inside a packet");
                    }
                    ended = true;
                }
                if (ended) {
                    return null;
                }
                readPage();
                continue;
            }
            int len = lacing[segment++];
            if (partial.size() + len > MAX_PACKET_BYTES) {
                throw new UnsupportedAudioException(name + ": unsupported " + format + ": a packet is larger than the "
                        + MAX_PACKET_BYTES + "-byte limit");
            }
            partial.write(payload, payloadPos, len);
            payloadPos += len;
            if (len < 255) {
                byte[] data = partial.toByteArray();
                partial.reset();
                boolean lastOnPage = !moreCompletedPacketsOnPage();
                return new Packet(data, lastOnPage ? granule : -1, lastOnPage && eos, packets++);
            }
        }
    }

    private boolean moreCompletedPacketsOnPage() {
        for (int s = segment; s < segments; s++) {
            if (lacing[s] < 255) {
                return true;
            }
        }
        return false;
    }

    private void readPage() throws IOException {
        int n = in.readNBytes(header, 0, 27);
        if (n == 0) {
            throw new UnsupportedAudioException(name + ": truncated " + format + ": the file ends after page " + pages
                    + " without the end-of-stream page");
        }
        if (n < 27) {
            throw new UnsupportedAudioException(name + ": truncated " + format + ": the file ends inside page " + pages);
        }
        if (header[0] != 'O' || header[1] != 'g' || header[2] != 'g' || header[3] != 'S') {
            throw corrupt("page " + pages + " does not start with 'OggS'");
        }
        if (header[4] != 0) {
            throw corrupt("page " + pages + " has Ogg version " + (header[4] & 0xFF));
        }
        int type = header[5] & 0xFF;
        long pageSerial = le32(header, 14);
        long pageSequence = le32(header, 18);
        long crc = le32(header, 22);
        segments = header[26] & 0xFF;
        byte[] lace = in.readNBytes(segments);
        if (lace.length < segments) {
            throw new UnsupportedAudioException(name + ": truncated " + format + ": the file ends inside page " + pages);
        }
        int size = 0;
        for (int i = 0; i < segments; i++) {
            lacing[i] = lace[i] & 0xFF;
            size += lacing[i];
        }
        payload = in.readNBytes(size); // at most 255 × 255 bytes
        if (payload.length < size) {
            throw new UnsupportedAudioException(name + ": truncated " + format + ": the file ends inside page " + pages);
        }
        header[22] = header[23] = header[24] = header[25] = 0;
        int c = crc(0, header, 27);
        c = crc(c, lace, segments);
        c = crc(c, payload, size);
        if ((c & 0xFFFF_FFFFL) != crc) {
            throw corrupt("page " + pages + " fails its CRC check");
        }
        if (serial == -1) {
            if ((type & 0x02) == 0) {
                throw corrupt("the first page does not begin a stream");
            }
            serial = pageSerial;
        } else if (pageSerial != serial || (type & 0x02) != 0) {
            throw new UnsupportedAudioException(name + ": unsupported " + format
                    + ": more than one logical stream (chained or multiplexed Ogg)");
        }
        if (sequence >= 0 && pageSequence != sequence + 1) {
            throw corrupt("page " + pages + " has sequence number " + pageSequence + ", expected " + (sequence + 1)
                    + " (a page is missing)");
        }
        if (((type & 0x01) != 0) != (partial.size() > 0)) {
            throw corrupt("page " + pages + " continuation flag does not match the previous page");
        }
        sequence = pageSequence;
        granule = le64(header, 6);
        eos = (type & 0x04) != 0;
        segment = 0;
        payloadPos = 0;
        pages++;
    }

    private UnsupportedAudioException corrupt(String what) {
        return new UnsupportedAudioException(name + ": corrupt " + format + ": " + what);
    }

    static int crc(int c, byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            c = (c << 8) ^ CRC[((c >>> 24) ^ b[i]) & 0xFF];
        }
        return c;
    }

    static long le32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }

    private static long le64(byte[] b, int p) {
        return le32(b, p) | le32(b, p + 4) << 32;
    }

    /** Whether {@code h} is a whole file that ends before its first Ogg packet shows what it holds. */
    static boolean cutBeforeFirstPacket(byte[] h) {
        return h.length >= 4 && h.length < io.github.ser4j.core.AudioReader.SNIFF_BYTES
                && h[0] == 'O' && h[1] == 'g' && h[2] == 'g' && h[3] == 'S'
                && (h.length < 27 || h.length < 27 + (h[26] & 0xFF) + 8);
    }

    /** Whether {@code h} starts with an Ogg page whose first packet starts with {@code magic}. */
    static boolean firstPacketStartsWith(byte[] h, byte[] magic) {
        if (h.length < 28 || h[0] != 'O' || h[1] != 'g' || h[2] != 'g' || h[3] != 'S') {
            return false;
        }
        int start = 27 + (h[26] & 0xFF);
        if (h.length < start + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (h[start + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
