#!/usr/bin/env bash
# Encodes every STEP-th RAVDESS clip (sorted by path) into each lossy format ser4j decodes, for
# io.github.ser4j.bench.CodecAgreement. The encodings go to OUT_DIR/<format>/<the clip's relative path>.<ext>,
# outside the repository (a temporary folder by default); nothing here is committed.
#
#   ser-benchmarks/scripts/encode-codecs.sh [DATA_DIR] [OUT_DIR] [STEP]
#
# Installs its encoders from Debian's packages when they are missing (sox, flac, lame, vorbis-tools,
# opus-tools). Settings, as the audio users have: MP3 at 32 and 64 kbit/s (a dictaphone, a podcast),
# Ogg Vorbis at quality 2 and 5, Ogg Opus at 16 and 24 kbit/s (messaging apps' voice notes), FLAC
# (lossless: the control), and G.711 mu-law and A-law WAV at 8 kHz (a telephone line) with 16-bit PCM at
# 8 kHz beside them (the same band without companding). Each folder is
# named after its setting.
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
  for f in mp3-32k mp3-64k vorbis-q2 vorbis-q5 opus-16k opus-24k flac pcm-8k g711-ulaw-8k g711-alaw-8k; do
    mkdir -p "$OUT/$f/$(dirname "$rel")"
  done
  lame --quiet -b 32 "$wav" "$OUT/mp3-32k/$base.mp3"
  lame --quiet -b 64 "$wav" "$OUT/mp3-64k/$base.mp3"
  oggenc --quiet -q 2 -o "$OUT/vorbis-q2/$base.ogg" "$wav"
  oggenc --quiet -q 5 -o "$OUT/vorbis-q5/$base.ogg" "$wav"
  opusenc --quiet --bitrate 16 "$wav" "$OUT/opus-16k/$base.opus"
  opusenc --quiet --bitrate 24 "$wav" "$OUT/opus-24k/$base.opus"
  flac --silent -f -5 -o "$OUT/flac/$base.flac" "$wav"
  sox "$wav" -r 8000 -b 16 "$OUT/pcm-8k/$base.wav"   # the telephone band without companding: the G.711 control
  sox "$wav" -r 8000 -e u-law "$OUT/g711-ulaw-8k/$base.wav"
  sox "$wav" -r 8000 -e a-law "$OUT/g711-alaw-8k/$base.wav"
  n=$((n + 1))
done < <(find "$DATA" -name '03-01-*.wav' | LC_ALL=C sort | awk -v s="$STEP" '(NR - 1) % s == 0')
echo "$n clips encoded into $OUT"
echo "$OUT"
