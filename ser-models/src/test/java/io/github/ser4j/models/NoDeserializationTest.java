package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.SpeakerSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prediction needs no Java deserialization: in a JVM whose process-wide filter ({@code -Djdk.serialFilter=!*})
 * rejects every class, the shipped models load, predict every committed clip and run a speaker session, with the
 * same results as here.
 */
class NoDeserializationTest {

    static final String[] CLIPS = WekaParityTest.CLIPS;

    /** One line per clip: the prediction of the default model and of a speaker session of the adapted one. */
    static String predictions() throws Exception {
        EmotionClassifier c = EmotionClassifier.load();
        SpeakerSession session = c.newSpeakerSession();
        StringBuilder sb = new StringBuilder();
        for (String clip : CLIPS) {
            AudioClip a = AudioClip.read(Path.of("src/test/resources/clips", clip));
            sb.append(clip).append(' ').append(c.predict(a)).append(' ').append(session.predict(a)).append('\n');
        }
        return sb.toString();
    }

    /** The child: proves the filter is in force, then predicts. */
    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(Integer.valueOf(7));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            in.readObject();
            System.out.println("deserialization was NOT blocked");
            System.exit(3);
        } catch (InvalidClassException expected) {
            System.out.println("deserialization blocked");
        }
        System.out.print(predictions());
    }

    @Test
    void shippedModelsPredictWithEveryDeserializationRejected() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(NoDeserializationTest.class, List.of("-Djdk.serialFilter=!*", "-Xmx256m"), 300);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("deserialization blocked\n"), r.output());
        assertEquals("deserialization blocked\n" + predictions(), r.output().replace("\r\n", "\n").lines()
                .filter(l -> !l.startsWith("[main]") && !l.startsWith("WARNING"))
                .reduce("", (x, y) -> x + y + "\n"));
    }
}
