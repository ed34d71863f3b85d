"""XML shapes: an element tree seen as JSON data (an element is an object of its attributes,
`@name`, and its child elements, each tag a list), so the same JSON Schema checks that the
elements a reader walks into exist where required and that fields read as plain text hold
no child elements."""
from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from evkg.extract.readers import schema

# An element read as plain text: attributes allowed, child elements not.
TEXT = {"type": "object", "propertyNames": {"pattern": "^@"}}
# An element read as running text (inline markup such as <i> or <sup> allowed).
ANY = {"type": "object"}


def el(required: tuple[str, ...] = (), **children) -> dict:
    """An element whose named children (each a list of elements) have these shapes."""
    out = {"type": "object", "properties": {tag: {"type": "array", "items": shape}
                                            for tag, shape in children.items()}}
    if required:
        out["required"] = list(required)
    return out


def data(elem: Element) -> dict:
    """The element as JSON data, built without recursion (a file's nesting is its own business)."""
    root: dict = {f"@{k}": v for k, v in elem.attrib.items()}
    todo = [(elem, root)]
    while todo:
        parent, out = todo.pop()
        for child in parent:
            if isinstance(child.tag, str):
                node = {f"@{k}": v for k, v in child.attrib.items()}
                out.setdefault(child.tag.rsplit("}", 1)[-1], []).append(node)
                todo.append((child, node))
    return root


def xml_path(parts, root: str) -> str:
    """`clinical_study/arm_group[2]/arm_group_label`: XPath-like, positions from 1, first ones left out."""
    out = root
    for p in parts:
        if isinstance(p, int):
            out += f"[{p + 1}]" if p else ""
        else:
            out += f"/{p}"
    return out


def check(root: Element, shape: dict, path: str | Path) -> None:
    schema.check(data(root), shape, path, root=root.tag.rsplit("}", 1)[-1], render=xml_path)
