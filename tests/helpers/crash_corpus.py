"""A few dozen invented documents for the crash test: papers, and guidelines whose reference
lists cite them (so the cross-document link rebuild has work to do)."""
from __future__ import annotations

from pathlib import Path

DRUGS = ["lenvatinib", "sorafenib", "apatinib", "donafenib", "regorafenib", "camrelizumab"]
SURNAMES = ["Abel", "Brandt", "Costa", "Dahl", "Eriksen", "Ferro", "Gallo", "Hale", "Ibsen", "Jensen",
            "Keller", "Lind", "Moreau", "Nagy", "Olsen", "Petit", "Quinn", "Roux", "Stein", "Thorne",
            "Ullman", "Vidal", "Weber", "Young"]


def paper(i: int) -> tuple[str, str, str]:
    """(file name, text, reference line) of invented paper i."""
    drug = DRUGS[i % len(DRUGS)]
    n1, n2 = 30 + i, 34 + 2 * i
    r1, r2 = 20 + i % 17, 10 + i % 11
    title = (f"Transarterial chemoembolization plus {drug} versus chemoembolization alone for "
             f"unresectable hepatocellular carcinoma: invented cohort {i}")
    authors = f"{SURNAMES[i % 24]} A, {SURNAMES[(i + 5) % 24]} B, {SURNAMES[(i + 11) % 24]} C"
    year, doi = 2015 + i % 9, f"10.9999/evkg.crash.{i:03d}"
    methods = (f"Methods: In this retrospective study, {n1 + n2} patients with unresectable HCC were analysed: "
               f"{n1} received TACE plus {drug} and {n2} received TACE alone. Tumour response was assessed by mRECIST.")
    results = (f"Results: The objective response rate was {r1 + 40}.0% in the combination group and {r2 + 30}.0% "
               f"in the TACE group (p = 0.0{i % 9 + 1}). Median progression-free survival was {8 + i % 5}.{i % 10} "
               f"months versus {5 + i % 3}.{(i * 3) % 10} months.")
    text = f"""{title}

{authors}

Department of Interventional Radiology, Invented Hospital {i}, Example City

J Invented Oncol. {year};{i + 3}:{100 + i}-{110 + i}. doi: {doi}

Abstract

{methods}

{results}

Conclusions: TACE plus {drug} improved tumour response compared with TACE alone.
"""
    ref = f"{authors}, et al. {title}[J]. J Invented Oncol, {year}, {i + 3}: {100 + i}-{110 + i}. doi: {doi}"
    return f"paper_{i:02d}.txt", text, ref


def guideline(j: int, refs: list[str]) -> tuple[str, str]:
    cites = "".join(f"[{k + 1}]" for k in range(len(refs)))
    lines = "\n".join(f"[{k + 1}] {r}" for k, r in enumerate(refs))
    text = f"""·指南与共识·

不可切除肝细胞癌经动脉化疗栓塞联合系统治疗示例共识（第 {j} 版）

示例介入专业委员会

【摘要】 本共识供临床参考。证据质量和推荐强度参照美国预防医学工作组（USPSTF）分级标准。

1 TACE 联合系统治疗

共识 1 对于不可切除的 BCLC B 期 HCC 患者，可考虑 TACE 联合靶向药物治疗（证据质量 II b, 推荐强度 B）。

多项回顾性研究提示联合治疗的 ORR 优于单纯 TACE{cites}。

共识 2 TACE 应在超选择插管下规范实施（证据质量 III, 推荐强度 B）。

[参考文献]

{lines}
"""
    return f"guideline_{j:02d}.txt", text


def write_corpus(folder: Path, papers: int = 24, guidelines: int = 6) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    refs = []
    for i in range(papers):
        name, text, ref = paper(i)
        (folder / name).write_text(text, encoding="utf-8")
        refs.append(ref)
    for j in range(guidelines):
        cited = [refs[(j * 4 + k) % papers] for k in range(6)]
        name, text = guideline(j, cited)
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())
