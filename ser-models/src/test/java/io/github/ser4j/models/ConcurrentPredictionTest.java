package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentPredictionTest {

    @TempDir
    Path tmp;

    @Test
    void eightThreadsGiveExactlyTheSerialResults() throws Exception {
        TestAudio.writeRavdess(tmp, Emotion.values(), 3, 2);
        TrainerOptions o = TrainerOptions.defaults().withGrids(List.of(2.0), List.of(0.3), List.of(1.0))
                .withFolds(2, false, 1).withThreads(2);
        SmoEmotionClassifier model = SmoTrainer.train(Dataset.read(tmp), new ToneExtractor(), o, null).classifier();

        // inputs spread over and between the classes, so every pairwise model and calibration is exercised
        Random rnd = new Random(42);
        int n = 400;
        double[][] inputs = new double[n][];
        for (int i = 0; i < n; i++) {
            inputs[i] = new double[] {0.02 + 0.7 * rnd.nextDouble(), 0.05 + 2 * rnd.nextDouble(), -1.5 + rnd.nextDouble()};
        }
        double[][] serial = new double[n][];
        for (int i = 0; i < n; i++) {
            serial[i] = model.distribution(inputs[i]);
        }
        AudioClip clip = AudioClip.of(TestAudio.tone(Emotion.SAD, 16000, 0.5, 3), 16000);
        Prediction serialClip = model.predict(clip);

        int threads = 8;
        int rounds = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 37;
                futures.add(pool.submit(() -> {
                    start.await();
                    double[][] got = new double[n * rounds][];
                    for (int r = 0; r < rounds; r++) {
                        for (int k = 0; k < n; k++) {
                            int i = (k + offset) % n; // threads work on different inputs at the same moment
                            got[r * n + i] = model.distribution(inputs[i]);
                        }
                        assertEquals(serialClip, model.predict(clip));
                    }
                    return got;
                }));
            }
            start.countDown();
            for (Future<double[][]> f : futures) {
                double[][] got = f.get();
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < n; i++) {
                        assertArrayEquals(serial[i], got[r * n + i], "input " + i);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
