package io.github.ser4j.core;

/**
 * Frame-level, energy-based voice-activity detection with an adaptive noise floor.
 *
 * <p>Each frame's level is its mean square in dB relative to full scale (a full-scale square wave is
 * 0 dBFS; digital silence is clamped to {@value #SILENCE_DBFS} dBFS). The noise floor follows the
 * quietest recent frames: it drops at once to a quieter frame and rises by at most
 * {@value #FLOOR_RISE_DB_PER_SECOND} dB per second otherwise, so pauses between words keep it at the
 * room's level while a lasting rise of the background (a fan switched on) is learnt within seconds.
 * A frame is loud when its level exceeds both the floor plus the margin and the absolute minimum
 * {@value #ABSOLUTE_MIN_DBFS} dBFS (so dither or a near-silent line is never speech).
 *
 * <p>This class only classifies frames; {@link EmotionStream} turns loud frames into speech segments
 * with a hangover.
 *
 * <p>Thread-safety: not thread-safe; owned by one {@link EmotionStream}.
 */
final class VoiceActivityDetector {

    /** The level given to digital silence, and the lowest level tracked. */
    static final double SILENCE_DBFS = -120;
    /** Frames quieter than this are never speech. */
    static final double ABSOLUTE_MIN_DBFS = -80;
    /** How fast the noise floor may rise towards louder frames. */
    static final double FLOOR_RISE_DB_PER_SECOND = 3;

    private final double marginDb;
    private final double risePerFrame;
    private double floorDb = Double.NaN;

    VoiceActivityDetector(double marginDb, double frameSeconds) {
        this.marginDb = marginDb;
        this.risePerFrame = FLOOR_RISE_DB_PER_SECOND * frameSeconds;
    }

    /** The level of a frame in dBFS. */
    static double levelDb(float[] frame, int offset, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double x = frame[offset + i];
            sum += x * x;
        }
        double ms = sum / Math.max(1, length);
        return ms <= 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 10 * Math.log10(ms));
    }

    /** Classifies one frame's level and updates the floor; true if it is loud enough to be speech. */
    boolean isSpeech(double levelDb) {
        if (Double.isNaN(floorDb)) {
            floorDb = levelDb;
        }
        boolean loud = levelDb > floorDb + marginDb && levelDb > ABSOLUTE_MIN_DBFS;
        floorDb = levelDb < floorDb ? levelDb : Math.min(levelDb, floorDb + risePerFrame);
        return loud;
    }

    /** The current noise floor in dBFS, NaN before the first frame. */
    double floorDb() {
        return floorDb;
    }

    /** Sets the floor back to a value from {@link #floorDb()} (NaN: none yet), to undo a failed call. */
    void restoreFloorDb(double db) {
        floorDb = db;
    }

    /** Forgets the floor. */
    void reset() {
        floorDb = Double.NaN;
    }
}
