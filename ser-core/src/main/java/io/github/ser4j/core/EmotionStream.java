package io.github.ser4j.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.TargetDataLine;

/**
 * Emotion predictions for live audio: push samples in chunks of any size and receive
 * {@link TimedPrediction} events for sliding windows over the speech in them.
 *
 * <pre>{@code
 * EmotionClassifier classifier = EmotionClassifier.load();
 * EmotionStream stream = EmotionStream.open(classifier, 48_000f, StreamSettings.defaults());
 * for (float[] chunk : audio) {                       // any chunk size
 *     for (TimedPrediction e : stream.accept(chunk)) {
 *         System.out.println(e.startSeconds() + "-" + e.endSeconds() + " " + e.prediction().emotion());
 *     }
 * }
 * stream.finish().forEach(System.out::println);       // closes the last speech segment
 * }</pre>
 *
 * <p>How audio becomes events:
 * <ol>
 *   <li>Input at another rate than the extractor's is resampled incrementally (whole-number rates;
 *       the same band-limited filter as {@link AudioClip#resampledTo}).</li>
 *   <li>Voice-activity detection classifies 20 ms frames by energy against an adaptive noise floor
 *       (a frame is loud when it is {@link StreamSettings#vadMarginDb()} above the floor and above
 *       -80 dBFS; the floor follows the quietest frames and rises at most 3 dB/s). A loud frame starts
 *       a <em>speech segment</em>; the segment ends once {@link StreamSettings#hangoverSeconds()} of
 *       quiet frames have followed its last loud frame, and its end is that frame. Silence emits
 *       nothing: between segments there are no events.</li>
 *   <li>Each segment starts a fresh feature stream, so no window straddles silence into the previous
 *       utterance. Once the segment holds {@link StreamSettings#minSegmentSeconds()} of audio, and then
 *       every {@link StreamSettings#hopSeconds()}, the last {@link StreamSettings#windowSeconds()} of
 *       the segment (or all of it, if shorter) are predicted. When the segment ends, one more event
 *       covers its last window up to its last loud frame and is marked
 *       {@link TimedPrediction#segmentEnd()}. Segments shorter than the minimum emit nothing. Quiet
 *       frames inside a segment (pauses shorter than the hangover) belong to it; they are held back
 *       until the next loud frame decides that, which delays events in such a pause by at most the
 *       hangover.</li>
 *   <li>Optional smoothing: with {@link StreamSettings#smoothingSeconds()} {@code tau > 0}, each event
 *       reports {@code a * previous + (1 - a) * current} probabilities with
 *       {@code a = exp(-dt / tau)} for events {@code dt} seconds apart; it restarts with every segment.</li>
 *   <li>Before a window is predicted, the classifier's (or session's) speech detector
 *       ({@link EmotionClassifier#detectSpeech}) looks at it: a window without speech (a tone, steady
 *       noise or music loud enough to pass the voice-activity detector) emits no event, nor does a window
 *       whose prediction is out of the model's domain ({@link Prediction#outOfDomain()}: no emotion). A
 *       segment whose final window holds no speech, or is out of domain, ends without a
 *       {@link TimedPrediction#segmentEnd()} event. Where the
 *       extractor has no incremental stream (its features are a whole extraction of each window, as for
 *       the shipped models' {@code speech-span}), the stream asks for both in one call,
 *       {@link EmotionClassifier#analyseSpeech} (or the session's), so the classifier can share work
 *       between them; the events are the same.</li>
 *   <li>With a {@link SpeakerSession}, predictions go through the session, and each finished segment's
 *       final window is added to the speaker's statistics once (overlapping windows are never counted
 *       twice), if it holds speech.</li>
 * </ol>
 *
 * <p>Cost: work per event is one feature extraction of at most a window (less with an incremental
 * {@link FeatureStream}) plus one prediction, whatever the stream's age; memory is bounded by the
 * window, the hangover and the chunk being processed.
 *
 * <p>Failures: a call that throws leaves the stream exactly as it was before the call, so the same later
 * audio gives the same events as if the call had never been made. Arguments are checked first (null, range,
 * samples that are not finite or beyond {@link #MAX_SAMPLE_MAGNITUDE}); should the feature extractor or the
 * classifier fail while the chunk is processed, the stream puts back its state from before the call
 * (counters, buffers, resampler, voice-activity floor, smoothing, and its feature stream, refilled with
 * the current segment's last window) and rethrows. One thing it cannot take back: a
 * {@link SpeakerSession} that observed a segment which ended earlier in the failed call keeps that
 * observation.
 *
 * <p>Thread-safety: not thread-safe; a stream belongs to one producer thread (or is guarded by the
 * caller). Streams are independent of each other and may share one classifier.
 */
