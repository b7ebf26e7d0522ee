"""The teacher's answer key (course-answer-key, templates/answer_key*.j2): the HTML key escapes what the banks say,
the Markdown key prints it as written, and both list every bank and question."""

import dataclasses
import re

from miscarriage_course.quiz.answer_key import answer_key_html, answer_key_markdown, main
from miscarriage_course.quiz.bank import bank_names, load_bank

BANKS = [load_bank(name) for name in bank_names()]


def bank_with_markup():
    """The first course bank, its title, first prompt and first explanation holding characters HTML must escape."""
    bank = BANKS[0]
    first = dataclasses.replace(bank.questions[0], prompt='Is <b>x</b> & "y" the <script>answer</script>?',
                                explanation="It's < 5.")
    return dataclasses.replace(bank, title="Odds & ends", questions=(first, *bank.questions[1:]))


def test_the_html_key_escapes_what_the_banks_say():
    key = answer_key_html([bank_with_markup()])
    assert f"<h2>{BANKS[0].name}: Odds &amp; ends</h2>" in key
    assert "<p>Is &lt;b&gt;x&lt;/b&gt; &amp; &#34;y&#34; the &lt;script&gt;answer&lt;/script&gt;?</p>" in key
    assert "<p><strong>Explanation:</strong> It&#39;s &lt; 5.</p>" in key
    assert "<b>" not in key and "<script>" not in key


def test_the_markdown_key_prints_the_banks_text_as_written():
    key = answer_key_markdown([bank_with_markup()])
    assert f"## {BANKS[0].name}: Odds & ends\n" in key
    assert '\nIs <b>x</b> & "y" the <script>answer</script>?\n' in key
    assert "\n**Explanation:** It's < 5.\n" in key


def test_the_command_writes_every_bank_and_question_in_both_formats(tmp_path, capsys):
    questions = sum(len(bank.questions) for bank in BANKS)
    for form, opening, heading in (("markdown", "# Answer key\n", r"^### Question \d+ "),
                                   ("html", "<!DOCTYPE html>", r"^<h3>Question \d+ ")):
        output = tmp_path / f"answer-key.{form}"
        assert main(["--format", form, "--output", str(output)]) == 0
        assert f"({questions} questions)" in capsys.readouterr().out
        key = output.read_text(encoding="utf-8")
        assert key.startswith(opening)
        assert len(re.findall(heading, key, flags=re.M)) == questions, form
        assert all(f"{bank.name}: " in key for bank in BANKS), form
