"""One label key, as the annotation guide writes labels: `共识 4`, `Consensus 4` and `4` are one label."""
import pytest

from evkg.extract.guidelines.labels import label_key, label_number, qualified


@pytest.mark.parametrize("written", ["共识 4", "共识4", "Consensus 4", "consensus4", "Recommendation 4", "#4", "4",
                                     "推荐意见 4", "No. 4"])
def test_the_words_that_only_say_a_label_is_one_do_not_count(written):
    assert label_key(written) == "4"


def test_a_label_within_its_section_and_a_label_of_words_only():
    assert label_key("4.1 2") == label_key("4.1 / 2") == "4.1 2"
    assert label_key("Diagnosis 1") == "diagnosis 1"
    assert label_number("共识") == "共识" and label_number("Recommendation 3.2:") == "3.2"
    assert qualified("4.1", "Recommendation 2") == "4.1 2" and qualified("", "共识 2") == "共识 2"