public final class EmotionStream {

    /** Length of a voice-activity frame. */
    static final double FRAME_SECONDS = 0.02;

    /**
     * The largest sample magnitude a stream takes: 60 dB above full scale. Beyond it feature values
     * overflow, and input that loud is a unit mistake (16-bit integers passed as floats, say).
     */
    public static final float MAX_SAMPLE_MAGNITUDE = 1000f;

    private final Function<double[], Prediction> predictor;
    private final Consumer<double[]> observer;
    private final Function<AudioClip, java.util.Optional<SpeechEvidence>> speechCheck;
    /** The classifier's or session's {@code analyseSpeech}: used when {@link #features} re-extracts whole windows. */
    private final WindowAnalysis analysis;
    private final StreamSettings settings;
    private final float rate;
    private final float inputRate;
    private final StreamingResampler resampler;
    private final StreamingResampler.Sink toFrames = this::frames;
    private final FeatureStream features;
    private final VoiceActivityDetector vad;
    private final int windowLen;
    private final int hopLen;
    private final int minSegmentLen;
    private final int hangoverFrames;

    private final float[] frame;
    private int frameFill;
    /** Samples at the extractor's rate that have been through the detector. */
    private long clock;
    private long inputSamples;

    private boolean inSegment;
    private long segmentStart;
    private long committed;
    private long nextEventAt;
    private final float[] pending;
    private int pendingLen;
    private int quietFrames;
    private long lastEventAt;
    private Prediction lastRaw;
    private double[] lastFeatures;
    private EnumMap<Emotion, Double> smoothed;
    private double smoothedAt;

    private boolean finished;
    private final List<TimedPrediction> events = new ArrayList<>();
    /**
     * The current segment's latest samples (at least a window), sample {@code i} at {@code i % tail.length}:
     * to refill {@link #features} after a failed call, and the window the speech check hears.
     */
    private final float[] tail;
    /** {@link #tail} as it was before the current call (copied, not allocated, per call: see {@link #snapshot}). */
    private final float[] tailBackup;

