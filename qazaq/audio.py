"""Audio for vocabulary entries: a human recording when we have one, else espeak-ng's Kazakh voice.

Human recordings live at ``assets/audio/<id>.(ogg|mp3|wav)`` and always win. Otherwise the
word is synthesized offline with the libespeak-ng shipped by the ``espeakng-loader`` wheel
(no system package needed), on demand, and cached as WAV in ``$QAZAQ_HOME/audio`` or the
per-user cache dir, so each word is synthesized once per machine.
"""
from __future__ import annotations

import ctypes
import hashlib
import io
import os
import re
import threading
import wave
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import platformdirs

from qazaq.shared import ASSETS

HUMAN_DIR = ASSETS / "audio"
HUMAN_EXTS = ("ogg", "mp3", "wav")
VOICE = "kk"
SYNTHETIC_LABEL = "Synthetic voice (espeak-ng)"
_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_LOCK = threading.Lock()  # libespeak-ng keeps global state: one synthesis at a time
_SYNC = 0x02  # AUDIO_OUTPUT_SYNCHRONOUS
_UTF8 = 1  # espeakCHARS_UTF8


class AudioError(RuntimeError):
    """Audio could not be produced; the message says why and what to do."""


def cache_dir() -> Path:
    """Where synthesized WAVs are kept: ``$QAZAQ_HOME/audio`` or the platformdirs user cache."""
    home = os.environ.get("QAZAQ_HOME")
    if home:
        return Path(home) / "audio"
    return Path(platformdirs.user_cache_dir("qazaq-notebooks")) / "audio"


def human_recording(entry_id: str) -> Path | None:
    """A recording made by a person for this entry, if one is in assets/audio/."""
    for ext in HUMAN_EXTS:
        path = HUMAN_DIR / f"{entry_id}.{ext}"
        if path.is_file():
            return path
    return None


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


@lru_cache(maxsize=1)
def _engine() -> tuple[ctypes.CDLL, int, list]:
    """Load libespeak-ng once; returns (library, sample rate, sample buffer filled by the callback)."""
    try:
        import espeakng_loader  # optional: without it, the clear message below
    except ImportError as exc:
        raise AudioError("Speech synthesis needs the espeakng-loader package: pip install espeakng-loader") from exc
    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    data_parent = str(Path(espeakng_loader.get_data_path()).parent).encode()
    rate = lib.espeak_Initialize(_SYNC, 0, data_parent, 0)
    if rate <= 0:
        raise AudioError(f"espeak-ng could not start (data in {data_parent.decode()})")
    samples: list = []

    def collect(wav, count, _events):
        if wav and count > 0:
            samples.append(ctypes.string_at(wav, count * 2))
        return 0

    callback = _CALLBACK(collect)
    lib.espeak_SetSynthCallback(callback)
    if lib.espeak_SetVoiceByName(VOICE.encode()) != 0:
        raise AudioError("espeak-ng has no Kazakh voice (kk) in this installation")
    _engine.callback = callback  # keep the C callback alive as long as the library
    return lib, rate, samples


def synthesize(text: str) -> bytes:
    """WAV bytes (16-bit mono) of ``text`` read by espeak-ng's Kazakh voice."""
    if not isinstance(text, str) or not text.strip():
        raise AudioError("Nothing to say: the text is empty")
    with _LOCK:
        lib, rate, samples = _engine()
        samples.clear()
        data = text.encode("utf-8")
        status = lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, _UTF8, None, None)
        if status != 0:
            raise AudioError(f"espeak-ng failed to synthesize {text!r} (status {status})")
        pcm = b"".join(samples)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return buffer.getvalue()


def _cache_path(entry_id: str, text: str) -> Path:
    # The text is part of the name so that correcting a headword never replays the old audio.
    digest = hashlib.sha1(f"{VOICE}\0{text}".encode()).hexdigest()[:12]
    return cache_dir() / f"{entry_id}-{digest}.wav"


def audio_for(entry_id: str, text: str) -> Path:
    """Path of the audio for an entry: the human recording if present, else a cached synthesis."""
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise AudioError(f"Not a vocabulary id: {entry_id!r} (letters, digits, - and _ only)")
    human = human_recording(entry_id)
    if human:
        return human
    path = _cache_path(entry_id, text)
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(synthesize(text))
        tmp.replace(path)  # atomic, so a half-written file is never played
    return path


def is_synthetic(path: Path) -> bool:
    """True when the audio at ``path`` is machine-made (not a human recording)."""
    return Path(path).parent != HUMAN_DIR


def audio_widget(entry_id: str, text: str):
    """An ``ipywidgets`` box: the audio player and a label saying whose voice it is."""
    path = audio_for(entry_id, text)
    fmt = path.suffix.lstrip(".")
    player = widgets.Audio(value=path.read_bytes(), format=fmt, autoplay=False, loop=False)
    label = SYNTHETIC_LABEL if is_synthetic(path) else "Recorded by a speaker"
    return widgets.VBox([player, widgets.Label(label)], layout=widgets.Layout(width="auto"))
