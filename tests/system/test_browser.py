"""The trace page in a real browser: Debian's chromium, headless, driven by selenium through
chromedriver (/usr/bin/chromium, /usr/bin/chromedriver; nothing is downloaded)."""
import shutil
import urllib.parse

import pytest

from evkg.kg.report.trace import trace
from evkg.kg.store.backends import open_store
from helpers.serve import running_server

GUIDELINE = "002_e3fe8ab5a02a181e"


def _find(*names: str) -> str | None:
    return next((p for p in map(shutil.which, names) if p), None)


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    chromium = _find("chromium", "chromium-browser")
    driver_path = _find("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("no chromium/chromedriver: `apt-get install chromium chromium-driver` to run the browser test")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _texts(browser, css: str) -> list[str]:
    from selenium.webdriver.common.by import By
    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, css)]


def _trace_url(base: str, doc: str, label: str) -> str:
    return f"{base}/trace/{urllib.parse.quote(doc)}?" + urllib.parse.urlencode({"label": label})


def test_trace_page_of_a_seed_recommendation_shows_its_references_and_quote(browser, seeds_store):
    with open_store(seeds_store, read_only=True) as st:
        rec = next(r for r in trace(st, GUIDELINE)["recommendations"] if r["references"])
    with running_server(seeds_store, workers=1) as (base, _):
        browser.get(base + "/")
        assert GUIDELINE in browser.page_source
        browser.get(_trace_url(base, GUIDELINE, rec["label"]))
        assert browser.find_element("tag name", "h1").text == rec["label"]
        statement = _texts(browser, ".statement .quote")
        assert statement == [" ".join(rec["quote"].split())] or statement == [rec["quote"]]
        references = _texts(browser, ".cite .reference")
        assert len(references) == len(rec["references"])  # each reference once
        for shown, c in zip(references, rec["references"]):
            assert shown.startswith(f"[{c['ref']}]") and c["reference"]["first_author"] in shown
        assert all(q.strip() for q in _texts(browser, ".cite .quote"))


def test_trace_page_shows_a_resolved_source_and_its_outcome_quotes(browser, examples_session_store):
    store = examples_session_store
    with open_store(store, read_only=True) as st:
        rec = next(r for r in trace(st, "consensus_tace_haic_zh")["recommendations"]
                   if any(c["resolved"] for c in r["references"]))
    cited = next(c for c in rec["references"] if c["resolved"])
    outcome_quotes = [" ".join(c["quote"].split()) for c in cited["comparisons"]]
    with running_server(store, workers=1) as (base, _):
        browser.get(_trace_url(base, "consensus_tace_haic_zh", rec["label"]))
        shown = [" ".join(t.split()) for t in _texts(browser, ".outcomes .source-quote .quote")]
        assert outcome_quotes and set(outcome_quotes) <= set(shown)
        link = browser.find_element("link text", cited["resolved"])
        link.click()
        assert browser.find_element("tag name", "h1").text  # the source's own page, with its text
        assert browser.find_elements("css selector", "mark.k-outcome")