    private EmotionStream(FeatureExtractor extractor, Function<double[], Prediction> predictor,
            Consumer<double[]> observer, Function<AudioClip, java.util.Optional<SpeechEvidence>> speechCheck,
            WindowAnalysis analysis, float inputRateHz, StreamSettings requested) {
        if (requested == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        this.predictor = predictor;
        this.observer = observer;
        this.speechCheck = speechCheck;
        this.analysis = analysis;
        this.rate = extractor.sampleRateHz();
        this.inputRate = inputRateHz;
        this.resampler = inputRateHz == rate ? null : StreamingResampler.between(inputRateHz, rate);
        // The alignment is known once a stream is open: open one with room for rounding the window up.
        FeatureStream probe = extractor.openStream(samples(requested.windowSeconds()) + 4096);
        int align = Math.max(1, probe.alignmentSamples());
        int minClip = (int) Math.ceil(AudioClip.MIN_DURATION_SECONDS * rate);
        this.windowLen = Math.max(roundUp(minClip, align), round(samples(requested.windowSeconds()), align));
        this.hopLen = Math.min(windowLen, round(samples(requested.hopSeconds()), align));
        this.minSegmentLen = Math.min(windowLen,
                Math.max(roundUp(minClip, align), round(samples(requested.minSegmentSeconds()), align)));
        this.features = probe.capacitySamples() >= windowLen ? probe : extractor.openStream(windowLen);
        this.settings = new StreamSettings(windowLen / (double) rate, hopLen / (double) rate,
                minSegmentLen / (double) rate, requested.smoothingSeconds(), requested.vadMarginDb(),
                requested.hangoverSeconds());
        int frameLen = Math.max(1, (int) Math.round(FRAME_SECONDS * rate));
        this.frame = new float[frameLen];
        this.vad = new VoiceActivityDetector(requested.vadMarginDb(), frameLen / (double) rate);
        this.hangoverFrames = (int) Math.ceil(requested.hangoverSeconds() * rate / frameLen - 1e-9);
        this.pending = new float[hangoverFrames * frameLen];
        this.tail = new float[features.capacitySamples()];
        this.tailBackup = new float[tail.length];
    }

    /**
     * Opens a stream that predicts with a classifier.
     *
     * @param classifier the classifier; the {@link EmotionClassifier#featureExtractor()} of its
     *     {@link EmotionClassifier#forInputRate} for {@code inputRateHz} (itself, unless it pairs a model for
     *     narrowband audio) is streamed
     * @param inputRateHz the rate of the samples that will be passed to {@link #accept}; another rate
     *     than the extractor's must be a whole number of Hz (it is resampled as it arrives)
     * @param settings window, hop, voice-activity and smoothing settings
     * @return a new stream
     * @throws IllegalArgumentException if an argument is null, or the rate is outside
     *     {@link AudioClip}'s limits or cannot be streamed (the message says what to do)
     */
    public static EmotionStream open(EmotionClassifier classifier, float inputRateHz, StreamSettings settings) {
        if (classifier == null) {
            throw new IllegalArgumentException("classifier must not be null");
        }
        checkRate(inputRateHz);
        EmotionClassifier c = classifier.forInputRate(inputRateHz); // a narrowband model for telephone-rate audio
        if (c == null) {
            throw new IllegalStateException(classifier + ".forInputRate(" + inputRateHz + ") returned null");
        }
        return new EmotionStream(c.featureExtractor(), c::predictFeatures, f -> { },
                c::detectSpeech, c::analyseSpeech, inputRateHz, settings);
    }

    /**
     * Opens a stream that predicts through a speaker session and feeds it the speaker's speech: each
     * finished segment's final window is observed once.
     *
     * @param session the speaker's session
     * @param inputRateHz as {@link #open(EmotionClassifier, float, StreamSettings)}
     * @param settings as {@link #open(EmotionClassifier, float, StreamSettings)}
     * @return a new stream
     * @throws IllegalArgumentException as {@link #open(EmotionClassifier, float, StreamSettings)}
     */
    public static EmotionStream open(SpeakerSession session, float inputRateHz, StreamSettings settings) {
        if (session == null) {
            throw new IllegalArgumentException("session must not be null");
        }
        checkRate(inputRateHz);
        return new EmotionStream(session.featureExtractor(), session::predictFeatures, session::observeFeatures,
                session::detectSpeech, session::analyseSpeech, inputRateHz, settings);
    }

    private static void checkRate(float hz) {
        if (!Float.isFinite(hz) || hz < AudioClip.MIN_SAMPLE_RATE_HZ || hz > AudioClip.MAX_SAMPLE_RATE_HZ) {
            throw new IllegalArgumentException("input sample rate must be between " + AudioClip.MIN_SAMPLE_RATE_HZ
                    + " and " + AudioClip.MAX_SAMPLE_RATE_HZ + " Hz, got " + hz);
        }
    }

    private int samples(double seconds) {
        return (int) Math.round(seconds * rate);
    }

    private static int round(int samples, int align) {
        return Math.max(align, (int) Math.round(samples / (double) align) * align);
    }

    private static int roundUp(int samples, int align) {
        return (samples + align - 1) / align * align;
    }

    /**
     * The settings in use: as requested, with window, hop and minimum segment rounded to whole
     * feature-stream alignments at the extractor's rate.
     *
     * @return the settings
     */
    public StreamSettings settings() {
        return settings;
    }

    /**
     * The rate {@link #accept} expects.
     *
     * @return the input rate in Hz
     */
    public float inputSampleRateHz() {
        return inputRate;
    }

    /**
     * Whether the stream is inside a speech segment (including its hangover).
     *
     * @return true between a segment's first loud frame and its end
     */
    public boolean inSpeech() {
        return inSegment;
    }

    /**
     * Pushes samples.
     *
     * @param chunk mono samples at {@link #inputSampleRateHz()}, nominally in [-1, 1]; any length
     *     (including 0)
     * @return the events this chunk completed, in time order (often none); unmodifiable
     * @throws IllegalArgumentException if {@code chunk} is null or holds NaN, infinity or a magnitude above
     *     {@link #MAX_SAMPLE_MAGNITUDE} (the stream index of the sample is named); the stream is unchanged
     * @throws IllegalStateException if the stream was finished
     */
    public List<TimedPrediction> accept(float[] chunk) {
        return accept(chunk, 0, chunk == null ? 0 : chunk.length);
    }

    /**
     * Pushes part of a buffer.
     *
     * @param samples the buffer
     * @param offset the first sample to push
     * @param length how many samples to push
     * @return the events completed, in time order; unmodifiable
     * @throws IllegalArgumentException if the buffer is null, the range is outside it, or a sample is
     *     not finite or above {@link #MAX_SAMPLE_MAGNITUDE} in magnitude; the stream is unchanged
     * @throws IllegalStateException if the stream was finished
     */
    public List<TimedPrediction> accept(float[] samples, int offset, int length) {
        StreamArguments.checkAppend(samples, offset, length, inputSamples);
        for (int i = 0; i < length; i++) {
            if (Math.abs(samples[offset + i]) > MAX_SAMPLE_MAGNITUDE) {
                throw new IllegalArgumentException("stream sample " + (inputSamples + i) + " is " + samples[offset + i]
                        + "; samples must be within ±" + MAX_SAMPLE_MAGNITUDE + " (full scale is ±1)");
            }
        }
        if (finished) {
            throw new IllegalStateException("the stream was finished; open a new one");
        }
        Snapshot before = snapshot();
        try {
            events.clear();
            inputSamples += length;
            if (resampler == null) {
                frames(samples, offset, length);
            } else {
                resampler.accept(samples, offset, length, toFrames);
            }
            return drain();
        } catch (RuntimeException | Error e) {
            restore(before);
            throw e;
        }
    }

    /**
     * Ends the stream: flushes the resampler and the last partial frame, and closes an open speech
     * segment (its final event is returned). The stream accepts nothing afterwards.
     *
     * @return the last events; unmodifiable
     * @throws IllegalStateException if the stream was already finished
     */
    public List<TimedPrediction> finish() {
        if (finished) {
            throw new IllegalStateException("the stream was already finished");
        }
        Snapshot before = snapshot();
        try {
            events.clear();
            if (resampler != null) {
                resampler.finish(toFrames);
            }
            if (frameFill > 0) {
                onFrame(frameFill);
            }
            if (inSegment) {
                endSegment();
            }
            finished = true;
            return drain();
        } catch (RuntimeException | Error e) {
            restore(before);
            throw e;
        }
    }

    /** Everything a call may change, copied before it (the feature stream is rebuilt from {@link #tail}). */
    private record Snapshot(float[] frame, int frameFill, long clock, long inputSamples, boolean inSegment,
            long segmentStart, long committed, long nextEventAt, float[] pending, int pendingLen, int quietFrames,
            long lastEventAt, Prediction lastRaw, double[] lastFeatures, EnumMap<Emotion, Double> smoothed,
            double smoothedAt, boolean tailSaved, StreamingResampler.State resampler, double floorDb) {
    }

    private Snapshot snapshot() {
        int held = (int) Math.min(committed, tail.length);
        boolean saveTail = inSegment && held > 0;
        if (saveTail) { // into a buffer of the stream's own: a call in speech allocates no copy of the window
            System.arraycopy(tail, 0, tailBackup, 0, tail.length);
        }
        return new Snapshot(frame.clone(), frameFill, clock, inputSamples, inSegment, segmentStart, committed,
                nextEventAt, Arrays.copyOf(pending, pendingLen), pendingLen, quietFrames, lastEventAt, lastRaw,
                lastFeatures, smoothed == null ? null : new EnumMap<>(smoothed), smoothedAt,
                saveTail, resampler == null ? null : resampler.snapshot(), vad.floorDb());
    }

    private void restore(Snapshot s) {
        System.arraycopy(s.frame(), 0, frame, 0, frame.length);
        frameFill = s.frameFill();
        clock = s.clock();
        inputSamples = s.inputSamples();
        inSegment = s.inSegment();
        segmentStart = s.segmentStart();
        committed = s.committed();
        nextEventAt = s.nextEventAt();
        System.arraycopy(s.pending(), 0, pending, 0, s.pendingLen());
        pendingLen = s.pendingLen();
        quietFrames = s.quietFrames();
        lastEventAt = s.lastEventAt();
        lastRaw = s.lastRaw();
        lastFeatures = s.lastFeatures();
        smoothed = s.smoothed() == null ? null : new EnumMap<>(s.smoothed());
        smoothedAt = s.smoothedAt();
        if (resampler != null) {
            resampler.restore(s.resampler());
        }
        vad.restoreFloorDb(s.floorDb());
        events.clear();
        // extractLast of a span depends only on the span's samples, so the segment's last samples restore it
        features.reset();
        if (s.tailSaved()) {
            System.arraycopy(tailBackup, 0, tail, 0, tail.length);
            int held = (int) Math.min(committed, tail.length);
            for (long i = committed - held; i < committed; ) {
                int at = (int) (i % tail.length);
                int n = (int) Math.min(committed - i, tail.length - at);
                features.append(tail, at, n);
                i += n;
            }
        }
    }

    /**
     * Reads a {@code javax.sound} capture line into this stream on the calling thread, handing each
     * event to a listener as soon as it is made, until {@code maxSeconds} of audio were read, the line
     * is closed or stopped (from another thread), or the thread is interrupted; then
     * {@linkplain #finish() finishes} the stream. Starts the line if it is not running.
     *
     * @param line an open line whose format rate is {@link #inputSampleRateHz()}; PCM (8 to 32-bit
     *     integer) or 32/64-bit float, any channel count (mixed to mono)
     * @param maxSeconds how long to listen; {@code Double.POSITIVE_INFINITY} for no limit
     * @param listener receives every event, on this thread
     * @throws IllegalArgumentException if an argument is null, the line is not open, or its format
     *     is another rate or an encoding not decoded (named in the message)
     * @throws IOException if the line delivers an incomplete frame at its end
     * @throws IllegalStateException if the stream was finished
     */
    public void listen(TargetDataLine line, double maxSeconds, Consumer<? super TimedPrediction> listener)
            throws IOException {
        if (line == null || listener == null) {
            throw new IllegalArgumentException("line and listener must not be null");
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be positive, got " + maxSeconds);
        }
        if (!line.isOpen()) {
            throw new IllegalArgumentException("the line must be open; call line.open(format) first");
        }
        if (finished) {
            throw new IllegalStateException("the stream was finished; open a new one");
        }
        LineFormat format = LineFormat.of(line.getFormat(), inputRate);
        long maxFrames = Double.isInfinite(maxSeconds) ? Long.MAX_VALUE : (long) Math.ceil(maxSeconds * inputRate);
        int framesPerRead = Math.max(1, Math.round(inputRate * (float) FRAME_SECONDS));
        byte[] bytes = new byte[framesPerRead * format.frameSize()];
        float[] mono = new float[framesPerRead];
        long read = 0;
        if (!line.isRunning()) {
            line.start();
        }
        while (read < maxFrames && line.isOpen() && !Thread.currentThread().isInterrupted()) {
            int want = (int) Math.min(framesPerRead, maxFrames - read);
            int n = line.read(bytes, 0, want * format.frameSize());
            if (n <= 0) {
                if (!line.isActive() && !line.isRunning()) {
                    break;
                }
                continue;
            }
            if (n % format.frameSize() != 0) {
                throw new IOException("the line delivered " + n + " bytes, not whole " + format.frameSize()
                        + "-byte frames");
            }
            int frames = n / format.frameSize();
            format.decode(bytes, frames, mono);
            accept(mono, 0, frames).forEach(listener);
            read += frames;
        }
        finish().forEach(listener);
    }

    /** A capture line's sample layout, checked once. */
    private record LineFormat(int channels, int bytesPerSample, boolean isFloat, boolean signed, boolean bigEndian) {

        static LineFormat of(AudioFormat f, float rate) {
            if (f.getSampleRate() != rate) {
                throw new IllegalArgumentException("the line delivers " + f.getSampleRate()
                        + " Hz but the stream was opened for " + rate + " Hz");
            }
            AudioFormat.Encoding enc = f.getEncoding();
            boolean pcmInt = AudioFormat.Encoding.PCM_SIGNED.equals(enc) || AudioFormat.Encoding.PCM_UNSIGNED.equals(enc);
            boolean pcmFloat = AudioFormat.Encoding.PCM_FLOAT.equals(enc);
            int bits = f.getSampleSizeInBits();
            boolean bitsOk = pcmFloat ? bits == 32 || bits == 64 : bits >= 8 && bits <= 32 && bits % 8 == 0;
            if ((!pcmInt && !pcmFloat) || !bitsOk || f.getChannels() < 1 || f.getChannels() > 64) {
                throw new IllegalArgumentException("line format " + f + " is not decoded; use PCM 8/16/24/32-bit "
                        + "integer or 32/64-bit float, 1 to 64 channels");
            }
            return new LineFormat(f.getChannels(), bits / 8, pcmFloat,
                    AudioFormat.Encoding.PCM_SIGNED.equals(enc) || pcmFloat, f.isBigEndian());
        }

        int frameSize() {
            return channels * bytesPerSample;
        }

        void decode(byte[] bytes, int frames, float[] out) {
            AudioDecoder.decodeFrames(bytes, frames, channels, bytesPerSample, isFloat, signed, bigEndian, out, 0);
        }
    }

    private List<TimedPrediction> drain() {
        if (events.isEmpty()) {
            return List.of();
        }
        List<TimedPrediction> out = Collections.unmodifiableList(new ArrayList<>(events));
        events.clear();
        return out;
    }

    /** Cuts samples at the extractor's rate into voice-activity frames. */
    private void frames(float[] samples, int offset, int length) {
        int i = 0;
        while (i < length) {
            int n = Math.min(length - i, frame.length - frameFill);
            // On the 16-bit grid, as AudioClip.quantizedToPcm16 does for whole clips: models trained on
            // 16-bit recordings expect that quantisation floor (resampled audio lacks it).
            for (int k = 0; k < n; k++) {
                frame[frameFill + k] = AudioClip.pcm16(samples[offset + i + k]);
            }
            frameFill += n;
            i += n;
            if (frameFill == frame.length) {
                onFrame(frame.length);
            }
        }
    }

    private void onFrame(int length) {
        boolean loud = vad.isSpeech(VoiceActivityDetector.levelDb(frame, 0, length));
        if (!inSegment) {
            if (loud) {
                startSegment(clock);
                commit(frame, 0, length);
            }
        } else if (loud) {
            commit(pending, 0, pendingLen);
            pendingLen = 0;
            quietFrames = 0;
            commit(frame, 0, length);
        } else if (hangoverFrames == 0) {
            endSegment();
        } else {
            System.arraycopy(frame, 0, pending, pendingLen, length);
            pendingLen += length;
            quietFrames++;
            if (quietFrames >= hangoverFrames) {
                endSegment();
            }
        }
        clock += length;
        frameFill = 0;
    }

    private void startSegment(long at) {
        inSegment = true;
        segmentStart = at;
        committed = 0;
        nextEventAt = minSegmentLen;
        pendingLen = 0;
        quietFrames = 0;
        lastEventAt = -1;
        lastRaw = null;
        lastFeatures = null;
        smoothed = null;
        features.reset();
    }

    /** Appends speech to the segment's feature stream, predicting at each scheduled point. */
    private void commit(float[] samples, int offset, int length) {
        int done = 0;
        while (done < length) {
            int n = (int) Math.min(length - done, nextEventAt - committed);
            features.append(samples, offset + done, n);
            for (int k = 0; k < n; k++) {
                tail[(int) ((committed + k) % tail.length)] = samples[offset + done + k];
            }
            committed += n;
            done += n;
            if (committed == nextEventAt) {
                emit(false);
                nextEventAt += hopLen;
            }
        }
    }

    /** The last {@code span} committed samples as a clip. */
    private AudioClip window(int span) {
        float[] w = new float[span];
        long first = committed - span;
        for (int i = 0; i < span; i++) {
            w[i] = tail[(int) ((first + i) % tail.length)];
        }
        return AudioClip.adopt(w, rate);
    }

    private void endSegment() {
        if (committed >= minSegmentLen) {
            emit(true);
            if (lastRaw.hasSpeech()) {
                observer.accept(lastFeatures);
            }
        }
        inSegment = false;
        pendingLen = 0;
        quietFrames = 0;
        features.reset();
    }

    private void emit(boolean segmentEnd) {
        int span = (int) Math.min(committed, windowLen);
        if (lastEventAt != committed) {
            lastEventAt = committed;
            if (features instanceof ReextractingFeatureStream) {
                // The features would be a whole extraction of the window anyway: detect and extract in one pass,
                // so the classifier can share work between them (ser4j's models: one pitch track, not two).
                double[][] extracted = new double[1][];
                lastRaw = analysis.analyse(window(span), Prediction::noSpeech, (evidence, f) -> {
                    extracted[0] = f;
                    return predictor.apply(f);
                });
                lastFeatures = extracted[0];
            } else {
                java.util.Optional<SpeechEvidence> speech = speechCheck.apply(window(span));
                if (speech.isPresent() && !speech.get().speech()) {
                    lastRaw = Prediction.noSpeech(speech.get());
                    lastFeatures = null;
                } else {
                    lastFeatures = features.extractLast(span);
                    lastRaw = predictor.apply(lastFeatures);
                }
            }
        }
        if (!lastRaw.hasEmotion()) {
            return; // no event for a window without speech, or out of the model's domain
        }
        double end = (segmentStart + committed) / (double) rate;
        double start = (segmentStart + committed - span) / (double) rate;
        events.add(new TimedPrediction(start, end, smooth(lastRaw, end, segmentEnd), segmentEnd));
    }

    private Prediction smooth(Prediction p, double at, boolean repeat) {
        double tau = settings.smoothingSeconds();
        if (tau == 0) {
            return p;
        }
        if (smoothed == null) {
            smoothed = new EnumMap<>(p.probabilities());
        } else if (!(repeat && at == smoothedAt)) {
            double a = Math.exp(-(at - smoothedAt) / tau);
            for (Map.Entry<Emotion, Double> e : smoothed.entrySet()) {
                e.setValue(a * e.getValue() + (1 - a) * p.probabilityOf(e.getKey()));
            }
        }
        smoothedAt = at;
        return Prediction.of(smoothed);
    }

    /** {@link EmotionClassifier#analyseSpeech} and {@link SpeakerSession#analyseSpeech}, as the stream calls them. */
    @FunctionalInterface
    private interface WindowAnalysis {
        Prediction analyse(AudioClip window, Function<SpeechEvidence, Prediction> noSpeech,
                java.util.function.BiFunction<SpeechEvidence, double[], Prediction> speech);
    }
}
