package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Which Java releases {@link SparkScorer} starts Spark 3.5 on, and what it says on the others instead of
 * Hadoop's {@code UnsupportedOperationException} (reproduced on Temurin 25: {@code getSubject is not supported}
 * from {@code SparkSession.getOrCreate}).
 */
class SparkJavaSupportTest {

    @Test
    void java17To22AndJava23WithTheSecurityManagerAllowedRunSpark() {
        assertNull(SparkScorer.unsupportedJava(17, null));
        assertNull(SparkScorer.unsupportedJava(21, null));
        assertNull(SparkScorer.unsupportedJava(22, "disallow"));
        assertNull(SparkScorer.unsupportedJava(23, "allow"));
    }

    @Test
    void laterJavaGetsAMessageNamingTheReleaseAndTheWayOut() {
        assertEquals("Spark 3.5 runs on Java 17 to 22 (23 with -Djava.security.manager=allow), not on Java 23: its "
                + "Hadoop client calls Subject.getSubject, which Java 23 supports only with that option",
                SparkScorer.unsupportedJava(23, null));
        assertEquals("Spark 3.5 runs on Java 17 to 22 (23 with -Djava.security.manager=allow), not on Java 25: its "
                + "Hadoop client calls Subject.getSubject, which Java 25 no longer supports",
                SparkScorer.unsupportedJava(25, "allow"));
    }
}
