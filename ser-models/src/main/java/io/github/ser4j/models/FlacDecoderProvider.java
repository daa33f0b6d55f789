package io.github.ser4j.models;

import io.github.ser4j.core.AudioDecoderProvider;
import io.github.ser4j.core.DecodedStream;
import io.github.ser4j.core.UnsupportedAudioException;
import java.io.IOException;
import java.io.InputStream;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC, decoded by jFLAC ({@code org.jflac:jflac-codec}, LGPL 2.1, pure Java): 4 to 32-bit samples, 1 to
 * 8 channels, bit-exact. jFLAC skips frames that fail their CRC silently; this provider refuses them, and
 * a file that ends before the sample count its STREAMINFO declares is refused as truncated.
 *
 * <p>Thread-safety: stateless; each {@link #open} makes its own decoder.
 */
public final class FlacDecoderProvider implements AudioDecoderProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public FlacDecoderProvider() {
    }

    @Override
    public String formatName() {
        return "FLAC";
    }

    @Override
    public boolean accepts(byte[] head) {
        return head.length >= 4 && head[0] == 'f' && head[1] == 'L' && head[2] == 'a' && head[3] == 'C';
    }

    @Override
    public DecodedStream open(InputStream in, String name) throws IOException {
        return new Stream(in, name);
    }

    private static final class Stream extends FrameQueue {
        private final InputStream in;
        private final String name;
        private final FLACDecoder decoder;
        private final StreamInfo info;
        private final int channels;
        private final double scale;
        private long decoded;
        /** jFLAC reports CRC failures and lost sync only to listeners (and zeroes the frame): the first one. */
        private String error;

        Stream(InputStream in, String name) throws IOException {
            this.in = in;
            this.name = name;
            this.decoder = new FLACDecoder(in);
            decoder.addFrameListener(new FrameListener() {
                @Override
                public void processMetadata(Metadata metadata) {
                }

                @Override
                public void processFrame(Frame frame) {
                }

                @Override
                public void processError(String msg) {
                    if (error == null) {
                        error = msg;
                    }
                }
            });
            try {
                this.info = decoder.readStreamInfo();
                decoder.readMetadata(info);
            } catch (java.io.EOFException e) {
                throw new UnsupportedAudioException(name + ": truncated FLAC header: the file ends inside its metadata", e);
            } catch (IOException e) {
                throw new UnsupportedAudioException(name + ": corrupt FLAC header: " + e.getMessage(), e);
            }
            this.channels = info.getChannels();
            int bits = info.getBitsPerSample();
            if (bits < 4 || bits > 32) {
                throw new UnsupportedAudioException(name + ": corrupt FLAC header: " + bits + " bits per sample");
            }
            this.scale = 1.0 / (1L << (bits - 1));
        }

        @Override
        public float sampleRateHz() {
            return info.getSampleRate();
        }

        @Override
        public int channels() {
            return channels;
        }

        @Override
        public long frameLength() {
            return info.getTotalSamples() > 0 ? info.getTotalSamples() : -1;
        }

        @Override
        protected boolean decodeNext() throws IOException {
            long total = info.getTotalSamples();
            if (total > 0 && decoded >= total) {
                return false;
            }
            int badBefore = decoder.getBadFrames();
            Frame frame = decoder.readNextFrame();
            if (frame == null) {
                // the file ended: inside a frame (jFLAC reports an EOFException to its listeners) or after one
                if (total > 0 && decoded < total) {
                    throw new UnsupportedAudioException(name + ": truncated FLAC data: STREAMINFO declares " + total
                            + " samples, the file holds " + decoded);
                }
                if (error != null && !error.contains("EOFException") && !error.contains("Left over data")) {
                    throw new UnsupportedAudioException(name + ": corrupt FLAC frame after sample " + decoded + " (" + error + ")");
                }
                return false;
            }
            if (decoder.getBadFrames() != badBefore || error != null) {
                throw new UnsupportedAudioException(name + ": corrupt FLAC frame after sample " + decoded + " ("
                        + (error != null ? error : "bad frame header") + ")");
            }
            if (frame.header.channels != channels) {
                throw new UnsupportedAudioException(name + ": corrupt FLAC frame: " + frame.header.channels
                        + " channels in a " + channels + "-channel stream");
            }
            int n = frame.header.blockSize;
            ensureBlock(n * channels);
            ChannelData[] data = decoder.getChannelData();
            for (int c = 0; c < channels; c++) {
                int[] pcm = data[c].getOutput();
                for (int i = 0; i < n; i++) {
                    block[i * channels + c] = (float) (pcm[i] * scale);
                }
            }
            blockFrames = n;
            decoded += n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
