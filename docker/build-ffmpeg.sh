#!/bin/sh
# Builds a headless ffmpeg + ffprobe into /opt/ffmpeg from Debian's own ffmpeg source package
# (the version, with Debian's security patches, that `apt-get install ffmpeg` would give).
#
# Why not the ffmpeg package: its libraries link ~180 others (SDL, X11, PulseAudio via libavdevice;
# flite, librsvg, x265, codec2, SVT-AV1… via libavcodec/libavfilter) and the runtime image grew by
# 695 MB (217 MB even when reduced to what the binaries load). The app only probes uploads
# (MP4/MOV/WebM), copies their streams, grabs a PNG poster and transcodes to H.264/AAC MP4, so
# this build keeps FFmpeg's own decoders for those formats plus libx264 and libdav1d (AV1):
# about 25 MB, two Debian libraries at run time.
set -eu
export DEBIAN_FRONTEND=noninteractive

# Source entries next to the binary ones (one-line and deb822 formats).
if [ -f /etc/apt/sources.list ]; then
  sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/ffmpeg-src.list
fi
for file in /etc/apt/sources.list.d/*.sources; do
  [ -f "$file" ] && sed -i 's/^Types: deb$/Types: deb deb-src/' "$file"
done
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  dpkg-dev build-essential nasm pkg-config libx264-dev libdav1d-dev zlib1g-dev >/dev/null

mkdir -p /tmp/ffmpeg-src && cd /tmp/ffmpeg-src
apt-get source -qq ffmpeg >/dev/null
cd ffmpeg-*/

# Components, by what the app does with them (app/services/media):
#   probe + stream copy of MP4/MOV/WebM uploads: mov and matroska demuxers/muxers, parsers, bsfs;
#   decoders of the codecs phones, cameras and browsers write; poster frame: png encoder, image2;
#   transcode: scale/pad/setsar/format, aresample, libx264 + aac encoders;
#   autorotation and -ss: transpose/hflip/vflip/trim (ffmpeg selects those itself).
./configure \
  --prefix=/opt/ffmpeg --extra-ldflags='-Wl,-rpath,/opt/ffmpeg/lib' \
  --enable-gpl --enable-shared --disable-static \
  --disable-autodetect --disable-debug --disable-doc --disable-ffplay \
  --disable-avdevice --disable-postproc --disable-network \
  --disable-everything \
  --enable-zlib --enable-libx264 --enable-libdav1d \
  --enable-protocol=file,pipe \
  --enable-demuxer=mov,matroska \
  --enable-muxer=mp4,mov,webm,matroska,image2,null \
  --enable-decoder=h264,hevc,mpeg4,vp8,vp9,libdav1d,prores,mjpeg,png,aac,aac_latm,mp3,mp3float,opus,vorbis,flac,alac,ac3,eac3,pcm_s16le,pcm_s16be,pcm_s24le,pcm_s24be,pcm_s32le,pcm_f32le \
  --enable-encoder=libx264,aac,png \
  --enable-parser=h264,hevc,mpeg4video,vp8,vp9,av1,aac,aac_latm,mpegaudio,opus,vorbis,flac,ac3,mjpeg,png \
  --enable-bsf=aac_adtstoasc,h264_mp4toannexb,hevc_mp4toannexb,vp9_superframe,vp9_superframe_split,av1_frame_split,extract_extradata,null \
  --enable-filter=scale,pad,setsar,format,aformat,aresample,null,anull,transpose,hflip,vflip,trim,atrim,copy,fps \
  >/dev/null
make -j"$(nproc)" >/dev/null
make install >/dev/null
rm -rf /opt/ffmpeg/include /opt/ffmpeg/share /opt/ffmpeg/lib/pkgconfig
/opt/ffmpeg/bin/ffmpeg -hide_banner -version | head -1
