"""qazaq.render.kazakh_html: the one helper that shows Kazakh in the learner's script."""
from __future__ import annotations

import pytest

from qazaq import render
from qazaq.render import kazakh_html


@pytest.mark.parametrize("script,html", [
    ("cyrl", '<span class="kk" lang="kk-Cyrl">Сәлем, үй!</span>'),
    ("latn", '<span class="kk" lang="kk-Latn">Sälem, üi!</span>'),
    ("arab", '<span class="kk" lang="kk-Arab" dir="rtl">سالەم، ٴۇي!</span>'),
])
def test_each_script(script, html):
    assert kazakh_html("Сәлем, үй!", script) == html


def test_escapes_text_and_class_and_uses_the_tag():
    assert kazakh_html("<b>ел</b> & «жер»", "arab", tag="div", cls='kk x"y') == (
        '<div class="kk x&quot;y" lang="kk-Arab" dir="rtl">&lt;b&gt;ەل&lt;/b&gt; &amp; «جەر»</div>')


def test_none_follows_the_learner_setting(monkeypatch):
    monkeypatch.setattr(render, "_learner_script", lambda: "latn")
    assert kazakh_html("Қазақ") == '<span class="kk" lang="kk-Latn">Qazaq</span>'


def test_learner_script_is_a_script():
    assert render._learner_script() in ("cyrl", "latn", "arab")


@pytest.mark.parametrize("kwargs,message", [
    ({"script": "greek"}, "Unknown script 'greek'"),
    ({"script": "cyrl", "tag": "span onclick=x"}, "Not an HTML tag name"),
])
def test_bad_arguments_give_clear_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        kazakh_html("үй", **kwargs)
