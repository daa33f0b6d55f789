/**
 * Acoustic feature extractors ({@link io.github.ser4j.core.FeatureExtractor} implementations).
 *
 * <p>Internal engine (package-private), shared by every extractor here:
 * <ul>
 *   <li>{@code Stft}: framing (librosa-style centred frames, zero padding), periodic Hann window, one
 *       double-precision real FFT ({@code RealFft}) per frame, run on batches of frames with the frame
 *       index innermost so the JIT vectorises the butterflies, power spectrum per frame;</li>
 *   <li>{@code PowerSpectrogram}: the result, a read-only view of row-major power values
 *       ({@code data()[offset(t) + k]}) plus the padded time-domain signal, for time-domain features
 *       on the same frames;</li>
 *   <li>{@code Workspace}: thread-confined, growable scratch buffers, so the hot path allocates
 *       nothing per frame;</li>
 *   <li>{@code MelFilterbank}, {@code Decibels}: librosa's mel bank and {@code power_to_db};</li>
 *   <li>{@code LibrosaFeatures}, {@code ChromaFilterbank}, {@code Selection}: librosa 0.10.1's
 *       mfcc, chroma_stft (with estimate_tuning), spectral_contrast, zero_crossing_rate and rms,
 *       behind the public {@link io.github.ser4j.features.SeedFeatures}.</li>
 * </ul>
 *
 * <p>A spectral feature reads frame {@code t}, bin {@code k} of a {@code PowerSpectrogram s} as
 * {@code s.data()[s.offset(t) + k]} (power, float32 as librosa computes it), and that frame's
 * time-domain samples as {@code s.padded()[t * s.hop() .. t * s.hop() + s.nFft())}.
 */
package io.github.ser4j.features;
