/**
 * Acoustic feature extractors ({@link io.github.ser4j.core.FeatureExtractor} implementations).
 *
 * <p>Internal engine (package-private), shared by every extractor here:
 * <ul>
 *   <li>{@code Stft}: framing (librosa-style centred frames, zero padding), periodic Hann window, one
 *       double-precision real FFT ({@code RealFft}) per frame, power spectrum per frame;</li>
 *   <li>{@code PowerSpectrogram}: the result, a read-only view of row-major power values
 *       ({@code data()[offset(t) + k]}) plus the padded time-domain signal, for time-domain features
 *       on the same frames;</li>
 *   <li>{@code Workspace}: thread-confined, growable scratch buffers, so the hot path allocates
 *       nothing per frame;</li>
 *   <li>{@code MelFilterbank}, {@code Decibels}: librosa's mel bank and {@code power_to_db}.</li>
 * </ul>
 */
package io.github.ser4j.features;
