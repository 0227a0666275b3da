"""A1 and A2 level tests in the KAZTEST format: Listening, Lexis and grammar, Reading, Writing,
60% needed in every block.

    generate(level, seed) -> LevelTest        items from assets/level_tests/<level>.yaml, the
                                              morphology engine and the vocabulary
    score(test, answers, essay=None, with_essay=False) -> Result   per-block points and pass/fail
    show_self_check(level)                    the self-check page (JupyterLab, the public site)
    TestSheet(level), grade_block(level, block)   the graded version for nbgrader
    variant_count(level)                      how many different item sets the generator makes

Certificates for the graded version: ``qazaq.grading.certificates``.
"""
from qazaq.level_test.items import (BLOCK_TITLES, BLOCKS, LEVELS, Essay, Item, LevelTest, LevelTestError,
                                    Stimulus, generate, item_counts, variant_count)
from qazaq.level_test.scoring import PASS_SHARE, BlockResult, Result, check_item, passes, score, seed_of
from qazaq.level_test.sheet import SelfCheck, TestSheet, assignment_id, grade_block, show_self_check

__all__ = ["BLOCKS", "BLOCK_TITLES", "LEVELS", "PASS_SHARE", "BlockResult", "Essay", "Item", "LevelTest",
           "LevelTestError", "Result", "SelfCheck", "Stimulus", "TestSheet", "assignment_id", "check_item",
           "generate", "grade_block", "item_counts", "passes", "score", "seed_of", "show_self_check",
           "variant_count"]
