#!/usr/bin/env bash
# Regenerates the decoder fixtures beside this script from two RAVDESS clips (see README.md).
# Needs Debian's sox, flac, lame, vorbis-tools and opus-tools (apt-get install sox flac lame vorbis-tools
# opus-tools); the tests need none of them, only the committed files.
set -euo pipefail
cd "$(dirname "$0")"
RAVDESS=${1:-../../../../../../shared/data/ravdess}
L="$RAVDESS/Actor_01/03-01-05-01-01-01-01.wav"   # angry, male
R="$RAVDESS/Actor_02/03-01-03-01-01-01-02.wav"   # happy, female
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sox "$L" "$tmp/l.wav" trim 1.0 1.0
sox "$R" "$tmp/r.wav" trim 1.0 1.0
# 1 s, 16 kHz, 16-bit: left = actor 1, right = actor 2
sox -M "$tmp/l.wav" "$tmp/r.wav" -b 16 speech-stereo.wav
sox speech-stereo.wav -b 16 speech-mono.wav remix 1
flac -s -f -8 --no-padding -o speech-stereo.flac speech-stereo.wav
sox speech-mono.wav -b 24 -r 8000 "$tmp/m24.wav"
flac -s -f -5 --no-padding -o speech-mono-24bit-8k.flac "$tmp/m24.wav"
cp "$tmp/m24.wav" speech-mono-24bit-8k.wav
# 8-bit values in 16-bit words (wasted bits), 0.25 s of digital silence (constant subframes), fixed predictors only
sox speech-stereo.wav -b 8 "$tmp/b8.wav" trim 0 0.5
sox "$tmp/b8.wav" -b 16 speech-stereo-wasted-bits.wav pad 0.25 0
flac -s -f -0 --no-padding -o speech-stereo-wasted-bits.flac speech-stereo-wasted-bits.wav
lame --quiet -b 48 speech-stereo.wav speech-stereo.mp3
lame --quiet --decode speech-stereo.mp3 speech-stereo.mp3.wav
oggenc --quiet -q 2 -o speech-stereo.ogg speech-stereo.wav
oggdec --quiet -o speech-stereo.ogg.wav speech-stereo.ogg
opusenc --quiet --bitrate 24 speech-mono.wav speech-mono.opus
opusdec --quiet --rate 48000 speech-mono.opus speech-mono.opus.wav
ls -l
