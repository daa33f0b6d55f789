package io.github.ser4j.core;

/**
 * The fallback {@link FeatureStream}: a ring buffer of the last samples, re-extracted as a clip on
 * every request. Exact by construction; costs a whole-span extraction per call.
 */
final class ReextractingFeatureStream implements FeatureStream {

    private final FeatureExtractor extractor;
    private final float[] ring;
    private long appended;

    ReextractingFeatureStream(FeatureExtractor extractor, int capacitySamples) {
        this.extractor = extractor;
        this.ring = new float[capacitySamples];
    }

    @Override
    public void append(float[] samples, int offset, int length) {
        StreamArguments.checkAppend(samples, offset, length, appended);
        for (int i = 0; i < length; i++) {
            ring[(int) ((appended + i) % ring.length)] = samples[offset + i];
        }
        appended += length;
    }

    @Override
    public long samplesAppended() {
        return appended;
    }

    @Override
    public int capacitySamples() {
        return ring.length;
    }

    @Override
    public double[] extractLast(int samples) {
        StreamArguments.checkSpan(samples, ring.length, appended, extractor.sampleRateHz());
        float[] span = new float[samples];
        long first = appended - samples;
        for (int i = 0; i < samples; i++) {
            span[i] = ring[(int) ((first + i) % ring.length)];
        }
        return extractor.extract(AudioClip.of(span, extractor.sampleRateHz()));
    }

    @Override
    public void reset() {
        appended = 0;
    }
}
