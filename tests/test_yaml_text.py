"""YAML parsed by libyaml for speed, with the pure-Python parser's error messages (which the course's advice quotes)."""

import pytest
import yaml

from miscarriage_course.yaml_text import fast_loader, load_yaml

BROKEN = "questions:\n  - id: a\n    prompt: [not closed\n    type: single\n"


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="this PyYAML has no libyaml")
def test_libyaml_does_the_parsing_when_it_is_there():
    assert issubclass(fast_loader(yaml.SafeLoader), yaml.CSafeLoader)

    class Strict(yaml.SafeLoader):
        pass

    Strict.add_constructor("!shout", lambda loader, node: loader.construct_scalar(node).upper())
    twin = fast_loader(Strict)
    assert issubclass(twin, yaml.CSafeLoader) and load_yaml("a: !shout hi", Strict) == {"a": "HI"}
    assert "!shout" not in yaml.CSafeLoader.yaml_constructors, "the twin's constructors are its own"


def test_a_broken_text_gets_the_pure_python_parsers_message():
    with pytest.raises(yaml.YAMLError) as python_error:
        yaml.load(BROKEN, Loader=yaml.SafeLoader)  # noqa: S506
    with pytest.raises(yaml.YAMLError) as ours:
        load_yaml(BROKEN)
    assert str(ours.value) == str(python_error.value)


def test_the_same_data_either_way():
    text = "a: 1\nb: [x, 'y', 2.5]\nc: {d: null, e: true}\nf: >\n  folded\n  text\n"
    assert load_yaml(text) == yaml.safe_load(text)
