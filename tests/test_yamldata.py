"""Data blocks read by argmap's fast path mean exactly what YAML says they mean."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.syntax.yamldata import YamlProblem, _simple_data, load_data, load_front_matter

KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
VALUES = st.one_of(
    st.from_regex(r'"[ -!#-\[\]-~é“”]{0,12}"', fullmatch=True),
    st.integers(min_value=0, max_value=10**18).map(str),
    st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,6}", fullmatch=True),
    st.sampled_from(["yes", "No", "true", "null", "on", "0x1F", "1e3", "01", "2019-01-01"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES), max_size=5), st.sampled_from([" ", "  ", "\t"]))
def test_fast_path_agrees_with_yaml(pairs: list[tuple[str, str]], space: str) -> None:
    image = "{" + ", ".join(f"{k}:{space}{v}" for k, v in pairs) + "}"
    fast = _simple_data(image)
    try:
        expected = yaml.safe_load(image)
    except yaml.YAMLError:
        assert fast is None, image
        return
    if fast is not None:
        assert fast == expected, image
        assert load_data(image) == fast


def test_card_data_takes_the_fast_path() -> None:
    image = '{cite: "Doe 2019", url: "https://example.org/doe", year: 2019}'
    assert _simple_data(image) == {
        "cite": "Doe 2019",
        "url": "https://example.org/doe",
        "year": 2019,
    }


def test_special_words_and_other_yaml_go_to_yaml() -> None:
    for image in ("{a: yes}", "{a: 1.5}", '{a: "x\\"y"}', "{a: b, a: c}", "{on: 1}", "{a: [1]}"):
        assert _simple_data(image) is None, image
    assert load_data("{a: yes}") == {"a": True}


def test_a_key_written_twice_is_refused_where_it_is_written_again() -> None:
    # As Argdown's YAML reader (js-yaml): "duplicated mapping key", not the last value.
    with pytest.raises(YamlProblem, match="duplicated mapping key") as raised:
        load_data("{cite: a, url: b, cite: c}")
    assert (raised.value.line, raised.value.column) == (0, 18)
    with pytest.raises(YamlProblem, match="duplicated mapping key") as raised:
        load_front_matter("title: A\nauthor:\n  name: x\n  name: y\n")
    assert (raised.value.line, raised.value.column) == (3, 2)


def test_merge_keys_may_be_overridden() -> None:
    assert load_front_matter("base: &b {a: 1, c: 2}\nmerged:\n  <<: *b\n  a: 3\n") == {
        "base": {"a": 1, "c": 2},
        "merged": {"a": 3, "c": 2},
    }
