"""What a learner does with a quiz in the browser, shared by the JupyterLab and the no-code (Voila) suites."""


def quiz_box(page, bank, question):
    heading = f"Question {bank.number_of(question.id)} of {len(bank.questions)} ·"
    return page.locator(".course-quiz", has_text=heading)


def feedback_of(box):
    return box.locator(".widget-html").last


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def give_answer(box, question, right: bool):
    """Set an answer by clicking or typing, as a learner would."""
    if question.type in ("single", "truefalse"):
        if question.type == "single":
            index = next(i for i, o in enumerate(question.options) if o.correct == right)
        else:
            index = 0 if question.answer == right else 1  # options are True, False
        box.locator("input[type=radio]").nth(index).check()
        return index
    if question.type == "multiple":
        boxes = box.locator("input[type=checkbox]")
        wrong = [i for i, o in enumerate(question.options) if not o.correct]
        for i, option in enumerate(question.options):
            wanted = option.correct if right else (i == wrong[0])
            if boxes.nth(i).is_checked() != wanted:
                boxes.nth(i).click()
        return None if right else wrong[0]
    low, high = (question.range if question.range else
                 (question.answer - question.tolerance, question.answer + question.tolerance))
    typed = f"{question.answer:g}" if right else f"{high + max(10.0, abs(high)):g}"
    box.locator("input[type=text]").fill(typed)
    return None


def expected_wrong_feedback(question, index):
    if question.type == "single":
        return question.options[index].feedback
    if question.type == "multiple":
        return question.options[index].feedback
    if question.type == "truefalse":
        return question.feedback["true" if index == 0 else "false"]
    return question.feedback["too_high"]
