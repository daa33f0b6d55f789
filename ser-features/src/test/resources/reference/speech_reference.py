"""Independent numpy/scipy reference for MfccStatistics and SpectralShapeFeatures.

Regenerate (numpy 2.x, scipy 1.x) from this directory:
    python3 speech_reference.py ../librosa/speech_03-01-05-02-01-01-01.wav > speech_03-01-05-02-01-01-01.features.csv
Written from the definitions in the Javadoc, not from the Java code: float64 throughout,
librosa's Slaney mel filterbank re-derived from librosa 0.10 filters.mel.
"""
import sys
import numpy as np
from scipy.io import wavfile
from scipy.fft import dct

SR, N_FFT, HOP, N_MELS, N_MFCC = 16000, 512, 160, 40, 13


def load(path):
    sr, x = wavfile.read(path)
    assert sr == SR and x.dtype == np.int16
    return x.astype(np.float64) / 32768.0


def power_spectrogram(x):
    pad = np.pad(x, N_FFT // 2)
    frames = 1 + len(x) // HOP
    win = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(frames)[:, None]
    return np.abs(np.fft.rfft(pad[idx] * win, axis=1)) ** 2  # frames x bins


def hz_to_mel(f):
    f = np.asarray(f, dtype=float)
    lin = f / (200.0 / 3)
    log = 15.0 + np.log(np.maximum(f, 1e-12) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(f >= 1000.0, log, lin)


def mel_to_hz(m):
    m = np.asarray(m, dtype=float)
    return np.where(m >= 15.0, 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)), m * 200.0 / 3)


def mel_filters():
    fft_f = np.linspace(0, SR / 2, N_FFT // 2 + 1)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(SR / 2), N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_f[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    w = np.maximum(0, np.minimum(lower, upper))
    return w * (2.0 / (mel_f[2:N_MELS + 2] - mel_f[:N_MELS]))[:, None]


def active_frames(p):
    total = p.sum(axis=1)
    absolute = (N_FFT / 2) * (3 * N_FFT / 8) * 10 ** (-9.0)
    gate = max(total.max() * 10 ** (-4.0), absolute)
    return (total > 0) & (total >= gate)


def functionals(v, sel):
    v = v[sel]
    if len(v) == 0:
        return [0.0] * 9
    t = np.nonzero(sel)[0].astype(float)
    p20, p50, p80 = np.percentile(v, [20, 50, 80])
    slope = np.polyfit(t * HOP / SR, v, 1)[0] if len(v) > 1 else 0.0
    return [v.mean(), v.std(), v.min(), v.max(), p20, p50, p80, p80 - p20, slope]


def delta(c):
    padded = np.concatenate([c[:1], c[:1], c, c[-1:], c[-1:]])
    n = len(c)
    return sum(k * (padded[2 + k:2 + k + n] - padded[2 - k:2 - k + n]) for k in (1, 2)) / 10.0


def mfcc_stats(p, act):
    mel = p @ mel_filters().T
    db = 10 * np.log10(np.maximum(mel, 1e-10))
    db = np.maximum(db, db.max() - 80.0)
    c = dct(db, type=2, norm="ortho", axis=1)[:, :N_MFCC]
    out = []
    for j in range(N_MFCC):
        out += functionals(c[:, j], act)
    for series in (delta(c), delta(delta(c))):
        for j in range(N_MFCC):
            f = functionals(series[:, j], act)
            out += [f[0], f[1], f[4], f[6]]
    return out


def spectral_stats(p, act):
    bins = p.shape[1]
    f = np.arange(bins) * SR / N_FFT
    total = p.sum(axis=1)
    mean = total / bins
    floor = (1e-12 * mean)[:, None]
    centroid = (p * f).sum(axis=1) / total
    rolloff = f[np.argmax(np.cumsum(p, axis=1) >= 0.85 * total[:, None], axis=1)]
    mag = np.sqrt(p / total[:, None])
    flux = np.zeros(len(p))
    flux[1:] = np.sqrt(((mag[1:] - mag[:-1]) ** 2).sum(axis=1))
    inner = np.maximum(p[:, 1:-1], floor)
    flatness = np.minimum(1.0, np.exp(np.log(inner).mean(axis=1)) / inner.mean(axis=1))
    b = lambda hz: int(np.ceil(hz / (SR / N_FFT) - 1e-9))
    logp = 10 * np.log10(np.maximum(p, floor))

    def slope(lo, hi):
        k = np.arange(b(lo), b(hi) + 1)
        return np.array([np.polyfit(f[k] / 1000, row[k], 1)[0] for row in logp])

    alpha = 10 * np.log10(np.maximum(p[:, b(50):b(1000)].sum(axis=1), floor[:, 0])
                          / np.maximum(p[:, b(1000):b(5000) + 1].sum(axis=1), floor[:, 0]))
    hamm = 10 * np.log10(np.maximum(p[:, 0:b(2000)].max(axis=1), floor[:, 0])
                         / np.maximum(p[:, b(2000):b(5000) + 1].max(axis=1), floor[:, 0]))
    flux_sel = act.copy()
    flux_sel[0] = False
    flux_sel[1:] &= act[:-1]
    out = []
    for v, sel in ((centroid, act), (rolloff, act), (flux, flux_sel), (flatness, act), (slope(0, 500), act),
                   (slope(500, 1500), act), (alpha, act), (hamm, act)):
        out += functionals(np.where(act, v, 0.0), sel)
    return out


if __name__ == "__main__":
    with np.errstate(divide="ignore", invalid="ignore"):
        x = load(sys.argv[1])
        p = power_spectrogram(x)
        act = active_frames(p)
        print("# mfcc-stats/1 then spectral-shape/1 of " + sys.argv[1].split("/")[-1])
        for v in mfcc_stats(p, act) + spectral_stats(p, act):
            print(repr(float(v)))
