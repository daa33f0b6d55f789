package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes tiny synthetic data sets: each emotion is a tone of its own pitch plus noise, so classes separate. */
final class TestAudio {

    private TestAudio() {
    }

    static double pitchOf(Emotion e) {
        return switch (e) {
            case NEUTRAL -> 200;
            case CALM -> 300;
            case HAPPY -> 450;
            case SAD -> 650;
            case ANGRY -> 950;
            case FEARFUL -> 1350;
            case DISGUST -> 1900;
            case SURPRISED -> 2700;
        };
    }

    static float[] tone(Emotion e, float rate, double seconds, long seed) {
        Random rnd = new Random(seed);
        double f = pitchOf(e) * (1 + 0.04 * (rnd.nextDouble() - 0.5));
        double amp = 0.2 + 0.5 * rnd.nextDouble();
        float[] s = new float[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amp * Math.sin(2 * Math.PI * f * i / rate) + 0.05 * rnd.nextGaussian());
        }
        return s;
    }

    static void writePcm16(Path file, float[] s, float rate) throws IOException {
        byte[] b = new byte[s.length * 2];
        for (int i = 0; i < s.length; i++) {
            int v = Math.round(Math.max(-1, Math.min(1, s[i])) * 32767);
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat fmt = new AudioFormat(rate, 16, 1, true, false);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b), fmt, s.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    /** A 32-bit IEEE float WAV (format tag 3), which javax.sound cannot write itself. */
    static void writeFloat32(Path file, float[] s, int rate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 4 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 4 * s.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 3).putShort((short) 1).putInt(rate).putInt(rate * 4).putShort((short) 4)
                .putShort((short) 32).put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(4 * s.length);
        for (float v : s) {
            b.putFloat(v);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(b.array());
        }
    }

    /** RAVDESS-named files: {@code actors} actors × {@code perActor} clips of each emotion. */
    static void writeRavdess(Path dir, Emotion[] emotions, int actors, int perActor) throws IOException {
        long seed = 1;
        for (int a = 1; a <= actors; a++) {
            for (Emotion e : emotions) {
                for (int r = 1; r <= perActor; r++) {
                    String name = String.format("03-01-%02d-01-01-%02d-%02d.wav", e.ravdessCode(), r, a);
                    writePcm16(dir.resolve(String.format("Actor_%02d", a)).resolve(name),
                            tone(e, 8000, 0.3, seed++), 8000);
                }
            }
        }
    }

    /** Folder per emotion, {@code n} clips each. */
    static void writeFolders(Path dir, Emotion[] emotions, int n) throws IOException {
        long seed = 1000;
        for (Emotion e : emotions) {
            for (int i = 0; i < n; i++) {
                writePcm16(dir.resolve(e.word()).resolve("clip" + i + ".wav"), tone(e, 8000, 0.3, seed++), 8000);
            }
        }
    }
}
