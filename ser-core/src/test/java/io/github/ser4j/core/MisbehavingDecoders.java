package io.github.ser4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A test plug-in (registered in the test class path's META-INF/services) whose decoders misbehave in
 * the ways a third-party decoder can, chosen by the file's first bytes: {@code "TESTboom"} throws an
 * unchecked exception while decoding, {@code "TESTopen"} while opening, {@code "TESTstal"} never yields
 * a frame, {@code "TESTmany"} returns more frames than asked, {@code "TESTnan!"} decodes a NaN, and
 * {@code "TESTgood"} decodes 1 s of a 440 Hz stereo tone at 8 kHz.
 */
public final class MisbehavingDecoders implements AudioDecoderProvider {

    /** Called by ServiceLoader. */
    public MisbehavingDecoders() {
    }

    @Override
    public String formatName() {
        return "TEST";
    }

    @Override
    public java.util.Set<String> extensions() {
        return java.util.Set.of("test");
    }

    @Override
    public boolean accepts(byte[] head) {
        return head.length >= 8 && new String(head, 0, 4, StandardCharsets.ISO_8859_1).equals("TEST");
    }

    @Override
    public DecodedStream open(InputStream in, String name) throws IOException {
        String mode = new String(in.readNBytes(8), StandardCharsets.ISO_8859_1).substring(4);
        if (mode.equals("open")) {
            throw new IllegalStateException("broken header parser");
        }
        return new DecodedStream() {
            private int frames;

            @Override
            public float sampleRateHz() {
                return 8000;
            }

            @Override
            public int channels() {
                return 2;
            }

            @Override
            public long frameLength() {
                return -1;
            }

            @Override
            public int read(float[] out, int maxFrames) {
                switch (mode) {
                    case "boom":
                        throw new ArrayIndexOutOfBoundsException("Index 9 out of bounds for length 9");
                    case "stal":
                        return 0;
                    case "many":
                        return maxFrames + 1;
                    case "nan!":
                        out[0] = Float.NaN;
                        return 1;
                    default:
                        if (frames >= 8000) {
                            return -1;
                        }
                        int n = Math.min(maxFrames, Math.min(8000 - frames, 100));
                        for (int i = 0; i < n; i++) {
                            float v = (float) Math.sin(2 * Math.PI * 440 * (frames + i) / 8000.0) / 2;
                            out[2 * i] = v;
                            out[2 * i + 1] = -v;
                        }
                        frames += n;
                        return n;
                }
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
