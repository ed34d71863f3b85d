"""The plugin list: declarations checked once, requirements met before a plugin runs, and only
the fact kinds a plugin assigns."""
from __future__ import annotations

from pathlib import Path

import pytest

from evkg.core.errors import EvkgError, PluginError
from evkg.core.model import Document
from evkg.core.records import Field, TrialRecord
from evkg.extract.pipeline import PLUGINS, extract_facts, plugins, run_plugins
from evkg.extract.plugin import REQUIREMENTS, Plugin, check_plugins
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

RUN = Context()
TEXT = "An invented trial of TACE in hepatocellular carcinoma."


class Titles(Plugin):
    """Quotes the registered title: needs the trial record."""
    name = "titles"
    requires = ("record",)
    assigns = ("design",)

    def extract(self, doc, ctx):
        t = doc.record.title
        yield self.fact(ctx, "design", t.start, t.end, name="rct")


class Stray(Plugin):
    """Declares endpoints but makes a drug fact."""
    name = "stray"
    assigns = ("endpoint",)

    def extract(self, doc, ctx):
        yield self.fact(ctx, "drug", 0, 4, name="x")


def test_builtin_plugins_have_snake_case_names_and_declare_what_they_read_and_make():
    assert check_plugins(PLUGINS) == PLUGINS
    for p in PLUGINS:
        assert p.assigns and set(p.requires) <= set(REQUIREMENTS), p.name
    assert "paper_endpoints" in [p.name for p in PLUGINS]


def test_a_plugin_runs_only_on_documents_that_have_what_it_requires():
    record = TrialRecord(title=Field(0, 13, "An invented t"))
    with_record = Document("r", TEXT, doctype="registration", record=record)
    without = Document("p", TEXT, doctype="registration")
    (fact,) = run_plugins(with_record, RUN, check_plugins([Titles()]))
    assert (fact.kind, fact.provenance.quote, fact.provenance.extractor) == ("design", "An invented t", "titles")
    assert run_plugins(without, RUN, [Titles()]) == []


def test_a_fact_of_a_kind_the_plugin_does_not_assign_is_an_error():
    with pytest.raises(PluginError, match="'stray' made a 'drug' fact but assigns only endpoint"):
        run_plugins(Document("d", TEXT), RUN, check_plugins([Stray()]))


@pytest.mark.parametrize("change, message", [
    ({"name": "paper-endpoints"}, "snake_case"),
    ({"requires": ("record", "tables")}, "unknown requires 'tables'"),
    ({"assigns": ("opinion",)}, "unknown assigns 'opinion'"),
    ({"assigns": ()}, "declare the fact kinds"),
    ({"doctypes": ("letter",)}, "unknown doctypes 'letter'"),
])
def test_declarations_are_checked(change, message):
    bad = type("Bad", (Titles,), change)()
    with pytest.raises(PluginError, match=message):
        check_plugins([bad])


def test_two_plugins_of_one_name_are_refused():
    with pytest.raises(PluginError, match="two plugins are named 'titles'"):
        check_plugins([Titles(), Titles()])


def test_plugins_by_name_in_the_order_named_and_unknown_names_listed():
    assert [p.name for p in plugins(["references", "entities"])] == ["references", "entities"]
    with pytest.raises(EvkgError, match="unknown extractor.*nope.*known: entities"):
        plugins(["nope"])


def test_a_registration_plugin_is_skipped_without_a_record_and_prose_plugins_still_run():
    doc = read_plain(Path("invented.txt"), TEXT)
    facts = extract_facts(doc, RUN)
    assert {f.provenance.extractor for f in facts} == {"entities"}
    assert extract_facts(Document("r", TEXT, doctype="registration"), RUN) == []
