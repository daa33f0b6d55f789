package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ser4j.core.UnsupportedAudioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Codebooks that would make JOrbis allocate gigabytes are refused; real setup headers pass. */
class VorbisSetupCheckTest {

    /** Packs values least significant bit first, as Vorbis does. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int acc;
        private int n;

        BitWriter put(long v, int bits) {
            for (int i = 0; i < bits; i++) {
                acc |= (int) ((v >> i) & 1) << n;
                if (++n == 8) {
                    out.write(acc);
                    acc = 0;
                    n = 0;
                }
            }
            return this;
        }

        byte[] bytes() {
            if (n > 0) {
                out.write(acc);
            }
            return out.toByteArray();
        }
    }

    /** A setup header whose one codebook has {@code entries} ordered entries and a type-2 lookup table. */
    private static byte[] hostileSetup(long entries, int dims) {
        return hostileSetup(entries, dims, 2);
    }

    private static byte[] hostileSetup(long entries, int dims, int lookup) {
        BitWriter w = new BitWriter();
        w.put(5, 8);
        for (char c : "vorbis".toCharArray()) {
            w.put(c, 8);
        }
        w.put(0, 8).put(0x564342, 24).put(dims, 16).put(entries, 24);
        w.put(1, 1).put(0, 5).put(entries, 64 - Long.numberOfLeadingZeros(entries)); // all entries, length 1
        w.put(lookup, 4).put(0, 32).put(0, 32).put(15, 4).put(0, 1);                      // 16-bit lookup values
        w.put(0, 64);
        return w.bytes();
    }

    @Test
    void aLookupTableLargerThanItsHeaderIsRefused() {
        UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class,
                () -> VorbisSetupCheck.check(hostileSetup(1 << 20, 2000), "x.ogg"));
        assertEquals("x.ogg: corrupt Ogg Vorbis setup header: codebook 0 declares 2097152000 lookup values of 16 bits,"
                + " more than the 68 bits left in its setup header", e.getMessage());
    }

    @Test
    void tooManyEntriesAreRefused() {
        UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class,
                () -> VorbisSetupCheck.check(hostileSetup((1 << 24) - 1, 1), "x.ogg"));
        assertEquals("x.ogg: corrupt Ogg Vorbis setup header: codebook 0 declares 16777215 entries, more than the "
                + "1048576 accepted", e.getMessage());
    }

    /** With lookup type 1, JOrbis's lookup1_values loops forever for 0 dimensions or when its int powers overflow. */
    @Test
    void dimensionsThatHangJOrbisAreRefused() {
        assertEquals("x.ogg: corrupt Ogg Vorbis setup header: codebook 0 has a lookup table but no dimensions",
                assertThrows(UnsupportedAudioException.class, () -> VorbisSetupCheck.check(hostileSetup(16, 0, 1), "x.ogg"))
                        .getMessage());
        assertEquals("x.ogg: corrupt Ogg Vorbis setup header: codebook 0 has 40 dimensions, too many for its 16 entries",
                assertThrows(UnsupportedAudioException.class, () -> VorbisSetupCheck.check(hostileSetup(16, 40, 1), "x.ogg"))
                        .getMessage());
    }

    /** One Ogg page holding {@code packets}, with the given header type flags and sequence number. */
    private static byte[] page(int type, int sequence, long granule, byte[]... packets) {
        ByteArrayOutputStream lacing = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] packet : packets) {
            int left = packet.length;
            for (; left >= 255; left -= 255) {
                lacing.write(255);
            }
            lacing.write(left);
            body.writeBytes(packet);
        }
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        page.writeBytes(new byte[] {'O', 'g', 'g', 'S', 0, (byte) type});
        for (int i = 0; i < 8; i++) {
            page.write((int) (granule >> (8 * i)));
        }
        page.writeBytes(new byte[] {1, 2, 3, 4, (byte) sequence, 0, 0, 0, 0, 0, 0, 0, (byte) lacing.size()});
        page.writeBytes(lacing.toByteArray());
        page.writeBytes(body.toByteArray());
        byte[] b = page.toByteArray();
        int crc = OggPackets.crc(0, b, b.length);
        for (int i = 0; i < 4; i++) {
            b[22 + i] = (byte) (crc >>> (8 * i));
        }
        return b;
    }

    /** End to end: the codebook on which JOrbis's lookup1_values never returns is refused at once. */
    @Test
    void aFileWhoseSetupHeaderWouldHangJOrbisIsRefusedFast() throws IOException {
        OggPackets packets = new OggPackets(new ByteArrayInputStream(AudioDecodersTest.bytes("speech-stereo.ogg")),
                "speech-stereo.ogg", "Ogg Vorbis");
        byte[] id = packets.next().data();
        byte[] comment = packets.next().data();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(page(0x02, 0, 0, id));
        file.writeBytes(page(0x04, 1, 0, comment, hostileSetup(16, 0, 1)));
        java.nio.file.Path p = java.nio.file.Files.createTempFile("hang", ".ogg");
        try {
            java.nio.file.Files.write(p, file.toByteArray());
            UnsupportedAudioException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(10),
                    () -> assertThrows(UnsupportedAudioException.class, () -> io.github.ser4j.core.AudioClip.read(p)));
            assertEquals(p + ": corrupt Ogg Vorbis setup header: codebook 0 has a lookup table but no dimensions",
                    e.getMessage());
        } finally {
            java.nio.file.Files.delete(p);
        }
    }

    @Test
    void theFixturesSetupHeaderPasses() throws IOException {
        OggPackets packets = new OggPackets(new ByteArrayInputStream(AudioDecodersTest.bytes("speech-stereo.ogg")),
                "speech-stereo.ogg", "Ogg Vorbis");
        packets.next();
        packets.next();
        byte[] setup = packets.next().data();
        assertEquals(5, setup[0]);
        VorbisSetupCheck.check(setup, "speech-stereo.ogg"); // no exception
    }
}
