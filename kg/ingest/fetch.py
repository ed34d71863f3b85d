"""Download trial registrations from the ClinicalTrials.gov API v2 as JSON files ready to ingest."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path

from evkg.core.errors import EvkgError
from evkg.core.text import NCT

DEFAULT_BASE = "https://clinicaltrials.gov/api/v2"
RETRIES = 3
BACKOFF = 1.0  # seconds before the first retry; doubled for each further one
TIMEOUT = 30
# Worth another try: the server is busy or failing, not refusing the request.
_TRANSIENT = {429, 500, 502, 503, 504}


def fetch_ctgov(ids: Iterable[str], into: Path, base_url: str | None = None, retries: int = RETRIES,
                backoff: float = BACKOFF, sleep: Callable[[float], None] = time.sleep) -> list[Path]:
    """Save each study as INTO/<NCT id>.json; raises EvkgError naming the ids that failed (after saving the rest)."""
    ids = [i.strip().upper() for i in ids]
    bad = [i for i in ids if not NCT.fullmatch(i)]
    if bad:
        raise EvkgError(f"not NCT ids: {', '.join(bad)}; an NCT id is 'NCT' and 8 digits, e.g. NCT01234567")
    base = (base_url or DEFAULT_BASE).rstrip("/")
    into = Path(into)
    into.mkdir(parents=True, exist_ok=True)
    saved, failed = [], []
    for nct in ids:
        try:
            saved.append(_save(nct, _download(f"{base}/studies/{nct}", nct, retries, backoff, sleep), into))
        except EvkgError as e:
            failed.append(str(e))
    if failed:
        raise EvkgError(f"{len(failed)} of {len(ids)} downloads failed ({len(saved)} saved in {into}): "
                        + "; ".join(failed))
    return saved


def _download(url: str, nct: str, retries: int, backoff: float, sleep: Callable[[float], None]) -> bytes:
    reason = ""
    for attempt in range(retries + 1):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"}),
                                        timeout=TIMEOUT) as resp:
                return resp.read()
        except urllib.error.HTTPError as e:
            if e.code == 404:
                raise EvkgError(f"{nct}: no such study at {url} (HTTP 404); check the NCT id") from None
            if e.code not in _TRANSIENT:
                raise EvkgError(f"{nct}: {url} answered HTTP {e.code} {e.reason}") from None
            reason = f"HTTP {e.code} {e.reason}"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            reason = str(getattr(e, "reason", e))
    raise EvkgError(f"{nct}: {url} failed {retries + 1} times ({reason}); try again later")


def _save(nct: str, raw: bytes, into: Path) -> Path:
    """Check that the answer is this study's JSON record, then write it whole (never a partial file)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise EvkgError(f"{nct}: the answer is not JSON ({e})") from None
    ident = (data.get("protocolSection") or {}).get("identificationModule", {}) if isinstance(data, dict) else {}
    got = ident.get("nctId") if isinstance(ident, dict) else None
    if got != nct:
        raise EvkgError(f"{nct}: the answer is not the study's record (nctId {got!r})")
    path = into / f"{nct}.json"
    tmp = path.with_suffix(".json.part")
    tmp.write_bytes(raw)
    tmp.replace(path)
    return path
