"""A mobilization's mode comes from what it moves, whatever verb moves it (sentences we wrote):
soldiers are troops, warships and missiles weapons, police police; peacekeepers and observers
give the type but no mode."""

from __future__ import annotations

import pytest

from helpers import make_article
from storyline.nlp import analyse

pytestmark = pytest.mark.slow

CASES = [
    ("Russia sent troops to the border with Ukraine on Monday.", "troops"),
    ("Russia sent forces to the border with Ukraine on Monday.", "troops"),
    ("India deployed additional soldiers to the Ladakh region.", "troops"),
    ("Kyiv sent reinforcements to Bakhmut overnight.", "troops"),
    ("China sent warships to the Taiwan Strait on Tuesday.", "weapons"),
    ("China deployed warships to the Taiwan Strait on Tuesday.", "weapons"),
    ("The United States dispatched an aircraft carrier to the eastern Mediterranean.", "weapons"),
    ("The United Nations deployed peacekeepers to the buffer zone.", None),
]


@pytest.mark.parametrize("sentence, mode", CASES)
def test_mode_of_what_is_moved(sentence, mode):
    [article] = analyse([make_article("a.txt", text=sentence, published="2024-03-05")])
    mobilized = [e for e in article.events if e.type == "MOBILIZE"]
    assert mobilized, [(e.type, e.mode) for e in article.events]
    assert mobilized[0].mode == mode
