"""The shared checks of free text and taxonomy codes (core.validation)."""

import pytest
from django.core.exceptions import ValidationError

from core.validation import clean_codes, clean_text, clean_visibility, unknown_codes


def refusal(call, *args, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.message_dict


# --- Free text --------------------------------------------------------------------------------


def test_text_is_stripped_and_none_is_empty():
    assert clean_text("  Safe routes \n", field="title") == "Safe routes"
    assert clean_text(None, field="title") == ""


def test_text_that_is_not_text_is_refused_on_its_field():
    assert refusal(clean_text, 12, field="title") == {"title": ["Give text."]}


def test_text_with_a_nul_is_refused_before_postgres_sees_it():
    assert refusal(clean_text, "Safe\x00routes", field="summary") == {
        "summary": ["Null characters are not allowed."]
    }


def test_required_text_may_not_be_blank():
    assert refusal(clean_text, "   ", field="title", required=True) == {
        "title": ["This field is required."]
    }
    assert refusal(
        clean_text, "", field="text", required=True, required_message="Write the text."
    ) == {"text": ["Write the text."]}


def test_text_over_its_length_is_refused_and_at_its_length_kept():
    assert clean_text("a" * 10 + "  ", field="title", max_length=10) == "a" * 10
    assert refusal(clean_text, "a" * 11, field="title", max_length=10) == {
        "title": ["Write at most 10 characters."]
    }


def test_gathered_refusals_name_every_field_and_raise_nothing():
    errors: dict[str, list[str]] = {}
    assert clean_text("", field="title", required=True, errors=errors) == ""
    assert clean_text("a" * 5, field="parameters.fee", max_length=4, errors=errors) == ""
    assert clean_text("kept", field="note", errors=errors) == "kept"
    assert errors == {
        "title": ["This field is required."],
        "parameters.fee": ["Write at most 4 characters."],
    }


# --- Taxonomy codes ---------------------------------------------------------------------------


def test_codes_keep_their_order_without_duplicates():
    assert clean_codes(["return", "arrival", "return"], field="steps") == ["return", "arrival"]
    assert clean_codes(None, field="steps") == []


def test_unknown_codes_are_named_in_the_refusal():
    assert refusal(clean_codes, ["arrival", "moon", "mars"], field="steps") == {
        "steps": ["Unknown code: moon, mars."]
    }


def test_codes_are_checked_against_the_vocabulary_named():
    assert clean_codes(["arrival"], field="tags", vocabulary="step") == ["arrival"]
    assert unknown_codes(["arrival", "europe"], "region") == ["arrival"]


def test_codes_that_are_not_a_list_of_texts_are_refused():
    assert refusal(clean_codes, "arrival", field="steps") == {"steps": ["Give a list of codes."]}
    assert refusal(clean_codes, [1], field="steps") == {"steps": ["Give a list of codes."]}


def test_gathered_code_refusals_raise_nothing():
    errors: dict[str, list[str]] = {}
    assert clean_codes(["moon"], field="principles", errors=errors) == []
    assert errors == {"principles": ["Unknown code: moon."]}


# --- Audiences --------------------------------------------------------------------------------


def test_visibility_is_one_of_the_three_audiences():
    assert clean_visibility("movement") == "movement"
    assert refusal(clean_visibility, "everyone") == {
        "visibility": ["Choose public, movement or ifrc."]
    }
