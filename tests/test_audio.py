"""Audio: human recordings win; otherwise espeak-ng's Kazakh voice, cached as WAV."""
import io
import wave

import pytest

from qazaq import audio


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("QAZAQ_HOME", str(tmp_path))
    return tmp_path


def test_synthesis_is_cached_wav(home):
    path = audio.audio_for("a1-0001", "Сәлеметсіз бе")
    assert path.parent == home / "audio" and path.suffix == ".wav"
    with wave.open(io.BytesIO(path.read_bytes())) as wav:
        assert wav.getnchannels() == 1 and wav.getframerate() > 8000
        assert wav.getnframes() > wav.getframerate() // 4  # at least a quarter second of speech
    mtime = path.stat().st_mtime_ns
    assert audio.audio_for("a1-0001", "Сәлеметсіз бе").stat().st_mtime_ns == mtime  # not re-synthesized


def test_changed_text_gets_new_audio():
    assert audio.audio_for("a1-0002", "сәлем") != audio.audio_for("a1-0002", "рақмет")


def test_human_recording_takes_precedence(tmp_path, monkeypatch):
    monkeypatch.setattr(audio, "HUMAN_DIR", tmp_path)
    (tmp_path / "a1-0003.ogg").write_bytes(b"OggS")
    path = audio.audio_for("a1-0003", "үй")
    assert path == tmp_path / "a1-0003.ogg" and not audio.is_synthetic(path)


def test_widget_is_labelled_synthetic():
    box = audio.audio_widget("a1-0004", "су")
    player, label = box.children
    assert player.format == "wav" and player.value[:4] == b"RIFF"
    assert label.value == audio.SYNTHETIC_LABEL


@pytest.mark.parametrize("entry_id, text, message", [
    ("../etc/passwd", "су", "Not a vocabulary id"),
    ("a1-0005", "  ", "Nothing to say"),
])
def test_bad_input_is_a_clear_error(entry_id, text, message):
    with pytest.raises(audio.AudioError, match=message):
        audio.audio_for(entry_id, text)
