"""Mutations of valid inputs for the reader fuzz tests and `bench/fuzz.py`: structure-aware ones
(a JSON value of the wrong type, a null in a list, an XML element moved, emptied or doubled)
and byte-level ones (a slice cut, doubled or dropped, a character replaced), and the shapes that
once ended in an internal error: nesting a thousand levels deep and numbers of thousands of
digits (`deep_json`, `deep_xml`, `huge_number`)."""
from __future__ import annotations

import copy
import json
import random
import re
from pathlib import Path

WRONG_VALUES = ["x", None, 0, -1, 1.5e308, True, [], {}, [None], ["x"], {"x": None}, "", " " * 3]
_SPLICE = "\x00evkg-splice\x00"  # stands for raw JSON text json.dumps cannot write (too deep, too long)


def huge_number(rng: random.Random) -> str:
    """A number as written that Python's int() or float() chokes on or makes infinite."""
    digits = "9" * rng.randint(4_400, 6_000)  # past int()'s 4,300
    return rng.choice([digits, "-" + digits, digits + ".5", "1e" + digits[:400], "0." + digits,
                       "1" + "0" * rng.randint(4_300, 6_000) + "e-6000"])


def deep_json(rng: random.Random) -> str:
    depth = rng.randint(250, 1_200)  # past MAX_DEPTH, and past Python's 1,000 frames
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    return opener * depth + rng.choice(["0", '"x"', "null"]) + closer * depth


def deep_xml(rng: random.Random, inner: str = "text") -> str:
    depth = rng.randint(250, 1_200)  # past MAX_DEPTH, and past Python's 1,000 frames
    tag = rng.choice(["x", "sec", "p", "AbstractText", "textblock"])
    return f"<{tag}>" * depth + inner + f"</{tag}>" * depth


def _paths(node, here=()):
    yield here
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, here + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, here + (i,))


def mutate_json(text: str, rng: random.Random) -> str:
    """One to three values of the parsed file replaced by values of other types, or nulls
    inserted into lists, or keys dropped."""
    data = json.loads(text)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = rng.choice(paths)
        parent = data
        for k in path[:-1]:
            parent = parent[k]
        op = rng.random()
        if op < 0.15 and isinstance(parent, dict):
            del parent[path[-1]]
        elif op < 0.3 and isinstance(parent[path[-1]], list):
            parent[path[-1]].insert(rng.randint(0, len(parent[path[-1]])), rng.choice([None, "x", 3, []]))
        elif op < 0.4:
            parent[path[-1]] = _SPLICE  # a huge number or deep nesting, spliced in below
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(WRONG_VALUES))
    text = json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1, 2]))
    quoted = json.dumps(_SPLICE)
    while quoted in text:
        text = text.replace(quoted, huge_number(rng) if rng.random() < 0.5 else deep_json(rng), 1)
    return text


_ELEMENT = re.compile(r"<([A-Za-z_][\w.-]*)(?:\s[^<>]*)?>(?:(?!<\1[\s>]).)*?</\1>|<[A-Za-z_][\w.-]*(?:\s[^<>]*)?/>",
                      re.S)


def mutate_xml(text: str, rng: random.Random) -> str:
    """Whole elements (found textually) deleted, doubled, swapped, emptied, replaced by text or
    by another element; attributes blanked."""
    for _ in range(rng.randint(1, 3)):
        elements = list(_ELEMENT.finditer(text))
        if not elements:
            break
        m = rng.choice(elements)
        other = rng.choice(elements).group(0)
        tag = m.group(1) or "x"
        op = rng.randrange(8)
        repl = ["", m.group(0) * 2, other, f"<{tag}></{tag}>", f"<{tag}>text &amp; more</{tag}>",
                re.sub(r'="[^"]*"', '=""', m.group(0)), f"<{tag}>{deep_xml(rng)}</{tag}>",
                f"<{tag}>{huge_number(rng)}</{tag}>"][op]
        text = text[:m.start()] + repl + text[m.end():]
    return text


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """A slice cut out, doubled, or overwritten with noise or a repeated run (runs find loops
    that grow with the input)."""
    for _ in range(rng.randint(1, 4)):
        if not data:
            return data
        i = rng.randrange(len(data))
        j = min(len(data), i + rng.randint(1, 400))
        op = rng.randrange(5)
        if op == 0:
            data = data[:i] + data[j:]
        elif op == 1:
            data = data[:j] + data[i:j] + data[j:]
        elif op == 2:
            data = data[:i] + bytes(rng.randrange(256) for _ in range(j - i)) + data[j:]
        elif op == 3:
            data = data[:i] + data[i:i + rng.randint(1, 8)] * rng.randint(50, 2000) + data[i:]
        else:
            data = data[:i] + rng.choice([b"(", b"[", b"1", b" ", b"\xef\xbc\x88", b"\xe3\x80\x81", b"."]) \
                * rng.randint(100, 5000) + data[j:]
    return data


def mutate_text(text: str, rng: random.Random) -> str:
    """Runs of characters a text pattern may loop over: digits, brackets, punctuation, spaces,
    both widths, repeated in the middle of real sentences."""
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(text) + 1)
        piece = rng.choice(["1", "1.", "(", "（", "[", "【", ",", "，", "、", " ", "\n", "%", "a", "中",
                            "TACE ", "95% CI ", "1-", "±", "/", ";", "HR=", "n=", text[i:i + 20]])
        if rng.random() < 0.15:  # one number of thousands of digits in a sentence
            text = text[:i] + rng.choice([" n = ", " ", "HR ", "(", " 95% CI "]) + huge_number(rng) + " " + text[i:]
            continue
        text = text[:i] + piece * rng.randint(20, 3000) + text[i:]
    return text


def mutant(path: Path, rng: random.Random) -> bytes:
    """A mutant of the file at `path`, by a structure-aware or a byte-level mutation."""
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if rng.random() < 0.3:
        return mutate_bytes(raw, rng)
    text = raw.decode("utf-8-sig")
    if suffix == ".json":
        return mutate_json(text, rng).encode("utf-8")
    if suffix == ".xml":
        return mutate_xml(text, rng).encode("utf-8")
    return mutate_text(text, rng).encode("utf-8")
