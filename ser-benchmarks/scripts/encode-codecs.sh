#!/usr/bin/env bash
# Encodes every STEP-th RAVDESS clip (sorted by path) into each lossy format ser4j decodes, for
# io.github.ser4j.bench.CodecAgreement. The encodings go to OUT_DIR/<format>/<the clip's relative path>.<ext>,
# outside the repository (a temporary folder by default); nothing here is committed.
#
#   ser-benchmarks/scripts/encode-codecs.sh [DATA_DIR] [OUT_DIR] [STEP]
#
# Installs its encoders from Debian's packages when they are missing (sox, flac, lame, vorbis-tools,
# opus-tools). Settings, chosen as the audio users have: MP3 at 32 kbit/s (a podcast or dictaphone at
# 16 kHz), Ogg Vorbis at quality 2 (about 48 kbit/s), Ogg Opus at 24 kbit/s (a messaging app's voice
# note), FLAC (lossless: the control), and G.711 mu-law and A-law WAV at 8 kHz (a telephone line).
set -euo pipefail
DATA=${1:-../shared/data/ravdess}
OUT=${2:-$(mktemp -d -t ser4j-codecs-XXXXXX)}
STEP=${3:-5}
need=()
for tool in sox:sox flac:flac lame:lame oggenc:vorbis-tools opusenc:opus-tools; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
mkdir -p "$OUT"
n=0
while IFS= read -r wav; do
  rel=${wav#"$DATA"/}
  base=${rel%.wav}
  for f in mp3 ogg opus flac ulaw alaw; do mkdir -p "$OUT/$f/$(dirname "$rel")"; done
  lame --quiet -b 32 "$wav" "$OUT/mp3/$base.mp3"
  oggenc --quiet -q 2 -o "$OUT/ogg/$base.ogg" "$wav"
  opusenc --quiet --bitrate 24 "$wav" "$OUT/opus/$base.opus"
  flac --silent -f -5 -o "$OUT/flac/$base.flac" "$wav"
  sox "$wav" -r 8000 -e u-law "$OUT/ulaw/$base.wav"
  sox "$wav" -r 8000 -e a-law "$OUT/alaw/$base.wav"
  n=$((n + 1))
done < <(find "$DATA" -name '03-01-*.wav' | LC_ALL=C sort | awk -v s="$STEP" '(NR - 1) % s == 0')
echo "$n clips encoded into $OUT"
echo "$OUT"
